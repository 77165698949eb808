"""Start-up cache for the command line: the parsed format YAML, as checked plain data.

Parsing ``rules/*.yaml`` with ruamel.yaml costs more than linting a report, so the parsed
tables are kept under ``~/.cache/gaolint`` (``$XDG_CACHE_HOME/gaolint``) between runs. A cache
folder is not trusted: CI systems share and restore it between jobs, anyone who can write there
could otherwise change what gaolint checks. So the file is read, never executed:

* plain JSON (dicts, lists, strings, numbers), whose C reader is linear in the input and cannot
  hang or crash the interpreter (an earlier version used ``marshal``, which a 40-byte file of
  ``[`` kept busy for ever, and handed regular-expression bytecode from disk to ``_sre.compile``,
  which a crafted file turned into a segfault: that pattern cache is gone, see below);
* a one-line header first, read within ``_HEADER_LIMIT`` bytes, naming the cache layout, the
  BLAKE2b digest of the YAML files it was built from and the BLAKE2b digest of the JSON body;
  the body is parsed only when both match (the current YAML and the bytes that follow), and
  the parsed data must then have the shape the YAML has (one mapping per format file); it
  was checked against the schema before it was written, by the checker the key names, and
  is not checked again;
* the whole file within ``_FILE_LIMIT`` bytes, read as a regular file only (a pipe is a miss).

Anything else — missing, short, damaged, edited, built from other YAML, a read-only home — is a
miss: the YAML is parsed again and the file rewritten. ``--no-cache`` and ``GAOLINT_NO_CACHE``
neither read nor write it (``disable``). The digests catch damage and edits made without
gaolint's code; they are not a signature: whoever can run gaolint's code can also write a file
it accepts, as they can write a result-cache entry.

There used to be a second file, ``patterns-*.marshal``, with ``re``'s compiled opcodes. It saved
a few milliseconds of start-up (figures in bench/README.md), but caching compiled patterns means
passing bytes from disk to ``_sre.compile``, which trusts its input completely; it is no longer
written or read (old files are ignored, and removed when the format cache is next written).
"""

from __future__ import annotations

import os

from . import diskstore
from .diskstore import blake2b as _blake2b

#: Bumped when the layout of the file changes: older files are then misses.
LAYOUT = "gaolint-formats-cache-2"
#: The formats are ~20 KB of JSON; anything much bigger was not written by gaolint.
_FILE_LIMIT = 4 * 1024 * 1024
_HEADER_LIMIT = 512

_enabled = True


def disable() -> None:
    """``--no-cache``: this process neither reads nor writes start-up cache files."""
    global _enabled
    _enabled = False


def enable() -> None:
    """Undo ``disable`` (after a run started in-process with --no-cache)."""
    global _enabled
    _enabled = True


def enabled() -> bool:
    return _enabled and not diskstore.disabled_by_environment()


def cache_folder() -> str:
    return diskstore.cache_home()


def source_digest(blobs: list[bytes]) -> str:
    """What the cache was built from: every YAML file's bytes, each with its length (so that
    moving bytes from one file to the next changes the digest), and the code that checked
    them. Data is checked against the schema (gaolint/format_data.py) before it is written
    here and not again when read back (0.9 ms of a 50 ms pre-commit run), so a changed
    schema must make every entry a miss: the checker file's size and modification time are
    part of the key."""
    hasher = _blake2b(LAYOUT.encode("ascii"))
    hasher.update(_checker_stamp())
    for blob in blobs:
        hasher.update(len(blob).to_bytes(8, "little"))
        hasher.update(blob)
    return hasher.hexdigest()


def _checker_stamp() -> bytes:
    """Which gaolint/format_data.py checked the cached data: its size and modification time."""
    from . import format_data

    try:
        status = os.stat(format_data.__file__)
    except (OSError, TypeError):  # no file (a frozen build): the version alone
        from . import __version__

        return __version__.encode("ascii")
    return f"{status.st_size} {status.st_mtime_ns}".encode("ascii")


def formats_file(source: str) -> str:
    return os.path.join(cache_folder(), f"formats-{source[:20]}.json")


def load_formats(blobs: list[bytes]) -> list[dict] | None:
    """The parsed format files ``blobs`` hold, from the cache; None on any doubt."""
    if not enabled():
        return None
    source = source_digest(blobs)
    data = diskstore.read_limited(formats_file(source), _FILE_LIMIT)  # None: missing, a pipe, too large
    if data is None:
        return None
    newline = data.find(b"\n", 0, _HEADER_LIMIT)
    if newline < 0:
        return None
    body = data[newline + 1:]
    expected = f"{LAYOUT} {source} {_blake2b(body).hexdigest()}".encode("ascii")
    if data[:newline] != expected:  # another layout, other YAML, or a body that was changed
        return None
    import json

    try:
        raw = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError, MemoryError):  # cannot happen with a matching digest
        return None
    if type(raw) is not list or len(raw) != len(blobs) or not all(type(item) is dict for item in raw):
        return None
    return raw


def save_formats(blobs: list[bytes], raw: list[dict]) -> None:
    """Write the cache for ``blobs``; any failure only costs the next run a YAML parse."""
    if not enabled():
        return
    import json

    try:
        body = json.dumps(raw, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        source = source_digest(blobs)
        header = f"{LAYOUT} {source} {_blake2b(body).hexdigest()}\n".encode("ascii")
        path = formats_file(source)
        diskstore.write_atomically(path, header + body)
        for stale in stale_files(os.path.dirname(path)):
            os.unlink(stale)
    except (OSError, ValueError, TypeError):  # a read-only home, a cache path that is a file
        return


def stale_files(folder: str | None = None) -> list[str]:
    """Start-up cache files of earlier versions (``patterns-*.marshal``, ``formats-*.marshal``):
    never read any more, removed when the format cache is written."""
    folder = folder or cache_folder()
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(os.path.join(folder, n) for n in names
                  if n.startswith(("patterns-", "formats-")) and n.endswith(".marshal"))


__all__ = ["disable", "enable", "enabled", "load_formats", "save_formats", "source_digest", "formats_file", "stale_files"]
