"""Wording data shared by every format (rules/common.yaml), and the checks run on format data
when it is loaded.

Real reports state their period, title and fees in many wordings; each wording a user reports
should be a one-line data change plus a fixture, not a new regex. So the words live in YAML,
and this module turns them into patterns (spaces allowed between characters, as PDF text and
web pages put them) and refuses malformed data with a message naming the file's key, rather
than failing later on a report.
"""

from __future__ import annotations

import re

#: What a format's ``obligations.fee_statement`` may say.
FEE_OBLIGATIONS = ("processing-fee", "charges-and-waivers", "none")


class FormatDataError(ValueError):
    """Format or wording data in rules/*.yaml that cannot be used."""


def _where(data: dict) -> str:
    return f"rules/{data.get('version') or 'common'}.yaml"


def _words(data: dict, value, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise FormatDataError(f"{_where(data)}: {key} must be a list of non-empty words, not {value!r}")
    return tuple(w.strip() for w in value)


def _mapping(data: dict, value, key: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FormatDataError(f"{_where(data)}: {key} must be a mapping, not {value!r}")
    return value


def spaced(word: str) -> str:
    """A pattern for ``word`` with any spaces between its characters."""
    return r"\s*".join(re.escape(ch) for ch in word)


def alternatives(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``words`` (longest first, so 统计期限 wins over 统计)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(spaced(w) for w in ordered) if ordered else r"(?!)")


def check_format(data: dict) -> dict:
    """Refuse a format file whose obligations or deadlines cannot be used."""
    obligations = _mapping(data, data.get("obligations"), "obligations")
    for key, value in obligations.items():
        if key != "fee_statement":
            raise FormatDataError(f"{_where(data)}: unknown obligation {key!r} (known: fee_statement)")
        if value not in FEE_OBLIGATIONS:
            raise FormatDataError(
                f"{_where(data)}: obligations.fee_statement is {value!r}; use one of {', '.join(FEE_OBLIGATIONS)}"
            )
    for kind, month_day in _mapping(data, data.get("deadlines"), "deadlines").items():
        if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", str(month_day)):
            raise FormatDataError(f"{_where(data)}: deadlines.{kind} is {month_day!r}, not \"MM-DD\"")
    for start in data.get("period_starts") or ():
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", str(start)):
            raise FormatDataError(f"{_where(data)}: period_starts holds {start!r}, not \"YYYY-MM-DD\"")
    return data


class AgencyKind:
    """One kind of agency and the name endings that make it."""

    __slots__ = ("kind", "endings")

    def __init__(self, kind: str, endings: tuple[str, ...]) -> None:
        self.kind = kind
        self.endings = endings


class CommonSpec:
    """The shared wording data, as patterns ready to search with."""

    def __init__(
        self,
        period_keys: tuple[str, ...] = (),
        cutoff: tuple[str, ...] = (),
        title_endings: tuple[str, ...] = ("年度报告",),
        evidence: tuple[str, ...] = (),
        agency_kinds: tuple[AgencyKind, ...] = (),
        default_kind: str = "department",
        spending: tuple[str, ...] = (),
        charging: tuple[str, ...] = (),
        waivers: tuple[str, ...] = (),
    ) -> None:
        self.period_keys = period_keys
        self.period_key = alternatives(period_keys)
        self.cutoff = cutoff
        self.cutoff_word = alternatives(cutoff)
        self.title_endings = title_endings
        self.evidence = evidence
        self.evidence_word = alternatives(evidence)
        self.agency_kinds = agency_kinds
        self.default_kind = default_kind
        self.spending = alternatives(spending)
        self.charging = alternatives(charging)
        self.waivers = alternatives(waivers)

    def kind_of(self, name: str) -> str:
        """The agency kind a name's ending makes (first listed kind wins)."""
        if not name:
            return ""
        for entry in self.agency_kinds:
            if name.endswith(entry.endings):
                return entry.kind
        return self.default_kind

    def zone_endings(self) -> tuple[str, ...]:
        return next((e.endings for e in self.agency_kinds if e.kind == "zone"), ())

    @classmethod
    def from_data(cls, data: dict) -> CommonSpec:
        period = _mapping(data, data.get("period"), "period")
        title = _mapping(data, data.get("title"), "title")
        fees = _mapping(data, data.get("fees"), "fees")
        kinds = []
        raw_kinds = data.get("agency_kinds") or []
        if not isinstance(raw_kinds, list):
            raise FormatDataError(f"{_where(data)}: agency_kinds must be a list")
        for index, entry in enumerate(raw_kinds):
            entry = _mapping(data, entry, f"agency_kinds[{index}]")
            kind = entry.get("kind")
            if not isinstance(kind, str) or not re.fullmatch(r"[a-z][a-z-]*", kind):
                raise FormatDataError(f"{_where(data)}: agency_kinds[{index}].kind must be a lower-case word, not {kind!r}")
            endings = _words(data, entry.get("endings"), f"agency_kinds[{index}].endings")
            if not endings:
                raise FormatDataError(f"{_where(data)}: agency_kinds[{index}] ({kind}) has no endings")
            kinds.append(AgencyKind(kind, endings))
        default_kind = data.get("default_kind", "department")
        if not isinstance(default_kind, str) or not default_kind:
            raise FormatDataError(f"{_where(data)}: default_kind must be a word")
        endings = _words(data, title.get("endings"), "title.endings") or ("年度报告",)
        return cls(
            period_keys=_words(data, period.get("keys"), "period.keys"),
            cutoff=_words(data, period.get("cutoff"), "period.cutoff"),
            title_endings=endings,
            evidence=_words(data, data.get("report_evidence"), "report_evidence"),
            agency_kinds=tuple(kinds),
            default_kind=default_kind,
            spending=_words(data, fees.get("spending"), "fees.spending"),
            charging=_words(data, fees.get("charging"), "fees.charging"),
            waivers=_words(data, fees.get("waivers"), "fees.waivers"),
        )
