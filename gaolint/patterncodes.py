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
  ``patterncodes_table.py``: pattern, flags, opcodes, groups. It is committed like code.
* At import, ``gaolint/__init__.py`` calls :func:`seed`, which puts those patterns into ``re``'s
  own cache, so every ``re.compile(...)`` and ``re.match(pattern, ...)`` of the package (and of the
  standard library on our path: argparse, json) finds them there. Nothing else changes: the
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


def table() -> tuple[tuple[Entry, ...], memoryview] | None:
    """The shipped entries and their opcodes, or None when they were written by another
    interpreter (or are absent)."""
    try:
        from .patterncodes_table import ENTRIES, STAMP, WORDS
    except ImportError:
        return None
    if stamp() != STAMP:
        return None
    import zlib

    return ENTRIES, memoryview(zlib.decompress(WORDS)).cast(word_format())


def seed() -> int:
    """Put the shipped patterns into ``re``'s cache; how many. Once per process; a no-op when
    the table is not for this interpreter, when ``re`` has no such cache, or when
    ``GAOLINT_NO_PATTERN_TABLE`` is set."""
    global _seeded
    if _seeded or os.environ.get("GAOLINT_NO_PATTERN_TABLE"):
        return 0
    _seeded = True
    cache = getattr(re, "_cache", None)
    limit = int(getattr(re, "_MAXCACHE", 0) * _CACHE_SHARE)
    shipped = table() if isinstance(cache, dict) else None
    if cache is None or shipped is None:
        return 0
    entries, words = shipped
    added = 0
    for item in entries:
        if len(cache) >= limit:
            break
        key = (type(item[0]), item[0], item[1])
        if key not in cache:
            cache[key] = build(item, words)
            added += 1
    return added
