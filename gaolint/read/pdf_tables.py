"""Ruled tables of one PDF page, and tables that run on over a page break.

Why not pdfplumber's defaults alone: Word/WPS exports paint a white or tinted background
rectangle behind every paragraph and cell. Those fills have edges too, so the default
"lines" strategy turns whole pages of prose into one-column tables and glues them to the
real table below. Only what is drawn as a rule (stroked lines and rectangles, and filled
rectangles thin enough to be a line) counts here. Word also leaves a table open where a page
breaks it (no bottom rule before the break, sometimes a partial top rule after it); the open
ends are closed with a synthetic rule so the cells there exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .pdf_text import Char, cell_text

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


def _is_rule(obj: dict[str, Any]) -> bool:
    """Whether a graphic object is part of a table's ruling (see the module docstring)."""
    if obj.get("object_type") != "rect":
        return True
    if obj.get("stroke"):
        return True
    return min(float(obj.get("width", 0)), float(obj.get("height", 0))) <= RULE_THICKNESS


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "line",
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
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


Box = tuple[float, float, float, float]


def _grid_table(bboxes: Sequence[Box], chars: Sequence[Char], page: int) -> PageTable | None:
    """Place pdfplumber's cell boxes on a grid and fill them with text; None for ruling
    without text (boxes, frames)."""
    xs = [sum(g) / len(g) for g in _clusters([v for b in bboxes for v in (b[0], b[2])])]
    ys = [sum(g) / len(g) for g in _clusters([v for b in bboxes for v in (b[1], b[3])])]
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells: list[GridCell] = []
    for x0, top, x1, bottom in bboxes:
        row, col = _index(top, ys), _index(x0, xs)
        mine = [c for c in chars if _inside(c, (x0, top, x1, bottom))]
        cells.append(GridCell(
            text=cell_text(mine), row=row, col=col,
            rowspan=max(1, _index(bottom, ys) - row), colspan=max(1, _index(x1, xs) - col),
            x0=x0, x1=x1, top=top, bottom=bottom, page=page,
        ))
    if not any(c.text for c in cells):
        return None
    return PageTable(cells=cells, nrows=len(ys) - 1, ncols=len(xs) - 1, x0=xs[0], x1=xs[-1], top=ys[0],
                     bottom=ys[-1], page=page)


def _cell_groups(page: Any, settings: dict[str, Any]) -> list[list[Box]]:
    """Cell boxes of each ruled table, single boxes included: pdfplumber drops one-cell
    tables, but the first row of a table (a full-width band such as 第二十条第（一）项) may be
    all that fits at the foot of a page."""
    from pdfplumber.table import TableFinder, TableSettings

    finder = TableFinder(page, TableSettings.resolve(settings))
    groups = [[_box(b) for b in table.cells] for table in finder.tables]
    grouped = {b for group in groups for b in group}
    groups += [[_box(b)] for b in finder.cells if _box(b) not in grouped]
    return groups


def _box(b: Any) -> Box:
    return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def _inside(char: Char, box: Box, closed: bool = False) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    if closed:
        return box[0] <= x <= box[2] and box[1] <= y <= box[3]
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def page_tables(page: Any, chars: Sequence[Char], page_number: int) -> tuple[list[PageTable], list[Char]]:
    """The ruled tables of a pdfplumber page and the glyphs left over for prose."""
    ruled = page.filter(_is_rule)
    extra_h, extra_v = _close_open_ends(ruled.edges)
    settings: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    if extra_h:
        settings["explicit_horizontal_lines"] = extra_h
    if extra_v:
        settings["explicit_vertical_lines"] = extra_v
    tables: list[PageTable] = []
    rest = list(chars)
    for boxes in _cell_groups(ruled, settings):
        outline: Box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes))
        inside = [c for c in rest if _inside(c, outline, closed=True)]
        table = _grid_table(boxes, inside, page_number)
        if table is None:
            continue
        tables.append(table)
        taken = {id(c) for c in inside if any(_inside(c, b) for b in boxes)}
        rest = [c for c in rest if id(c) not in taken]
    return tables, rest


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


def append_piece(doc: DocTable, table: PageTable) -> None:
    """Add a page's piece to a table: drop a repeated header, and drop the top cells that only
    continue a merged cell from the page before (moving their text up if the merged cell
    printed it on the new page).

    A top cell continues a cell of the previous piece's last row when both have the same
    left and right rules and the new one is empty, provided the one above is merged over
    rows or is a label: the piece on the previous page may hold only one row of a merged
    label. An empty cell under a figure is never dropped: it is a missing number."""
    rows = table.rows()
    last = doc.last
    if last is not None and doc.rows:
        repeated = 0
        head, tail = _row_texts(doc.rows), _row_texts(rows)
        while repeated < min(len(head), len(tail) - 1) and head[repeated] == tail[repeated]:
            repeated += 1
        if repeated:
            rows = rows[repeated:]
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
                elif cell.text:
                    kept.append(cell)
            rows = [kept] + rows[1:]
    doc.rows.extend(row for row in rows if row)
    doc.last = table
    doc.columns = max(doc.columns, table.ncols)
