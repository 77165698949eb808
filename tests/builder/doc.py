"""Render generated reports as Word 97-2003 .doc files, through LibreOffice.

There is no Python writer of the binary Word format, so the builder's .docx (tests/builder/
docx.py) is converted by ``soffice --convert-to doc`` in a temporary folder, several documents
per start of LibreOffice (a start costs a second or two). Without LibreOffice ``render_docs``
returns None and the tests that need fresh files skip; the committed fixtures under
tests/data/doc/ (made by ``python -m tests.builder.doc``) still exercise the reader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .blocks import Document
from .docx import render_docx

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "doc"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_docs(documents: dict[str, Document], timeout: float = 300) -> dict[str, bytes] | None:
    """name → .doc bytes for each document, or None without LibreOffice."""
    binary = soffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="gaolint-doc-") as folder:
        work = Path(folder)
        sources = []
        for name, document in documents.items():
            source = work / f"{name}.docx"
            source.write_bytes(render_docx(document))
            sources.append(str(source))
        out = work / "out"
        out.mkdir()
        subprocess.run(
            [binary, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
             "--convert-to", "doc:MS Word 97", "--outdir", str(out), *sources],
            cwd=folder, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False,
        )
        rendered = {}
        for name in documents:
            target = out / f"{name}.doc"
            if target.is_file():
                rendered[name] = target.read_bytes()
        return rendered if len(rendered) == len(documents) else None


def fixture_documents() -> dict[str, Document]:
    """The committed fixtures: the handmade report of the HTML/.docx reader tests and a whole
    generated report (clean, so gaolint must find nothing in it)."""
    from tests.test_read_html import handmade_document

    from . import build_document, sample_spec

    return {"handmade": handmade_document(), "sample-report": build_document(sample_spec(3))}


def write_fixtures() -> None:
    """(Re)write tests/data/doc/: handmade.doc, sample-report.doc and the same bytes as
    sample-report.wps (WPS Writer saves .wps in this format; LibreOffice cannot write .wps)."""
    rendered = render_docs(fixture_documents())
    if rendered is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the .doc fixtures")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, data in rendered.items():
        (FIXTURES / f"{name}.doc").write_bytes(data)
    os.replace(FIXTURES / "sample-report.doc", FIXTURES / "sample-report.wps")


if __name__ == "__main__":
    write_fixtures()
