"""Cutting a table region into a stream of cells, whatever text shape the table arrived in.

Every shape reports take (` | `-separated rows, one cell per line between lone ``|`` lines,
tab-indented cells, Markdown pipe tables, merged headers spilling over lines, "label 1 2 3"
lines from PDF text) reduces to the same thing: labels, each followed by the numbers of its
row. A ``SEP`` token marks a row boundary where the shape shows one.
"""

from __future__ import annotations

import re

from ..model import Line, Location

LABEL, NUMBER, BAD, EMPTY, SEP = "label", "number", "bad", "empty", "sep"
#: A run of digits from a line whose cells were glued together (``…申请数量640020470二、…``):
#: it may hold several cells, and only the table reader, which knows the row's width and sums,
#: can tell how to split it (gaolint.parse.unglue).
GLUED = "glued"

#: A leading + is a signed change (cn-2019's 本年增/减 column prints "+208").
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: What people type into a cell that should hold a number.
_BAD = re.compile(r"^(?:[—–\-－/／\\×xX*＊…]+|无|空|暂无|不详|\?+|-?\d+(?:\.\d+)?[%％])$")
#: A count followed by its unit (3件, 12条): the number is what the cell says.
_COUNT_WITH_UNIT = re.compile(r"^(\d{1,15})(?:件|条|个|项|次|人|家)$")
#: An amount followed by its unit (43.788万元, table 2's 行政事业性收费): the number is the cell's.
_AMOUNT_WITH_UNIT = re.compile(r"^(\d{1,12}(?:\.\d{1,6})?)(?:万元|元)$")
#: A change written with its direction (增10, 减2; table 2's 本年增/减): the signed number.
_SIGNED_CHANGE = re.compile(r"^(增加?|减少?)(\d{1,15})$")
#: A cell that holds a number badly written: separators in the wrong places (1,0 / 1.0.0), a
#: Chinese numeral alone (一, 十二), a change in brackets (+(0) -(0)) or signed twice (--253).
#: Never a row label, which always has words.
_MISTYPED_NUMBER = re.compile(
    r"^(?:\d+(?:[,，.]\d+){1,3}|[一二三四五六七八九十零〇]{1,3}|(?:[-+－＋]?[(（]\d{1,15}[)）]){1,2}|[-+－＋]{2}\d{1,15})$")
#: The text of a SEP token cut from a line of pipes alone that may be a blank cell of a table
#: copied one cell per line (gaolint.parse.blank_pipes): one pipe, or one pipe then the grid's
#: padding after a space (``| |||``); PADDING for any other line of pipes alone (``||``).
MAYBE_BLANK, PADDING = "|", "||"
_MAYBE_BLANK_LINE = re.compile(r"^\s*\|(?:\s+\|+)?\s*$")
_MARKDOWN_RULE = re.compile(r"^:?-{3,}:?$")
#: A line of nothing but pipes and spaces (at least one pipe). Written as a look-ahead so a
#: long line of pipes stays linear (``^[\s|]*\|[\s|]*$`` is quadratic on "|||…|x").
_SEPARATOR_LINE = re.compile(r"^(?=[\s|]*$)\s*\|")
#: A label followed by numbers separated by spaces, as PDF text layers print rows. This is
#: ``(?:\s+(?:-?\d[\d,]*(?:\.\d+)?|[—–/]))+\s*$`` matched from the end on the reversed text:
#: searched forwards it restarts at every space, quadratic on a long line of numbers.
#: (Reversed: an amount's unit comes first, 345.67万元 as 元万76.543; a sign last, +20 as 02+.)
_TRAILING_NUMBERS_REVERSED = re.compile(r"^\s*(?:(?:(?:元万|元)?(?:\d+\.)?[\d,]*\d[-+]?|[—–/])\s+)+")  # ^: only ever matched
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


#: One cell (or row boundary) of a table region: (kind, text, line, start, end, value), where
#: ``start``/``end`` index ``line.text``. A plain tuple, built in C: a report cuts into some
#: four hundred of them, and an object with an ``__init__`` per token cost 3-5% of the lint.
Token = tuple


def token_location(token: Token) -> Location:
    """Where the token's text is in the source."""
    return token[2].location_of(token[3], token[4])


#: Digits a count may have. Past 15, a float no longer holds every integer exactly (sums
#: would be wrong by thousands) and 400 digits overflow to inf; no count of applications or
#: documents comes near, so such a cell is a bad value, not a number.
MAX_DIGITS = 15


def classify(text: str) -> tuple[str, float | None]:
    squeezed = text.replace(" ", "")
    if squeezed.isascii() and squeezed.isdigit() and len(squeezed) <= MAX_DIGITS:
        return NUMBER, float(squeezed)  # most cells: what _NUMBER would say, faster
    return classify_squeezed(squeezed)


def classify_squeezed(squeezed: str) -> tuple[str, float | None]:
    """What a cell's text without blanks holds, by the patterns alone."""
    if not squeezed:
        return EMPTY, None
    if _NUMBER.match(squeezed):
        if sum(map(str.isdigit, squeezed)) > MAX_DIGITS:
            return BAD, None
        return NUMBER, float(squeezed.replace(",", ""))
    if _BAD.match(squeezed):
        return BAD, None
    counted = _COUNT_WITH_UNIT.match(squeezed) or _AMOUNT_WITH_UNIT.match(squeezed)
    if counted:  # "3件", "43.788万元": a count or amount written with its unit is the number
        return NUMBER, float(counted.group(1))
    change = _SIGNED_CHANGE.match(squeezed)
    if change:  # "增10", "减2": a change with its direction
        return NUMBER, float(change.group(2)) * (-1 if change.group(1).startswith("减") else 1)
    if _MISTYPED_NUMBER.match(squeezed):  # "1,0", "一": a value mistyped, not a label
        return BAD, None
    return LABEL, None


def _is_prose(text: str) -> bool:
    """Running text inside a table region (a note under the table) is not a cell. A line that
    ends in three or more numbers is a row, however long its label and whatever commas it
    holds: ``(二)部分公开(区分处理的,只计这一情形,不计其他情形) 5401 12 0 0 0 0 5413``, as text
    copied from a PDF whose label column was wide enough for the whole label."""
    if len(text) <= 45 or not ("。" in text or "，" in text or "," in text) or "|" in text:
        return False
    start = _trailing_numbers_start(text)
    if start is not None and len(text[start:].split()) >= 3:
        return False
    # A label with its definition in brackets (规范性文件（行政机关制定发布的决定、公告、通告，…）),
    # as 2019-format pages print it, is a label: what is outside the brackets is short.
    bare = _BRACKETED.sub("", text)
    return len(bare) > 45 or "。" in bare or "，" in bare or "," in bare


def _trailing_numbers_start(text: str) -> int | None:
    """Where the run of numbers that ends ``text`` starts (with the spaces before it)."""
    match = _TRAILING_NUMBERS_REVERSED.match(text[::-1])
    return len(text) - match.end() if match else None


def _split_cell(text: str, start: int, raw: str, out: list[tuple]) -> None:
    """The cuts of one cell of the line ``text``, ``raw`` being ``text[start:start + len(raw)]``."""
    stripped = raw.strip()
    if not stripped:
        out.append((EMPTY, "", start, start, None))
        return
    left = start + len(raw) - len(raw.lstrip())
    right = left + len(stripped)
    if stripped.isascii() and stripped.isdigit() and len(stripped) <= MAX_DIGITS:  # the common cell
        out.append((NUMBER, stripped, left, right, float(stripped)))
        return
    if not _HAS_CJK.search(stripped) and "(" not in stripped and "（" not in stripped:
        # (``+(0) -(0)``: one cell's change written twice over, a bad value, not two cells)
        parts = stripped.split()
        if len(parts) > 1 and all(classify(p)[0] in (NUMBER, BAD) for p in parts):
            # "21 0 0 0 0 0 21": a row of numbers printed on one line is many cells.
            for match in re.finditer(r"\S+", stripped):
                k, v = classify(match.group())
                out.append((k, match.group(), left + match.start(), left + match.end(), v))
            return
    kind, value = classify(stripped)
    if kind != LABEL:
        out.append((kind, stripped, left, right, value))
        return
    trailing = _trailing_numbers_start(stripped)
    if trailing:
        label_end = left + trailing
        _labels(text, left, label_end, out)
        for match in re.finditer(r"\S+", stripped[trailing:]):
            s = left + trailing + match.start()
            e = left + trailing + match.end()
            k, v = classify(match.group())
            out.append((k, match.group(), s, e, v))
        return
    _labels(text, left, right, out)


#: A group's label and its first row's on one line, parted by a space: ``（四）无法提供
#: 1.本机关不掌握相关政府信息``, where text copied from a PDF puts the group's merged cell.
_GROUP_THEN_ROW = re.compile(
    r"^(?:[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)[^\s\d]{1,20}"
    r"(\s+)(?=(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十]{1,2}[)）])[\u3400-\u9fff])")


def _labels(text: str, left: int, right: int, out: list[tuple]) -> None:
    """The label ``text[left:right]``: two labels when it is a group's and its first row's."""
    label = text[left:right].rstrip()
    both = _GROUP_THEN_ROW.match(label)
    if both is None:
        out.append((LABEL, label.strip(), left, right, None))
        return
    out.append((LABEL, label[:both.start(1)], left, left + both.start(1), None))
    out.append((LABEL, label[both.end(1):], left + both.end(1), left + len(label), None))


#: Cells (and row boundaries) read from one table; a real table 3 has about 300. A 28 MB text
#: of rows a thousand cells wide made 7 million tokens and 880 MB before this limit.
MAX_TABLE_TOKENS = 50_000


class TooManyCells(Exception):
    """A table region cuts into more than ``MAX_TABLE_TOKENS`` tokens: not a report's table."""


def tokenise(lines: list[Line]) -> list[Token]:
    """The cells of ``lines`` in reading order, with row boundaries where visible. Raises
    TooManyCells past ``MAX_TABLE_TOKENS``."""
    tokens: list[Token] = []
    cuts = _CUTS
    blank_lines = False
    for line in lines:
        if len(tokens) > MAX_TABLE_TOKENS:
            raise TooManyCells(len(tokens))
        text = line.text
        if not text or text.isspace():
            blank_lines = True
        cut = cuts.get(text)
        if cut is None:
            cut = _cut(text)
            if len(text) <= _CUT_TEXT_LIMIT:
                if len(cuts) >= _CUTS_LIMIT:
                    cuts.clear()
                cuts[text] = cut
        tokens += [(kind, token_text, line, start, end, value) for kind, token_text, start, end, value in cut]
    layout = _layout(lines)
    if layout == "pipe-after-cell":
        # "5\n|\n0\n|\n…": a lone pipe closes every cell, so it marks no row boundary.
        tokens = [t for t in tokens if not (t[0] == SEP and t[2].text.strip() == "|")]
    elif layout == "blank-between-cells":
        tokens = _blank_lines_as_separators(tokens)
    elif _double_spaced(lines):
        tokens = _without_spacing(tokens)
    elif blank_lines and _pipe_on_every_value_line(tokens):
        # A blank cell of such a table keeps its pipe (a lone ``|``): a line of spaces alone
        # between its cells (``      0  |`` / ``      `` / ``      0  |``) is spacing.
        tokens = [t for t in tokens if not (t[0] == EMPTY and _blank_line(t[2].text))]
    return tokens


def _blank_line(text: str) -> bool:
    """A line of spaces alone (not a tab-indented cell left blank)."""
    return not text.strip() and "\t" not in text


def _pipe_on_every_value_line(tokens: list[Token]) -> bool:
    """Whether the table has values and each stands on a line holding a pipe (rows of ``|``
    cells, or a cell per line ending in one): then no line of spaces alone can be a cell."""
    found = False
    for token in tokens:
        if token[0] == NUMBER or token[0] == BAD:
            if "|" not in token[2].text:
                return False
            found = True
    return found


def _layout(lines: list[Line]) -> str:
    """How a one-cell-per-line table separates its cells, when it is not the usual shape (lone
    ``|`` lines between rows): "pipe-after-cell" (a lone ``|`` after EVERY cell) or
    "blank-between-cells" (a blank line after every cell); "" otherwise."""
    cells = pipes = blanks = adjacent = 0
    previous_cell = False
    for line in lines:
        text = line.text.strip()
        if not text:
            blanks += 1
            previous_cell = False
        elif text == "|":
            pipes += 1
            previous_cell = False
        elif not text.strip("|"):
            previous_cell = False  # a header row's padding (||||): neither a cell nor its pipe
        elif "|" in text or "\t" in text:
            return ""  # rows on lines of their own: the usual shapes
        else:
            cells += 1
            adjacent += previous_cell
            previous_cell = True
    if cells < 10 or adjacent > cells // 10:
        return ""
    if pipes >= cells * 0.8:
        return "pipe-after-cell"
    if not pipes and blanks >= cells * 0.8:
        return "blank-between-cells"
    return ""


def _double_spaced(lines: list[Line]) -> bool:
    """A table of the usual shapes with a blank line after every line (cells, lone pipes and
    rows alike): a page whose every cell is a paragraph, copied as paragraphs are. Its blank
    lines are spacing, not empty cells."""
    filled = blanks = adjacent = 0
    previous_filled = False
    for line in lines:
        if line.text.strip():
            filled += 1
            adjacent += previous_filled
            previous_filled = True
        else:
            blanks += 1
            previous_filled = False
    return filled >= 10 and adjacent <= filled // 20 and blanks >= filled * 0.9


def _without_spacing(tokens: list[Token]) -> list[Token]:
    """The tokens less the one blank line that follows each filled line (a longer run of blank
    lines keeps the rest)."""
    out: list[Token] = []
    after_filled = False
    for token in tokens:
        line = token[2]
        blank = line is not None and not line.text.strip()
        if blank and after_filled and token[0] == EMPTY:
            after_filled = False
            continue
        after_filled = line is not None and not blank
        out.append(token)
    return out


def _blank_lines_as_separators(tokens: list[Token]) -> list[Token]:
    """In a table whose cells are parted by blank lines, one blank line parts two cells and
    holds none. A longer run of blank lines ends a row where the table parts its rows so; in
    a table whose rows start after one blank line (each row's label follows its last value
    after a single blank line), each blank line past the first is a cell left blank: the
    page wrote an empty paragraph for it (``3`` ⏎⏎⏎⏎ ``1``: two blank cells between)."""
    blank_cells = _row_gap(tokens) == 1
    out: list[Token] = []
    run: list[Token] = []
    for token in tokens + [(SEP, "", None, 0, 0, None)]:
        if token[0] == EMPTY and token[2] is not None and not token[2].text.strip():
            run.append(token)
            continue
        if blank_cells:
            out += [(EMPTY, "", t[2], 0, 0, None) for t in run[1:]]
        elif len(run) >= 2:
            out.append((SEP, "", run[0][2], 0, 0, None))
        run = []
        if token[2] is not None:
            out.append(token)
    return out


def _row_gap(tokens: list[Token]) -> int:
    """The fewest blank lines between a value and the label after it; in a table where no
    label follows a value (table 4: its values come after its header), the fewest between
    two labels. 0 when there is none."""
    after_value_gap = between_labels = 0
    run = 0
    previous = ""
    for token in tokens:
        kind = token[0]
        if kind == EMPTY and not token[2].text.strip():
            run += 1
            continue
        if kind == LABEL and run:
            if previous in (NUMBER, BAD) and (not after_value_gap or run < after_value_gap):
                after_value_gap = run
            elif previous == LABEL and (not between_labels or run < between_labels):
                between_labels = run
        previous = kind
        run = 0
    return after_value_gap or between_labels


#: Line text -> its cuts, as (kind, text, start, end, value). How a line cuts depends on its
#: text alone, and table lines recur from report to report (headers, rows of zeros, the lone
#: pipes of one-cell-per-line tables: nine table lines in ten of a generated run), so a run
#: cuts each distinct line once. Bounded: long lines are not kept, and a full memo starts over.
_CUTS: dict[str, tuple[tuple, ...]] = {}
_CUTS_LIMIT = 20_000
_CUT_TEXT_LIMIT = 400


def _cut(text: str) -> tuple[tuple, ...]:
    """The tokens of one line, as (kind, text, start, end, value)."""
    out: list[tuple] = []
    if is_glued(text):
        return _cut_glued(text)
    if _SEPARATOR_LINE.match(text):
        return ((SEP, MAYBE_BLANK if _MAYBE_BLANK_LINE.match(text) else PADDING, 0, 0, None),)
    if _is_prose(text):
        return ((SEP, "", 0, 0, None),)
    if "|" not in text and "\t" not in text.strip("\t"):
        _split_cell(text, 0, text, out)
        return tuple(out)
    cells = _pipe_cells(text)
    if "---" in text:  # a Markdown rule cell (---, :---:) holds no value
        cells = [(start, raw) for start, raw in cells if not _MARKDOWN_RULE.match(raw.strip())]
    filled = [(start, raw) for start, raw in cells if not raw.isspace() and raw]
    if len(filled) <= 1 and not (len(cells) > 2 and filled and classify(filled[0][1])[0] == LABEL):
        # "2120 |": one cell per line with a trailing pipe is a cell, not a row. (A label
        # followed by several blank cells is a row whose zeros were left blank.)
        for start, raw in filled:
            _split_cell(text, start, raw, out)
        return tuple(out)
    for start, raw in cells:
        _split_cell(text, start, raw, out)
    out.append((SEP, "", len(text), len(text), None))
    return tuple(out)


def _pipe_cells(text: str) -> list[tuple[int, str]]:
    """(start, text) of the cells between pipes or tabs; a leading pipe opens the row, a
    trailing one closes it. Split in C: one step per cell, not per character."""
    cells: list[tuple[int, str]] = []
    start = 0
    for piece in text.replace("\t", "|").split("|"):
        cells.append((start, piece))
        start += len(piece) + 1
    if cells and (not cells[0][1] or cells[0][1].isspace()) and text.lstrip().startswith("|"):
        # A leading pipe opens the row; but on a line of values alone (table 4's row, no
        # label), the one space before it is the first cell, left blank: `` | 22 |  | 22 |``.
        if cells[0][1] != " " or _HAS_CJK.search(text):
            del cells[0]
    return cells


#: A label running straight into digits and on into the next label: ``规范性文件693665第二十条``,
#: ``予以公开270020130(二)``. Digits followed by a unit (年, 月, 件 …) are prose, not a cell.
_GLUE_POINT = re.compile(r"[\u3400-\u9fff)）”] ?(\d[\d ]*)(?=[\u3400-\u9fff(（]|$)")
#: Digits in one run that no single count in a table has.
_LONG_RUN = 10
_UNITS = frozenset("年月日号件条个次项人万元亿%％期批家份篇天")
#: Row numbering inside a glued label: (一) 二、 and the "2." of "…00000002.其他法律…".
_ROW_NUMBERING = re.compile(r"(?<=[^第])(?=\([一二三四五六七八九十]\)|[一二三四五六七八九十]、|\d[.、][\u3400-\u9fff])")
#: A glued digit run (with the spaces inside it), or a decimal amount.
_DIGIT_RUN = re.compile(r"\d+\.\d+|\d(?:[\d ]*\d)?")


def is_glued(text: str) -> bool:
    """A table line whose cells lost their separators: at least three places where a label
    runs into digits and the digits run into the next label, and no sentence end."""
    if "|" in text or "\t" in text or "。" in text or len(text) < 20:
        return False
    points = 0
    for match in _GLUE_POINT.finditer(text):
        if text[match.end(1) : match.end(1) + 1] not in _UNITS:
            points += 1
            # Three glue points, or one run too long for any single count (table 4's fifteen
            # numbers run together after its header).
            if points >= 3 or len(match.group(1).replace(" ", "")) >= _LONG_RUN:
                return True
    return False


def _cut_glued(text: str) -> tuple[tuple, ...]:
    """Labels and digit runs of a glued line. The digit that numbers the next label
    (``…0000000`` + ``2.其他法律``) goes with the label; every space-separated digit group is a
    GLUED token for the table reader to split."""
    out: list[tuple] = []
    position = 0
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.start(), run.end()
        follower = text[end : end + 2]
        if follower[:1] in (".", "、") and len(follower) == 2 and _HAS_CJK.match(follower[1]):
            end -= 1  # the last digit numbers the next label
            if end <= start:
                continue
        digits = text[start:end]
        if start >= 2 and text[start - 1] in _MINUS and text[start - 2].isdigit() and digits.isdigit():
            # 行政事业性收费35-15: a count, then a decrease (本年增/减) glued to it, one cell each
            if start - 1 > position:
                _glued_labels(text, position, start - 1, out)
            if len(digits) <= MAX_DIGITS:
                out.append((NUMBER, "-" + digits, start - 1, end, -float(digits)))
            else:
                out.append((BAD, "-" + digits, start - 1, end, None))
            position = end
            continue
        if start > position:
            _glued_labels(text, position, start, out)
        if "." in digits:  # an amount: one cell if the row has room for no other
            out.append((GLUED, digits, start, end, float(digits)))
        else:
            for group in re.finditer(r"\d+", digits):
                s, e = start + group.start(), start + group.end()
                out.append((GLUED, group.group(), s, e, float(group.group()) if e - s <= MAX_DIGITS else None))
        position = end
    if position < len(text):
        _glued_labels(text, position, len(text), out)
    return tuple(out)


#: Signs of a decrease written straight after a count in a glued row (35-15).
_MINUS = frozenset("-－−")


def _glued_labels(text: str, start: int, end: int, out: list[tuple]) -> None:
    """The labels between two digit runs, cut where a row's numbering starts
    (``三、本年度办理结果(一)予以公开`` is two rows' labels)."""
    segment = text[start:end]
    bounds = [0, *(m.start() for m in _ROW_NUMBERING.finditer(segment)), len(segment)]
    for a, b in zip(bounds, bounds[1:]):
        piece = segment[a:b]
        stripped = piece.strip()
        if stripped:
            left = start + a + (len(piece) - len(piece.lstrip()))
            out.append((LABEL, stripped, left, left + len(stripped), None))
