"""Repository-level rules: checks across reports of one agency in different years.

Reports are grouped by their normalised agency name (``agency_groups``); within a group, each
report is compared with the reports of the year before. Several files may claim one agency
and year (the same report kept as .pdf, .docx and .html, or a misconfigured folder): each
report is then compared with at most ``MAX_PREVIOUS`` of last year's files — one per distinct
set of compared values first, then the others, in path order — so a run costs time and
findings linear in its files, not one comparison per pair. GAO601 and GAO602 are registered
in ``gaolint.checks.repository_rules`` for the catalog; their logic is here.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Finding, Location, Message, Severity
from .model import number_text as _number

_TABLE3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_TABLE3_FORMATS = frozenset({"cn-2019", "cn-2021"})
_DOCUMENT_ROWS = {"regulations": ("规章", "regulations"), "normative_documents": ("行政规范性文件", "normative documents")}
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


def _rule(code: str):
    from .checks import RULES

    return RULES[code]


def _finding(code: str, facts, key: str, column: int, zh: str, en: str) -> Finding:
    """A finding at this year's cell. Last year's cell is named in the message, not in
    ``Finding.related``: a related ``Location`` has no path and would read as this file's."""
    rule = _rule(code)
    locations = facts.locations.get(key) or []
    sources = facts.source_lines.get(key) or []
    location = locations[column] if column < len(locations) else Location(1)
    source = sources[column] if column < len(sources) else ""
    return Finding(code, rule.name, Severity(rule.severity.value), Message(zh, en), facts.path, location, source)


def _where(location: Location | None, lang: str) -> str:
    if location is None:
        return ""
    if lang == "en":
        return f"line {location.line}" + (f", {location.place}" if location.place else "")
    return f"第 {location.line} 行" + (f"，{location.place}" if location.place else "")


def _cell_location(facts, key: str, column: int) -> Location | None:
    locations = facts.locations.get(key) or []
    return locations[column] if column < len(locations) else None


def carryover_findings(current, previous) -> list[Finding]:
    """GAO601: this year's 二（上年结转） against last year's 四（结转下年度）, column by column."""
    if current.format_version not in _TABLE3_FORMATS or previous.format_version not in _TABLE3_FORMATS:
        return []
    over, forward = current.carried_over, previous.carried_forward
    if not over or not forward or len(over) != len(_TABLE3_COLUMNS) or len(forward) != len(_TABLE3_COLUMNS):
        return []
    found = []
    for column, name in enumerate(_TABLE3_COLUMNS):
        this, last = over[column], forward[column]
        if this is None or last is None or abs(this - last) < 1e-9:
            continue
        where = _cell_location(previous, "carried_forward", column)
        difference = _number(abs(this - last))
        zh = (f"表三 二（上年结转）“{name}”列为 {_number(this)}，但上年报告 {previous.path}（{previous.year}年）"
              f"的 四（结转下年度）为 {_number(last)}（{_where(where, 'zh')}）（差 {difference}）")
        en = (f"table 3 row 二 (carried over), column '{name}', is {_number(this)}, but last year's report "
              f"{previous.path} ({previous.year}) carried forward {_number(last)} ({_where(where, 'en')}; "
              f"difference {difference})")
        found.append(_finding("GAO601", current, "carried_over", column, zh, en))
    return found


def documents_findings(current, previous) -> list[Finding]:
    """GAO602: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止, for 规章 and 规范性文件."""
    if current.format_version != "cn-2021" or previous.format_version != "cn-2021":
        return []
    found = []
    for key, (label, label_en) in _DOCUMENT_ROWS.items():
        this, last = current.documents.get(key), previous.documents.get(key)
        if not this or not last or len(this) != 3 or len(last) != 3:
            continue
        issued, repealed, in_force = this
        before = last[2]
        if None in (issued, repealed, in_force, before):
            continue
        expected = before + issued - repealed
        if abs(expected - in_force) < 1e-9:
            continue
        where = _cell_location(previous, key, 2)
        difference = _number(abs(expected - in_force))
        zh = (f"表二“{label}”现行有效件数为 {_number(in_force)}，但上年报告 {previous.path}（{previous.year}年）"
              f"的现行有效 {_number(before)}（{_where(where, 'zh')}）+ 本年制发 {_number(issued)} − 本年废止 "
              f"{_number(repealed)} = {_number(expected)}（差 {difference}）")
        en = (f"table 2 {label_en} in force is {_number(in_force)}, but last year's report {previous.path} "
              f"({previous.year}) had {_number(before)} in force ({_where(where, 'en')}) + {_number(issued)} issued "
              f"− {_number(repealed)} repealed = {_number(expected)} (difference {difference})")
        found.append(_finding("GAO602", current, key, 2, zh, en))
    return found


def check_repository(facts, settings) -> list[Finding]:
    """Findings of repository rules (GAO601, GAO602) over every report in the run."""
    wanted = [code for code in ("GAO601", "GAO602") if settings.enabled(code)]
    if not wanted or len(facts) < 2:
        return []
    checks = {"GAO601": carryover_findings, "GAO602": documents_findings}
    findings: list[Finding] = []
    for reports in agency_groups(facts).values():
        for current, previous in pairs_by_year(reports):
            for code in wanted:
                findings.extend(checks[code](current, previous))
    if settings.severity:
        from .engine import _apply_severity

        _apply_severity(findings, settings)
    return sorted(findings, key=Finding.sort_key)
