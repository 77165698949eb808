"""Validation: every key and value of a configuration table checked against the rule registry
and the known choices, every error located (file, line, key), into a ``FileOptions`` record."""

from __future__ import annotations

import os
import re

from ..errors import UsageError
from ..model import Record
from .source import _Source

SEVERITIES = ("error", "warning", "note")
FAIL_ON = ("error", "warning", "note", "never")
LANGS = ("zh", "en")
AGENCY_KINDS = ("government", "department", "zone")
DEADLINE_KINDS = ("department", "government", "zone")
AGENCY_KEYS = ("name", "kind", "year")

#: Every key a configuration file may hold, with a one-line description (``gaolint init`` and
#: docs/configuration.md say more).
KEYS = {
    "select": "only these rule IDs or prefixes",
    "ignore": "skip these rule IDs or prefixes",
    "severity": "rule ID or prefix → error | warning | note",
    "per-file-ignores": "file glob → rule IDs or prefixes skipped for those files",
    "fail-on": "error | warning | note | never",
    "lang": "zh | en",
    "deadlines": "department / government → \"MM-DD\" of the following year",
    "agencies": "file glob → {name, kind, year}",
    "exclude": "file globs never checked (--exclude adds more)",
    "timeout": "seconds to read and check one file (default 4; 0: no limit)",
    "memory-limit": "MB one file may use while read and checked (default 256; 0: no limit)",
}


def known_codes() -> list[str]:
    from ..checks import RULES

    return list(RULES)


def _check_ids(values, keys: tuple, source: _Source) -> tuple[str, ...]:
    """A list (or comma-separated string) of rule IDs or prefixes, each matching some rule."""
    if isinstance(values, str):
        items = split_ids(values)
    elif isinstance(values, list) and all(isinstance(v, str) for v in values):
        items = tuple(v.strip().upper() for v in values if v.strip())
    else:
        raise source.error(keys, "应为规则编号列表", "expected a list of rule IDs or prefixes")
    codes = known_codes()
    for item in items:
        if not item.startswith("GAO") or not any(code.startswith(item) for code in codes):
            from difflib import get_close_matches

            close = get_close_matches(item, codes, n=1, cutoff=0.8)
            hint = f" (did you mean {close[0]}?)" if close else "; see `gaolint rules`"
            raise source.error(keys, f"未知的规则编号 {item!r}", f"unknown rule ID or prefix {item!r}{hint}", needle=item)
    return items


def _check_choice(value, choices: tuple[str, ...], keys: tuple, source: _Source) -> str:
    if not isinstance(value, str) or value.strip().lower() not in choices:
        shown = " | ".join(choices)
        raise source.error(keys, f"取值 {value!r} 无效，应为 {shown}", f"invalid value {value!r}; expected {shown}")
    return value.strip().lower()


def _check_mapping(value, keys: tuple, source: _Source, what: str) -> dict:
    if not isinstance(value, dict):
        raise source.error(keys, f"应为键值映射（{what}）", f"expected a mapping ({what})")
    return value


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_month_day(value, keys: tuple, source: _Source) -> str:
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", value.strip()) if isinstance(value, str) else None
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1]:
            return f"{month:02d}-{day:02d}"
    raise source.error(
        keys, f"期限 {value!r} 无效，应为次年的 \"MM-DD\"（如 \"01-31\"）",
        f"invalid deadline {value!r}; expected \"MM-DD\" of the following year, e.g. \"01-31\"",
    )


def _unknown_key(key, allowed, keys: tuple, source: _Source) -> UsageError:
    from difflib import get_close_matches

    close = get_close_matches(str(key), list(allowed), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(allowed)}"
    return source.error(keys, f"未知的配置项 {key!r}", f"unknown key {key!r}{hint}")


class FileOptions(Record):
    """What a configuration file said, validated; None/empty where it said nothing."""

    __slots__ = (
        "path", "base", "select", "ignore", "severity", "per_file_ignores", "fail_on", "lang",
        "deadlines", "agencies", "exclude", "timeout", "memory_limit"
    )

    def __init__(
        self,
        path: str | None = None,
        base: str = ".",
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        severity: dict[str, str] | None = None,
        per_file_ignores: dict[str, tuple[str, ...]] | None = None,
        fail_on: str | None = None,
        lang: str | None = None,
        deadlines: dict[str, str] | None = None,
        agencies: dict[str, dict] | None = None,
        exclude: tuple[str, ...] = (),
        timeout: float | None = None,
        memory_limit: int | None = None,
    ) -> None:
        self.timeout = timeout
        self.memory_limit = memory_limit
        self.path = path
        self.base = base
        self.exclude = exclude
        self.select = select
        self.ignore = ignore
        self.severity = {} if severity is None else severity
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.fail_on = fail_on
        self.lang = lang
        self.deadlines = {} if deadlines is None else deadlines
        self.agencies = {} if agencies is None else agencies


def parse_options(table: dict, source: _Source) -> FileOptions:
    """Validate a configuration table; raise ``UsageError`` naming the key, file and line."""
    options = FileOptions(path=source.path, base=os.path.dirname(os.path.abspath(source.path)))
    for key, value in table.items():
        keys = (key,)
        if key not in KEYS:
            raise _unknown_key(key, KEYS, keys, source)
        if value is None:  # `severity:` with every entry commented out
            continue
        if key in ("select", "ignore"):
            setattr(options, key, _check_ids(value, keys, source))
        elif key == "severity":
            for rule, level in _check_mapping(value, keys, source, "规则编号 → error|warning|note").items():
                _check_ids([str(rule)], keys + (rule,), source)
                options.severity[str(rule).upper()] = _check_choice(level, SEVERITIES, keys + (rule,), source)
        elif key == "per-file-ignores":
            for pattern, ids in _check_mapping(value, keys, source, "文件通配符 → 规则编号").items():
                if not isinstance(pattern, str) or not pattern.strip():
                    raise source.error(keys, "文件通配符不能为空", "a file glob must be a non-empty string")
                options.per_file_ignores[pattern] = _check_ids(ids, keys + (pattern,), source)
        elif key == "fail-on":
            options.fail_on = _check_choice(value, FAIL_ON, keys, source)
        elif key == "lang":
            options.lang = _check_choice(value, LANGS, keys, source)
        elif key == "deadlines":
            for kind, month_day in _check_mapping(value, keys, source, "department/government → \"MM-DD\"").items():
                if kind not in DEADLINE_KINDS:
                    raise _unknown_key(kind, DEADLINE_KINDS, keys + (kind,), source)
                options.deadlines[kind] = _check_month_day(month_day, keys + (kind,), source)
        elif key == "exclude":
            options.exclude = _check_globs(value, keys, source)
        elif key in ("timeout", "memory-limit"):
            setattr(options, key.replace("-", "_"), _check_limit(value, keys, source))
        elif key == "agencies":
            for pattern, override in _check_mapping(value, keys, source, "文件通配符 → {name, kind, year}").items():
                options.agencies[str(pattern)] = _check_agency(override, keys + (pattern,), source)
    return options


def _check_globs(value, keys: tuple, source: _Source) -> tuple[str, ...]:
    """A list (or comma-separated string) of non-empty file globs."""
    items = [v.strip() for v in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise source.error(keys, "应为文件通配符列表", "expected a list of file globs")
    return tuple(v.strip() for v in items)
def _check_limit(value, keys: tuple, source: _Source) -> float:
    """A per-file limit: a number from 0 (no limit) to a day's worth."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 86_400:
        raise source.error(keys, "应为 0 到 86400 之间的数字（0 表示不限）", "must be a number from 0 to 86400 (0: no limit)")
    return value


def _check_agency(override, keys: tuple, source: _Source) -> dict:
    override = _check_mapping(override, keys, source, "name, kind, year")
    checked: dict = {}
    for key, value in override.items():
        if key not in AGENCY_KEYS:
            raise _unknown_key(key, AGENCY_KEYS, keys + (key,), source)
        if key == "name":
            if not isinstance(value, str) or not value.strip():
                raise source.error(keys + (key,), "机关名称应为非空文本", "the agency name must be non-empty text")
            checked["name"] = value.strip()
        elif key == "kind":
            checked["kind"] = _check_choice(value, AGENCY_KINDS, keys + (key,), source)
        elif key == "year":
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value.strip())
            if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
                raise source.error(keys + (key,), f"年度 {value!r} 无效", f"invalid year {value!r}; expected e.g. 2024")
            checked["year"] = value
    return checked


def split_ids(value: str | None) -> tuple[str, ...]:
    """``"gao101, GAO2"`` (a --select/--ignore value, or a configuration's list item) as upper-case IDs."""
    if not value:
        return ()
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())
