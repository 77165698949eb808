"""Start-up caches for the command line: compiled regular expressions and the methods
``dataclasses`` generates.

A pre-commit run lints one small file, so start-up is most of its time, and two pure-Python
compilers dominated start-up: ``re`` compiles every pattern in every new process, and
``dataclasses`` writes the source of ``__init__``/``__repr__``/``__eq__``… for every class and
compiles it with ``exec``. Both produce plain data (the opcode list handed to ``_sre.compile``;
a code object), so the command line keeps them in one file under ``~/.cache/gaolint``:

* the patterns go into ``re``'s own cache, where ``re.compile`` and ``re.search(r"…")`` find
  them already compiled;
* ``dataclasses`` finds ``exec`` in its module globals before the builtin, so a stand-in there
  compiles each generated source once and reuses the code object afterwards.

What comes out is identical to what would have been built (``Pattern`` equality compares the
opcodes, code objects compare equal; tests/test_startup.py checks both). The file is keyed by
the exact Python build and ``_sre.MAGIC``; a missing, stale or corrupt file, a read-only home or
another Python only means things are compiled the normal way. Only the command line uses this:
importing gaolint as a library changes nothing.
"""

from __future__ import annotations

import builtins
import marshal
import os
import re
import sys

import _sre

#: re's cache holds 512 patterns; leave room for the ones a run compiles itself.
_PATTERN_LIMIT = 400
_CODE_LIMIT = 2000
_TYPES = {"str": str, "bytes": bytes}

_loaded_patterns: set[tuple[str, object, int]] = set()
#: re's cache keys from before ``load``: compiled by someone else (a test runner), not saved.
_before: set[tuple] = set()
_codes: dict[str, object] = {}
_used_codes: set[str] = set()
_fresh_codes = False
_installed = False


def cache_file() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    build = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{marshal.version}"
    return os.path.join(base, "gaolint", f"startup-{build}.marshal")


def _exec(source, globals=None, locals=None, /):
    """``exec`` for dataclasses: the same code object for the same generated source."""
    global _fresh_codes
    if globals is None:  # exec's defaults are the caller's namespaces, not this module's
        caller = sys._getframe(1)
        globals = caller.f_globals
        locals = caller.f_locals if locals is None else locals
    if type(source) is not str:
        return builtins.exec(source, globals, locals)
    code = _codes.get(source)
    if code is None:
        # dont_inherit: compiled exactly as dataclasses' own exec(str) would (no __future__).
        code = _codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
        _fresh_codes = True
    _used_codes.add(source)
    return builtins.exec(code, globals, locals)


def load() -> None:
    """Fill ``re``'s cache and the dataclass code cache from the file, then put the stand-in
    ``exec`` into dataclasses (imported after the patterns, so its own come from the file)."""
    _before.update(re._cache)  # type: ignore[attr-defined]
    try:
        _load_file()
    finally:
        _install()


def _install() -> None:
    global _installed
    if not _installed:
        import dataclasses

        if "exec" not in vars(dataclasses):
            dataclasses.exec = _exec  # type: ignore[attr-defined]
        _installed = True


def _load_file() -> None:
    try:
        with open(cache_file(), "rb") as handle:
            patterns, codes = marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        return
    try:
        if isinstance(codes, dict):
            for source, code in codes.items():
                _codes.setdefault(source, code)
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
    global _fresh_codes
    try:
        current = []
        for kind_type, pattern, flags in list(re._cache):  # type: ignore[attr-defined]
            kind = "str" if kind_type is str else "bytes" if kind_type is bytes else ""
            if kind and not flags & (re.DEBUG | re.LOCALE):
                current.append((kind, pattern, flags))
        fresh = [key for key in current if key not in _loaded_patterns and (_TYPES[key[0]], *key[1:]) not in _before]
        if not fresh and not _fresh_codes:
            return
        keep = (fresh + [key for key in current if key in _loaded_patterns])[:_PATTERN_LIMIT]
        # Code this run used first, then what other runs (other containers) left, up to a limit.
        sources = [s for s in _codes if s in _used_codes] + [s for s in _codes if s not in _used_codes]
        codes = {source: _codes[source] for source in sources[:_CODE_LIMIT]}
        data = marshal.dumps(([_entry(*key) for key in keep], codes))
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
        _fresh_codes = False
    except Exception:  # a read-only home or an unexpected pattern only costs speed
        return
