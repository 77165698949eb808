"""re's compiled patterns, shipped with the package, so a run does not compile them again.

Why: a changed report on the pre-commit path costs about 100 ms, and about 40 ms of that is
``re`` compiling the ~180 regular expressions of the readers, the parser and the rules —
mostly in ``re``'s charset optimiser, which walks every character of a ``[\\u3400-\\u9fff]``
class in Python (about 1 ms each). Building the same patterns from the opcodes ``re``'s own
compiler produced costs about 2 ms (figures: docs/performance.md, "Start-up").

How:

* ``python -m gaolint.patterncodes_write`` (a developer, on the Python the table is for)
  imports every gaolint module, lints the bundled examples in-process, and writes, for every
  pattern ``re`` compiled meanwhile, what ``re._compiler`` made of it into
  ``patterncodes_table.py`` (pattern, flags, groups) and ``patterncodes_table.words`` (the
  opcodes). Both are committed like code.
* At import, ``gaolint/__init__.py`` calls :func:`seed`, which makes ``re``'s own cache a
  :class:`ShippedCache`: a pattern of the table is built the first time ``re`` looks it up, so
  every ``re.compile(...)`` and ``re.match(pattern, ...)`` of the package (and of the standard
  library on our path: argparse, json) finds it there, and a run builds only the patterns it
  uses (a result-cache hit ~20 of ~290). Nothing else changes: the
  key is the exact pattern text and flags, so a pattern edited since the table was written is
  simply compiled as before.

Trust and safety: the opcodes are handed to ``_sre.compile``, which trusts them; an earlier
start-up cache kept such opcodes in the user's cache folder, which anyone could write, and was
removed for that (docs/cache.md). This table is never written at run time: it is part of the
installed package, reviewed and committed like the code beside it. It is used only when its
:func:`stamp` equals the running interpreter's — implementation, exact version, ``_sre.MAGIC``,
``CODESIZE``, ``sys.maxunicode`` and byte order — so opcodes are only ever given to the engine
whose compiler wrote them; on any other Python it is ignored and patterns compile as they always
did. ``tests/test_patterncodes.py`` compiles every entry again and compares, and checks that a
clean report compiles nothing the table lacks. ``GAOLINT_NO_PATTERN_TABLE=1`` turns it off.
"""

from __future__ import annotations

import _sre
import os
import re
import sys

TYPE_CHECKING = False  # for mypy only, without importing typing (see gaolint/model.py)
if TYPE_CHECKING:
    from typing import Literal

#: One entry: pattern, flags as given, flags as compiled, group count, named groups, and where
#: its opcodes are in the table's word blob (first word, number of words).
Entry = tuple[str | bytes, int, int, int, tuple[tuple[str, int], ...], int, int]

#: Never fill re's cache past this share of its size: re then drops its oldest entries one by one.
_CACHE_SHARE = 0.75
_seeded = False


def stamp() -> str:
    """The interpreter a table was written by; opcodes are only valid for the same one."""
    return (f"{sys.implementation.name} {'.'.join(map(str, sys.version_info[:3]))} "
            f"magic={_sre.MAGIC} codesize={_sre.CODESIZE} maxunicode={sys.maxunicode} {sys.byteorder}")


def word_format() -> Literal["I", "L"]:
    """The ``memoryview``/``array`` format whose items are ``_sre.CODESIZE`` bytes: how the table
    stores opcodes. (Read through ``memoryview``: importing ``array`` and ``binascii`` for the
    table cost ~0.6 ms of start-up; docs/performance.md.)"""
    if memoryview(bytes(8)).cast("I").itemsize == _sre.CODESIZE:
        return "I"
    if memoryview(bytes(8)).cast("L").itemsize == _sre.CODESIZE:
        return "L"
    raise RuntimeError(f"no word type of {_sre.CODESIZE} bytes")


def compiled(pattern: str | bytes, flags: int) -> tuple[int, int, tuple[tuple[str, int], ...], list[int]]:
    """What ``re``'s compiler makes of one pattern: flags as compiled, group count, named
    groups and opcodes (the steps of ``re._compiler.compile``, stopping before ``_sre.compile``)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    names = tuple(sorted(parsed.state.groupdict.items(), key=lambda item: item[1]))
    return (flags | parsed.state.flags, parsed.state.groups - 1, names,
            [int(op) for op in _compiler._code(parsed, flags)])


def build(item: Entry, words: memoryview) -> re.Pattern:
    """A compiled pattern from its entry, as ``re.compile`` would have returned it."""
    pattern, _, compiled_flags, groups, names, first, count = item
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, index in names:
        indexgroup[index] = name
    return _sre.compile(pattern, compiled_flags, words[first:first + count].tolist(),
                        groups, dict(names), tuple(indexgroup))


def words_file() -> str:
    """Where the table's opcodes are: ``patterncodes_table.words`` beside this module, every
    entry's ``CODESIZE``-byte words in native order, uncompressed (why not in the module:
    docs/performance.md, "Start-up: compiled patterns shipped")."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "patterncodes_table.words")


def table() -> tuple[tuple[Entry, ...], memoryview] | None:
    """The shipped entries and their opcodes, or None when they were written by another
    interpreter, or are absent or do not belong together (the words file holds exactly the
    words the entries place)."""
    try:
        from .patterncodes_table import ENTRIES, STAMP, WORD_COUNT
        if stamp() != STAMP:
            return None
        with open(words_file(), "rb") as stream:
            words = memoryview(stream.read()).cast(word_format())
    except (ImportError, OSError):
        return None
    if len(words) != WORD_COUNT:
        return None
    return ENTRIES, words


class ShippedCache(dict):  # type: ignore[type-arg]  # re's own cache: dict[tuple, re.Pattern]
    """``re``'s cache, which builds a pattern from the shipped table the first time it is
    looked up and missing, then keeps it like any other.

    ``re._compile`` looks a pattern up with ``_cache[type(pattern), pattern, flags]`` and
    compiles on ``KeyError``; a dict subclass's ``__missing__`` is asked exactly then. So only
    the patterns a run uses are built: a changed report uses ~240 of the ~290, an unchanged one
    (a result-cache hit) ~20. The table is read when the first one is built."""

    __slots__ = ("_entries", "_words", "_limit")

    def __init__(self, current: dict, entries: dict[tuple, Entry], limit: int) -> None:  # type: ignore[type-arg]
        super().__init__(current)
        self._entries = entries
        self._words: memoryview | None = None
        self._limit = limit

    def __missing__(self, key: tuple) -> re.Pattern:  # type: ignore[type-arg]
        item = self._entries.get(key)
        if item is None:
            raise KeyError(key)
        if self._words is None:
            shipped = table()
            if shipped is None:  # the words file went missing since import: compile as usual
                self._entries = {}
                raise KeyError(key)
            self._words = shipped[1]
        pattern = build(item, self._words)
        if len(self) < self._limit:  # never make re drop its own entries for ours
            self[key] = pattern
        return pattern


def seed() -> int:
    """Make the shipped patterns available to ``re``'s cache (built when first looked up, by
    :class:`ShippedCache`); how many. Once per process; a no-op when the table is not for this
    interpreter, when ``re`` has no such cache, or when ``GAOLINT_NO_PATTERN_TABLE`` is set."""
    global _seeded
    if _seeded or os.environ.get("GAOLINT_NO_PATTERN_TABLE"):
        return 0
    _seeded = True
    cache = getattr(re, "_cache", None)
    try:
        from .patterncodes_table import ENTRIES, STAMP
    except ImportError:
        return 0
    if type(cache) is not dict or stamp() != STAMP:
        return 0
    entries: dict[tuple, Entry] = {(type(item[0]), item[0], item[1]): item for item in ENTRIES}  # type: ignore[type-arg]
    re._cache = ShippedCache(cache, entries, int(getattr(re, "_MAXCACHE", 0) * _CACHE_SHARE))  # type: ignore[attr-defined]
    return len(entries)

