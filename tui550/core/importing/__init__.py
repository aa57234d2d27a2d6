"""Importing ledgers: the "550" project list and existing issue lists (问题清单).

`import_ledger` reads a file (`reading`), finds and maps its header (`headers`),
checks every row (`rows`, `values`), plans what would change against the
database and writes it in one transaction (`write_projects`, `write_issues`).
All-or-nothing by default: any bad row and nothing is written.
"""

from tui550.core.importing.run import ImportReport, import_ledger

__all__ = ["ImportReport", "import_ledger"]
