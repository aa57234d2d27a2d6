"""The Textual app. It calls the core through `tui550.core.store` and gets plain objects back."""
