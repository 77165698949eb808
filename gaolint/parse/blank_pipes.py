"""Lone-pipe lines that stand for blank cells, in tables copied one cell per line.

A web page's table copied as text often gives each cell a line of its own ending in a pipe
(``2120 |``) and starts every row with a line holding a lone pipe. A cell left blank (a zero
the agency did not write) then copies as a lone pipe too (``|``): the same line as a row's
start. A row short of the grid closes with a line of one pipe per missing cell (``||``; a row
one cell short with a lone pipe again), or carries those pipes on its last cell's line
(``8 | |||||||||``, where a blank last cell leaves ``| |||||||||``).

Which lone pipes are cells is decided by the row's width, which only the table reader knows:
a lone pipe among a row's values is a blank cell, and lone pipes after its last value are
blank cells as far as the row needs them, less the lines that part one row from the next in
this table (learned from the table itself, where a label follows a value). A row that no
choice makes exactly its width is left as it was (GAO105 reports it). Blank cells read this
way are GAO106's, as blank cells are in every other shape.
"""

from __future__ import annotations

from .cells import BAD, EMPTY, GLUED, LABEL, MAYBE_BLANK, NUMBER, PADDING, SEP, Token


def row_boundary(tokens: list[Token]) -> int:
    """The fewest lines of pipes alone between a value and the label that follows it: how
    many lines part two rows of this table when no cell is blank. 0 when a label follows a
    value with none between (rows on lines of their own: no line of pipes is a cell). In a
    table with no value at all (every count left blank), the fewest such lines between two
    labels (a header row's end and the next row's start)."""
    fewest: int | None = None
    between_labels: int | None = None
    run = 0
    after_value = after_label = False
    for token in tokens:
        kind = token[0]
        if kind == SEP:
            run += token[1] == MAYBE_BLANK or token[1] == PADDING
            continue
        if kind == EMPTY and not token[2].text.strip():
            continue  # a blank line between lines
        if kind == LABEL:
            if after_value:
                fewest = run if fewest is None else min(fewest, run)
                if not fewest:
                    return 0
            elif after_label and run:
                between_labels = run if between_labels is None else min(between_labels, run)
        after_value, after_label = kind != LABEL, kind == LABEL
        run = 0
    if fewest is None:
        return between_labels or 0
    return fewest


def blank_cells(values: list[Token], width: int, boundary: int) -> list[Token] | None:
    """``values`` (a row's tokens after its label) with the lone pipes that are its blank
    cells made EMPTY, when exactly that many make the row ``width`` cells wide; None when
    none are, or no choice fits. The last ``boundary`` lines of pipes after the row's last
    value part it from the next row and are never cells."""
    if not any(t[0] == SEP and t[1] == MAYBE_BLANK for t in values):
        return None
    cells = [i for i, t in enumerate(values) if t[0] in (NUMBER, BAD, EMPTY) and t[2].text.strip()]
    if any(t[0] == GLUED for t in values):
        return None
    last = cells[-1] if cells else -1
    inner = [i for i in range(last) if values[i][0] == SEP]
    if any(values[i][1] != MAYBE_BLANK for i in inner):
        return None  # a row boundary among the values: not one row's
    tail = [i for i in range(last + 1, len(values)) if values[i][0] == SEP]
    maybe = 0
    while maybe < len(tail) and values[tail[maybe]][1] == MAYBE_BLANK:
        maybe += 1
    need = width - len(cells) - len(inner)
    if need < 0 or need > min(maybe, len(tail) - boundary):
        return None
    blank = set(inner).union(tail[:need])
    if not blank:
        return None
    return [(EMPTY, "", t[2], 0, 0, None) if i in blank else t for i, t in enumerate(values)]


def one_cell_per_line(tokens: list[Token]) -> bool:
    """Whether every value of the table stands alone on a line that ends in a pipe."""
    lines: dict[int, int] = {}
    found = False
    for token in tokens:
        if token[0] in (NUMBER, BAD):
            found = True
            if not token[2].text.rstrip().endswith("|"):
                return False
            key = id(token[2])
            lines[key] = lines.get(key, 0) + 1
            if lines[key] > 1:
                return False
    return found


def review_tokens(tokens: list[Token]) -> list[Token]:
    """Table 4's tokens without row boundaries; in a table copied one cell per line, the lone
    pipes kept as blank cells (table 4's reader keeps exactly its fifteen cells of a run)."""
    if not one_cell_per_line(tokens):
        return [t for t in tokens if t[0] != SEP]
    return [(EMPTY, "", t[2], 0, 0, None) if t[0] == SEP and t[1] == MAYBE_BLANK else t
            for t in tokens if t[0] != SEP or t[1] == MAYBE_BLANK]


def pipes_only_row(values: list[Token], width: int) -> list[Token] | None:
    """A row whose label line is followed by exactly ``width`` lone pipes and nothing else, in
    a table whose other rows stand on lines of their own (``规章 |`` / ``|`` / ``|`` / ``|``, a
    page that split its one empty row): its cells, all blank; None otherwise."""
    pipes = [t for t in values if t[0] == SEP and t[1] == MAYBE_BLANK]
    if len(pipes) != width or any(t[0] != SEP and t[2].text.strip() for t in values):
        return None
    return [(EMPTY, "", t[2], 0, 0, None) for t in pipes]
