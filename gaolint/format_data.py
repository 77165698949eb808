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
    """One pattern matching any of ``words`` (longest first, so 统计期限 wins over 统计). Words of
    one length are in text order: the pattern's text is then the same in every process (a set's
    order is not), which the shipped compiled patterns are keyed by (patterncodes.py)."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return re.compile("|".join(spaced(w) for w in ordered) if ordered else r"(?!)")


class Keys:
    """A mapping with these keys (each with its schema), of which ``required`` must be there."""

    __slots__ = ("fields", "required")

    def __init__(self, fields: dict, required: tuple[str, ...] = ()) -> None:
        self.fields = fields
        self.required = required


class ListOf:
    """A list of items of one schema."""

    __slots__ = ("item",)

    def __init__(self, item) -> None:
        self.item = item


class MapOf:
    """A mapping with keys of the user's choosing (table kinds, agency kinds), values of one schema."""

    __slots__ = ("value",)

    def __init__(self, value) -> None:
        self.value = value


class OneOf:
    """One of these strings."""

    __slots__ = ("choices",)

    def __init__(self, *choices: str) -> None:
        self.choices = choices


#: Leaf schemas: a string, a whole number, true/false, a list of strings, a list of numbers;
#: TERM is an identity's term: a row key, or ``{leaves_of: group}``.
STR, INT, BOOL, WORDS, INTS, TERM = "string", "number", "true/false", "list of words", "list of numbers", "term"

_ROW = Keys({
    "key": STR, "label": STR, "match": WORDS, "exact": WORDS, "columns": WORDS, "parent": STR,
    "group": BOOL, "total": BOOL, "value": OneOf("count", "amount"), "signed": INTS,
    "not_applicable": WORDS, "running_total": BOOL,
}, required=("key", "label", "match"))

_TABLE = Keys({
    "title": STR, "section": STR, "anchors": WORDS, "opens": WORDS, "columns": WORDS,
    "rows": ListOf(_ROW), "groups": ListOf(Keys({"key": STR, "label": STR}, required=("key", "label"))),
}, required=("title",))

_IDENTITY = Keys({
    "rule": STR, "table": STR, "per": OneOf("column", "row", "group"), "left": ListOf(TERM),
    "right": ListOf(TERM), "total_column": INT, "part_columns": INTS,
}, required=("rule", "table", "per"))

#: Every key a format file (rules/cn-*.yaml) may have; docs/formats.md says what each means.
FORMAT_SCHEMA = Keys({
    "version": STR, "extends": STR, "name": STR, "years": Keys({"from": INT, "to": INT}),
    "national": BOOL, "markers": WORDS, "headers": WORDS, "wording": WORDS, "ordered": BOOL,
    "sections": ListOf(Keys({
        "key": STR, "title": STR, "match": WORDS, "numeral": STR, "required": BOOL, "not_empty": BOOL,
    }, required=("key", "title", "match"))),
    "accountability": WORDS, "tables": MapOf(_TABLE), "identities": ListOf(_IDENTITY),
    "deadlines": MapOf(STR), "obligations": Keys({"fee_statement": OneOf(*FEE_OBLIGATIONS), "fee_statement_from": INT}),
    "period_starts": WORDS,
}, required=("version",))

#: Every key of the shared wording file (rules/common.yaml).
COMMON_SCHEMA = Keys({
    "kind": OneOf("common"), "period": Keys({"keys": WORDS, "cutoff": WORDS}),
    "title": Keys({"endings": WORDS, "links": WORDS, "labels": WORDS, "fields": WORDS, "not_reports": WORDS, "about_reports": WORDS, "other_regimes": WORDS}), "report_evidence": WORDS, "site_dates": WORDS,
    "agency_kinds": ListOf(Keys({"kind": STR, "endings": WORDS}, required=("kind", "endings"))),
    "default_kind": STR, "fees": Keys({"spending": WORDS, "charging": WORDS, "waivers": WORDS, "no_charge": WORDS}),
    "table_words": WORDS, "contents_words": WORDS, "announcement_words": WORDS,
    "agency_words": Keys({"before": WORDS, "after": WORDS, "pronouns": WORDS, "sentence": WORDS}),
}, required=("kind",))


def _shown(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "the file"


def schema_errors(data, schema, path: tuple = (), partial: bool = False) -> list[tuple[tuple, str]]:
    """(path to the offending key or item, what is wrong) for each place ``data`` departs from
    ``schema``. A null value counts as absent (``key: null`` removes an inherited key).
    ``partial``: a file that ``extends:`` another, whose required keys may be inherited."""
    if data is None:
        return []
    if isinstance(schema, Keys):
        if not isinstance(data, dict):
            return [(path, f"{_shown(path)} must be a mapping, not {data!r}")]
        errors: list[tuple[tuple, str]] = []
        for key, value in data.items():
            if key not in schema.fields:
                import difflib

                close = difflib.get_close_matches(str(key), list(schema.fields), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(schema.fields)})"
                errors.append((path + (key,), f"unknown key {key!r}" + (f" in {_shown(path)}" if path else "") + hint))
                continue
            errors.extend(schema_errors(value, schema.fields[key], path + (key,), partial))
        if not partial or not path:
            errors.extend(
                (path, f"{_shown(path)} has no {key!r}") for key in schema.required if data.get(key) is None
            )
        return errors
    if isinstance(schema, ListOf):
        if not isinstance(data, list):
            return [(path, f"{_shown(path)} must be a list, not {data!r}")]
        return [e for index, item in enumerate(data) for e in schema_errors(item, schema.item, path + (index,), partial)]
    if isinstance(schema, MapOf):
        if not isinstance(data, dict):
            return [(path, f"{_shown(path)} must be a mapping, not {data!r}")]
        return [e for key, value in data.items() for e in schema_errors(value, schema.value, path + (key,), partial)]
    if isinstance(schema, OneOf):
        if data not in schema.choices:
            return [(path, f"{_shown(path)} is {data!r}; use one of {', '.join(schema.choices)}")]
        return []
    if not _FITS[schema](data):
        return [(path, f"{_shown(path)} must be a {schema}, not {data!r}")]
    return []


_FITS = {
    STR: lambda v: isinstance(v, str),
    INT: lambda v: type(v) is int,
    BOOL: lambda v: type(v) is bool,
    WORDS: lambda v: isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v),
    INTS: lambda v: isinstance(v, list) and all(type(n) is int for n in v),
    TERM: lambda v: isinstance(v, str) or (isinstance(v, dict) and list(v) == ["leaves_of"] and isinstance(v["leaves_of"], str)),
}


def yaml_line(text: str, path: tuple) -> int:
    """The 1-based line of the key or item at ``path`` in YAML ``text`` (ruamel's round-trip
    loader keeps positions in ``.lc``); 1 when it cannot be told. Only called for an error."""
    from ruamel.yaml import YAML

    try:
        node = YAML(typ="rt", pure=True).load(text)
        for step in path[:-1]:
            node = node[step]
        if not path:
            return 1
        where = node.lc.key(path[-1]) if isinstance(path[-1], str) else node.lc.item(path[-1])
        return int(where[0]) + 1
    except Exception:  # an error message must not fail: point at the file
        return 1


def check_schema(data: dict, name: str, text: bytes | str | None) -> None:
    """Refuse a format or wording file with an unknown or misspelled key, or a value of the
    wrong kind: the message names the file, the line and the key. ``text`` is the file's YAML,
    read again only to find the line."""
    if not isinstance(data, dict):
        raise FormatDataError(f"{name}:1: a format file is a mapping of keys (version, name, …), not {data!r}")
    schema = COMMON_SCHEMA if data.get("kind") == "common" else FORMAT_SCHEMA
    errors = schema_errors(data, schema, partial=data.get("extends") is not None)
    if errors:
        path, message = errors[0]
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        line = yaml_line(text, path) if text is not None else 1
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise FormatDataError(f"{name}:{line}: {message}{more}")


def extend(base: dict, child: dict) -> dict:
    """``child`` on top of ``base`` (``extends:``): mappings are merged key by key, recursively;
    any other value (a list, a string, a number) replaces the base's; a null removes the key."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = extend(out[key], value)
        elif value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def check_references(data: dict) -> None:
    """Refuse a (merged) format whose names point at nothing: an identity's table or rows, a
    row's parent, a table's section."""
    tables = data.get("tables") or {}
    sections = {s["key"] for s in data.get("sections") or ()}
    if data.get("name") is None:
        raise FormatDataError(f"{_where(data)}: the format has no name")
    for kind, table in tables.items():
        keys = {r["key"] for r in table.get("rows") or ()}
        if table.get("section") and table["section"] not in sections:
            raise FormatDataError(f"{_where(data)}: tables.{kind}.section {table['section']!r} is not a section key")
        for row in table.get("rows") or ():
            if row.get("parent") and row["parent"] not in keys:
                raise FormatDataError(f"{_where(data)}: tables.{kind} row {row['key']!r} has parent {row['parent']!r}, not a row")
    for index, identity in enumerate(data.get("identities") or ()):
        table = tables.get(identity["table"])
        if table is None:
            raise FormatDataError(f"{_where(data)}: identities[{index}].table {identity['table']!r} is not a table")
        keys = {r["key"] for r in table.get("rows") or ()}
        need = ("left", "right") if identity["per"] == "column" else ("total_column", "part_columns")
        for key in need:
            if identity.get(key) is None:
                raise FormatDataError(f"{_where(data)}: identities[{index}] (per: {identity['per']}) has no {key!r}")
        for term in (identity.get("left") or []) + (identity.get("right") or []):
            name = term["leaves_of"] if isinstance(term, dict) else term
            if name not in keys:
                raise FormatDataError(f"{_where(data)}: identities[{index}] names row {name!r}, not a row of {identity['table']}")


def check_format(data: dict) -> dict:
    """Refuse a format file whose obligations or deadlines cannot be used."""
    obligations = _mapping(data, data.get("obligations"), "obligations")
    for key, value in obligations.items():
        if key not in ("fee_statement", "fee_statement_from"):
            raise FormatDataError(
                f"{_where(data)}: unknown obligation {key!r} (known: fee_statement, fee_statement_from)")
        if key == "fee_statement_from":
            if type(value) is not int:
                raise FormatDataError(f"{_where(data)}: obligations.fee_statement_from is {value!r}, not a year")
            continue
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
        no_charge: tuple[str, ...] = (),
        table_words: tuple[str, ...] = (),
        contents_words: tuple[str, ...] = (),
        announcement_words: tuple[str, ...] = (),
        title_links: tuple[str, ...] = (),
        title_labels: tuple[str, ...] = (),
        title_fields: tuple[str, ...] = (),
        not_report_titles: tuple[str, ...] = (),
        about_reports: tuple[str, ...] = (),
        other_regimes: tuple[str, ...] = (),
        site_dates: tuple[str, ...] = (),
        agency_before: tuple[str, ...] = (),
        agency_after: tuple[str, ...] = (),
        agency_sentence: tuple[str, ...] = (),
        agency_pronouns: tuple[str, ...] = (),
    ) -> None:
        self.period_keys = period_keys
        self.period_key = alternatives(period_keys)
        self.cutoff = cutoff
        self.cutoff_word = alternatives(cutoff)
        self.title_endings = title_endings
        self.evidence = evidence
        self.agency_kinds = agency_kinds
        self.default_kind = default_kind
        self.spending = alternatives(spending)
        self.charging = alternatives(charging)
        self.waivers = alternatives(waivers)
        #: Sentences saying the agency charges nothing at all (均未收费, 不涉及收费): a fee statement.
        self.no_charge = alternatives(no_charge)
        #: Words of table rows and headers: a numbered line holding one is never a section heading.
        self.table_words = table_words
        #: Headings of a table of contents (目录): the numbered lines under one are its entries.
        self.contents_words = contents_words
        #: Words of a page that announces a report kept elsewhere (附件, 详见附件, 点击下载).
        self.announcement_words = announcement_words
        #: Words opening a line that links to another page (上一篇：…): its title is not the report's.
        self.title_links = title_links
        #: Labels a page or a crawler prints before a title (标题：…): not part of the agency's name.
        self.title_labels = title_labels
        #: A page's metadata fields (索引号, 发文字号 …): a line holding one is not a title, even
        #: where it repeats the title (发文字号 …年度报告号), nor is it joined to one.
        self.title_fields = title_fields
        #: How the headline of a page about reports ends (…编制发布工作的通知, …年报编制培训会):
        #: such a page is no report, and a title named in it is none either.
        self.not_report_titles = not_report_titles
        #: What such a headline says is done with reports (编制, 报送, 培训…), where a notice that
        #: publishes a report (关于印发《…年度报告》的通知) says 印发 or 公布.
        self.about_reports = about_reports
        self.other_regimes = other_regimes
        #: Labels of a web page's own dates (发布日期：…, 更新时间：…): never the report's signing date.
        self.site_dates = site_dates
        #: Words an opening sentence writes right before or after an agency's name (由…编制,
        #: 现将…): not part of it, longest first; and pronouns (我局, 本单位) that name no agency.
        self.agency_before = tuple(sorted(agency_before, key=len, reverse=True))
        self.agency_after = tuple(sorted(agency_after, key=len, reverse=True))
        #: Words of a sentence no agency's name holds (依法按时完成…, …实际工作情况特编制了…): what
        #: stands before the last of them is the sentence, not the name.
        self.agency_sentence = tuple(agency_sentence)
        self.agency_pronouns = frozenset(agency_pronouns)

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

    def about_making_reports(self, text: str) -> bool:
        """Is ``text`` worded as the headline of a notice or a news item about making reports
        (``title.not_reports`` and ``title.about_reports``: …编制发布工作的通知, …年报编制培训会)?"""
        return text.rstrip("。 ").endswith(self.not_report_titles) and any(word in text for word in self.about_reports)

    def under_another_regime(self, title: str, agency: str) -> bool:
        """Is this the 信息公开工作报告 of a body that publishes under rules of its own, not the
        regulation's (a university, a research institute, a hospital: ``title.other_regimes``)?
        Its title says 信息公开 but not 政府信息公开 or 政务公开."""
        return (bool(agency) and agency.endswith(self.other_regimes) and "信息公开" in title
                and "政府信息公开" not in title and "政务公开" not in title)

    @classmethod
    def from_data(cls, data: dict) -> CommonSpec:
        period = _mapping(data, data.get("period"), "period")
        title = _mapping(data, data.get("title"), "title")
        fees = _mapping(data, data.get("fees"), "fees")
        agency_words = _mapping(data, data.get("agency_words"), "agency_words")
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
            no_charge=_words(data, fees.get("no_charge"), "fees.no_charge"),
            table_words=_words(data, data.get("table_words"), "table_words"),
            contents_words=_words(data, data.get("contents_words"), "contents_words"),
            announcement_words=_words(data, data.get("announcement_words"), "announcement_words"),
            title_links=_words(data, title.get("links"), "title.links"),
            title_labels=_words(data, title.get("labels"), "title.labels"),
            title_fields=_words(data, title.get("fields"), "title.fields"),
            not_report_titles=_words(data, title.get("not_reports"), "title.not_reports"),
            about_reports=_words(data, title.get("about_reports"), "title.about_reports"),
            other_regimes=_words(data, title.get("other_regimes"), "title.other_regimes"),
            site_dates=_words(data, data.get("site_dates"), "site_dates"),
            agency_before=_words(data, agency_words.get("before"), "agency_words.before"),
            agency_after=_words(data, agency_words.get("after"), "agency_words.after"),
            agency_sentence=_words(data, agency_words.get("sentence"), "agency_words.sentence"),
            agency_pronouns=_words(data, agency_words.get("pronouns"), "agency_words.pronouns"),
        )
