"""Running the repository rules (``RepositoryRule``, in ``gaolint.checks.repository_rules``):
which reports of the run belong to one agency, and which of them are a year apart.

Reports are grouped by their normalised agency name (``agency_groups``); within a group, each
report is compared with the reports of the year before. Several files may claim one agency
and year (the same report kept as .pdf, .docx and .html, or a misconfigured folder): each
report is then compared with at most ``MAX_PREVIOUS`` of last year's files — one per distinct
set of compared values first, then the others, in path order — so a run costs time and
findings linear in its files, not one comparison per pair. What each rule compares is in its
class; the facts it reads from each report are ``ReportFacts`` (``collect_facts`` there).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Finding

#: A name that starts with a place: 洪泽区人民政府, 昆山市教育局 (not a bare 教育局).
_PLACED = re.compile(r"^.{1,12}?(?:自治区|自治州|自治县|地区|省|市|区|县|旗|州|盟)")
#: What may stand before a name for the same agency: 淮安市 + 洪泽区人民政府.
_PLACE_PREFIX = re.compile(r"(?:自治区|自治州|地区|省|市|州|盟)$")


def agency_key(name: str) -> str:
    """The normalised agency name reports are grouped by."""
    if not name:
        return ""
    from .parse.metadata import normalise_agency

    return normalise_agency(name)


def _canonical_names(names: set[str]) -> dict[str, str]:
    """Map each name to the longest name in the run it abbreviates: 洪泽区人民政府 →
    淮安市洪泽区人民政府 when that is the only longer match; ambiguous names stay as they are
    (鼓楼区人民政府 with both 南京市鼓楼区人民政府 and 福州市鼓楼区人民政府 in the run).

    Longer names are found through their proper suffixes (a name is a few tens of characters),
    not by testing every pair of names: linear in the number of agencies."""
    ending_with: dict[str, list[str]] = defaultdict(list)
    for other in names:
        for start in range(1, len(other)):
            suffix = other[start:]
            if suffix in names and _PLACE_PREFIX.search(other, 0, start):
                ending_with[suffix].append(other)
    canonical = {}
    for name in names:
        longer = sorted(ending_with.get(name, ()), key=len)
        chain = all(b.endswith(a) for a, b in zip(longer, longer[1:]))
        canonical[name] = longer[-1] if longer and chain and _PLACED.match(name) else name
    return canonical


def agency_groups(facts: list) -> dict[str, list]:
    """Reports (``ReportFacts``) by agency; reports with no agency are left out."""
    keys = {id(f): agency_key(f.agency) for f in facts}
    canonical = _canonical_names({k for k in keys.values() if k})
    groups: dict[str, list] = defaultdict(list)
    for fact in facts:
        key = keys[id(fact)]
        if key:
            groups[canonical[key]].append(fact)
    return dict(groups)


#: Last year's files each report is compared with, when several claim the agency and year.
#: Three covers one report kept in every container (.pdf, .docx, .html), each named in its own
#: finding; beyond that, more copies add only repeated findings (k files a year gave k² of them).
MAX_PREVIOUS = 3


def _compared_values(report) -> tuple:
    """What GAO601 and GAO602 read from last year's report: files equal here give equal
    findings (but for the file named)."""
    documents = report.documents or {}
    return (
        report.format_version,
        tuple(report.carried_forward or ()),
        tuple(sorted((key, tuple(value or ())) for key, value in documents.items())),
    )


def _representatives(reports: list) -> list:
    """At most ``MAX_PREVIOUS`` of one year's reports: the first (by path) of each distinct set
    of compared values, then the rest by path."""
    if len(reports) <= MAX_PREVIOUS:
        return reports
    ordered = sorted(reports, key=lambda r: r.path)
    chosen, seen, others = [], set(), []
    for report in ordered:
        values = _compared_values(report)
        if values in seen:
            others.append(report)
        else:
            seen.add(values)
            chosen.append(report)
        if len(chosen) >= MAX_PREVIOUS:
            break
    chosen += others[: MAX_PREVIOUS - len(chosen)]
    return sorted(chosen, key=lambda r: r.path)


def pairs_by_year(reports: list) -> list[tuple]:
    """(this year's report, last year's report) for reports one year apart: every report of a
    year against each of (at most ``MAX_PREVIOUS``) representatives of the year before."""
    by_year: dict[int, list] = defaultdict(list)
    for report in reports:
        if report.year is not None:
            by_year[report.year].append(report)
    previous_of = {year: _representatives(members) for year, members in by_year.items()}
    pairs = []
    for year in sorted(by_year):
        candidates = previous_of.get(year - 1, [])
        for current in by_year[year]:
            for previous in candidates:
                if previous is not current and previous.path != current.path:
                    pairs.append((current, previous))
    return pairs


def check_repository(facts, settings) -> list[Finding]:
    """Findings of the repository rules (``RepositoryRule``: GAO601, GAO602) over every report
    in the run: each rule compares the reports of one agency a year apart."""
    if len(facts) < 2:
        return []
    from .checks import RULES
    from .checks.base import RepositoryRule

    rules = [cls() for code, cls in RULES.items() if issubclass(cls, RepositoryRule) and settings.enabled(code)]
    if not rules:
        return []
    findings: list[Finding] = []
    for reports in agency_groups(facts).values():
        pairs = pairs_by_year(reports)
        for rule in rules:
            findings.extend(rule.check(pairs))
    if settings.severity:
        from .engine import _apply_severity

        _apply_severity(findings, settings)
    return sorted(findings, key=Finding.sort_key)
