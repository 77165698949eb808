"""Which format version a report follows (cn-2021, cn-2019, cn-2008).

Two kinds of evidence, in this order:

1. The table vocabulary: the column names only one format's tables use (``markers`` in each
   rules/*.yaml). A marker counts when at least two different ones of the same format appear,
   or one appears on a table line (cells separated by ``|`` or tabs): a single marker word in
   prose (政府集中采购项目类信息55条 in a 2018 report) is not a table.
2. The report year: from the title, else the statistics period, else the signing date (a
   report is signed early in the following year), else the year the opening names most
   often; the format whose years cover it.

With neither, a report with the national tables' headers (勾稽关系, 第二十条) is the newest
format, and a free-form report without them is cn-2008 unless it uses the 2019 regulation's
section wording (总体情况, 收到和处理). A 2008-era report whose year is not in its first lines is
never given cn-2021 by default.
"""

from __future__ import annotations

import re
from collections import Counter

from ..formats import FormatSpec, load_formats
from ..model import Line
from . import metadata

_TABLE_LINE = re.compile(r"\||\t")
_YEAR_MENTION = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*+年")
_NEW_REGULATION = re.compile(r"总体情况|收到和处理|信息处理费|国务院令第\s*711\s*号")


def _markers_found(spec: FormatSpec, text: str, lines: list[Line]) -> bool:
    present = [marker for marker in spec.markers if marker in text]
    if len(set(present)) >= 2:
        return True
    if not present:
        return False
    marker = present[0]
    return any(marker in line.text and _TABLE_LINE.search(line.text) for line in lines)


def report_year(lines: list[Line], title_year: int | None) -> int | None:
    """The report year by the title, the period, the signing date, then the opening's years."""
    if title_year is not None:
        return title_year
    period = metadata.find_period(metadata.Prose(lines, "\n"))
    if period is not None:
        date = period.end or period.start
        if date is not None:
            return date.year
    signed = metadata.find_signing_date(lines)
    if signed is not None:
        return signed.date.year - 1 if signed.date.month <= 9 else signed.date.year
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
    has_tables = "勾稽关系" in text or "第二十条" in text
    if year is not None:
        for spec in formats.values():
            if spec.covers_year(year):
                return spec
    newest = next(iter(formats.values()))
    if has_tables:
        return newest
    oldest = next((spec for spec in formats.values() if not spec.tables), newest)
    if _NEW_REGULATION.search(text) and not re.search(r"收费及减免|收费和减免", text):
        return newest
    return oldest
