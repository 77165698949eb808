"""Baselines: record today's findings, then report only new ones.

A finding is known by its rule, its file and the whitespace-free text of its line (the SARIF
``line_hash``), never its line number, so recorded findings stay silent when lines are inserted
above them, while a new defect — even on a line that looks like an old one, beyond the number
recorded — still shows. Paths are stored relative to the baseline file's folder, so the same
baseline works whichever folder gaolint runs in.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from collections import Counter

from .errors import UsageError
from .model import Finding
from .output.sarif import line_hash
from .regular_file import FileTooLarge, read_regular_file

#: Largest baseline read: about 300 bytes a finding, so room for 100,000 findings; checked
#: before parsing (a 100 MB baseline took 423 MB to read).
MAX_BASELINE_BYTES = 32 * 1024 * 1024

FORMAT = "gaolint-baseline"
VERSION = 1


def _relative_path(path: str, base: str) -> str:
    """A finding's path relative to ``base`` (the baseline's folder), with forward slashes."""
    try:
        relative = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def _key(finding: Finding, base: str) -> tuple[str, str, str]:
    path = _relative_path(finding.path, base)
    moved = copy.copy(finding)
    moved.path = path
    return path, finding.rule, line_hash(moved)


def _folder(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def write_baseline(path: str, findings: list[Finding], lang: str = "zh") -> int:
    """Record ``findings`` in ``path``; return how many were recorded."""
    base = _folder(path)
    counts: Counter = Counter()
    first: dict[tuple[str, str, str], Finding] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        key = _key(finding, base)
        counts[key] += 1
        first.setdefault(key, finding)
    entries = []
    for key in sorted(counts):
        relative, rule, fingerprint = key
        finding = first[key]
        entries.append({
            "path": relative,
            "rule": rule,
            "fingerprint": fingerprint,
            "count": counts[key],
            # For people reading the file; matching uses only path, rule and fingerprint.
            "line": finding.location.line,
            "message": finding.message.text(lang),
        })
    document = {"format": FORMAT, "version": VERSION, "findings": entries}
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as error:
        raise UsageError(f"--write-baseline: 无法写入 / cannot write {path}: {error.strerror}") from None
    total = sum(counts.values())
    sys.stderr.write(f"gaolint: 已将 {total} 个问题记入基线 {path} / recorded {total} finding(s) in {path}\n")
    return total


class _Odd:
    """A number JSON allows and Python cannot use as a count: ``Infinity``, ``NaN``, ``1e999``,
    or more digits than ``MAX_NUMBER_DIGITS`` (int() raises past 4,300). Kept as its text, so
    validation can say which entry and line hold it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text if len(self.text) <= 20 else f"{self.text[:12]}… ({len(self.text)} characters)"

    __str__ = __repr__


#: Digits a number in a baseline may have; counts are small, and int() refuses 4,300 and more.
MAX_NUMBER_DIGITS = 18
#: Largest count an entry may hold (more findings than any report has).
MAX_COUNT = 1_000_000_000


def _int(text: str):
    return int(text) if len(text) <= MAX_NUMBER_DIGITS else _Odd(text)


def _float(text: str):
    value = float(text) if len(text) <= 64 else float("inf")
    return value if value - value == 0 else _Odd(text)  # inf and nan are not counts


def _error(path: str, text: str, index: int, zh: str, en: str) -> UsageError:
    line = text.count("\n", 0, index) + 1
    return UsageError(f"--baseline: {path}:{line}: {zh} / {en}")


def read_baseline(path: str) -> Counter:
    """(path, rule, fingerprint) → how many findings the baseline allows.

    The size is checked before anything is parsed (``MAX_BASELINE_BYTES``); then the top-level
    object is walked and each entry of ``findings`` is parsed, checked and reduced to its key
    on its own, so memory holds the text and the counts, never a list of every entry's dict
    (a 100 MB baseline took 423 MB). Every problem is a UsageError (exit 2) naming the file,
    the line and the key."""
    try:
        data = read_regular_file(path, MAX_BASELINE_BYTES)
    except FileNotFoundError:
        raise UsageError(f"--baseline: 找不到基线文件 / baseline file not found: {path}") from None
    except FileTooLarge as error:
        raise UsageError(f"--baseline: {path}: 基线文件过大（{error.size} 字节，上限 {MAX_BASELINE_BYTES} 字节） / the baseline "
                         f"is too large ({error.size} bytes; the limit is {MAX_BASELINE_BYTES} bytes)") from None
    except OSError as error:  # a pipe or a device, unreadable
        raise UsageError(f"--baseline: 无法读取基线文件 / cannot read baseline {path}: {error}") from None
    if len(data) > MAX_BASELINE_BYTES:  # grew while being read
        raise UsageError(f"--baseline: {path}: 基线文件过大（上限 {MAX_BASELINE_BYTES} 字节） / the baseline is too large "
                         f"(the limit is {MAX_BASELINE_BYTES} bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"--baseline: 无法读取基线文件 / cannot read baseline {path}: {error}") from None
    del data
    try:
        return _parse(path, text)
    except json.JSONDecodeError as error:
        raise UsageError(f"--baseline: {path}:{error.lineno}: 基线文件不是有效的 JSON / not valid JSON: {error.msg}") from None
    except RecursionError:
        raise UsageError(f"--baseline: {path}: 基线文件嵌套过深 / not a baseline: nested too deeply") from None


def _parse(path: str, text: str) -> Counter:
    decoder = json.JSONDecoder(parse_int=_int, parse_float=_float, parse_constant=_Odd)
    space = _WHITESPACE

    def value_at(index: int):
        return decoder.raw_decode(text, index)

    not_baseline = UsageError(f"--baseline: {path} 不是 gaolint 基线文件 / is not a gaolint baseline (write one with --write-baseline)")
    index = space.match(text, 0).end()
    if text[index:index + 1] != "{":
        raise not_baseline
    index = space.match(text, index + 1).end()
    top: dict = {}
    allowed: Counter = Counter()
    seen_findings = False
    number = 0
    while text[index:index + 1] != "}":
        if top or seen_findings:
            if text[index:index + 1] != ",":
                raise _error(path, text, index, "应为 , 或 }", "not valid JSON: expected ',' or '}'")
            index = space.match(text, index + 1).end()
        if text[index:index + 1] != '"':
            raise _error(path, text, index, "应为键名", "not valid JSON: expected a key")
        key, index = value_at(index)
        index = space.match(text, index).end()
        if text[index:index + 1] != ":":
            raise _error(path, text, index, "应为 :", "not valid JSON: expected ':'")
        index = space.match(text, index + 1).end()
        if key != "findings":
            top[key], index = value_at(index)
            index = space.match(text, index).end()
            continue
        if text[index:index + 1] != "[":
            raise not_baseline
        seen_findings, allowed, number = True, Counter(), 0  # a repeated key: the last one counts
        index = space.match(text, index + 1).end()
        while text[index:index + 1] != "]":
            if number:
                if text[index:index + 1] != ",":
                    raise _error(path, text, index, "应为 , 或 ]", "not valid JSON: expected ',' or ']'")
                index = space.match(text, index + 1).end()
            number += 1
            start = index
            entry, index = value_at(index)
            index = space.match(text, index).end()
            _count_entry(path, text, start, number, entry, allowed)
        index = space.match(text, index + 1).end()
    if space.match(text, index + 1).end() != len(text):
        raise _error(path, text, index + 1, "JSON 之后还有内容", "not valid JSON: extra data after the object")
    if top.get("format") != FORMAT or not seen_findings:
        raise not_baseline
    version = top.get("version")
    if type(version) is not int or version != VERSION:
        raise UsageError(f"--baseline: {path}: 不支持的基线版本 / unsupported baseline version {version!r}")
    return allowed


def _count_entry(path: str, text: str, start: int, number: int, entry, allowed: Counter) -> None:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("path", "rule", "fingerprint")):
        raise _error(path, text, start, f"第 {number} 条记录缺少 path/rule/fingerprint 文本",
                     f"entry {number} lacks path, rule or fingerprint (text)")
    count = entry.get("count", 1)
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    if type(count) is not int or not 1 <= count <= MAX_COUNT:
        raise _error(path, text, start, f"第 {number} 条记录的 count 无效（{count!r}）",
                     f"entry {number}: count {count!r} is not a whole number from 1 to {MAX_COUNT}")
    allowed[(entry["path"], entry["rule"], entry["fingerprint"])] += count


_WHITESPACE = re.compile(r"[ \t\n\r]*")


def apply_baseline(path: str, findings: list[Finding], allowed: Counter | None = None) -> list[Finding]:
    """The findings not recorded in the baseline at ``path`` (``allowed``: what ``read_baseline``
    returned, when the caller read it before linting so that a bad baseline fails at once)."""
    allowed = read_baseline(path) if allowed is None else allowed  # consumed: counts go down
    base = _folder(path)
    kept = []
    for finding in sorted(findings, key=Finding.sort_key):
        key = _key(finding, base)
        if allowed[key] > 0:
            allowed[key] -= 1
            continue
        kept.append(finding)
    return kept


__all__ = ["write_baseline", "read_baseline", "apply_baseline"]
