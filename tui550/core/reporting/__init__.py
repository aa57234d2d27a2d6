"""Renderers of follow-up reports and the wall chart (markdown, docx, xlsx, html).

Each renderer takes a model from `tui550.core.store.supervision` or
`tui550.core.store.wallchart` and returns text or bytes; writing files is
`tui550.core.reporting.files`. openpyxl and python-docx load inside the functions.
"""
