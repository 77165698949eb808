"""Which format version a report follows (cn-2021, cn-2019, cn-2008).

Two kinds of evidence, in this order:

1. The table vocabulary: the column names only one format's tables use (``markers`` in each
   rules/*.yaml). A marker counts when at least two different ones of the same format appear,
   or one appears as table text (cells separated by ``|`` or tabs, or a short line of its own
   in a one-cell-per-line layout): a single marker word in prose (政府集中采购项目类信息55条 in
   a 2018 report) is not a table.
2. The report year: from the title, else the statistics period, else the signing date (a
   report is signed early in the following year), else the year the opening names most
   often; the format whose years cover it.

With neither, a report with the national tables' headers (``headers``: 勾稽关系, 第二十条) is
the newest format listing them, and a free-form report without them is the oldest (free-form)
format unless it uses the 2019 regulation's wording (``wording``: 总体情况, 收到和处理) and not
the 2008 regulation's (收费及减免). A 2008-era report whose year is not in its first lines is
never given cn-2021 by default.
"""

from __future__ import annotations

import re
from collections import Counter

from ..format_data import alternatives
from ..formats import FormatSpec, load_formats
from ..model import Line
from . import metadata

_TABLE_LINE = re.compile(r"\||\t")
_YEAR_MENTION = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*+年")
#: Each format's ``wording`` as one pattern (spaces allowed), by the words.
_WORDING: dict[tuple[str, ...], re.Pattern[str]] = {}


def _uses_wording(spec: FormatSpec, text: str) -> bool:
    if not spec.wording:
        return False
    pattern = _WORDING.get(spec.wording)
    if pattern is None:
        pattern = _WORDING[spec.wording] = alternatives(spec.wording)
    return pattern.search(text) is not None


def _markers_found(spec: FormatSpec, text: str, lines: list[Line]) -> bool:
    present = [marker for marker in spec.markers if marker in text]
    if len(set(present)) >= 2:
        return True
    if not present:
        return False
    marker = present[0]
    return any(marker in line.text and _is_cell(line.text) for line in lines)


def _is_cell(text: str) -> bool:
    """A line that is table text: cells separated by | or tabs, or one short cell on its own
    line (a layout with one cell per line) — not a sentence."""
    if _TABLE_LINE.search(text):
        return True
    stripped = text.strip()
    return len(stripped) <= 20 and not re.search(r"[。，,；;]", stripped)


def report_year(lines: list[Line], title_year: int | None) -> int | None:
    """The report year by the title, the period, the signing date, then the opening's years."""
    if title_year is not None:
        return title_year
    year = metadata.body_year(lines)
    if year is not None:
        return year
    opening = metadata.mask_quotes("\n".join(line.text[:4000] for line in lines[:60])[:4000])
    years = Counter(int(m.group(1)) for m in _YEAR_MENTION.finditer(opening))
    if years:
        return years.most_common(1)[0][0]
    return None


def detect_format(lines: list[Line], year: int | None) -> FormatSpec:
    """Structure first (the tell-tale column names), then the report year (see the module)."""
    formats = load_formats()
    text = "\n".join(line.text for line in lines)
    for spec in formats.values():
        if spec.markers and _markers_found(spec, text, lines):
            return spec
    with_headers = next((spec for spec in formats.values() if any(word in text for word in spec.headers)), None)
    if year is not None:
        for spec in formats.values():
            if spec.covers_year(year):
                return spec
    if with_headers is not None:
        return with_headers
    newest = next(iter(formats.values()))
    oldest = next((spec for spec in formats.values() if not spec.tables), newest)
    if _uses_wording(oldest, text):
        return oldest
    return next((spec for spec in formats.values() if _uses_wording(spec, text)), oldest)
