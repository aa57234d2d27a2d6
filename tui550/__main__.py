from tui550.cli.main import run

run()
