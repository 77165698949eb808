"""Rows of glued digits that several splits fit, settled by the table's column sums.

A crawled row ``270020130`` of table 3 reads as 27, 0, 0, 2, 0, 1, 30 and as 2, 7, 0, 0, 20, 1,
30: both add up along the row, so the row alone cannot say which the page printed. The column
identities of the format can (三（七）总计 is the sum of the result rows in every column; 一 + 二
= 三（七） + 四). Every combination of the ambiguous rows' splits is tried against them, and a
row is read only when every combination under which the sums hold gives it the same split —
the same rule as for one row (gaolint.parse.unglue): the only reading that fits what the format
knows, never a guess. Where no combination fits (a real arithmetic defect, or a row left
unread elsewhere that the sums need), the rows stay unread, as before.
"""

from __future__ import annotations

import itertools
import math

from ..model import Cell, Table
from ..model_format import TableSpec, column_cells

#: Splits kept for one row, and combinations tried for a table; past either, rows stay unread.
MAX_WAYS = 6
MAX_COMBINATIONS = 4096


def settle(table: Table, spec: TableSpec, ways: dict[str, list[list[Cell]]], identities: list[dict]) -> None:
    """Read each row of ``ways`` (row key → the cells of each split that fits it) whose split
    the column ``identities`` decide; such rows move from ``table.unread_rows`` to
    ``table.inferred_rows`` (kept in the table's row order)."""
    keys = [key for key in table.unread_rows if key in ways]
    if not keys or math.prod(len(ways[key]) for key in keys) > MAX_COMBINATIONS:
        return
    rows = [table.rows[key] for key in keys]
    chosen: list[set[int]] = [set() for _ in keys]
    for choice in itertools.product(*(range(len(ways[key])) for key in keys)):
        for row, key, index in zip(rows, keys, choice):
            row.cells = ways[key][index]
        if _sums_hold(table, spec, identities, set(keys)):
            for picked, index in zip(chosen, choice):
                picked.add(index)
    settled = set()
    for row, key, picked in zip(rows, keys, chosen):
        if len(picked) == 1:
            row.cells = ways[key][picked.pop()]
            settled.add(key)
        else:
            row.cells = []
    if settled:
        table.unread_rows = [key for key in table.unread_rows if key not in settled]
        inferred = set(table.inferred_rows) | settled
        table.inferred_rows = [key for key in table.rows if key in inferred]


def _sums_hold(table: Table, spec: TableSpec, identities: list[dict], keys: set[str]) -> bool:
    """Whether every column identity that adds up one of the rows ``keys`` holds. An identity
    that cannot be summed (a row it needs is missing or unread) decides nothing; one that
    names none of ``keys`` is not asked (a defect elsewhere must not leave these rows unread)."""
    for identity in identities:
        left = spec.side_rows(table, identity["left"])
        right = spec.side_rows(table, identity["right"])
        if left is None or right is None or not any(row.key in keys for row in left + right):
            continue
        for column in range(len(spec.columns)):
            left_cells = column_cells(left, column)
            right_cells = column_cells(right, column)
            if left_cells is None or right_cells is None:
                continue
            if abs(sum(c.value for c in left_cells) - sum(c.value for c in right_cells)) >= 1e-9:  # type: ignore[misc]
                return False
    return True
