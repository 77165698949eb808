"""Render a builder ``Document`` as a PDF the way agencies publish reports.

Why these choices: the PDF reader must cope with what Word/WPS exports do, so the render has
ruled tables with merged cells (the national table-3 label column is a narrow merged cell,
wrapped one character per line), long labels wrapped inside cells, tables long enough to
break over pages without a repeated header, indented paragraphs wrapped at the margin, and a
page number ``- N -`` in the footer. Text is drawn in a font the builder makes and embeds
(STSong-Light's advance widths, plain box glyphs; see ``_font_file``), so no font file is needed.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from .blocks import Document, Heading, Paragraph, Table

FONT = "GaolintTestSong"
BODY_SIZE = 12.0
CELL_SIZE = 8.0
MARGIN = 25 * mm


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, io.BytesIO(_font_file())))


#: Characters the builder's font draws: ASCII, general and CJK punctuation, full-width forms
#: and the CJK Unified Ideographs block.
_RANGES = ((0x20, 0x7E), (0x2010, 0x2027), (0x2030, 0x203B), (0x2160, 0x216B), (0x2460, 0x2473),
           (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E))


@functools.lru_cache(maxsize=1)
def _font_file() -> bytes:
    """A TrueType font made here, embedded in every PDF the builder writes, as Word and WPS
    exports embed theirs.

    Why not reportlab's built-in STSong-Light: it is not embedded, and a PDF engine on a
    machine without a Chinese font then has no glyph boxes for it. PDFium's text layer drops
    a one-glyph run of such text (the stacked labels of table 3) and takes repeated lines of
    it for duplicates. Published reports do not look like that. The glyphs are plain boxes;
    the advance widths are STSong-Light's, so pages break and lines wrap exactly as they did
    with it."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    chars = [chr(c) for low, high in _RANGES for c in range(low, high + 1)]
    names = [".notdef"] + [f"u{ord(c):04X}" for c in chars]
    glyphs, metrics = {}, {}
    for name, ch in zip(names, [None, *chars]):
        width = 1000 if ch is None else round(pdfmetrics.stringWidth(ch, "STSong-Light", 1000))
        pen = TTGlyphPen(None)
        if ch is None or not ch.isspace():
            left, right = (50, max(width - 50, 60))
            pen.moveTo((left, -60))
            pen.lineTo((left, 700))
            pen.lineTo((right, 700))
            pen.lineTo((right, -60))
            pen.closePath()
        glyphs[name] = pen.glyph()
        metrics[name] = (width, 50)
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): n for c, n in zip(chars, names[1:])})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "GaolintTestSong", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _styles() -> dict[str, ParagraphStyle]:
    base = {"fontName": FONT, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontSize=18, leading=26, alignment=TA_CENTER, **base),
        "heading": ParagraphStyle("heading", fontSize=BODY_SIZE + 1, leading=22,
                                  firstLineIndent=2 * BODY_SIZE, spaceBefore=4, **base),
        "body": ParagraphStyle("body", fontSize=BODY_SIZE, leading=20,
                               firstLineIndent=2 * BODY_SIZE, **base),
        "cell": ParagraphStyle("cell", fontSize=CELL_SIZE, leading=CELL_SIZE + 2, **base),
        "number": ParagraphStyle("number", fontSize=CELL_SIZE, leading=CELL_SIZE + 2,
                                 alignment=TA_CENTER, **base),
    }


def _grid(table: Table) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    """Cells placed on the full grid (None where a merge covers) and the SPAN rectangles."""
    placed: dict[tuple[int, int], str | None] = {}
    spans: list[tuple[int, int, int, int]] = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    placed[(r + dr, c + dc)] = None
            placed[(r, c)] = cell.text
            if cell.rowspan > 1 or cell.colspan > 1:
                spans.append((c, r, c + cell.colspan - 1, r + cell.rowspan - 1))
            c += cell.colspan
    height = max(r for r, _ in placed) + 1
    width = max(c for _, c in placed) + 1
    return [[placed.get((r, c)) for c in range(width)] for r in range(height)], spans


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


def _column_widths(table: Table, ncols: int, width: float) -> list[float]:
    """Number columns narrow; label columns share the rest by the longest label they hold
    alone (colspan 1). A column whose only own label is a tall merged cell (table 3's
    三、本年度办理结果) gets about one character, so the label stacks one character per line
    as in published reports."""
    own: dict[int, list[str]] = {c: [] for c in range(ncols)}
    placed: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            placed.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            if cell.colspan == 1 and cell.text:
                own[c].append(cell.text)
            c += cell.colspan
    numeric = [bool(own[c]) and all(_is_number(t) or len(t) <= 6 for t in own[c][1:] or own[c])
               and sum(_is_number(t) for t in own[c]) >= len(own[c]) // 2 for c in range(ncols)]
    if all(numeric) or not any(numeric):
        return [width / ncols] * ncols
    number_width = min(32.0 if ncols > 6 else 80.0, width / ncols)
    weights = [0.0 if numeric[c] else (1.0 if len(own[c]) <= 1 else float(max(map(len, own[c]))))
               for c in range(ncols)]
    rest = max(width - number_width * sum(numeric), 40.0)
    total = sum(weights) or 1.0
    widths = [number_width if numeric[c] else max(CELL_SIZE * 1.8, rest * weights[c] / total)
              for c in range(ncols)]
    scale = width / sum(widths)
    return [w * scale for w in widths]


class _BreakingTable(RLTable):
    """A reportlab table that may break inside a merged (row-spanning) cell, as Word does:
    the merged label stays on the first page and its column continues empty on the next.
    reportlab would otherwise move the whole merged block to the next page. A break is only
    taken where every merged cell it cuts still has room for its text above the break
    (reportlab would draw the text over the neighbouring cells otherwise)."""

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:  # noqa: N802,N803
        split = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        while split > 0 and not self._room_above(split):
            split -= 1
        return split

    def _room_above(self, split: int) -> bool:
        for span in self._spanRanges.values():
            if span is None:
                continue
            col0, row0, col1, row1 = span
            if not row0 < split <= row1:
                continue
            content = self._cellvalues[row0][col0]
            flowables = content if isinstance(content, (list, tuple)) else [content]
            width = sum(self._colWidths[col0:col1 + 1]) - 4
            height = sum(f.wrap(width, 1e6)[1] for f in flowables if hasattr(f, "wrap"))
            if height + 6 > sum(self._rowHeights[row0:split]):
                return False
        return True


def _table_flowable(table: Table, styles: dict[str, ParagraphStyle], width: float) -> RLTable:
    grid, spans = _grid(table)
    data: list[list[Any]] = []
    for row in grid:
        line: list[Any] = []
        for text in row:
            if text is None or text == "":
                line.append("")
            else:
                style = styles["number"] if _is_number(text) else styles["cell"]
                line.append(RLParagraph(_escape(text), style))
        data.append(line)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
    flowable = _BreakingTable(data, colWidths=_column_widths(table, len(grid[0]), width), repeatRows=0,
                       splitByRow=1, hAlign="LEFT")
    flowable.setStyle(TableStyle(commands))
    return flowable


def _furniture(footer: str | None) -> Any:
    """A page callback drawing the page number ``- N -`` and, if given, a running footer."""

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"- {doc.page} -")
        if footer:
            canvas.drawString(MARGIN, 18 * mm, footer)
        canvas.restoreState()

    return draw


def render_pdf(document: Document, *, encrypt: Any = None, footer: str | None = None) -> bytes:
    """The document as PDF bytes. ``encrypt`` is passed to reportlab (a user password string
    or a ``StandardEncryption``) to make a password-protected file; ``footer`` is a running
    footer line printed on every page above the page number."""
    _register_font()
    styles = _styles()
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN, encrypt=encrypt,
                                 title="report", author="gaolint tests")
    story: list[Any] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            story.append(RLParagraph(_escape(block.text), styles["title" if block.level == 0 else "heading"]))
        elif isinstance(block, Paragraph):
            story.append(RLParagraph(_escape(block.text), styles["body"]))
        elif isinstance(block, Table) and block.rows:
            story.append(Spacer(1, 4))
            story.append(_table_flowable(block, styles, template.width))
            story.append(Spacer(1, 4))
    page = _furniture(footer)
    template.build(story, onFirstPage=page, onLaterPages=page)
    return out.getvalue()
