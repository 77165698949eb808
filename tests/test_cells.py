"""The cell tokeniser's fast paths decide exactly what the general code decides.

``classify`` and ``_split_cell`` answer a plain ASCII number without the regular expressions
(compared with ``classify_squeezed``, the patterns alone), and ``_pipe_cells`` splits with
``str.split`` instead of walking characters; the references below are the general code they
shortcut, kept here only to compare against.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.model import Line, Location
from gaolint.parse import cells as cells_module
from gaolint.parse.cells import BAD, EMPTY, LABEL, NUMBER, SEP, _pipe_cells, classify, classify_squeezed, token_location, tokenise

#: Characters that matter to cells: digits (ASCII and not), separators, signs, CJK, spaces.
CELL_TEXT = st.text(alphabet=st.sampled_from(list("0123456789 ,.-|\t/—无空%²٣①年件其他总计 \u3000x")), max_size=40)


def reference_classify(text: str) -> tuple[str, float | None]:
    """Every cell through the patterns, without the plain-number shortcut."""
    return classify_squeezed(text.replace(" ", ""))


def reference_pipe_cells(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        if char == "|" or char == "\t":
            bounds.append((start, index))
            start = index + 1
    bounds.append((start, len(text)))
    first = text[bounds[0][0] : bounds[0][1]]
    if not first.strip() and text.lstrip().startswith("|"):
        # One space before the first pipe of a line without CJK is a blank first cell.
        if first != " " or re.search(r"[\u3400-\u9fff]", text):
            bounds = bounds[1:]
    return bounds


@settings(max_examples=400)
@given(CELL_TEXT)
def test_classify_matches_the_regular_expressions(text: str) -> None:
    assert classify(text) == reference_classify(text)


@settings(max_examples=400)
@given(CELL_TEXT)
def test_pipe_cells_match_a_character_walk(text: str) -> None:
    assert _pipe_cells(text) == [(start, text[start:end]) for start, end in reference_pipe_cells(text)]


def test_plain_number_cell_keeps_its_columns() -> None:
    line = Line(0, "  | 2168 |  12 |", Location(7, 3), "  | 2168 |  12 |")
    numbers = [t for t in tokenise([line]) if t[0] == NUMBER]
    assert [(text, value, start, end) for _, text, _, start, end, value in numbers] == [("2168", 2168.0, 4, 8), ("12", 12.0, 12, 14)]
    assert token_location(numbers[0]) == Location(7, 7, 11)


def test_unicode_digits_are_not_taken_by_the_fast_path() -> None:
    assert classify("²") == (LABEL, None)  # a superscript is not a decimal digit
    assert classify("٣") == (NUMBER, 3.0)  # an Arabic-Indic digit is, as \\d and float agree


def _reference_split_cell(line: Line, start: int, end: int, out: list) -> None:
    """The cell splitter before its fast paths (character offsets from the line)."""
    raw = line.text[start:end]
    stripped = raw.strip()
    if not stripped:
        out.append((EMPTY, "", start, start, None))
        return
    left = start + raw.index(stripped[0])
    right = left + len(stripped)
    if not cells_module._HAS_CJK.search(stripped):
        parts = stripped.split()
        if len(parts) > 1 and all(reference_classify(p)[0] in (NUMBER, BAD) for p in parts):
            for match in re.finditer(r"\S+", stripped):
                k, v = reference_classify(match.group())
                out.append((k, match.group(), left + match.start(), left + match.end(), v))
            return
    kind, value = reference_classify(stripped)
    if kind != LABEL:
        out.append((kind, stripped, left, right, value))
        return
    trailing = cells_module._trailing_numbers_start(stripped)
    if trailing:
        label_end = left + trailing
        out.append((LABEL, line.text[left:label_end].strip(), left, label_end, None))
        for match in re.finditer(r"\S+", stripped[trailing:]):
            k, v = reference_classify(match.group())
            out.append((k, match.group(), left + trailing + match.start(), left + trailing + match.end(), v))
        return
    out.append((LABEL, stripped, left, right, None))


def reference_tokenise(line: Line) -> list[tuple]:
    text = line.text
    if cells_module.is_glued(text):
        return list(cells_module._cut_glued(text))
    if cells_module._SEPARATOR_LINE.match(text):
        # A lone pipe (or one then padding after a space) may be a blank cell: its own mark.
        maybe_blank = re.fullmatch(r"\s*\|(\s+\|+)?\s*", text)
        return [(SEP, "|" if maybe_blank else "||", 0, 0, None)]
    if cells_module._is_prose(text):
        return [(SEP, "", 0, 0, None)]
    out: list[tuple] = []
    if not ("|" in text or "\t" in text.strip("\t")):
        _reference_split_cell(line, 0, len(text), out)
        return out
    bounds = [(s, e) for s, e in reference_pipe_cells(text) if not cells_module._MARKDOWN_RULE.match(text[s:e].strip())]
    filled = [(s, e) for s, e in bounds if text[s:e].strip()]
    label_with_blanks = len(bounds) > 2 and len(filled) == 1 and cells_module.classify(text[filled[0][0]:filled[0][1]])[0] == "label"
    if len(filled) <= 1 and not label_with_blanks:
        for s, e in filled:
            _reference_split_cell(line, s, e, out)
        return out
    for s, e in bounds:
        _reference_split_cell(line, s, e, out)
    out.append((SEP, "", len(text), len(text), None))
    return out


TABLE_LINE = st.lists(
    st.one_of(st.sampled_from(["2168", " 12 ", "0", "1,234", "—", "/", "", "  ", "---", ":---:", "自然人", "（一）予以公开 3",
                               "21 0 0 0 0 0 21", "其他", "3.5", "-2", "50%", "总计 7 8", "\u3000", "x"]),
              CELL_TEXT),
    max_size=9,
).flatmap(lambda cells: st.sampled_from(["|", "\t", " | "]).map(lambda sep: sep.join(cells)))
LINE_TEXT = st.one_of(TABLE_LINE, st.builds(lambda t: "|" + t + "|", TABLE_LINE), CELL_TEXT)


@pytest.mark.slow
@settings(max_examples=500)
@given(LINE_TEXT)
def test_tokenise_matches_the_general_code(text: str) -> None:
    line = Line(0, text, Location(1), text)
    assert [(kind, text, start, end, value) for kind, text, _, start, end, value in tokenise([line])] == reference_tokenise(line)


@settings(max_examples=200)
@given(st.lists(LINE_TEXT, max_size=6))
def test_a_line_cut_before_cuts_the_same_and_points_at_its_own_line(texts: list[str]) -> None:
    """The memo of cut lines is shared by every report of a run: a line text met again (a
    header, a row of zeros) must give the same tokens, located on the line where it now is."""
    lines = [Line(i, text, Location(i + 1, 3), text) for i, text in enumerate(texts + texts)]
    got = [(kind, text, start, end, value, line.index, token_location(token))
           for token in tokenise(lines) for kind, text, line, start, end, value in [token]]
    cuts = [(line, cut) for line in lines for cut in reference_tokenise(line)]
    if (not cells_module._layout(lines) and not cells_module._double_spaced(lines)
            and all("|" in line.text for line, cut in cuts if cut[0] in (NUMBER, BAD))
            and any(cut[0] in (NUMBER, BAD) for _, cut in cuts)):
        # A table whose every value line holds a pipe: a line of spaces alone is spacing.
        cuts = [(line, cut) for line, cut in cuts if not (cut[0] == EMPTY and not line.text.strip() and "\t" not in line.text)]
    expected = [(*cut, line.index, line.location_of(cut[2], cut[3])) for line, cut in cuts]
    assert got == expected


def test_the_memo_of_cut_lines_stays_bounded(monkeypatch) -> None:
    monkeypatch.setattr(cells_module, "_CUTS", {})
    monkeypatch.setattr(cells_module, "_CUTS_LIMIT", 3)
    long_row = "| 项目 |" + " 1 |" * 200
    lines = [Line(i, text, Location(i + 1), text) for i, text in enumerate(["| a | 1 |", "| b | 2 |", "| c | 3 |", "| d | 4 |", long_row])]
    tokenise(lines)
    assert len(cells_module._CUTS) <= 3
    assert long_row not in cells_module._CUTS  # a long line is cut every time, never kept


def test_a_table_of_too_many_cells_is_left_unread_and_said_so(monkeypatch) -> None:
    from gaolint.engine import Settings, lint_file
    from gaolint.parse.cells import TooManyCells
    from tests.builder import build_document, render_text, sample_spec

    monkeypatch.setattr(cells_module, "MAX_TABLE_TOKENS", 10)
    lines = [Line(i, f"| {i} | {i} | {i} |", Location(i + 1), "") for i in range(20)]
    try:
        tokenise(lines)
    except TooManyCells:
        pass
    else:
        raise AssertionError("no TooManyCells past the limit")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.txt"
        path.write_text(render_text(build_document(sample_spec(1)), "pipe"), encoding="utf-8")
        findings = lint_file(str(path), Settings()).findings
    notes = [f for f in findings if f.rule == "GAO003"]
    assert notes and "cells, not read" in notes[0].message.en
    assert not [f for f in findings if f.rule in ("GAO104", "GAO302", "GAO303", "GAO000")]


@pytest.mark.parametrize("text,kind,value", [
    ("增10", NUMBER, 10.0), ("减2", NUMBER, -2.0), ("增加3", NUMBER, 3.0), ("减少15", NUMBER, -15.0),  # 本年增/减
    ("+(0)", BAD, None), ("--253", BAD, None),  # a change written oddly: a bad value, never a label
])
def test_a_change_written_with_its_direction(text, kind, value):
    assert classify(text) == (kind, value)


def test_a_row_of_space_parted_cells_keeps_a_signed_change_and_an_amount_with_its_unit():
    """行政许可 50 +20 70 and 政府集中采购 12 345.67万元 (a 2019-format table copied from a PDF):
    the + and the 万元 cut the row's numbers off its label (GAO105, GAO104)."""
    rows = [Line(0, "行政许可 50 +20 70", Location(1), "行政许可 50 +20 70"),
            Line(1, "政府集中采购 12 345.67万元", Location(2), "政府集中采购 12 345.67万元")]
    values = [(t[0], t[5]) for t in tokenise(rows) if t[0] != SEP]
    assert values == [(LABEL, None), (NUMBER, 50.0), (NUMBER, 20.0), (NUMBER, 70.0),
                      (LABEL, None), (NUMBER, 12.0), (NUMBER, 345.67)]
