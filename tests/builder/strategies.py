"""Hypothesis strategies for consistent report specs.

Names, dates and wording come from `sample_spec` with a drawn seed; the table figures are drawn
by hypothesis itself (zeros, small and very large counts) so failures shrink to small tables.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Sequence

from hypothesis import strategies as st

from .labels import result_leaves
from .spec import ReportSpec, sample_spec, table3_from_parts, table4_from_outcomes

#: Mostly zero or small, as in real reports, with the occasional huge figure.
counts = st.one_of(st.just(0), st.integers(0, 9), st.integers(0, 500), st.integers(0, 10**6))


@st.composite
def table3_values(draw: st.DrawFn, version: str = "cn-2021") -> dict[str, tuple[int, ...]]:
    """A table 3 satisfying every identity: totals are derived, 新收 balances each column."""
    six = st.tuples(*[counts] * 6)
    leaves = {k: draw(six) for k in result_leaves(version)}
    return table3_from_parts(version, leaves, draw(six), draw(six))


def table4_values() -> st.SearchStrategy[tuple[int, ...]]:
    return st.tuples(*[counts] * 12).map(table4_from_outcomes)


@st.composite
def specs(
    draw: st.DrawFn,
    versions: Sequence[str] = ("cn-2021", "cn-2019"),
    kinds: Sequence[str] = ("government", "department"),
) -> ReportSpec:
    version = draw(st.sampled_from(versions))
    base = sample_spec(
        draw(st.integers(0, 2**32 - 1)), version=version, kind=draw(st.sampled_from(kinds))
    )
    fees = draw(st.one_of(st.just(Decimal(0)), st.decimals(0, 10**7, places=2)))
    table2 = replace(base.table2, licensing=draw(counts), penalties=draw(counts), fees_wan=fees)
    return replace(
        base,
        table2=table2,
        table3=draw(table3_values(version)),
        table4=draw(table4_values()),
        halfwidth=draw(st.booleans()),
    )
