"""Run configuration: command-line options over ``.gaolint.yaml`` / ``[tool.gaolint]``.

The file is found by searching upward from the current folder (``--config FILE`` overrides the
search). Every key is validated against the rule registry before anything is linted, and a
mistake is a ``UsageError`` (exit 2) that names the key, the file and the line, so a typo in a
pre-commit hook's configuration never silently turns a rule off.

ruamel.yaml is imported only when a YAML file is actually read: start-up time matters.
"""

from __future__ import annotations

import os
import re
from fnmatch import fnmatch

from .engine import Settings
from .errors import UsageError
from .model import Record
from .regular_file import FileTooLarge, NotRegularFile, read_regular_file

CONFIG_NAMES = (".gaolint.yaml", ".gaolint.yml")
PYPROJECT = "pyproject.toml"
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


# --------------------------------------------------------------------------------------------
# Where a value came from: file and line, for error messages.


class _Source:
    """A configuration file's name and a way to find the line of any key path in it."""

    def __init__(self, path: str) -> None:
        self.path = path

    @property
    def shown(self) -> str:
        try:
            relative = os.path.relpath(self.path)
        except ValueError:
            relative = self.path
        return (self.path if relative.startswith("..") else relative).replace(os.sep, "/")

    def line(self, keys: tuple, needle: str | None = None) -> int:  # pragma: no cover - overridden
        return 1

    def error(self, keys: tuple, zh: str, en: str, needle: str | None = None) -> UsageError:
        where = f"{self.shown}:{self.line(keys, needle)}"
        dotted = ".".join(str(k) for k in keys if not isinstance(k, int))
        return UsageError(f"{where}: {dotted}: {zh} / {en}")


class _YamlSource(_Source):
    def __init__(self, path: str, root) -> None:
        super().__init__(path)
        self.root = root

    def line(self, keys: tuple, needle: str | None = None) -> int:
        node, line = self.root, 0
        for key in keys:
            try:
                if isinstance(node, list) and isinstance(key, int):
                    line = node.lc.item(key)[0]  # type: ignore[attr-defined]  # ruamel CommentedSeq
                elif isinstance(node, dict) and key in node:
                    line = node.lc.key(key)[0]  # type: ignore[attr-defined]  # ruamel CommentedMap
                else:
                    break
                node = node[key]
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        if needle and isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str) and item.strip().upper() == needle:
                    try:
                        return node.lc.item(index)[0] + 1  # type: ignore[attr-defined]  # ruamel CommentedSeq
                    except (AttributeError, KeyError, IndexError, TypeError):
                        break
        return line + 1


_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=""")
_TOML_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*(?:\.|$)""")


def _toml_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _TOML_PART.findall(dotted))


class _TomlSource(_Source):
    """tomllib keeps no line numbers, so lines are found again in the text: the table header or
    ``key =`` line of the deepest key found, then the first later line holding ``needle``."""

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path)
        self.lines = text.splitlines()

    def line(self, keys: tuple, needle: str | None = None) -> int:
        target = ("tool", "gaolint") + tuple(str(k) for k in keys if not isinstance(k, int))
        best, best_depth = 0, -1
        header: tuple[str, ...] = ()
        for number, text in enumerate(self.lines):
            match = _TOML_HEADER.match(text)
            if match:
                header = _toml_parts(match.group(1))
                full = header
            else:
                match = _TOML_KEY.match(text)
                if not match:
                    continue
                full = header + _toml_parts(match.group(1))
            depth = len(full)
            if full == target[:depth] and depth > best_depth:
                best, best_depth = number, depth
        if best_depth < len(target) and best_depth >= 2:
            leftover = target[best_depth:]
            needle = needle or leftover[0]
        if needle:
            for number in range(best, len(self.lines)):
                if number > best and _TOML_HEADER.match(self.lines[number]):
                    break
                if needle.upper() in self.lines[number].upper():
                    return number + 1
        return best + 1


class _CommandLine(_Source):
    def __init__(self) -> None:
        super().__init__("command line")

    def error(self, keys: tuple, zh: str, en: str, needle: str | None = None) -> UsageError:
        return UsageError(f"--{keys[0]}: {zh} / {en}")


# --------------------------------------------------------------------------------------------
# Finding and reading the file.


def find_config(start: str | None = None) -> str | None:
    """The nearest ``.gaolint.yaml`` (or ``.yml``), or ``pyproject.toml`` with a
    ``[tool.gaolint]`` table, in ``start`` or a folder above it."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_tool_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    try:
        head = read_regular_file(path, MAX_CONFIG_BYTES)
    except OSError:
        return False
    return b"gaolint" in head and re.search(rb"^\s*\[\s*tool\s*\.\s*gaolint\b", head, re.M) is not None


def read_config(path: str) -> tuple[dict, _Source]:
    """The raw table of a configuration file (plain dicts and lists) and its line finder.

    Size and shape are checked before any parser sees the text (ruamel.yaml reads about
    40 KB a second, and a 3.8 MB file took 51 s and 452 MB to be refused): a YAML file within
    ``MAX_YAML_BYTES`` and ``MAX_YAML_ITEMS``, a pyproject.toml within ``MAX_CONFIG_BYTES``, and
    no number Python cannot convert (over 4,300 digits), each refusal naming the limit."""
    toml = path.endswith(".toml")
    limit = MAX_CONFIG_BYTES if toml else MAX_YAML_BYTES
    try:
        data = read_regular_file(path, limit)
    except FileNotFoundError:
        raise UsageError(f"找不到配置文件 / configuration file not found: {path}") from None
    except NotRegularFile:
        raise UsageError(f"配置文件不是普通文件 / the configuration file is not a regular file: {path}") from None
    except FileTooLarge as error:
        raise UsageError(f"{path}: 配置文件过大（{error.size} 字节，上限 {limit} 字节） / the configuration file is too "
                         f"large ({error.size} bytes; the limit is {limit} bytes)") from None
    except OSError as error:
        raise UsageError(f"无法读取配置文件 / cannot read configuration file {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: 配置文件必须是 UTF-8 编码 / the configuration file must be UTF-8") from None
    if len(data) > limit:  # grew while being read
        raise UsageError(f"{path}: 配置文件过大（上限 {limit} 字节） / the configuration file is too large (the limit is "
                         f"{limit} bytes)")
    _check_numbers(path, text)
    if toml:
        return _read_toml(path, text)
    items = text.count("\n") + text.count(",") + text.count("[") + text.count("{")
    if items > MAX_YAML_ITEMS:
        raise UsageError(f"{path}: 配置文件的行和值过多（{items}，上限 {MAX_YAML_ITEMS}） / the configuration file has too many "
                         f"lines and values ({items}; the limit is {MAX_YAML_ITEMS}); a real one has a few dozen")
    return _read_yaml(path, text)


#: Digits Python converts to an int (``sys.get_int_max_str_digits``'s default): a longer number
#: made the parsers raise ValueError, a traceback.
MAX_NUMBER_DIGITS = 4300


def _check_numbers(path: str, text: str) -> None:
    """Refuse a number no parser can convert, naming its line and key (one linear scan)."""
    for match in re.finditer(r"\d+", text):
        if len(match.group()) > MAX_NUMBER_DIGITS:
            line, key = _line_and_key(text, match.start())
            raise UsageError(f"{path}:{line}: {key}: 数字过长（{len(match.group())} 位，上限 {MAX_NUMBER_DIGITS} 位） / a number "
                             f"of {len(match.group())} digits (the limit is {MAX_NUMBER_DIGITS})")


_KEY_ON_LINE = re.compile(r"""^\s*(?:-\s+)?["']?([^"':=#\s\[\]{}]+)["']?\s*[:=]""")


def _line_and_key(text: str, index: int) -> tuple[int, str]:
    """The line number of ``index`` and the nearest key at or above it (a list item's key is
    on an earlier line)."""
    line = text.count("\n", 0, index) + 1
    lines = text.split("\n", line)[:line]
    for candidate in reversed(lines):
        match = _KEY_ON_LINE.match(candidate)
        if match:
            return line, match.group(1)[:60]
    return line, "?"


def _read_toml(path: str, text: str) -> tuple[dict, _Source]:
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: TOML 语法错误 / invalid TOML: {error}") from None
    except RecursionError:
        raise UsageError(f"{path}: TOML 嵌套过深 / invalid TOML: nested too deeply") from None
    except (ValueError, OverflowError, TypeError) as error:  # a value tomllib cannot build (a date)
        raise UsageError(f"{path}: TOML 值无效 / invalid TOML value: {error}") from None
    table = document.get("tool", {}).get("gaolint") if isinstance(document.get("tool"), dict) else None
    if table is None:
        raise UsageError(f"{path}: 没有 [tool.gaolint] 表 / no [tool.gaolint] table")
    if not isinstance(table, dict):
        raise UsageError(f"{path}: tool.gaolint 必须是表 / tool.gaolint must be a table")
    return table, _TomlSource(path, text)


def _read_yaml(path: str, text: str) -> tuple[dict, _Source]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    import warnings

    try:
        with warnings.catch_warnings():  # ruamel's warnings (a reused anchor) are not ours to print
            warnings.simplefilter("ignore")
            root = yaml.load(text)
    except RecursionError:
        raise UsageError(f"{path}: YAML 嵌套过深 / invalid YAML: nested too deeply") from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = error.problem or error.context or "syntax error"
        raise UsageError(f"{path}:{line}: YAML 语法错误 / invalid YAML: {problem}") from None
    except YAMLError as error:
        raise UsageError(f"{path}: YAML 语法错误 / invalid YAML: {error}") from None
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError) as error:
        # A scalar ruamel resolves but cannot build (``2024-13-45`` as a date): no mark to show.
        raise UsageError(f"{path}: YAML 值无效 / invalid YAML value: {error}") from None
    if root is None:
        return {}, _YamlSource(path, {})
    if not isinstance(root, dict):
        raise UsageError(f"{path}:1: 配置文件顶层必须是键值映射 / the top level must be a mapping of keys")
    try:
        return _plain(root, [MAX_CONFIG_VALUES], 0), _YamlSource(path, root)
    except _TooLarge as error:
        raise UsageError(f"{path}: {error}") from None


def _constructor():
    """ruamel's round-trip constructor, except that a date-like scalar stays text: no key takes
    a date, and ``2024-13-45`` would otherwise raise ValueError (a traceback) where validation
    can name the key and line."""
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        pass

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node))
    return Constructor


#: Largest pyproject.toml read (rarely 100 KB; tomllib reads ~1 MB a second).
MAX_CONFIG_BYTES = 1024 * 1024
#: Largest .gaolint.yaml read, and most lines plus flow-collection separators in it: a real one
#: is under a few KB (``gaolint init`` writes 60 lines); ruamel.yaml needs about a second for
#: the limits.
MAX_YAML_BYTES = 64 * 1024
MAX_YAML_ITEMS = 5_000
#: Values a configuration may hold once YAML aliases are expanded, and how deep it may nest:
#: a real one has a few dozen values, three levels deep; an alias bomb (each anchor a list of
#: ten of the last) has billions, and took minutes and gigabytes to expand.
MAX_CONFIG_VALUES = 100_000
MAX_CONFIG_DEPTH = 32


class _TooLarge(Exception):
    pass


def _plain(value, budget: list[int], depth: int):
    """ruamel's commented containers as plain dicts and lists (they must pickle to workers),
    aliases expanded, within ``MAX_CONFIG_VALUES`` values and ``MAX_CONFIG_DEPTH`` levels."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge(f"配置文件展开后超过 {MAX_CONFIG_VALUES} 个值（YAML 别名？） / the configuration "
                        f"expands to more than {MAX_CONFIG_VALUES} values (YAML aliases?)")
    if depth > MAX_CONFIG_DEPTH:
        raise _TooLarge(f"配置文件嵌套超过 {MAX_CONFIG_DEPTH} 层 / the configuration nests more than "
                        f"{MAX_CONFIG_DEPTH} levels deep")
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, (int, float)) else k: _plain(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, budget, depth + 1) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


# --------------------------------------------------------------------------------------------
# Validation: every value checked, every error located.


def known_codes() -> list[str]:
    from .checks import RULES

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


# --------------------------------------------------------------------------------------------
# File globs: written relative to the configuration file's folder, matched against the paths
# findings show (relative to the current folder).


def relocate_glob(pattern: str, base: str, cwd: str | None = None) -> list[str]:
    """fnmatch patterns that match the displayed paths of the files ``pattern`` means.

    A pattern without ``/`` matches a file name in any folder (``*.txt``); one starting with a
    wildcard matches anywhere; any other is anchored at the configuration file's folder."""
    cwd = os.path.abspath(cwd or os.getcwd())
    pattern = pattern.strip().replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    if pattern.endswith("/"):
        pattern += "*"
    if "/" not in pattern:
        return [pattern, "*/" + pattern]
    if pattern.startswith("*"):
        found = [pattern]
        if pattern.startswith("**/"):
            found.append(pattern[3:])
        return found
    absolute = os.path.normpath(os.path.join(base, pattern))
    relative = os.path.relpath(absolute, cwd)
    if relative.startswith(".."):
        return [absolute.replace(os.sep, "/")]
    return [relative.replace(os.sep, "/")]


def glob_matches(path: str, patterns: list[str]) -> bool:
    return any(fnmatch(path, pattern) for pattern in patterns)


# --------------------------------------------------------------------------------------------
# The run's configuration.


class RunConfig(Record):
    __slots__ = ("settings", "fail_on", "lang", "sources", "file_ignores", "exclude", "budget")

    def __init__(
        self,
        settings: Settings,
        fail_on: str = "error",
        lang: str = "zh",
        sources: list[str] | None = None,
        file_ignores: list[tuple[list[str], tuple[str, ...]]] | None = None,
        exclude: list[str] | None = None,
    ) -> None:
        self.settings = settings
        #: ``exclude`` globs of the file and of ``--exclude``, as fnmatch patterns for displayed
        #: paths (gaolint.discover.excluded).
        self.exclude = [] if exclude is None else exclude
        self.fail_on = fail_on
        self.lang = lang
        #: The configuration file used, if any (shown by ``--verbose``).
        self.sources = [] if sources is None else sources
        #: per-file-ignores as (fnmatch patterns for displayed paths, rule IDs or prefixes).
        self.file_ignores = [] if file_ignores is None else file_ignores
        #: Per-file limits (gaolint.workers.Budget); None: the defaults.
        self.budget = None

    def ignored_in(self, path: str, code: str) -> bool:
        """Whether ``code`` is switched off for the file shown as ``path``."""
        if not self.settings.enabled(code):
            return True
        for patterns, ids in self.file_ignores:
            if any(code.startswith(i) for i in ids) and glob_matches(path, patterns):
                return True
        return False

    def filter(self, findings, results):
        """Drop findings switched off by configuration or inline comments, apply severity
        overrides, and report inline suppressions that silenced nothing (GAO010)."""
        from .suppress import apply_suppressions

        kept = [f for f in findings if not self.ignored_in(f.path, f.rule)]
        _apply_severity(kept, self.settings.severity)
        kept, unused = apply_suppressions(kept, results, self.ignored_in)
        _apply_severity(unused, self.settings.severity)
        return kept + unused


def _apply_severity(findings, overrides: dict[str, str]) -> None:
    """The most specific matching ID or prefix wins (``GAO303: note`` over ``GAO3: warning``)."""
    if not overrides:
        return
    from .model import Severity

    ordered = sorted(overrides.items(), key=lambda item: len(item[0]), reverse=True)
    for finding in findings:
        for prefix, level in ordered:
            if finding.rule.startswith(prefix):
                finding.severity = Severity(level)
                break


def split_globs(values) -> list[str]:
    """``--exclude`` values (repeatable, each possibly comma-separated) as one list."""
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def split_ids(value: str | None) -> tuple[str, ...]:
    """``"gao101, GAO2"`` (a --select/--ignore value, or a configuration's list item) as upper-case IDs."""
    if not value:
        return ()
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


def validate_ids(ids: tuple[str, ...], option: str) -> tuple[str, ...]:
    return _check_ids(list(ids), (option.lstrip("-"),), _CommandLine())


def load_settings(args) -> RunConfig:
    """Command-line options over the configuration file over the defaults."""
    config_path = getattr(args, "config", None)
    if config_path:
        if not os.path.exists(config_path):
            raise UsageError(f"--config: 找不到配置文件 / configuration file not found: {config_path}")
        path: str | None = config_path
    else:
        path = find_config()
    options = FileOptions()
    if path is not None:
        table, source = read_config(path)
        options = parse_options(table, source)

    cli_select, cli_ignore = getattr(args, "select", None), getattr(args, "ignore", None)
    select = validate_ids(split_ids(cli_select), "--select") if cli_select else (options.select or ())
    ignore = validate_ids(split_ids(cli_ignore), "--ignore") if cli_ignore else (options.ignore or ())
    agencies: dict[str, dict] = {}
    for pattern, override in options.agencies.items():
        for relocated in relocate_glob(pattern, options.base):
            agencies[relocated] = override
    settings = Settings(
        select=select,
        ignore=ignore,
        severity=dict(options.severity),
        per_file_ignores=dict(options.per_file_ignores),
        deadlines=dict(options.deadlines),
        agencies=agencies,
        verbose=bool(getattr(args, "verbose", False)),
    )
    file_ignores = [(relocate_glob(p, options.base), ids) for p, ids in options.per_file_ignores.items()]
    config = RunConfig(
        settings,
        fail_on=getattr(args, "fail_on", None) or options.fail_on or "error",
        lang=getattr(args, "lang", None) or options.lang or "zh",
        sources=[path] if path else [],
        file_ignores=file_ignores,
        exclude=[g for p in options.exclude for g in relocate_glob(p, options.base)]
        + [g for p in split_globs(getattr(args, "exclude", None)) for g in relocate_glob(p, os.getcwd())],
    )
    config.budget = _budget(args, options)
    if settings.verbose and path:
        import sys

        sys.stderr.write(f"gaolint: 使用配置文件 / using configuration {path}\n")
    return config


def _budget(args, options: FileOptions):
    """--timeout / --memory-limit over the timeout / memory-limit keys over the defaults."""
    from .workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Budget

    timeout = getattr(args, "timeout", None)
    memory = getattr(args, "memory_limit", None)
    for value, option in ((timeout, "--timeout"), (memory, "--memory-limit")):
        if value is not None and not 0 <= value <= 86_400:
            raise UsageError(f"{option}: 应为 0 到 86400 之间的数字 / must be from 0 to 86400 (0: no limit)")
    if timeout is None:
        timeout = options.timeout if options.timeout is not None else DEFAULT_TIMEOUT
    if memory is None:
        memory = options.memory_limit if options.memory_limit is not None else DEFAULT_MEMORY_MB
    return Budget(float(timeout), int(memory))


# --------------------------------------------------------------------------------------------
# gaolint init

INIT_TEMPLATE = """\
# gaolint 配置 / gaolint configuration
# 文档 / reference: docs/configuration.md — 命令行选项优先于本文件 / command-line options win.
# 规则编号可写完整编号（GAO303）或前缀（GAO3 = 全部勾稽关系规则）。
# Rule IDs may be full (GAO303) or prefixes (GAO3 = every arithmetic rule); see `gaolint rules`.

# 只运行这些规则（默认：全部）/ run only these rules (default: all)
# select: [GAO1, GAO2, GAO3, GAO4, GAO5]

# 不运行这些规则 / never run these rules
ignore: []

# 调整默认严重程度：error | warning | note / change a rule's default severity
severity:
  # GAO204: note
  # GAO5: note

# 对部分文件关闭规则（通配符相对于本文件所在目录）/ switch rules off for some files
# (globs are relative to this file's folder; a glob without "/" matches the file name anywhere)
per-file-ignores:
  # "archive/2008-*/**": [GAO1]
  # "*.pdf": [GAO003]

# 达到哪个严重程度时退出码为 1：error | warning | note | never / lowest severity that fails the run
fail-on: error

# 不检查的文件（通配符，相对于本文件所在目录；--exclude 可再添加）/ files never checked
# exclude: ["drafts/", "*-草稿.docx"]

# 提示语言：zh | en / message language
lang: zh

# 公布期限（报告年度的次年）：部门 1 月 31 日，人民政府 3 月 31 日 / publication deadlines
# deadlines:
#   department: "01-31"
#   government: "03-31"

# 按文件指定机关名称、类型（government 人民政府 | department 部门）和年度（报告里读不出时使用）
# Agency name, kind (government | department) and year per file, when a report does not make them clear.
# agencies:
#   "reports/county-government/*":
#     name: 某某县人民政府
#     kind: government
#   "reports/2024/education-bureau.md":
#     name: 某某县教育局
#     kind: department
#     year: 2024
"""


def write_init(force: bool = False, folder: str | None = None) -> int:
    """Write a commented starting ``.gaolint.yaml`` in the current folder."""
    import sys

    path = os.path.join(folder or os.getcwd(), CONFIG_NAMES[0])
    if os.path.exists(path) and not force:
        raise UsageError(f"{CONFIG_NAMES[0]} 已存在；使用 --force 覆盖 / {CONFIG_NAMES[0]} already exists; use --force to overwrite it")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(INIT_TEMPLATE)
    sys.stderr.write(f"已写入 {CONFIG_NAMES[0]} / wrote {CONFIG_NAMES[0]}\n")
    return 0


__all__ = [
    "RunConfig", "FileOptions", "KEYS", "load_settings", "find_config", "read_config", "parse_options",
    "relocate_glob", "validate_ids", "known_codes", "write_init", "INIT_TEMPLATE",
]
