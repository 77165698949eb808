"""Reading the national tables out of a cell stream: each recognised label takes the numbers
that follow it, until the next label or row boundary."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Cell, Line, Row, Table
from ..model_format import RowSpec, TableSpec
from . import blank_pipes, glued_rows, unglue
from .blank_rows import blank_row
from .cells import _HAS_CJK, BAD, EMPTY, GLUED, LABEL, NUMBER, SEP, Token, _blank_line, token_location, tokenise
from .labels import bigrams, similarity, split_numbering, squeeze

#: Below this bigram similarity a label is not taken for a row of the format.
_THRESHOLD = 0.6


class RowMatcher:
    """Finds the format row a label means, preferring rows after the last one matched, since
    tables keep their order while header cells (其他, 总计) reuse row words.

    How well a label fits each row does not depend on the table being read, only the order
    does; so the fits are worked out once per label text and format table, and shared by every
    report of a run (the same few hundred labels recur in every report)."""

    #: id(spec) -> (spec, prepared rows, exact labels, label bigrams, fits by label text).
    _shared: dict[int, tuple] = {}
    _MEMO_LIMIT = 20_000

    def __init__(self, spec: TableSpec) -> None:
        self.rows = spec.rows
        shared = self._shared.get(id(spec))
        if shared is None or shared[0] is not spec:
            prepared, exact, grams = [], [], []
            for index, row in enumerate(spec.rows):
                marker, body = split_numbering(row.label)
                phrases = tuple(phrase for phrase in (squeeze(m) for m in row.match) if phrase)
                prepared.append((index, row, marker, squeeze(body), phrases))
                exact.append(frozenset(squeeze(e) for e in row.exact))
                grams.append(bigrams(squeeze(body)))
            shared = self._shared[id(spec)] = (spec, prepared, exact, grams, {})
        _, self.prepared, self.exact, self.grams, self._fits = shared
        self.last = -1

    def match(self, text: str) -> RowSpec | None:
        fits = self._fits.get(text)
        if fits is None:
            if len(self._fits) >= self._MEMO_LIMIT:
                self._fits.clear()
            fits = self._fits[text] = self._fit(text)
        best: tuple[float, int, RowSpec] | None = None
        for index, row, score in fits:
            if score is None:
                # A bare 其他 / 总计 only counts right after the rows it closes. Numbered
                # ((七)总计) it also counts again for the row just matched: a header repeated
                # above it at a page break ends in a bare 总计, which took the row first.
                ahead = index - self.last
                if self.last >= 0 and 0 < ahead <= 4:
                    score = 0.9
                elif ahead == 0 and split_numbering(text)[0]:
                    score = 1.0
                else:
                    continue
            # Prefer the rows that come next in the table; allow going back only on a clear match.
            if index <= self.last:
                score -= 0.3
            if best is None or score > best[0]:
                best = (score, index, row)
        if best is None or best[0] < _THRESHOLD:
            return None
        self.last = max(self.last, best[1])
        return best[2]

    def best_fit(self, text: str) -> tuple[float, int]:
        """(score, row index) of the row ``text`` fits best, whatever row was matched last;
        (0.0, -1) when it fits none. A bare 其他 / 总计, which only the rows before it decide,
        counts as just fitting."""
        fits = self._fits.get(text)
        if fits is None:
            if len(self._fits) >= self._MEMO_LIMIT:
                self._fits.clear()
            fits = self._fits[text] = self._fit(text)
        return max(((_THRESHOLD if score is None else score, index) for index, _, score in fits), default=(0.0, -1))

    def _fit(self, text: str) -> tuple[tuple[int, RowSpec, float | None], ...]:
        """(index, row, score) for each row the label may mean, in row order; the score is
        None where it depends on the last row matched."""
        marker, body = split_numbering(text)
        content = squeeze(body)
        if not content:
            return ()
        content_grams = bigrams(content)
        fits = []
        for index, row, row_marker, row_body, phrases in self.prepared:
            score = self._score(marker, content, content_grams, index, row, row_marker, row_body, phrases)
            if score is None or score > 0:
                fits.append((index, row, score))
        return tuple(fits)

    def _score(self, marker, content, content_grams, index, row, row_marker, row_body, phrases) -> float | None:
        if row.exact:
            if content not in self.exact[index]:
                return 0.0
            if marker and row_marker:
                return 1.0 if marker == row_marker else 0.0
            return None  # a bare 其他 / 总计: decided by the last row matched
        if marker and row_marker and marker[-1] != row_marker[-1]:
            # "1." never means "（一）" and "一、" never means "（一）": the kind of numbering
            # tells the level of the row.
            marker_penalty = 0.25
        else:
            marker_penalty = 0.0
        for phrase in phrases:  # a loop, not any() over a generator: ~1,200 calls on a report's first table
            if phrase in content:
                return 1.0 - marker_penalty + (0.05 if marker == row_marker else 0.0)
        return similarity(content, row_body, content_grams, self.grams[index]) - marker_penalty


def read_rows_table(spec: TableSpec, lines: list[Line], row_sums: dict | None = None,
                    column_sums: list[dict] | None = None) -> Table | None:
    """Table 2 or 3: rows of numbers behind labels. None when no row of the table is found.

    ``row_sums`` is the format's per-row identity for this table (``total_column`` and
    ``part_columns``), which decides how a row of glued digits may be split; ``column_sums``
    its per-column identities, which choose between the splits of rows that several fit."""
    matcher = RowMatcher(spec)
    tokens = join_wrapped_labels(tokenise(lines), matcher)
    found: dict[str, Row] = {}
    current: Row | None = None
    current_spec: RowSpec | None = None
    values: list[Token] = []
    inferred: list[str] = []
    unread: list[str] = []
    #: Rows that several splits fit: each split's cells, for the column sums to choose from.
    ambiguous: dict[str, list[list[Cell]]] = {}
    #: Lines of pipes alone that part two rows (a table copied one cell per line), or 0.
    boundary = blank_pipes.row_boundary(tokens)
    #: Rows read as blank from a label with nothing after it (``close``).
    blank_rows: set[str] = set()

    def close(at_end: bool = False, before_row: bool = False) -> None:
        if current is None or current_spec is None:
            return
        width = len(spec.columns_of(current_spec))
        row = values
        if width >= 5 and _one_digit_a_cell(row, width):
            # 0000000 under seven column headers: the row's digits, each a cell, lost what parted
            # them (text extracted from a page, one row a line): split, as glued digits are
            row = [(GLUED, *t[1:]) if t[0] == NUMBER else t for t in row]
        if any(t[0] == GLUED for t in row):
            if current.key in found and found[current.key].cells:
                return
            fits: Callable[[list[int]], bool] = unglue.anything
            if row_sums is not None and width == row_sums["total_column"] + 1:
                fits = unglue.row_sum(row_sums["total_column"], row_sums["part_columns"])
            ways, guessed = _glued_cells(row, width, fits, glued_rows.MAX_WAYS)
            found[current.key] = current
            if len(ways) == 1:
                current.cells = ways[0]
                if guessed:
                    inferred.append(current.key)
            else:
                unread.append(current.key)
                if ways:
                    ambiguous[current.key] = ways
            return
        # Trailing blanks fill the row up to its width only in a row that leaves zeros blank (a
        # blank before one of its counts: ``|  |  | 1 |  |  |``) or whose blanks are a table's
        # own cells (a web page's or Word file's ``<td>&nbsp;</td>``); elsewhere they are the
        # line's padding (``| 2 | 0 | 0 | 0 | 0 | 2 | ||``, a row a cell short: GAO105).
        if current_spec.columns:
            expected = len(current_spec.columns)
        else:
            expected = width if _blank_before_count(row) or _ends_in_grid_cell(row) else 0
        cells = _row_cells(row, expected, width)
        if boundary and len(cells) < width:
            # A table copied one cell per line: lone pipes among or after the row's values may
            # be its blank cells. After the table's last row no row starts, so one line fewer
            # parts it from what follows.
            marked = blank_pipes.blank_cells(values, width, boundary - at_end)
            if marked is not None:
                row = marked
                cells = _row_cells(row, width, width)  # exactly this wide, its blanks counted
        if row_sums is not None and len(cells) == width + 1 == row_sums["total_column"] + 2:
            cells = _wrapped_total(cells, row_sums["part_columns"]) or cells
        if current_spec.group and not cells:
            found.setdefault(current.key, current)
            return
        if not cells and not boundary:
            pipes = blank_pipes.pipes_only_row(values, width)
            if pipes is not None:
                row = pipes
        if not cells:
            cells = _blank_row(row, width)  # every count left blank is still the row
        blank = False
        if (not cells and (at_end or before_row) and all(t[0] == SEP for t in values)
                and any(r.cells for k, r in found.items() if k not in blank_rows)):
            # a row's label and nothing after it but row boundaries, then the next row or the
            # table's end, in a table whose other rows have values (行政许可 then 其他对外管理服务
            # 事项, one cell a line; 行政事业性收费 |, then the next section): its cells were left
            # blank and the page wrote not even their pipes. A later occurrence with values
            # replaces it.
            cells = [Cell("", None, current.location) for _ in range(width)]
            blank = True
        if not cells:
            return  # a label with nothing after it: a header, or prose naming the row
        if current.key in found and found[current.key].cells and current.key not in blank_rows:
            return  # the first full occurrence wins (prose may repeat a row's words)
        if blank and current.key in found:
            return
        current.cells = cells
        found[current.key] = current
        if blank:
            blank_rows.add(current.key)
        else:
            blank_rows.discard(current.key)

    label_line = -1  # the normalised line of the current row's label
    #: A label that named no row, with the numbers after it: the first piece of a label whose
    #: rest a page break carried past the numbers (``2.没有现 0 0 0 0 0 0 0`` / page footer /
    #: ``成信息需`` ``要另行制`` ``作``), which the next label may complete.
    orphan: tuple[Token, list[Token]] | None = None
    for token in tokens:
        if token[0] == LABEL:
            if current is not None and token[1] == current.label and all(t[0] in _SPACING for t in values):
                # The row's label again before any of its values (``（七）总计 | （七）总计 | 7 | …``):
                # a label cell merged across two columns, which a copy or a re-published page
                # repeated in each. Read as the label once.
                values = []
                continue
            row_spec = matcher.match(token[1])
            if row_spec is not None and "。" in token[1] and not _opens_with_row(token[1], row_spec):
                row_spec = None  # a sentence naming a row (本年度行政处罚处理决定数量39件，…。) above the table
            if row_spec is None:
                if (current_spec is not None and not current_spec.group and not values
                        and _label_tail(token, label_line)):
                    label_line = token[2].index
                    continue  # the end of the row's label, wrapped onto the line of its numbers
                close()
                current, current_spec, values = None, None, []
                orphan = (token, [])
                continue
            if row_spec.group and row_spec.key in found and current is not None and not values:
                continue  # a merged group label repeated at the start of a row
            close(before_row=True)
            current = Row(row_spec.key, token[1], token_location(token))
            current_spec = row_spec
            label_line = token[2].index
            values = []
            if orphan is not None and _completes(orphan, token, row_spec, matcher):
                current = Row(row_spec.key, orphan[0][1] + token[1], token_location(orphan[0]))
                values = orphan[1]
            orphan = None
        elif current is not None or token[0] == SEP:
            values.append(token)
        elif orphan is not None:
            orphan[1].append(token)
    close(at_end=True)
    if not unread and not any(row.cells for row in found.values()):
        return None
    first = min(found.values(), key=lambda r: (r.location.line, r.location.column))
    table = Table(kind=spec.kind, location=first.location, rows=found, inferred_rows=inferred, unread_rows=unread)
    table.missing_rows = _missing(spec, found)
    if ambiguous and column_sums:
        glued_rows.settle(table, spec, ambiguous, column_sums)
    return table


#: Tokens that hold no value: a cell boundary, a cell left blank.
_SPACING = frozenset((SEP, EMPTY))

#: What may stand before a row's words in its label: its outline number and blanks.
_OUTLINE = "（()）一二三四五六七八九十、.．0123456789 "


def _opens_with_row(text: str, row: RowSpec) -> bool:
    """Does ``text`` open with the row's words (规章：地方行政规章指…。, a label with its definition),
    as a row's label does, and not name the row inside a sentence?"""
    start = text.lstrip(_OUTLINE)
    return any(start.startswith(word) for word in (row.label, *row.match))


def _label_tail(token: Token, label_line: int) -> bool:
    """A label that names no row, on the line right after the current row's label, short and
    not starting a numbering: the end of that label, which a cell too narrow for it wrapped
    onto the line that holds the row's numbers, as text copied from a PDF has it
    (``（二）部分公开（区分处理的，只计这一情形，不计其他情`` / ``形） 1 1 0 0 0 0 2``). The caller
    asks it only before any value of the row: a blank line left as a cell is a value."""
    return (_next_line(label_line, token[2].index) and len(token[1]) <= _PIECE_CHARS
            and not split_numbering(token[1])[0])


def _completes(orphan: tuple[Token, list[Token]], token: Token, row_spec: RowSpec, matcher: RowMatcher) -> bool:
    """Whether ``token`` is the rest of the orphan label: the orphan has numbers and starts a
    numbering, ``token`` does not, and only together do they name ``token``'s row."""
    first, numbers = orphan
    if not any(t[0] in _VALUES for t in numbers) or not split_numbering(first[1])[0]:
        return False
    if split_numbering(token[1])[0] or token[2].index - numbers[-1][2].index > _REST_WITHIN:
        return False
    score, index = matcher.best_fit(first[1] + token[1])
    return score >= _THRESHOLD and 0 <= index < len(matcher.rows) and matcher.rows[index] is row_spec


#: Lines between a cut label's numbers and the rest of the label (the page's footer is dropped
#: as furniture before; a page number or heading left over may stand between).
_REST_WITHIN = 2
#: A piece that names a row this clearly (its words, not a likeness) is a label of its own.
_OWN_LABEL = 0.9
#: Longest piece of a label wrapped in a narrow cell, and most pieces one label is cut into.
_PIECE_CHARS = 16
_MOST_PIECES = 48


def join_wrapped_labels(tokens: list[Token], matcher: RowMatcher) -> list[Token]:
    """Join the pieces of labels that a narrow cell wrapped over several lines, as text copied
    from a PDF viewer has them (三、本年 / 度办理结 / 果 / then the row's numbers).

    Only labels alone on consecutive lines are pieces; a piece that starts a numbering
    (1. （三） 四、) starts a new label, and so does a piece that names another row by its own
    words (规章 under a column of header cells). Of the joins, the longest that fits a row
    best is kept, when it fits a row at least as well as the first piece alone."""
    tokens = _lone_characters(tokens)
    runs = _piece_runs(tokens)
    if not runs:
        return tokens  # most tables: no two lone labels on consecutive lines
    out: list[Token] = []
    index = 0  # tokens before it are in ``out``
    for run in runs:
        start = run[0]
        while start < run[-1]:
            pieces = [tokens[i] for i in range(start, min(run[-1] + 1, start + _MOST_PIECES))]
            taken = _best_join(pieces, matcher)
            if taken < 2:
                start += 1
                continue
            first, last = pieces[0], pieces[taken - 1]
            end_column = first[4] if last[2] is not first[2] else last[4]
            out.extend(tokens[index:start])
            out.append((LABEL, "".join(t[1] for t in pieces[:taken]), first[2], first[3], end_column, None))
            start = index = start + taken
    out.extend(tokens[index:])
    return out


def _lone_characters(tokens: list[Token]) -> list[Token]:
    """A label printed one character per line (a very narrow column, as some PDFs have it, copied
    as text: ``3.`` / ``危`` / ``及`` / ``“`` / ``三`` / ``安`` …) holds characters that alone read as
    a bad count: 三 and 一 (numerals), 无 and 空. Between two other one-character pieces, each
    alone on the line before and after, such a character is a piece of the label; so is a
    numeral alone on its line above a lone 、 (``四`` / ``、`` / ``结`` …: the next label's
    numbering). A 无 under a whole label (``行政许可`` / ``无``) is still the cell it is, and so
    is a 无 beside another (``规章`` / ``无`` / ``无`` / ``无``: a row's cells, one per line)."""
    changed: list[Token] | None = None
    for index in range(1, len(tokens) - 1):
        token = tokens[index]
        if token[0] != BAD or len(token[1]) != 1 or not _HAS_CJK.match(token[1]):
            continue
        before, after = tokens[index - 1], tokens[index + 1]
        line = token[2].index
        if after[2].index != line + 1 or not _alone(tokens, index + 1) or not _alone(tokens, index):
            continue
        if before[1] == token[1] or after[1] == token[1]:
            continue  # 无 / 无 / 无: a row of cells one per line, not a word drawn glyph by glyph
        numbering = after[1] in _NUMBERING_MARKS  # 四 / 、 / 结 / 转 …: the numbering of the next label
        if numbering or (before[2].index == line - 1 and _one_character_piece(before)
                         and _one_character_piece(after) and _alone(tokens, index - 1)):
            if changed is None:
                changed = list(tokens)
            changed[index] = (LABEL, token[1], token[2], token[3], token[4], None)
    return tokens if changed is None else changed


def _one_character_piece(token: Token) -> bool:
    return (token[0] == LABEL and len(token[1]) <= 2) or (token[0] == BAD and len(token[1]) == 1)


def _alone(tokens: list[Token], index: int) -> bool:
    line = tokens[index][2]
    return ((index == 0 or tokens[index - 1][2] is not line)
            and (index + 1 == len(tokens) or tokens[index + 1][2] is not line))


_NUMBERING_MARKS = frozenset("、.．")


def _best_join(pieces: list[Token], matcher: RowMatcher) -> int:
    """How many of ``pieces`` (from the first) make the label: 1 when no join fits a row."""
    best_end, (best, row) = 1, matcher.best_fit(pieces[0][1])
    for end in range(2, len(pieces) + 1):
        alone, own_row = matcher.best_fit(pieces[end - 1][1])
        if alone >= _OWN_LABEL and own_row != row:
            break  # a label of its own (规章 under a column of header cells), not a piece
        score, joined_row = matcher.best_fit("".join(t[1] for t in pieces[:end]))
        if score >= max(best, _THRESHOLD):
            best_end, best, row = end, score, joined_row
    return best_end if best >= _THRESHOLD else 1


def _piece_runs(tokens: list[Token]) -> list[list[int]]:
    """Runs (token indexes) of labels that may be pieces of wrapped labels, in one pass: each
    first on its line, short, on consecutive lines, none but the first starting a numbering,
    none but the last followed by another label on its line."""
    runs: list[list[int]] = []
    run: list[int] = []
    previous_line = None
    for index, token in enumerate(tokens):
        line = token[2]
        if line is previous_line:
            if token[0] == LABEL and run and run[-1] == index - 1:
                runs.append(run)  # a second label on the line: no piece follows this one
                run = []
        elif token[0] == LABEL and len(token[1]) <= _PIECE_CHARS:
            follows = bool(run) and run[-1] == index - 1 and _next_line(tokens[run[-1]][2].index, line.index)
            if not follows or split_numbering(token[1])[0]:
                if len(run) > 1:
                    runs.append(run)
                run = []
            run.append(index)
        previous_line = line
    if len(run) > 1:
        runs.append(run)
    return [r for r in runs if len(r) > 1]


def _next_line(before: int, after: int) -> bool:
    """Whether line ``after`` is the line after ``before`` in the table: the next line, or the one
    after a line that left no token (a double-spaced table's blank line, which the tokeniser took
    out as spacing: every cell a paragraph, copied with a blank line after each). Callers ask
    it of tokens next to each other, so no cell or separator stands between the two lines."""
    return 0 < after - before <= 2


def _glued_cells(tokens: list[Token], width: int, fits, limit: int = 2) -> tuple[list[list[Cell]], bool]:
    """The ways to read a row whose digits came glued, as (the cells of each split that fits,
    whether a run was split). One way: the row is read. None: the digits fit no split. Several
    (up to ``limit``; none past it): only the table's column sums may tell them apart
    (gaolint.parse.glued_rows)."""
    numbers = [t for t in _one_row(tokens, _VALUES) if t[0] in _VALUES]
    if len(numbers) == width and all(t[0] != GLUED or t[5] is not None for t in numbers):
        return [[_cell(t) for t in numbers]], False  # each run is one cell: nothing to infer
    if any(t[0] != GLUED or not t[1].isdigit() for t in numbers):
        return [], False  # a decimal or a dash among glued digits: no split is safe
    groups = [t[1] for t in numbers]
    found = unglue.splits(groups, width, fits, limit + 1)
    if len(found) > limit:
        return [], False
    ways = []
    for spans in found:
        cells = []
        for group, start, end in spans:
            _, text, line, offset, _, _ = numbers[group]
            raw = text[start:end]
            cells.append(Cell(raw, float(raw), line.location_of(offset + start, offset + end), inferred=True))
        ways.append(cells)
    return ways, True


#: Token kinds that hold a row's value (a number, a bad value, or glued digits).
_VALUES = (NUMBER, BAD, GLUED)


def _one_row(tokens: list[Token], kinds: tuple[str, ...]) -> list[Token]:
    """The tokens of one row: up to the first row boundary that follows a token of ``kinds``
    (later tokens are a new row), boundaries left out."""
    row: list[Token] = []
    seen = False
    for token in tokens:
        kind = token[0]
        if kind == SEP:
            if seen:
                break
            continue
        seen = seen or kind in kinds
        row.append(token)
    return row


def _blank_before_count(tokens: list[Token]) -> bool:
    """Whether the row leaves a cell blank before one of its values."""
    blank = False
    for token in _one_row(tokens, _VALUES):
        if token[0] == EMPTY:
            blank = True
        elif blank and token[0] in _VALUES:
            return True
    return False


def _one_digit_a_cell(tokens: list[Token], width: int) -> bool:
    """Whether the row's one value is a run of exactly ``width`` digits and it has no blank cell:
    a number that long in a row of ``width`` (five or more) cells and nothing else is the cells
    run together, one digit each (the only way to split it so). Not in a row that parts its
    cells (``125 |  |``: one count and blanks), nor in a narrow one (table 2's 现行有效 120)."""
    values = [t for t in tokens if t[0] in _VALUES]
    return (len(values) == 1 and values[0][0] == NUMBER and len(values[0][1]) == width and values[0][1].isdigit()
            and not any(t[0] == EMPTY and t[2] is not None and t[2].text.strip() for t in tokens))


def _ends_in_grid_cell(tokens: list[Token]) -> bool:
    """Whether the row ends in a blank that is a cell of a table the reader took apart (its
    line's place names a column: ``第2个表格 第7行 第5列``): a page's blank cell, not a pasted
    line's trailing separator."""
    for token in reversed(tokens):
        if token[0] != SEP:  # (the next row's boundary)
            return token[0] == EMPTY and token[2] is not None and token[2].location.place.endswith("列")
    return False


def _row_cells(tokens: list[Token], expected: int, width: int = 0) -> list[Cell]:
    """Values of one row: numbers and bad values in order; an empty cell counts only where a
    value follows it (or where it fills the row up to the ``expected`` width); leading blanks
    count when, with them, the row is exactly ``width`` wide."""
    picked = _one_row(tokens, _VALUES)
    has_value = any(t[0] in _VALUES for t in picked)
    # Trailing blanks are the row's padding, except those that fill it up to its width. Counted
    # once and kept up to date: recounting per blank popped was quadratic on long blank runs.
    filled = sum(1 for t in picked if t[0] != LABEL)
    while picked and picked[-1][0] == EMPTY:
        last = picked.pop()
        filled -= 1
        if expected and expected - 1 <= filled < expected and has_value:
            picked.append(last)
            filled += 1
            break
    # Leading blanks stand for merged label columns, unless the row needs them to be full
    # ("规章 |  | 2 |  |": a blank 本年制发件数 before the 2). Skipped by index: popping the
    # front of a long run of blanks one by one was quadratic.
    first = 0
    while first < len(picked) and picked[first][0] == EMPTY and (filled != width or not has_value):
        first += 1
        filled -= 1
    return [_cell(t) for t in picked[first:] if t[0] != LABEL]


def _wrapped_total(cells: list[Cell], parts: list[int]) -> list[Cell] | None:
    """A row one number too long whose last number stands alone on the next line: a total too
    wide for its narrow cell, wrapped (``1424`` / ``3`` copied out of a PDF). Joined only when
    the joined total is the sum of the row's parts, so a real extra cell stays GAO105's."""
    head, tail = cells[-2], cells[-1]
    if head.value is None or tail.value is None or head.location.line == tail.location.line:
        return None
    digits = head.raw + tail.raw
    values = [cells[i].value for i in parts]
    numbers = [v for v in values if v is not None]
    if not digits.isdigit() or len(numbers) != len(values) or abs(sum(numbers) - float(digits)) >= 1e-9:
        return None
    joined = float(digits)
    return [*cells[:-2], Cell(head.raw + tail.raw, joined, head.location)]


def _blank_row(tokens: list[Token], width: int) -> list[Cell]:
    """A row whose cells are all blank (zeros left blank): ``width`` blank cells when the row
    shows at least that many before its end, else none (a header label, or prose)."""
    blanks = _one_row(tokens, (EMPTY,))
    if any(t[0] != EMPTY for t in blanks):
        return []
    if width and len(blanks) >= width:
        return [_cell(t) for t in blanks[:width]]
    return []


def _cell(token: Token) -> Cell:
    kind, text, line, start, end, value = token
    return Cell(text, value if kind in (NUMBER, GLUED) else None, line.location_of(start, end))


def _missing(spec: TableSpec, found: dict[str, Row]) -> list[str]:
    """Mandated rows not found. A group that carries numbers itself (a report that prints
    （六）其他处理 as one row) stands for its children."""
    missing = []
    for row in spec.rows:
        if row.key in found:
            continue
        parent = spec.row(row.parent) if row.parent else None
        if parent is not None and parent.key in found and found[parent.key].cells:
            continue
        if row.group and any(r.parent == row.key and r.key in found for r in spec.rows):
            continue
        missing.append(row.key)
    return missing


def read_review_table(spec: TableSpec, lines: list[Line], group_sums: dict | None = None) -> Table | None:
    """Table 4: fifteen numbers after a header of labels, in group order. ``group_sums`` is
    the format's per-group identity, which decides how glued digits may be split."""
    tokens = blank_pipes.review_tokens(tokenise(lines))
    values: list[Token] = []
    started = False
    width, count = len(spec.columns), len(spec.columns) * len(spec.groups)
    for token in tokens:
        if token[0] == LABEL:
            if values and (len(values) >= width or values[0][0] == GLUED):
                if values[0][0] != GLUED and _next_group_header(token[1], spec, values, width, count):
                    while values[-1][0] == EMPTY:  # the row's closing pipe
                        values.pop()
                    started = False  # (the next group's values start at its first number)
                    continue  # table 4 given as a small table per group, each with its own header
                break  # prose after the table
            continue
        if token[0] == NUMBER or token[0] == BAD or token[0] == GLUED:
            started = True
        if started:
            values.append(token)
    while values and values[-1][0] == EMPTY:
        values.pop()
    if not values:  # (no cell holds a value: a row left blank, or no table)
        values = blank_row(lines, count, spec.columns) or []
        if not values:
            return None
    elif any(t[0] == GLUED for t in values):
        return _glued_review(spec, values, group_sums)
    else:
        values = _with_leading_blanks(tokens, values, count)
    rows: dict[str, Row] = {}
    for index, (key, label) in enumerate(spec.groups):
        chunk = values[index * width : (index + 1) * width]
        if not chunk:
            continue
        cells = [_cell(t) for t in chunk]
        rows[key] = Row(key, label, cells[0].location, cells)
    table = Table(kind=spec.kind, location=token_location(values[0]), rows=rows)
    table.missing_rows = [key for key, _ in spec.groups if key not in rows]
    table.end_location = token_location(values[-1])
    # Extra numbers beyond the fifteen are kept on the last group so the shape rule sees them.
    extra = values[len(spec.groups) * width :]
    if extra and spec.groups:
        last = rows.get(spec.groups[-1][0])
        if last is not None:
            last.cells.extend(_cell(t) for t in extra)
    return table


#: What a header cell of table 4 may hold besides its words: marks, brackets, spaces.
_HEADER_MARKS = re.compile(r"[\s#*|:：、·（）()\[\]【】]+")


def _next_group_header(text: str, spec: TableSpec, values: list[Token], width: int, count: int) -> bool:
    """Whether a label after a whole number of table 4's groups is the next group's own header:
    made only of the table's group and column words (### 行政诉讼（未经复议直接起诉）, 结果维持 …
    总计). Word files and web pages narrower than fifteen columns split the table so, and
    converted copies give each group a table; a reader sees every group's numbers."""
    filled = len(values)
    while filled and values[filled - 1][0] == EMPTY:
        filled -= 1
    if not filled or filled % width or filled >= count:
        return False
    rest = _HEADER_MARKS.sub("", text)
    if not rest:
        return False
    words = sorted({part for _, label in spec.groups for part in label.split("·")} | set(spec.columns), key=len, reverse=True)
    for word in words:
        rest = rest.replace(word, "")
    return not rest


def _with_leading_blanks(tokens: list[Token], values: list[Token], count: int) -> list[Token]:
    """Table 4's values read as the whole run of cells after the header, blanks included, when
    that run holds exactly ``count`` cells (after dropping surplus blanks at its ends): a blank
    结果维持 or 总计 left for zero is a cell, not header padding."""
    first = values[0]
    index = next(i for i, t in enumerate(tokens) if t is first)
    start = index
    while start > 0 and tokens[start - 1][0] == EMPTY:
        start -= 1
    end = index
    while end < len(tokens) and tokens[end][0] != LABEL:
        end += 1
    run = tokens[start:end]
    # Surplus blanks go first where they are empty lines (spacing between rows: a cell left
    # blank is a line holding its tab or pipe), then from the front where their line holds no
    # value (a header's padding, a row's opening pipe), then from the back (a row line's
    # closing pipe), then from the front: `` | 22 |  | … | 31 |`` keeps its blank 结果维持.
    # Trimmed by index: popping the front of a long run one by one is quadratic.
    low, high = 0, len(run)
    while high - low > count and run[low][0] == EMPTY and _blank_line(run[low][2].text):
        low += 1
    while high - low > count and run[high - 1][0] == EMPTY and _blank_line(run[high - 1][2].text):
        high -= 1
    with_values = {id(t[2]) for t in run[low:high] if t[0] != EMPTY}
    while high - low > count and run[low][0] == EMPTY and id(run[low][2]) not in with_values:
        low += 1
    while high - low > count and run[high - 1][0] == EMPTY:
        high -= 1
    while high - low > count and run[low][0] == EMPTY:
        low += 1
    run = run[low:high]
    return run if len(run) == count else values


def _glued_review(spec: TableSpec, values: list[Token], group_sums: dict | None) -> Table:
    """Table 4 printed as glued digit runs: split by the only split whose every group adds up,
    else every group present and unread."""
    width = len(spec.columns)
    fits: Callable[[list[int]], bool] = unglue.anything
    if group_sums is not None and width == group_sums["total_column"] + 1:
        fits = unglue.every_group(width, unglue.row_sum(group_sums["total_column"], group_sums["part_columns"]))
    ways, guessed = _glued_cells(values, width * len(spec.groups), fits)
    cells = ways[0] if len(ways) == 1 else []
    rows: dict[str, Row] = {}
    location = token_location(values[0])
    for index, (key, label) in enumerate(spec.groups):
        chunk = cells[index * width : (index + 1) * width]
        rows[key] = Row(key, label, chunk[0].location if chunk else location, chunk)
    keys = [key for key, _ in spec.groups]
    table = Table(kind=spec.kind, location=location, rows=rows,
                  inferred_rows=keys if cells and guessed else [], unread_rows=[] if cells else keys)
    table.end_location = token_location(values[-1])
    return table
