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
from io import BytesIO
from pathlib import Path

from .blocks import Document
from .docx import render_docx

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "doc"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_docs(documents: dict[str, Document], timeout: float = 300) -> dict[str, bytes] | None:
    """name → .doc bytes for each document, or None without LibreOffice."""
    return convert_docx({name: render_docx(document) for name, document in documents.items()}, timeout)


def convert_docx(sources: dict[str, bytes], timeout: float = 300) -> dict[str, bytes] | None:
    """name → .doc bytes for each name → .docx bytes, or None without LibreOffice."""
    binary = soffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="gaolint-doc-") as folder:
        work = Path(folder)
        paths = []
        for name, data in sources.items():
            source = work / f"{name}.docx"
            source.write_bytes(data)
            paths.append(str(source))
        out = work / "out"
        out.mkdir()
        subprocess.run(
            [binary, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
             "--convert-to", "doc:MS Word 97", "--outdir", str(out), *paths],
            cwd=folder, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False,
        )
        rendered = {}
        for name in sources:
            target = out / f"{name}.doc"
            if target.is_file():
                rendered[name] = target.read_bytes()
        return rendered if len(rendered) == len(sources) else None


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


def frame_docx(data: bytes, whole: bool, depth: int = 1, note: str = "") -> bytes:
    """The .docx ``data`` with its content put into the cell of a table of one row and one
    cell, as templates frame a report: the whole body (``whole``), or each table ``depth``
    times. ``note``: a one-cell box of text put after the first paragraph first (a boxed note,
    which stays a table)."""
    import docx

    document = docx.Document(BytesIO(data))
    body = document.element.body
    if note:
        box = document.add_table(rows=1, cols=1)
        box.cell(0, 0).paragraphs[0].add_run(note)
        body[0].addnext(box._tbl)
    for _ in range(depth):
        if whole:
            content = [node for node in body if not node.tag.endswith("}sectPr")]
            frame = document.add_table(rows=1, cols=1)
            content[0].addprevious(frame._tbl)
            cell = frame.cell(0, 0)._tc
            for node in content:
                cell.insert(cell.index(cell.p_lst[-1]), node)  # a cell ends with a paragraph
            frame._tbl.addnext(document.add_paragraph()._p)
        else:
            for table in list(document.tables):
                frame = document.add_table(rows=1, cols=1)
                table._tbl.addprevious(frame._tbl)
                cell = frame.cell(0, 0)._tc
                cell.insert(cell.index(cell.p_lst[0]), table._tbl)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def write_framed_fixtures() -> None:
    """tests/data/doc/framed-*.doc: the sample report framed as templates frame reports, saved
    by LibreOffice as Word 97 (nested tables: the frame's cell holds the national tables):
    framed-report.doc, the whole body in one frame, with a boxed note in it; framed-tables.doc,
    each table in two frames; framed-planted.doc, the whole body framed, with a wrong total in
    table 3."""
    from . import build_document, plant, sample_spec

    spec = sample_spec(3)
    report = render_docx(build_document(spec))
    planted = render_docx(plant(spec, "table3_bad_value", 3).document)
    note = "注：本报告所列数据均来自本机关政府信息公开工作台账。"
    rendered = convert_docx({
        "framed-report": frame_docx(report, whole=True, note=note),
        "framed-tables": frame_docx(report, whole=False, depth=2),
        "framed-planted": frame_docx(planted, whole=True),
    })
    if rendered is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the .doc fixtures")
    for name, data in rendered.items():
        (FIXTURES / f"{name}.doc").write_bytes(data)


def signature_in_text_box(data: bytes) -> bytes:
    """The .docx ``data`` with its last two paragraphs (the signer and the date) moved into a
    text box anchored where they stood, as people set them over the seal (VML, as Word 2003
    and WPS write a text box to .doc)."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document(BytesIO(data))
    def text_of(paragraph) -> str:
        return "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()

    written = [p for p in document.element.body.iterchildren(qn("w:p")) if text_of(p)]
    signer, date = written[-2:]
    namespaces = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'
    inner = "".join(f'<w:p><w:r><w:t>{text_of(p)}</w:t></w:r></w:p>' for p in (signer, date))
    anchor = etree.fromstring(
        f'<w:p {namespaces}><w:r><w:pict><v:shape id="seal-box" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:260pt;width:170pt;height:48pt" filled="f" stroked="f">'
        f'<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    signer.addprevious(anchor)
    for paragraph in (signer, date):
        paragraph.getparent().remove(paragraph)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def write_text_box_fixture() -> None:
    """tests/data/doc/text-box-signature.doc: the sample report signed late (two months after
    the deadline), its signer and date in a text box, saved by LibreOffice as Word 97."""
    from datetime import date
    from dataclasses import replace

    from . import build_document, sample_spec

    spec = sample_spec(3)
    late = replace(spec, signed_on=date(spec.year + 1, 5, 20))
    rendered = convert_docx({"text-box-signature": signature_in_text_box(render_docx(build_document(late)))})
    if rendered is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the .doc fixtures")
    (FIXTURES / "text-box-signature.doc").write_bytes(rendered["text-box-signature"])


if __name__ == "__main__":
    write_fixtures()


#: sprmPIlvl 1 then sprmPIlfo 7, as LibreOffice writes them on a level-1 heading of the list,
#: and two sprms of the same sizes that number nothing (sprmPJc80, sprmPDyaBefore).
_DIRECT_LEVEL_1 = bytes.fromhex("0a2601" "0b460700")
_NOT_A_LIST = bytes.fromhex("032401" "13a40700")


def write_numbered_fixtures() -> None:
    """tests/data/doc/numbered.doc: the sample report with its headings numbered by Word's
    list (``render_docx(..., numbered=True)``), as LibreOffice saves it: every numbered
    paragraph names its list directly (sprmPIlfo/sprmPIlvl). numbered-by-style.doc: the same
    bytes with the level-1 headings' own list sprms replaced by sprms of the same size that
    number nothing, so those headings are numbered only through their style ("Heading 2" tied
    to level 1 of the list in the style sheet), as Word saves a heading style tied to a list."""
    binary = soffice()
    if binary is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the .doc fixtures")
    from . import build_document, sample_spec

    document = build_document(sample_spec(3))
    with tempfile.TemporaryDirectory(prefix="gaolint-doc-") as folder:
        work = Path(folder)
        source = work / "numbered.docx"
        source.write_bytes(render_docx(document, numbered=True))
        subprocess.run(
            [binary, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
             "--convert-to", "doc:MS Word 97", "--outdir", str(work), str(source)],
            cwd=folder, stdin=subprocess.DEVNULL, capture_output=True, timeout=300, check=True,
        )
        data = (work / "numbered.doc").read_bytes()
    if data.count(_DIRECT_LEVEL_1) < 2:
        raise SystemExit("LibreOffice wrote the list sprms differently; look again")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    (FIXTURES / "numbered.doc").write_bytes(data)
    (FIXTURES / "numbered-by-style.doc").write_bytes(_unlist_paragraphs(data))


def _unlist_paragraphs(data: bytes) -> bytes:
    """``data`` with ``_DIRECT_LEVEL_1`` replaced in the paragraphs' properties (the
    WordDocument stream's FKP pages) but not in the style sheet (the table stream), where
    "Heading 2" keeps its list."""
    import olefile

    ole = olefile.OleFileIO(data)
    table = ole.openstream("1Table").read() if ole.exists("1Table") else ole.openstream("0Table").read()
    ole.close()
    keep = set()
    at = table.find(_DIRECT_LEVEL_1)
    while at >= 0:  # the same bytes with their surroundings, found in the file
        context = table[max(0, at - 24):at + len(_DIRECT_LEVEL_1) + 24]
        where = data.find(context)
        if where >= 0:
            keep.add(where + min(at, 24))
        at = table.find(_DIRECT_LEVEL_1, at + 1)
    out = bytearray(data)
    at = data.find(_DIRECT_LEVEL_1)
    while at >= 0:
        if at not in keep:
            out[at:at + len(_DIRECT_LEVEL_1)] = _NOT_A_LIST
        at = data.find(_DIRECT_LEVEL_1, at + 1)
    return bytes(out)
