"""The cache folder and its files, for every cache gaolint keeps (``gaolint/cache.py``: the
result cache; ``gaolint/startcache.py``: the parsed format files).

One place decides where caches live, how their folder is made, how a file is written so that
a reader never sees half of it, and what a problem with the folder means: nothing. A cache only
saves time, so a folder that is read-only, full, shared with another run, a file, or missing
costs a miss or a skipped write, never an error; the callers catch ``OSError``/``ValueError``
from these functions and carry on.

Only the standard library, and only what a pre-commit run already imports: no ``hashlib``
(it imports OpenSSL, milliseconds of start-up; ``_blake2`` is ~0.3 ms), no ``tempfile``.
"""

from __future__ import annotations

import os

#: Set to anything but empty, 0, false, no or off: no cache is read or written.
ENV_OFF = "GAOLINT_NO_CACHE"

_TAG_NAME = "CACHEDIR.TAG"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by gaolint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")
#: What ``mark`` writes into a folder gaolint made (``clean`` may remove exactly these).
MARKERS = (_TAG_NAME, ".gitignore")
#: The suffix of a temporary file ``write_atomically`` renames into place (left by a crash).
TEMPORARY_SUFFIX = ".tmp"


def blake2b(data: bytes = b""):
    """A 128-bit BLAKE2b hasher, without importing hashlib (OpenSSL) when ``_blake2`` exists."""
    try:
        from _blake2 import blake2b as hasher
    except ImportError:  # pragma: no cover - a Python built without its own hashes
        from hashlib import blake2b as hasher
    return hasher(data, digest_size=16)


def disabled_by_environment() -> bool:
    """``GAOLINT_NO_CACHE`` set to anything but empty, 0, false, no or off."""
    value = os.environ.get(ENV_OFF, "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def cache_home() -> str:
    """gaolint's cache folder: ``$XDG_CACHE_HOME/gaolint``, else ``~/.cache/gaolint``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "gaolint")


def make_folder(folder: str, marked: bool = False) -> None:
    """Create ``folder`` (and its parents) if it is not there; ``marked``: a folder this call
    creates gets a CACHEDIR.TAG and a .gitignore. Raises OSError (a file in the way, no
    permission)."""
    if os.path.isdir(folder):
        return
    os.makedirs(folder, exist_ok=True)
    if marked:
        mark(folder)


def mark(folder: str) -> None:
    """A CACHEDIR.TAG (backup tools skip the folder) and a .gitignore (git ignores it, and so
    does gaolint's folder walk), as ruff and pytest do; never overwriting, never failing."""
    for name, text in ((_TAG_NAME, _TAG), (".gitignore", "# created by gaolint\n*\n")):
        try:
            with open(os.path.join(folder, name), "x", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            pass


def write_atomically(path: str, data: bytes, marked: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place, so a reader
    (another run sharing the folder) never sees half a file. A missing folder is created
    (``marked`` as ``make_folder`` says) and the write tried once more.

    The temporary file is created new (``O_EXCL``, no symlink followed): a symlink planted at
    its predictable name in a shared cache folder cannot make gaolint write through it into
    another file (a report it checks). Raises OSError (read-only, full, not a folder)."""
    try:
        _write_atomically(path, data)
    except FileNotFoundError:
        make_folder(os.path.dirname(path) or ".", marked)
        _write_atomically(path, data)


def _write_atomically(path: str, data: bytes) -> None:
    temporary = f"{path}.{os.getpid()}{TEMPORARY_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(temporary, flags, 0o644)
    except FileExistsError:  # left by a crash, or planted: remove the name (never its target)
        os.unlink(temporary)
        descriptor = os.open(temporary, flags, 0o644)
    try:
        with open(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def read_limited(path: str, limit: int) -> bytes | None:
    """The bytes of the regular file ``path`` if it holds at most ``limit`` of them; None when
    it is missing, not a regular file (a pipe is never waited on), too large or unreadable."""
    from .regular_file import read_regular_file

    try:
        data = read_regular_file(path, limit)
    except (OSError, ValueError):
        return None
    return None if len(data) > limit else data


__all__ = ["blake2b", "cache_home", "disabled_by_environment", "make_folder", "mark", "read_limited",
           "write_atomically", "MARKERS", "TEMPORARY_SUFFIX"]
