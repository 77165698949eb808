"""Render a generated report as a Word .docx, the way agencies write them.

Headings use Word's heading styles (level 0 is the Title style), paragraphs are plain, an
empty paragraph follows each table (as people leave them), tables use real merged cells:
``cell.merge`` over each ``Cell``'s rowspan × colspan area, which python-docx writes as
``w:gridSpan`` (horizontal) and ``w:vMerge`` restart/continue (vertical). The page footer
carries the office name and a page label, which the reader must not pick up.
"""

from __future__ import annotations

from io import BytesIO

from .blocks import Document, Heading, Paragraph, Table, expand


def render_docx(document: Document) -> bytes:
    import docx

    out = docx.Document()
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_heading(block.text, level=max(0, min(block.level, 9)))
        elif isinstance(block, Paragraph):
            out.add_paragraph(block.text)  # python-docx writes "\n" as <w:br/>
        else:
            _table(out, block)
            out.add_paragraph("")
    out.sections[0].footer.paragraphs[0].text = "某某市人民政府办公室　第 1 页"
    buffer = BytesIO()
    out.save(buffer)
    return buffer.getvalue()


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
