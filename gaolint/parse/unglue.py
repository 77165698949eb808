"""Splitting a table row whose cells were glued into one run of digits.

A crawler that drops a table's cell borders turns the row 71, 3, 0, 0, 0, 0, 74 into
``713000074``. Read as one number it is nonsense; read as seven it may be ambiguous. A split is
taken only when it is the ONLY one that fits what the format knows about the row: the number
of cells, plausible widths (no leading zeros, at most ``MAX_WIDTH`` digits) and the row's own
sums (总计 = the parts). Spaces that survived inside a run are kept as certain boundaries. When
no split or more than one fits, the row is left unread (and said so), never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Digits one count may have in a glued run; beyond this the run is not split.
MAX_WIDTH = 7
#: Digits a glued row may have in all, and the search steps allowed for one row.
MAX_DIGITS = 60
MAX_STEPS = 200_000

#: (group index, start, end) of each cell within the digit groups.
Span = tuple[int, int, int]


class _Budget(Exception):
    """The search took too many steps: the row is left unread."""


def splits(groups: Sequence[str], width: int, fits: Callable[[list[int]], bool], limit: int = 2) -> list[list[Span]]:
    """Up to ``limit`` ways to cut ``groups`` (digit strings) into ``width`` numbers whose values
    satisfy ``fits``. Each group is cut into one or more numbers; none has a leading zero."""
    total = sum(len(g) for g in groups)
    if not groups or total < width or total > min(MAX_DIGITS, width * MAX_WIDTH) or len(groups) > width:
        return []
    found: list[list[Span]] = []
    spans: list[Span] = []
    steps = [0]
    # Digits left from each group onwards, to prune branches that cannot come out even.
    left_after = [sum(len(g) for g in groups[i:]) for i in range(len(groups) + 1)]

    def walk(group: int, offset: int) -> None:
        steps[0] += 1
        if steps[0] > MAX_STEPS:
            raise _Budget
        if len(found) >= limit:
            return
        if group == len(groups):
            if len(spans) == width and fits([int(groups[g][s:e]) for g, s, e in spans]):
                found.append(list(spans))
            return
        text = groups[group]
        cells_left = width - len(spans)
        digits_left = left_after[group] - offset
        groups_left = len(groups) - group
        if cells_left < groups_left or digits_left < cells_left or digits_left > cells_left * MAX_WIDTH:
            return
        longest = 1 if text[offset] == "0" else min(MAX_WIDTH, len(text) - offset)
        for length in range(1, longest + 1):
            end = offset + length
            spans.append((group, offset, end))
            if end == len(text):
                walk(group + 1, 0)
            else:
                walk(group, end)
            spans.pop()

    try:
        walk(0, 0)
    except _Budget:
        return []
    return found


def row_sum(total: int, parts: Sequence[int]) -> Callable[[list[int]], bool]:
    """The check that ``values[total]`` equals the sum of ``values[i]`` for i in ``parts``."""
    return lambda values: values[total] == sum(values[i] for i in parts)


def every_group(size: int, check: Callable[[list[int]], bool]) -> Callable[[list[int]], bool]:
    """``check`` holding in each consecutive block of ``size`` values (table 4's three groups)."""
    return lambda values: all(check(values[i : i + size]) for i in range(0, len(values), size))


def anything(values: list[int]) -> bool:
    """No sum to check (table 2 rows): only the width and the digits decide."""
    return True
