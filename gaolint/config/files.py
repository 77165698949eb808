"""Finding and reading a configuration file: ``.gaolint.yaml`` / ``.gaolint.yml`` or the
``[tool.gaolint]`` table of ``pyproject.toml``, within limits checked before any parser sees the
text. ruamel.yaml is imported only when a YAML file is actually read: start-up time matters."""

from __future__ import annotations

import os
import re

from ..errors import UsageError
from ..regular_file import FileTooLarge, NotRegularFile, read_regular_file
from .source import _Source, _TomlSource, _YamlSource

CONFIG_NAMES = (".gaolint.yaml", ".gaolint.yml")
PYPROJECT = "pyproject.toml"


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
