"""PDF through LibreOffice: the documents offices print and circulate, laid out by a word
processor rather than by a PDF writer of our own.

`to_pdf` runs `soffice --headless --convert-to pdf` on the .docx or .xlsx we render,
in a private temporary folder with a private LibreOffice profile (-env:UserInstallation),
so that two conversions at once, or a LibreOffice the user has open, never collide.
Without LibreOffice it refuses with the Debian package to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tui550.core.errors import UserError

# The packages that bring the converter for each source (Debian and Ubuntu names).
PACKAGES = {"docx": "libreoffice-writer-nogui", "xlsx": "libreoffice-calc-nogui"}
# Writer leaves out the blank page it inserts before a section that must start on an
# even page, unless told not to: the 版记 must stay on the even page it was put on.
# (The JSON form of filter options needs LibreOffice 7.4; older ones get plain "pdf".)
_FILTERS = {
    "docx": 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
    "xlsx": "pdf:calc_pdf_Export",
}
TIMEOUT_S = 300


def find_soffice() -> str | None:
    """The LibreOffice program, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(data: bytes, source: str) -> bytes:
    """The PDF of a .docx or .xlsx (`source` names which) as LibreOffice prints it."""
    program = find_soffice()
    if program is None:
        raise UserError("pdf.no_office", "pdf.no_office.remedy", package=PACKAGES[source])
    with tempfile.TemporaryDirectory(prefix="tui550-pdf-") as tmp:
        folder = Path(tmp)
        document = folder / f"document.{source}"
        document.write_bytes(data)
        produced = folder / "document.pdf"
        reason = ""
        for target in (_FILTERS[source], "pdf"):
            result = _convert(program, folder, document, target)
            if produced.exists():
                return produced.read_bytes()
            said = (result.stderr or result.stdout).strip().splitlines()
            reason = said[-1] if said else f"exit {result.returncode}"
        raise UserError("pdf.failed", "pdf.failed.remedy", reason=reason or "no output")


def _convert(program: str, folder: Path, document: Path, target: str) -> subprocess.CompletedProcess[str]:
    profile = (folder / "profile").as_uri()
    try:
        return subprocess.run(
            [
                program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                str(document),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
            cwd=folder,
        )
    except subprocess.TimeoutExpired as exc:
        raise UserError("pdf.failed", "pdf.failed.remedy", reason=f"timeout {TIMEOUT_S} s") from exc
    except OSError as exc:
        raise UserError("pdf.failed", "pdf.failed.remedy", reason=exc.strerror or str(exc)) from exc
