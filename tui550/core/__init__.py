"""The core: domain, storage, import, export. Never imports Textual (a test proves it)."""
