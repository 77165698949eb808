"""Ruled tables of one PDF page, and tables that run on over a page break.

The table finder is pdfplumber's "lines" strategy (snap, join, intersect, smallest cell per
corner, cells sharing corners grouped), reimplemented on sorted lists over the shapes PDFium
reports (pdf_engine.py), so a page costs about its number of rules and glyphs.

Why not the "lines" strategy on every edge: Word/WPS exports paint a white or tinted background
rectangle behind every paragraph and cell. Those fills have edges too, so the default
"lines" strategy turns whole pages of prose into one-column tables and glues them to the
real table below. Only what is drawn as a rule (stroked lines and rectangles, and filled
rectangles thin enough to be a line) counts here. Word also leaves a table open where a page
breaks it (no bottom rule before the break, sometimes a partial top rule after it); the open
ends are closed with a synthetic rule so the cells there exist.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .pdf_engine import Shape
from .pdf_text import NO_LINE_START, Char, cell_text

#: A filled rectangle no thicker than this (points) is a rule; thicker fills are backgrounds.
RULE_THICKNESS = 2.0
#: Coordinates closer than this (points) are the same grid line.
GRID_TOLERANCE = 2.0
#: How far table outlines on two pages may differ and still be one table.
CONTINUATION_TOLERANCE = 4.0


@dataclass(slots=True)
class GridCell:
    """One drawn cell: its place in the page table's grid and its joined text."""

    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    #: A label's last line of text: how far in from the cell's left and right rules it ends,
    #: and its font size (0 when unknown, or no label): a line that reaches across the cell
    #: is one the cell wrapped (``_fills``).
    ink_left: float = 0.0
    ink_right: float = 0.0
    size: float = 0.0


@dataclass(slots=True)
class PageTable:
    """The part of a ruled table drawn on one page; ``cells`` are the drawn cells only."""

    cells: list[GridCell]
    nrows: int
    ncols: int
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    def rows(self) -> list[list[GridCell]]:
        """Cells grouped by the row they start in, left to right; rows starting no cell are
        left out (they only exist because a neighbour column has a rule there)."""
        grouped: dict[int, list[GridCell]] = {}
        for cell in self.cells:
            grouped.setdefault(cell.row, []).append(cell)
        return [sorted(grouped[r], key=lambda c: c.col) for r in sorted(grouped)]


@dataclass(slots=True)
class DocTable:
    """A whole table after joining its pieces from consecutive pages."""

    rows: list[list[GridCell]] = field(default_factory=list)
    last: PageTable | None = None
    #: Most columns of any piece. A table of one column is a framed paragraph unless it is
    #: the first row of a real table left alone at the foot of a page.
    columns: int = 0


def _is_rule(shape: Shape) -> bool:
    """Whether a drawn shape is part of a table's ruling (see the module docstring)."""
    if shape.kind != "rect" or shape.stroke:
        return True
    return min(shape.x1 - shape.x0, shape.bottom - shape.top) <= RULE_THICKNESS


def _edges(shapes: Sequence[Shape]) -> list[dict[str, Any]]:
    """pdfplumber's edges of the ruling: four per rectangle, one per line or straight piece
    (diagonal pieces left out)."""
    edges: list[dict[str, Any]] = []
    for s in shapes:
        if not _is_rule(s):
            continue
        if s.kind == "rect":
            edges += [_edge(s.x0, s.top, s.x1, s.top), _edge(s.x0, s.bottom, s.x1, s.bottom),
                      _edge(s.x0, s.top, s.x0, s.bottom), _edge(s.x1, s.top, s.x1, s.bottom)]
        elif s.top == s.bottom or s.x0 == s.x1:
            edges.append(_edge(s.x0, s.top, s.x1, s.bottom))
    return edges


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "line",
        "orientation": "h" if top == bottom else "v",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _clusters(values: Sequence[float]) -> list[list[float]]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= GRID_TOLERANCE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def _edge_clusters(edges: Sequence[dict[str, Any]], key: str) -> list[list[dict[str, Any]]]:
    """Edges grouped by where one of their ends lies (``key``), chaining within tolerance."""
    groups: list[list[dict[str, Any]]] = []
    for edge in sorted(edges, key=lambda e: e[key]):
        if groups and edge[key] - groups[-1][-1][key] <= GRID_TOLERANCE:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    return groups


def _buckets(edges: Sequence[dict[str, Any]], key: str) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for edge in edges:
        found.setdefault(int(edge[key] // GRID_TOLERANCE), []).append(edge)
    return found


def _near(buckets: dict[int, list[dict[str, Any]]], value: float) -> list[dict[str, Any]]:
    slot = int(value // GRID_TOLERANCE)
    return [e for s in (slot - 1, slot, slot + 1) for e in buckets.get(s, ())]


def _crosses(h: dict[str, Any], v: dict[str, Any]) -> bool:
    tol = GRID_TOLERANCE
    return h["x0"] - tol <= v["x0"] <= h["x1"] + tol and v["top"] - tol <= h["top"] <= v["bottom"] + tol


def _close_open_ends(edges: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Synthetic rules where a grid stops without one. Rules of one direction ending on the
    same coordinate, at least one of them ending in the air (no crossing rule at its end),
    get a rule across their ends; the run is split where no crossing rule ties two
    neighbours together, so two separate tables are never bridged.
    Returns (horizontal, vertical) extra rules."""
    tol = GRID_TOLERANCE
    verticals = [e for e in edges if e.get("orientation") == "v"]
    horizontals = [e for e in edges if e.get("orientation") == "h"]
    h_by_y, v_by_x = _buckets(horizontals, "top"), _buckets(verticals, "x0")

    def open_end(edge: dict[str, Any], key: str, vertical: bool) -> bool:
        if vertical:
            return not any(abs(h["top"] - edge[key]) <= tol and h["x0"] - tol <= edge["x0"] <= h["x1"] + tol
                           for h in _near(h_by_y, edge[key]))
        return not any(abs(v["x0"] - edge[key]) <= tol and v["top"] - tol <= edge["top"] <= v["bottom"] + tol
                       for v in _near(v_by_x, edge[key]))

    def closers(ends: list[dict[str, Any]], crossing: list[dict[str, Any]], key: str,
                vertical: bool) -> list[dict[str, Any]]:
        position = "x0" if vertical else "top"
        found: list[dict[str, Any]] = []
        for cluster in _edge_clusters(ends, key):
            group = sorted(cluster, key=lambda e: e[position])
            if len(group) < 2 or not any(open_end(e, key, vertical) for e in group):
                continue
            runs: list[list[dict[str, Any]]] = [[group[0]]]
            for edge in group[1:]:
                tied = any(
                    (_crosses(c, runs[-1][-1]) and _crosses(c, edge)) if vertical
                    else (_crosses(runs[-1][-1], c) and _crosses(edge, c))
                    for c in crossing
                )
                if tied:
                    runs[-1].append(edge)
                else:
                    runs.append([edge])
            at = sum(e[key] for e in group) / len(group)
            for run in runs:
                if len(run) < 2 or not any(open_end(e, key, vertical) for e in run):
                    continue
                start, stop = run[0][position], run[-1][position]
                found.append(_edge(start, at, stop, at) if vertical else _edge(at, start, at, stop))
        return found

    extra_h = closers(verticals, horizontals, "bottom", True) + closers(verticals, horizontals, "top", True)
    extra_v = closers(horizontals, verticals, "x0", False) + closers(horizontals, verticals, "x1", False)
    return extra_h, extra_v


def _index(value: float, lines: Sequence[float]) -> int:
    """The grid line nearest ``value`` (``lines`` ascending; the first of two equally near)."""
    at = bisect_left(lines, value)
    if at == 0:
        return 0
    if at == len(lines):
        return len(lines) - 1
    return at if lines[at] - value < value - lines[at - 1] else at - 1


Box = tuple[float, float, float, float]


def _anchor(char: Char) -> float:
    """Where a glyph stands for the cell it belongs to: its middle; for punctuation that may
    hang past a cell's rule, a quarter in from its left edge (where a full-width mark's ink
    is), so that it stays in the cell it ends instead of opening the next one (，7: a false
    GAO105)."""
    if char.text in NO_LINE_START:  # (it may hang over the rule: …只计这一情形，| 7)
        return char.x0 + (char.x1 - char.x0) / 4
    return (char.x0 + char.x1) / 2


def _grid_table(bboxes: Sequence[Box], chars: Sequence[Char], page: int) -> tuple[PageTable | None, list[Char]]:
    """Place the cell boxes on a grid and fill them with text; None for ruling without text
    (boxes, frames). Also the glyphs that fell in a cell.

    Each glyph is looked up by its vertical middle (bisect over the glyphs sorted by it), so
    the work is the glyphs of each cell's row band, not every glyph against every cell."""
    xs = [sum(g) / len(g) for g in _clusters([v for b in bboxes for v in (b[0], b[2])])]
    ys = [sum(g) / len(g) for g in _clusters([v for b in bboxes for v in (b[1], b[3])])]
    if len(xs) < 2 or len(ys) < 2:
        return None, []
    ordered = sorted(chars, key=lambda c: c.top + c.bottom)
    middles = [(c.top + c.bottom) / 2 for c in ordered]
    taken: list[Char] = []
    cells: list[GridCell] = []
    for x0, top, x1, bottom in bboxes:
        row, col = _index(top, ys), _index(x0, xs)
        band = ordered[bisect_left(middles, top) : bisect_left(middles, bottom)]
        mine = [c for c in band if x0 <= _anchor(c) < x1]
        taken += mine
        cell = GridCell(
            text=cell_text(mine), row=row, col=col,
            rowspan=max(1, _index(bottom, ys) - row), colspan=max(1, _index(x1, xs) - col),
            x0=x0, x1=x1, top=top, bottom=bottom, page=page,
        )
        if mine and _is_label(cell.text):
            _measure_last_line(cell, mine)
        cells.append(cell)
    if not any(c.text for c in cells):
        return None, []
    return PageTable(cells=cells, nrows=len(ys) - 1, ncols=len(xs) - 1, x0=xs[0], x1=xs[-1], top=ys[0],
                     bottom=ys[-1], page=page), taken


# --- pdfplumber's "lines" table finder, on sorted lists ------------------------------------
# The same steps and tolerances as pdfplumber.table.TableFinder (snap, join, intersect, find
# the smallest cell at each corner, group cells sharing a corner), with the all-pairs loops
# replaced by sorting and bisecting.

#: pdfplumber's defaults: snap and join edges within 3 points, intersect within 3, drop
#: edges shorter than 1 before and 3 after merging.
SNAP = JOIN = INTERSECT = 3.0
MIN_LENGTH_BEFORE, MIN_LENGTH_AFTER = 1.0, 3.0

#: An edge on one line: (position, start, end) — (top, x0, x1) or (x0, top, bottom).
Segment = tuple[float, float, float]


def _snap(segments: list[Segment]) -> list[Segment]:
    """Edges whose positions chain within SNAP moved to their cluster's mean."""
    if not segments:
        return []
    values = sorted({s[0] for s in segments})
    cluster_of: dict[float, int] = {}
    cluster = 0
    last = values[0]
    for value in values:
        if value > last + SNAP:
            cluster += 1
        cluster_of[value] = cluster
        last = value
    sums: dict[int, list[float]] = {}
    for s in segments:
        total = sums.setdefault(cluster_of[s[0]], [0.0, 0.0])
        total[0] += s[0]
        total[1] += 1
    return [(sums[cluster_of[s[0]]][0] / sums[cluster_of[s[0]]][1], s[1], s[2]) for s in segments]


def _join(segments: list[Segment]) -> list[Segment]:
    """Edges on the same line whose ends are within JOIN of each other made one."""
    joined: list[Segment] = []
    for position, start, end in sorted(segments):
        if joined and joined[-1][0] == position and start <= joined[-1][2] + JOIN:
            if end > joined[-1][2]:
                joined[-1] = (position, joined[-1][1], end)
        else:
            joined.append((position, start, end))
    return [s for s in joined if s[2] - s[1] >= MIN_LENGTH_AFTER]


def _merge(edges: Sequence[dict[str, Any]]) -> tuple[list[Segment], list[Segment]]:
    h = [(e["top"], e["x0"], e["x1"]) for e in edges
         if e.get("orientation") == "h" and e["x1"] - e["x0"] >= MIN_LENGTH_BEFORE]
    v = [(e["x0"], e["top"], e["bottom"]) for e in edges
         if e.get("orientation") == "v" and e["bottom"] - e["top"] >= MIN_LENGTH_BEFORE]
    return _join(_snap(h)), _join(_snap(v))


def find_cells(edges: Sequence[dict[str, Any]]) -> tuple[list[list[Box]], list[Box]]:
    """(cell boxes of each table of two or more cells, top to bottom; every cell found)."""
    horizontals, verticals = _merge(edges)
    by_top = sorted(range(len(horizontals)), key=lambda i: horizontals[i][0])
    tops = [horizontals[i][0] for i in by_top]
    # Corner -> (vertical edges through it, horizontal edges through it).
    corners: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi, (x, v_top, v_bottom) in enumerate(verticals):
        for hi in by_top[bisect_left(tops, v_top - INTERSECT) : bisect_right(tops, v_bottom + INTERSECT)]:
            y, h_x0, h_x1 = horizontals[hi]
            if h_x0 - INTERSECT <= x <= h_x1 + INTERSECT:
                v_set, h_set = corners.setdefault((x, y), (set(), set()))
                v_set.add(vi)
                h_set.add(hi)
    points = sorted(corners)
    down: dict[float, list[tuple[float, float]]] = {}
    across: dict[float, list[tuple[float, float]]] = {}
    for point in points:  # sorted by x then y: each column's points top to bottom
        down.setdefault(point[0], []).append(point)
    for point in sorted(points, key=lambda p: (p[1], p[0])):
        across.setdefault(point[1], []).append(point)

    def joined(a: tuple[float, float], b: tuple[float, float], vertical: bool) -> bool:
        k = 0 if vertical else 1
        return not corners[a][k].isdisjoint(corners[b][k])

    cells: list[Box] = []
    for point in points:
        column, row = down[point[0]], across[point[1]]
        below = column[bisect_right(column, point):]
        right = row[bisect_right(row, point):]
        found = None
        for b in below:
            if not joined(point, b, True):
                continue
            for r in right:
                if not joined(point, r, False):
                    continue
                corner = (r[0], b[1])
                if corner in corners and joined(corner, r, True) and joined(corner, b, False):
                    found = (point[0], point[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return _group(cells), cells


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells sharing a corner, transitively, as tables of two or more cells sorted by their
    top-left cell (pdfplumber's ``cells_to_tables``, with a union-find)."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for index, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            other = owner.setdefault(corner, index)
            if other != index:
                parent[root(index)] = root(other)
    groups: dict[int, list[Box]] = {}
    for index, cell in enumerate(cells):
        groups.setdefault(root(index), []).append(cell)
    tables = [g for g in groups.values() if len(g) > 1]
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))


def _cell_groups(edges: Sequence[dict[str, Any]]) -> list[list[Box]]:
    """Cell boxes of each ruled table, single boxes included: pdfplumber drops one-cell
    tables, but the first row of a table (a full-width band such as 第二十条第（一）项) may be
    all that fits at the foot of a page."""
    tables, cells = find_cells(edges)
    grouped = {b for group in tables for b in group}
    return tables + [[b] for b in cells if b not in grouped]


def page_tables(shapes: Sequence[Shape], chars: Sequence[Char], page_number: int) -> tuple[list[PageTable], list[Char]]:
    """The ruled tables drawn by a page's shapes and the glyphs left over for prose."""
    edges = _edges(shapes)
    extra_h, extra_v = _close_open_ends(edges)
    tables: list[PageTable] = []
    rest = list(chars)
    for boxes in _cell_groups(edges + extra_h + extra_v):
        outline: Box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes))
        inside = [c for c in rest if _inside(c, outline, closed=True)]
        table, taken = _grid_table(boxes, inside, page_number)
        if table is None:
            continue
        tables.append(table)
        if taken:
            gone = {id(c) for c in taken}
            rest = [c for c in rest if id(c) not in gone]
    return tables, rest


def _inside(char: Char, box: Box, closed: bool = False) -> bool:
    x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    if closed:
        return box[0] <= x <= box[2] and box[1] <= y <= box[3]
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _row_texts(rows: Sequence[Sequence[GridCell]]) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in row) for row in rows]


def continues(doc: DocTable, table: PageTable) -> bool:
    """Whether a table at the top of a page carries on the one ending the previous page."""
    last = doc.last
    return (
        last is not None
        and table.page == last.page + 1
        and abs(last.x0 - table.x0) <= CONTINUATION_TOLERANCE
        and abs(last.x1 - table.x1) <= CONTINUATION_TOLERANCE
    )


def _is_label(text: str) -> bool:
    """A cell holding words (a row or column label), not a figure."""
    return any(ch.isalpha() and not ch.isascii() for ch in text)


def _measure_last_line(cell: GridCell, glyphs: Sequence[Char]) -> None:
    """Set how far the label's last line of text stands from the cell's rules, and its size."""
    size = max(g.bottom - g.top for g in glyphs)
    lowest = max(g.top for g in glyphs)
    line = [g for g in glyphs if g.top > lowest - size / 2]
    cell.ink_left = min(g.x0 for g in line) - cell.x0
    cell.ink_right = cell.x1 - max(g.x1 for g in line)
    cell.size = size


#: What a cell keeps free inside its rules besides the room a wrapped line leaves (Word's
#: default cell margins are 5.4 pt a side).
_CELL_PADDING = 6.0


def _fills(cell: GridCell) -> bool:
    """Whether a label's last line reaches across its cell, so that the cell wrapped it there:
    no more room is left on either side than a character and the cell's padding (行政规 at a
    page's foot in a narrow column, its 范性文件 on the next page). A label that ends short of
    that (行政处罚 in a wide column) is whole."""
    room = cell.size + _CELL_PADDING
    return cell.size > 0 and cell.ink_right <= room and cell.ink_left <= room


#: How a row label starts (3.补正后…, （五）不予处理, 四、结转…): a label that does not is the rest
#: of a label the page break cut.
_ROW_NUMBERING = re.compile(r"\s*(?:\d{1,2}\s*[.、]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*、)")
#: A numbered label the break cut inside its brackets: （六 at a page's foot, ）其他处理 at the next
#: page's top.
_CUT_NUMBERING = re.compile(r"\s*[（(][一二三四五六七八九十]{1,3}\s*$")


def _numbered(text: str) -> bool:
    """A row label that starts with its numbering, whole or cut by the break after it."""
    return bool(_ROW_NUMBERING.match(text) or _CUT_NUMBERING.match(text))


#: A cell that holds a figure and nothing else.
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _same_column(a: GridCell, b: GridCell) -> bool:
    return abs(a.x0 - b.x0) <= GRID_TOLERANCE and abs(a.x1 - b.x1) <= GRID_TOLERANCE


def _finishes_row(above: Sequence[GridCell], top: Sequence[GridCell]) -> bool:
    """Whether the first row of a page's piece is the rest of the row that ends the page
    before: Word and LibreOffice let a row break across pages, so a label that wraps
    (2.没有现 / 成信息需要另行制作) leaves its second line, and nothing else, at the top of the
    next page. Every cell of that rest is empty but a label or two, none of which starts the
    way a row label starts, each under a numbered label of the row above, which holds figures.
    A figure wrapped in a narrow cell (3 / 6 of 36) leaves its rest the same way: every cell
    empty but a figure or two, each under a figure of the row above."""
    labels = [cell for cell in top if cell.text]
    if labels and len(labels) < len(top) and all(_FIGURE.fullmatch(cell.text) for cell in labels):
        # A figure cut by the break: a narrow cell wrapped 36 as 3 / 6, and the 6 went over
        # alone. Each such cell is under a figure of a row that no cell of this one labels.
        return all(any(_same_column(cell, upper) and _FIGURE.fullmatch(upper.text) for upper in above)
                   for cell in labels)
    if not labels or not all(_is_label(cell.text) and not _ROW_NUMBERING.match(cell.text) for cell in labels):
        return False
    if not any(cell.text and not _is_label(cell.text) for cell in above):
        return False
    # The label above must be a numbered one (2.没有现…, （二）部分公开…) that the break cut, or
    # one whose last line fills its cell (行政规 / 范性文件: table 2's labels have no numbers): an
    # unnumbered label that ends short (行政强制 under 行政处罚) over blank cells is a row of its own.
    return all(any(_same_column(cell, upper) and _is_label(upper.text) and (_numbered(upper.text) or _fills(upper))
                   for upper in above) for cell in labels)


def _carry_up(above: Sequence[GridCell], top: Sequence[GridCell]) -> None:
    """Join the rest of each cut label to the label it continues."""
    for cell in top:
        if cell.text:
            upper = next(u for u in above if _same_column(cell, u))
            upper.text += cell.text


def append_piece(doc: DocTable, table: PageTable) -> None:
    """Add a page's piece to a table: drop a repeated header, and drop the top cells that only
    continue a merged cell from the page before (moving their text up if the merged cell
    printed it on the new page).

    A top cell continues a cell of the previous piece's last row when both have the same
    left and right rules and the new one is empty, provided the one above is merged over
    rows or is a label: the piece on the previous page may hold only one row of a merged
    label. An empty cell under a figure is never dropped: it is a missing number.

    Below a repeated header the first row is asked the same: the break may have cut a row
    whatever the page repeats above it (19 / 1 of 191 under the header)."""
    rows = table.rows()
    last = doc.last
    if last is not None and doc.rows:
        repeated = 0
        head, tail = _row_texts(doc.rows), _row_texts(rows)
        while repeated < min(len(head), len(tail) - 1) and head[repeated] == tail[repeated]:
            repeated += 1
        rows = rows[repeated:]
        if rows and _finishes_row(doc.rows[-1], rows[0]):
            _carry_up(doc.rows[-1], rows[0])
            rows = rows[1:]
        elif rows:
            open_cells = [c for c in last.cells
                          if c.row + c.rowspan >= last.nrows and (c.rowspan > 1 or _is_label(c.text))]
            kept: list[GridCell] = []
            for cell in rows[0]:
                above = next((m for m in open_cells
                              if abs(m.x0 - cell.x0) <= GRID_TOLERANCE
                              and abs(m.x1 - cell.x1) <= GRID_TOLERANCE), None)
                if above is None:
                    kept.append(cell)
                elif cell.text and not above.text and above.rowspan > 1:
                    above.text = cell.text
                elif cell.text and above.rowspan > 1 and _is_label(cell.text) and not _ROW_NUMBERING.match(cell.text):
                    # A group label merged over rows, cut by the break inside its words or its
                    # brackets (（三 / ）不予公开): the rest of it, not a label of its own.
                    above.text += cell.text
                elif cell.text:
                    kept.append(cell)
            rows = [kept] + rows[1:]
    doc.rows.extend(row for row in rows if row)
    doc.last = table
    doc.columns = max(doc.columns, table.ncols)
