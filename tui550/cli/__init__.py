"""The command line (Typer). Imports the core freely and the Textual app only to open it."""
