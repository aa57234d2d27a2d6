"""LibreOffice opens the docx minutes and the xlsx lists, and `-f pdf` makes PDFs through it.
Skipped where LibreOffice (or poppler's pdftotext) is missing; `.ci/services start` installs them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.export_helpers import lists_xlsx_with_formula_text, minutes_docx
from tui550.core.db import Database


@pytest.fixture
def docx_path(demo_db: Database, tmp_path: Path) -> Path:
    return minutes_docx(demo_db, tmp_path)


@pytest.fixture
def xlsx_path(demo_db: Database, tmp_path: Path) -> Path:
    return lists_xlsx_with_formula_text(demo_db, tmp_path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fixture, target", [("docx_path", "pdf"), ("xlsx_path", "pdf")])
def test_libreoffice_opens_the_files(
    request: pytest.FixtureRequest, fixture: str, target: str, tmp_path: Path
) -> None:
    source: Path = request.getfixturevalue(fixture)
    out = tmp_path / "converted"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    produced = out / f"{source.stem}.{target}"
    assert result.returncode == 0 and produced.exists() and produced.stat().st_size > 1000, result.stderr


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed",
)
@pytest.mark.sqlite_only
def test_pdf_through_libreoffice(demo_db: Database, tmp_path: Path, capsys) -> None:
    from tui550.cli.main import run

    path = str(demo_db.path)
    demo_db.close()
    for args, name, words in (
        (["export", "2026-07-06", "-f", "pdf"], "纪要.pdf", "纪要"),
        (["wallchart", "-f", "pdf"], "挂图.pdf", "挂图作战"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            run(["--db", path, *args, "--out", str(tmp_path / name)])
        assert exit_info.value.code == 0, capsys.readouterr().err
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert words in text
