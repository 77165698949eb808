"""Render a generated report as a Word .docx, the way agencies write them.

Headings use Word's heading styles (level 0 is the Title style), paragraphs are plain, an
empty paragraph follows each table (as people leave them), tables use real merged cells:
``cell.merge`` over each ``Cell``'s rowspan × colspan area, which python-docx writes as
``w:gridSpan`` (horizontal) and ``w:vMerge`` restart/continue (vertical). The page footer
carries the office name and a page label, which the reader must not pick up.
"""

from __future__ import annotations

import re
from io import BytesIO

from .blocks import Document, Heading, Paragraph, Table, expand


def render_docx(document: Document, numbered: bool = False) -> bytes:
    """With ``numbered``, headings numbered ``一、`` / ``（一）`` are numbered as Word's list
    button numbers them: the number is left out of the text and drawn from a two-level list
    (``%1、`` and ``（%2）`` in ``chineseCounting``) that ``word/numbering.xml`` defines —
    level 0 by the paragraph's own ``w:numPr``, level 1 through the heading style tied to the
    list's level, as Word's multi-level list dialog ties them."""
    import docx

    out = docx.Document()
    lists = _add_heading_list(out) if numbered else None
    for block in document.blocks:
        if isinstance(block, Heading):
            number = _HEADING_NUMBER.match(block.text) if lists is not None else None
            if number is None:
                out.add_heading(block.text, level=max(0, min(block.level, 9)))
            else:
                level = 0 if number.group(1) else 1
                paragraph = out.add_heading(block.text[number.end():], level=level + 1)
                if level == 0:
                    _number(paragraph, lists, 0)
        elif isinstance(block, Paragraph):
            out.add_paragraph(block.text)  # python-docx writes "\n" as <w:br/>
        else:
            _table(out, block)
            out.add_paragraph("")
    out.sections[0].footer.paragraphs[0].text = "某某市人民政府办公室　第 1 页"
    buffer = BytesIO()
    out.save(buffer)
    return _fixed_times(buffer.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same bytes for the same document: python-docx stamps each zip member with the
    clock's time, so two renderings a second apart differed (a fuzz reproducer must rebuild
    its file byte for byte)."""
    import zipfile

    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0)),
                            source.read(item.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def cell_origins(table: Table) -> list[tuple[int, int, int, int, str]]:
    """Each drawn cell as (row, column, rowspan, colspan, text), 0-based, in document order,
    the column being its true grid column once cells merged from above are accounted for."""
    taken: set[tuple[int, int]] = set()
    origins = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            origins.append((r, c, cell.rowspan, cell.colspan, cell.text))
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    return origins


def _table(out, table: Table) -> None:
    grid = expand(table)
    if not grid:
        return
    word_table = out.add_table(rows=len(grid), cols=len(grid[0]))
    word_table.style = "Table Grid"
    for r, c, rowspan, colspan, text in cell_origins(table):
        cell = word_table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(word_table.cell(r + rowspan - 1, c + colspan - 1))
        cell.text = text


_HEADING_NUMBER = re.compile(r"^(?:([一二三四五六七八九十]+、)|(（[一二三四五六七八九十]+）))")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_heading_list(out) -> str:
    """Define the two-level heading list in the document's numbering part and tie level 1 to
    the "Heading 2" style; the list's numId."""
    from docx.oxml import parse_xml

    numbering = out.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:pStyle w:val="Heading2"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    style = out.styles["Heading 2"].element
    props = style.get_or_add_pPr()
    props.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'))
    return "90"


def _number(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    props = paragraph._p.get_or_add_pPr()
    props.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def with_document_xml(data: bytes, edit, added: dict[str, bytes] | None = None) -> bytes:
    """The .docx ``data`` with ``word/document.xml`` replaced by ``edit(its text)``, and the
    ``added`` parts written after the others (a picture under ``word/media/``): the shapes
    real documents take that python-docx does not write."""
    import zipfile

    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
        for name, content in (added or {}).items():
            target.writestr(name, content)
    return out.getvalue()
