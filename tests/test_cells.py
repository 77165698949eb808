"""The cell tokeniser's fast paths decide exactly what the general code decides.

``classify`` and ``_split_cell`` answer a plain ASCII number without the regular expressions,
and ``_pipe_cells`` splits with ``str.split`` instead of walking characters; the references
below are the general code they shortcut, kept here only to compare against.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.model import Line, Location
from gaolint.parse.cells import _BAD, _NUMBER, BAD, EMPTY, LABEL, NUMBER, _pipe_cells, classify, tokenise

#: Characters that matter to cells: digits (ASCII and not), separators, signs, CJK, spaces.
CELL_TEXT = st.text(alphabet=st.sampled_from(list("0123456789 ,.-|\t/—无空%²٣①年件其他总计 \u3000x")), max_size=40)


def reference_classify(text: str) -> tuple[str, float | None]:
    squeezed = text.replace(" ", "")
    if not squeezed:
        return EMPTY, None
    if _NUMBER.match(squeezed):
        return NUMBER, float(squeezed.replace(",", ""))
    if _BAD.match(squeezed):
        return BAD, None
    return LABEL, None


def reference_pipe_cells(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(text):
        if char == "|" or char == "\t":
            bounds.append((start, index))
            start = index + 1
    bounds.append((start, len(text)))
    if bounds and not text[bounds[0][0] : bounds[0][1]].strip() and text.lstrip().startswith("|"):
        bounds = bounds[1:]
    return bounds


@settings(max_examples=400)
@given(CELL_TEXT)
def test_classify_matches_the_regular_expressions(text: str) -> None:
    assert classify(text) == reference_classify(text)


@settings(max_examples=400)
@given(CELL_TEXT)
def test_pipe_cells_match_a_character_walk(text: str) -> None:
    assert _pipe_cells(text) == reference_pipe_cells(text)


def test_plain_number_cell_keeps_its_columns() -> None:
    line = Line(0, "  | 2168 |  12 |", Location(7, 3), "  | 2168 |  12 |")
    numbers = [t for t in tokenise([line]) if t.kind == NUMBER]
    assert [(t.text, t.value, t.start, t.end) for t in numbers] == [("2168", 2168.0, 4, 8), ("12", 12.0, 12, 14)]
    assert numbers[0].location == Location(7, 7, 11)


def test_unicode_digits_are_not_taken_by_the_fast_path() -> None:
    assert classify("²") == (LABEL, None)  # a superscript is not a decimal digit
    assert classify("٣") == (NUMBER, 3.0)  # an Arabic-Indic digit is, as \\d and float agree
