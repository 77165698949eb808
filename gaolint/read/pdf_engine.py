"""PDFium (through pypdfium2) as gaolint's PDF engine: each page's glyphs with their boxes, and
the straight pieces of its drawn paths (the table rules). Nothing else of PDFium is used.

Why PDFium: it is the engine Chrome ships and fuzzes continuously, permissively licensed
(Apache-2.0/BSD-3), and pypdfium2 ships it as a wheel, so ``pip install gaolint`` needs no
system library; it builds a page's text several times faster than pdfminer.six did. Why not
PyMuPDF: AGPL, which would bind every user who embeds gaolint. Why not poppler: a system
binary (or a C++ build), not a pip dependency, and one more process per file.

Every call into PDFium goes through ctypes, and a ctypes call costs about a microsecond, so
the loops below make as few calls per glyph as they can: the page's text comes in one call,
whitespace glyphs (PDFium inserts spaces and line breaks of its own) cost nothing more, and a
visible glyph costs its loose box (font ascent to descent, as pdfminer measured it) and one
question about its Unicode mapping; its font size is asked only when the box height changes.

Coordinates are pdfplumber's: points from the page's top-left corner, ``top`` growing
downwards, after the page's /Rotate.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from typing import Any

from .pdf_guard import MAX_PAGE_OBJECTS, PageTooBusy

#: Page object types (fpdf_edit.h).
_TEXT, _PATH, _IMAGE, _SHADING, _FORM = 1, 2, 3, 4, 5
#: Path segment types (fpdf_edit.h).
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2


class Glyph:
    """One visible character: its text and box (pdfplumber's names) and font size."""

    __slots__ = ("text", "x0", "x1", "top", "bottom", "size")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, size: float) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.size = size

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Glyph({self.text!r}, {self.x0:.1f}, {self.x1:.1f}, {self.top:.1f}, {self.bottom:.1f}, {self.size:.1f})"


@dataclass(slots=True)
class Shape:
    """A drawn straight shape, as pdfminer classified paths: ``rect`` (an axis-aligned
    rectangle, filled and/or stroked), ``line`` (one segment) or ``curve`` (a piece of any
    other path: one segment of a polyline). Only these can be table rules."""

    kind: str
    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool


@dataclass(slots=True)
class PageData:
    """What the reader needs of one page."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    #: Glyphs PDFium could not map to Unicode (their text is ``(cid:N)``).
    undecoded: int = 0
    shapes: list[Shape] = field(default_factory=list)
    #: How many objects the page draws (text, paths, images, forms); 0 for a blank page.
    objects: int = 0
    #: Text objects PDFium dropped: drawn in a font the PDF does not embed, with no font on
    #: this machine to stand in, a run of one character has no width and is left out of the
    #: text (the 年 and 月 between digits set in a Latin font, a one-character cell).
    lost: int = 0
    #: Image objects the page draws, form XObjects included: a page of almost no text that
    #: draws one is a scan (a page holding only its page number is not).
    images: int = 0


def load() -> tuple[Any, Any]:
    """(pypdfium2, pypdfium2.raw), imported on first use: the import loads PDFium itself."""
    import pypdfium2
    import pypdfium2.raw as raw

    return pypdfium2, raw


class _Page:
    """Coordinate mapping of one page: PDF user space to pdfplumber's top-left space."""

    def __init__(self, pdfium: Any, c: Any, page: Any) -> None:
        left, bottom, right, top = page.get_bbox()
        self.rotation = page.get_rotation() % 360
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        if self.rotation in (90, 270):
            self.width, self.height = top - bottom, right - left
        else:
            self.width, self.height = right - left, top - bottom

    def box(self, l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
        """A user-space rectangle as (x0, top, x1, bottom) on the displayed page."""
        rotation = self.rotation
        if rotation == 0:
            return l - self.left, self.top - t, r - self.left, self.top - b
        if rotation == 90:
            return b - self.bottom, l - self.left, t - self.bottom, r - self.left
        if rotation == 180:
            return self.right - r, b - self.bottom, self.right - l, t - self.bottom
        return self.top - t, self.right - r, self.top - b, self.right - l


def read_page(pdfium: Any, c: Any, document: Any, index: int, max_glyphs: int) -> PageData:
    """Glyphs and shapes of page ``index``. Raises ``PageTooBusy`` when the page draws more
    than ``MAX_PAGE_OBJECTS`` objects (checked once PDFium has parsed it, before any work)."""
    page = document[index]
    try:
        objects = c.FPDFPage_CountObjects(page.raw)
        if objects > MAX_PAGE_OBJECTS:
            raise _too_busy(index + 1)
        space = _Page(pdfium, c, page)
        data = PageData(number=index + 1, width=space.width, height=space.height, objects=objects)
        data.shapes, data.lost, data.images = _shapes(c, page.raw, objects, space, index + 1)
        textpage = page.get_textpage()
        try:
            data.glyphs, data.undecoded = _glyphs(c, textpage, space, max_glyphs)
        finally:
            textpage.close()
        return data
    finally:
        page.close()


def _too_busy(number: int) -> PageTooBusy:
    return PageTooBusy(
        f"第{number}页的字符和图形超过 {MAX_PAGE_OBJECTS} 个，未读取 / page {number} draws more "
        f"than {MAX_PAGE_OBJECTS} glyphs and shapes; it was not read"
    )


def _glyphs(c: Any, textpage: Any, space: _Page, limit: int) -> tuple[list[Glyph], int]:
    """Visible glyphs in PDFium's order, near-duplicates (fake bold drawn twice) dropped."""
    raw = textpage.raw
    count = c.FPDFText_CountChars(raw)
    if count <= 0:
        return [], 0
    text = textpage.get_text_range(0, count)
    aligned = len(text) == count
    box = c.FS_RECTF()
    box_ref = ctypes.byref(box)
    matrix = c.FS_MATRIX()
    loose, map_error, font_size, char_matrix = (c.FPDFText_GetLooseCharBox, c.FPDFText_HasUnicodeMapError,
                                                c.FPDFText_GetFontSize, c.FPDFText_GetMatrix)
    get_unicode = c.FPDFText_GetUnicode
    sizes: dict[float, tuple[float, bool]] = {}
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    glyphs: list[Glyph] = []
    undecoded = 0
    rotated = space.rotation != 0
    left, top = space.left, space.top
    for index in range(count):
        ch = text[index] if aligned else chr(get_unicode(raw, index) or 32)
        if ch.isspace() or ch == "\x00":
            continue
        loose(raw, index, box_ref)
        height = box.top - box.bottom
        known = sizes.get(height)
        if known is None:
            char_matrix(raw, index, matrix)
            size = font_size(raw, index) * math.hypot(matrix.c, matrix.d) or height
            known = sizes[height] = (size, _slanted(matrix.a, matrix.b))
        size, slanted = known
        if slanted or (size >= WATERMARK_SIZE and _faint(c, raw, index)):
            continue  # a watermark across the page, or the ring of text of a drawn seal
        if height > 1.6 * size or box.right - box.left > 2.5 * size:
            _fallback_box(c, raw, index, size, box)
        if rotated:
            x0, y0, x1, y1 = space.box(box.left, box.bottom, box.right, box.top)
        else:
            x0, y0, x1, y1 = box.left - left, top - box.top, box.right - left, top - box.bottom
        if map_error(raw, index):
            undecoded += 1
            ch = f"(cid:{ord(ch)})"
        glyph = Glyph(ch, x0, x1, y0, y1, size)
        key = (ch, int(x0), int(y0))
        if _duplicate(seen, key, glyph):
            continue
        glyphs.append(glyph)
        if len(glyphs) >= limit:
            break
    return glyphs, undecoded


#: Glyphs at least this large (points) that are drawn faint are a watermark, not text: a
#: report's own largest type is its title or a red 文件 header, in 初号 (42 pt) at most and
#: in a full colour.
WATERMARK_SIZE = 30.0
#: How far from a page's axes a line of text may turn (tan 10°) and still be read: the text
#: layer a scanner's OCR lays over a page scanned a little askew turns with it; watermarks are
#: set at 30° to 45°.
_TURN_TOLERANCE = 0.18


def _slanted(a: float, b: float) -> bool:
    """Whether a glyph's baseline (the matrix's first row, its x axis) turns away from the
    page's axes: a watermark set at 30° or 45°, a seal's text around its ring. Text turned a
    quarter (a landscape table, a turned page) is upright to someone turning the page; an
    italic's shear moves only the y axis."""
    a, b = abs(a), abs(b)
    return min(a, b) > _TURN_TOLERANCE * max(a, b)


def _faint(c: Any, raw: Any, index: int) -> bool:
    """Whether a glyph is drawn light or see-through: light grey, or half transparent, as
    watermarks are (仅供参考 in 60 pt across the page)."""
    red, green, blue, alpha = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    if not c.FPDFText_GetFillColor(raw, index, red, green, blue, alpha):
        return False
    return alpha.value < 128 or min(red.value, green.value, blue.value) >= 170


def _fallback_box(c: Any, raw: Any, index: int, size: float, box: Any) -> None:
    """A box for a glyph whose font reports absurd ascent or descent (PDFium's loose box
    then spans a third of the page): the ink box's left and right, and a line of the font
    size around the baseline, as pdfminer measured (descent taken as a fifth of the size)."""
    left, right, bottom, top = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())
    x, y = ctypes.c_double(), ctypes.c_double()
    if not c.FPDFText_GetCharBox(raw, index, left, right, bottom, top) or not c.FPDFText_GetCharOrigin(raw, index, x, y):
        return
    box.left, box.right = min(left.value, x.value), max(right.value, x.value + 0.5 * size)
    box.bottom, box.top = y.value - 0.2 * size, y.value + 0.8 * size


def _duplicate(seen: dict[tuple[str, int, int], list[Glyph]], key: tuple[str, int, int], glyph: Glyph) -> bool:
    """Whether the same character was already drawn within a point of here (pdfplumber's
    ``dedupe_chars``: Word draws bold text twice, slightly shifted)."""
    ch, bx, by = key
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for other in seen.get((ch, bx + dx, by + dy), ()):
                if abs(other.x0 - glyph.x0) <= 1 and abs(other.top - glyph.top) <= 1 and abs(other.size - glyph.size) < 0.5:
                    return True
    seen.setdefault(key, []).append(glyph)
    return False


def _shapes(c: Any, page: Any, count: int, space: _Page, number: int) -> tuple[list[Shape], int, int]:
    """The page's path pieces, form XObjects included (their matrices composed), how many of
    its text objects PDFium dropped (``PageData.lost``) and how many images it draws."""
    shapes: list[Shape] = []
    budget = [MAX_PAGE_OBJECTS]
    tally = _Tally()
    _walk(c, page, count, c.FPDFPage_GetObject, None, space, shapes, budget, number, 0, tally)
    return shapes, tally.lost, tally.images


class _Tally:
    """What one walk of a page's objects counts: text objects of no width in fonts the PDF does
    not embed (``PageData.lost``), with whether each font met is embedded (asked once per font:
    most text objects share a few); and the image objects (``PageData.images``)."""

    __slots__ = ("lost", "embedded", "images")

    def __init__(self) -> None:
        self.lost = 0
        self.images = 0
        self.embedded: dict[int | None, bool] = {}

    def ask(self, c: Any, obj: Any) -> None:
        font = c.FPDFTextObj_GetFont(obj)
        if not font:
            return
        key = ctypes.cast(font, ctypes.c_void_p).value
        embedded = self.embedded.get(key)
        if embedded is None:
            embedded = self.embedded[key] = bool(c.FPDFFont_GetIsEmbedded(font))
        if embedded:
            return
        l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if c.FPDFPageObj_GetBounds(obj, l, b, r, t) and abs(r.value - l.value) < _NO_WIDTH:
            self.lost += 1


#: A text object narrower than this is one PDFium leaves out of the page's text.
_NO_WIDTH = 0.01


Matrix = tuple[float, float, float, float, float, float]


def _compose(inner: Matrix, outer: Matrix | None) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention)."""
    if outer is None:
        return inner
    a, b, cc, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, cc * A + d * C, cc * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(c: Any, obj: Any) -> Matrix:
    m = c.FS_MATRIX()
    c.FPDFPageObj_GetMatrix(obj, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(c: Any, parent: Any, count: int, get: Any, outer: Matrix | None, space: _Page,
          shapes: list[Shape], budget: list[int], number: int, depth: int, tally: _Tally) -> None:
    get_type = c.FPDFPageObj_GetType
    for i in range(count):
        obj = get(parent, i)
        kind = get_type(obj)
        if kind == _TEXT:
            tally.ask(c, obj)
            continue
        if kind == _PATH:
            _path(c, obj, outer, space, shapes)
        elif kind == _IMAGE:
            tally.images += 1
        elif kind == _FORM and depth < 8:
            inner = c.FPDFFormObj_CountObjects(obj)
            budget[0] -= max(inner, 0)
            if budget[0] < 0:
                raise _too_busy(number)
            if inner > 0:
                _walk(c, obj, inner, c.FPDFFormObj_GetObject, _compose(_matrix(c, obj), outer), space,
                      shapes, budget, number, depth + 1, tally)


def _path(c: Any, obj: Any, outer: Matrix | None, space: _Page, shapes: list[Shape]) -> None:
    """One path object as pdfminer would have seen it: each subpath a line, a rectangle or a
    curve (whose straight pieces are kept)."""
    segments = c.FPDFPath_CountSegments(obj)
    if segments < 2:
        return
    fill, stroke_flag = ctypes.c_int(), ctypes.c_int()
    c.FPDFPath_GetDrawMode(obj, fill, stroke_flag)
    stroke = bool(stroke_flag.value)
    if not stroke and not fill.value:
        return  # a clipping path or an invisible one: draws nothing
    if outer is None and not stroke and segments in (4, 5):
        # The common case (Word draws rules and cell shading as filled rectangles): the
        # bounds are the rectangle; no need to walk the points.
        l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if c.FPDFPageObj_GetBounds(obj, l, b, r, t):
            x0, top, x1, bottom = space.box(l.value, b.value, r.value, t.value)
            shapes.append(Shape("rect", x0, top, x1, bottom, False))
            return
    m = _compose(_matrix(c, obj), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    subpath: list[tuple[float, float]] = []
    ops = ""
    for index in range(segments):
        segment = c.FPDFPath_GetPathSegment(obj, index)
        kind = c.FPDFPathSegment_GetType(segment)
        c.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = x.value, y.value
        point = (px * m[0] + py * m[2] + m[4], px * m[1] + py * m[3] + m[5])
        if kind == _MOVETO:
            _subpath(ops, subpath, stroke, space, shapes)
            subpath, ops = [point], "m"
            continue
        subpath.append(point)
        ops += "c" if kind == _BEZIERTO else "l"
        if c.FPDFPathSegment_GetClose(segment):
            if point != subpath[0]:
                subpath.append(subpath[0])
            ops += "h"
    _subpath(ops, subpath, stroke, space, shapes)


def _subpath(ops: str, points: list[tuple[float, float]], stroke: bool, space: _Page, shapes: list[Shape]) -> None:
    if len(points) < 2:
        return
    if len(points) == 2 or ops == "mlh":
        (ax, ay), (bx, by) = points[:2]
        x0, top, x1, bottom = space.box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        shapes.append(Shape("line", x0, top, x1, bottom, stroke))
        return
    if len(points) == 5 and "c" not in ops and points[0] == points[4]:
        (x0_, y0_), (x1_, y1_), (x2_, y2_), (x3_, y3_), _ = points
        if (x0_ == x1_ and y1_ == y2_ and x2_ == x3_ and y3_ == y0_) or (y0_ == y1_ and x1_ == x2_ and y2_ == y3_ and x3_ == x0_):
            x0, top, x1, bottom = space.box(min(x0_, x2_), min(y0_, y2_), max(x0_, x2_), max(y0_, y2_))
            shapes.append(Shape("rect", x0, top, x1, bottom, stroke))
            return
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        if ax == bx or ay == by:
            x0, top, x1, bottom = space.box(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            shapes.append(Shape("curve", x0, top, x1, bottom, stroke))
