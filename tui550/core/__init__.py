"""The core: domain, storage, import, export. Never imports Textual."""
