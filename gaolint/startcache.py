"""Start-up cache for the command line: compiled regular expressions.

A pre-commit run lints one small file, so start-up is most of its time, and ``re`` compiles
every pattern in every new process with its pure-Python compiler. What that compiler produces
is plain data (the opcode list handed to ``_sre.compile``), so the command line keeps it in one
file under ``~/.cache/gaolint``, and the patterns go into ``re``'s own cache, where
``re.compile`` and ``re.search(r"…")`` find them already compiled.

What comes out is identical to what would have been built (``Pattern`` equality compares the
opcodes; tests/test_startup.py checks it). The file is keyed by the exact Python build and
``_sre.MAGIC``; a missing, stale or corrupt file, a read-only home or another Python only means
patterns are compiled the normal way. Only the command line uses this: importing gaolint as a
library changes nothing.
"""

from __future__ import annotations

import marshal
import os
import re
import sys

import _sre

#: re's cache holds 512 patterns; leave room for the ones a run compiles itself.
_PATTERN_LIMIT = 400
_TYPES = {"str": str, "bytes": bytes}

_loaded_patterns: set[tuple[str, object, int]] = set()
#: re's cache keys from before ``load``: compiled by someone else (a test runner), not saved.
_before: set[tuple] = set()


def cache_file() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{marshal.version}"
    return os.path.join(base, "gaolint", f"patterns-{build}.marshal")


def load() -> None:
    """Fill ``re``'s cache from the file."""
    _before.update(re._cache)  # type: ignore[attr-defined]
    _load_file()


def _load_file() -> None:
    from .regular_file import read_regular_file

    try:
        patterns = marshal.loads(read_regular_file(cache_file(), 64 * 1024 * 1024))
    except (OSError, ValueError, EOFError, TypeError):  # missing, a pipe, damaged: compile afresh
        return
    try:
        cache = re._cache  # type: ignore[attr-defined]
        for kind, pattern, flags, final_flags, code, groups, groupindex, indexgroup in patterns[:_PATTERN_LIMIT]:
            key = (_TYPES[kind], pattern, flags)
            _loaded_patterns.add((kind, pattern, flags))  # in the file: nothing to save for it
            if key not in cache:
                cache[key] = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
    except Exception:  # a file from something else: compile normally
        return


def _entry(kind: str, pattern, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for this pattern."""
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    # The opcodes are named int constants; marshal wants plain ints.
    code = [int(op) for op in re._compiler._code(parsed, flags)]  # type: ignore[attr-defined]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final = int(flags | parsed.state.flags)
    return (kind, pattern, int(flags), final, code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup))


def save() -> None:
    """Write the file again when this process compiled something it did not hold."""
    try:
        current = []
        for kind_type, pattern, flags in list(re._cache):  # type: ignore[attr-defined]
            kind = "str" if kind_type is str else "bytes" if kind_type is bytes else ""
            if kind and not flags & (re.DEBUG | re.LOCALE):
                current.append((kind, pattern, flags))
        fresh = [key for key in current if key not in _loaded_patterns and (_TYPES[key[0]], *key[1:]) not in _before]
        if not fresh:
            return
        keep = (fresh + [key for key in current if key in _loaded_patterns])[:_PATTERN_LIMIT]
        data = marshal.dumps([_entry(*key) for key in keep])
        path = cache_file()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        _loaded_patterns.update(keep)
    except Exception:  # a read-only home or an unexpected pattern only costs speed
        return
