"""The result cache: look up and store the ``engine.FileResult`` of one file, so that checking
an unchanged report again costs a file read and a hash instead of read → parse → rules.

Offices run ``gaolint check`` over the same hundreds of reports again and again; almost all of
them have not changed since the last run. Like ruff's cache, an entry is keyed by everything the
result of ``engine.lint_file`` depends on, so that a changed input simply looks up another key:

* a cache-format version (``FORMAT``: bumped when the stored shape changes);
* the *code fingerprint*: ``gaolint.__version__`` and the (relative path, size, mtime_ns) of
  every ``.py`` file of the gaolint package and every format file (``rules/*.yaml``, or the
  packaged ``gaolint/formats``), so editing or upgrading gaolint invalidates everything, and
  the mtime of the site-packages folders (installing or upgrading a library there changes it);
* the *settings fingerprint*: every attribute of ``engine.Settings`` (--select, --ignore,
  severities, deadlines, agency overrides… whether from the command line or a configuration
  file);
* the path as findings show it (two copies of one report each get their own path);
* the file's bytes — not its mtime: touching a file costs nothing, editing one byte is a miss.

The key is a 128-bit BLAKE2b over those (``diskstore.blake2b``: ``_blake2`` directly, as
``hashlib`` imports OpenSSL, ~3 ms of a pre-commit run). Entries live under
``$GAOLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gaolint/results``, else
``~/.cache/gaolint/results``, in 64 *shard* files chosen by the key's first two hex digits.
A shard is text: a header line naming the layout, then one line per entry, ``key digest json``,
the entry being plain lists, strings, numbers and None (``gaolint/codec.py`` derives them from
FileResult's fields) and the digest a BLAKE2b of the key and the JSON. Nothing read back is
executed or unmarshalled (``marshal`` spun for 53 s on 20 bytes of ``[``): a lookup splits
the shard into lines, and only the line of the key it wants has its digest checked and its
JSON parsed, so a damaged shard or entry costs a miss in microseconds, and a shard is read
only within ``MAX_SHARD_BYTES``. Not one file per entry: creating a file
costs most of a millisecond on some file systems (0.8 ms on the project's build machine), more
than checking the report again. A run reads only the shards
its files need (one, for a pre-commit run), one at a time, and rewrites each shard it added to
once at the end (or every ``FLUSH_EVERY`` results, so memory stays flat), merged with what
other runs stored meanwhile, written to a temporary file and renamed into place so a reader
never sees half a shard (``gaolint/diskstore.py``, shared with the start-up cache). Each shard
keeps its ``SHARD_LIMIT`` most recently stored entries. gaolint never writes next to the files
it checks.

A cache never changes an answer, only its cost, so every problem is a miss or a skipped write,
never an error: a missing, truncated, corrupt or other-version entry, a read-only or missing
home, a cache folder that is a file. Results holding GAO000 (internal error) or GAO001
(unreadable file, which may come from a time or size limit) are never stored, nor are results
that could be a hidden failure (empty, with GAO000/GAO001 switched off), nor a read a reader cut
short on a time limit (``FileResult.repeatable``), nor a file that changed while it was being
checked. What the key does not see: libraries installed outside
site-packages (a ``PYTHONPATH`` folder) and Python itself beyond ``sys.hexversion``; after
changing those, ``gaolint clean`` (or ``--no-cache`` once) re-reads everything.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections import namedtuple
from functools import cache

from . import diskstore
from .checks.failures import NOT_CHECKED
from .diskstore import blake2b as _blake2b
from .diskstore import disabled_by_environment
from .model import Finding, Location, Message, Severity  # plain classes, imported by every run anyway

#: Bump when what an entry holds changes shape: older entries are then misses. 3: the entry is
#: what gaolint/codec.py derives from FileResult's fields (no ``notes``; every field of a
#: suppression; ``repeatable``).
FORMAT = 3
#: The first line of every shard file.
HEADER = b"gaolint-result-cache %d\n" % FORMAT
#: Files larger than this are not cached (the reader refuses them anyway: read/limits.py).
MAX_BYTES = 64 * 1024 * 1024
#: Entries kept per shard (64 shards, about 1.2 kB an entry on disk): the newest survive.
SHARD_LIMIT = 1024
#: Results a run keeps in memory before writing them out (memory stays flat over a big run).
FLUSH_EVERY = 1000
#: Largest entry stored (its JSON): a real result is a few KB; a result with thousands of
#: findings is simply checked again next time.
MAX_ENTRY_BYTES = 256 * 1024
#: Largest shard read back: 1,024 entries of at most ``MAX_ENTRY_BYTES``; anything bigger was
#: not written by gaolint.
MAX_SHARD_BYTES = SHARD_LIMIT * MAX_ENTRY_BYTES
#: Rules whose findings are never stored.
UNCACHEABLE = NOT_CHECKED
_ENV_DIR = "GAOLINT_CACHE_DIR"

def cache_dir() -> str:
    """Where entries live: ``$GAOLINT_CACHE_DIR``, ``$XDG_CACHE_HOME/gaolint/results`` or
    ``~/.cache/gaolint/results``."""
    chosen = os.environ.get(_ENV_DIR)
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    return os.path.join(os.path.abspath(diskstore.cache_home()), "results")


# --- fingerprints ----------------------------------------------------------------------------

def _formats_folder(package: str) -> str:
    """The format YAML folder, found as ``formats._formats_folder`` finds it (not imported:
    an all-hits run never needs gaolint.formats)."""
    packaged = os.path.join(package, "formats")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(os.path.join(package, "__init__.py")))), "rules")


def _text(data: tuple) -> bytes:
    """Bytes to hash for a tuple of strings and numbers gaolint builds itself: its repr, which
    is the same for equal data (lone surrogates of undecodable file names are escaped)."""
    return repr(data).encode("ascii", "backslashreplace")


@cache
def code_fingerprint() -> bytes:
    """gaolint's version and the (path, size, mtime_ns) of its code and format files; computed
    once per process (one directory walk, one stat per file: ~0.2-0.4 ms)."""
    from . import __version__

    package = os.path.dirname(os.path.abspath(__file__))
    stamps: list[tuple] = []
    _stamp(package, "gaolint/", ".py", stamps)
    _stamp(_formats_folder(package), "formats/", ".yaml", stamps)
    for folder in os.environ.get("GAOLINT_FORMATS", "").split(os.pathsep):  # formats.extra_folders
        if folder.strip():
            _stamp(folder, f"extra:{folder}/", ".yaml", stamps)
    stamps.sort()
    return _blake2b(_text((__version__, sys.hexversion, stamps, _installed_libraries()))).digest()


def _installed_libraries() -> list[tuple]:
    """(folder, mtime_ns) of the site-packages folders the readers' libraries come from.

    Installing, upgrading or removing any distribution there adds and removes ``.dist-info``
    folders, which changes the folder's mtime: so an upgraded python-docx, pdfplumber, lxml or
    OpenCC invalidates the cache without importing them or reading their versions (a few stats,
    not the milliseconds ``importlib.metadata`` costs). Any install there invalidates it too;
    that only costs one cold run."""
    folders: list[str] = []
    try:
        import site  # already imported at start-up, unless Python runs with -S

        folders.extend(site.getsitepackages())
        folders.append(site.getusersitepackages())
    except Exception:  # an embedded interpreter: library upgrades then need gaolint clean
        pass
    stamps = []
    for folder in sorted(set(folders)):
        try:
            stamps.append((folder, os.stat(folder).st_mtime_ns))
        except OSError:
            continue
    return stamps


def _stamp(folder: str, shown: str, suffix: str, stamps: list) -> None:
    """(shown path, size, mtime_ns) of every ``suffix`` file under ``folder``, recursively."""
    try:
        with os.scandir(folder) as found:
            for entry in found:
                name = entry.name
                if name.endswith(suffix):
                    try:
                        info = entry.stat()
                        stamps.append((shown + name, info.st_size, info.st_mtime_ns))
                    except OSError:
                        stamps.append((shown + name, -1, -1))
                elif name != "__pycache__" and entry.is_dir():
                    _stamp(entry.path, f"{shown}{name}/", suffix, stamps)
    except OSError:
        stamps.append((shown, -1, -1))


def _attributes(settings) -> dict:
    """Every attribute of ``settings``, whether its class has ``__slots__`` or a ``__dict__``."""
    names: list[str] = []
    for klass in type(settings).__mro__:
        slots = vars(klass).get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    values = {name: getattr(settings, name) for name in names if hasattr(settings, name)}
    values.update(getattr(settings, "__dict__", {}))
    return values


def settings_fingerprint(settings) -> str:
    """A deterministic text of every attribute of ``engine.Settings`` (sorted by name; values
    as ``repr`` shows them, dicts in their insertion order, which the engine also follows)."""
    return repr(sorted(_attributes(settings).items()))


# --- serialisation: derived from the records (gaolint/codec.py) --------------------------------

@cache
def _records():
    """The codec of ``engine.FileResult`` and what it holds (built on first use)."""
    from .codec import Codec
    from .engine import FileResult, ReportFacts
    from .suppress import Suppression

    return Codec(FileResult, ReportFacts, Suppression, Finding, Location, Message, Severity)


def result_to_plain(result) -> list:
    """A FileResult as plain lists (its fields in order, records nested the same way)."""
    return _records().encode(result)


def result_from_plain(data):
    """The FileResult ``result_to_plain`` gave ``data`` for; raises on data of another shape."""
    from .engine import FileResult

    return _records().decode(FileResult, data)


# --- the cache ---------------------------------------------------------------------------------

#: What a miss needs to be stored later: the entry's key and the file as it was hashed.
Ticket = namedtuple("Ticket", ("key", "shown", "signature"))


def _signature(info: os.stat_result) -> tuple:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class ResultCache:
    """Lookups and stores for one run (one set of settings); ``flush`` writes what was stored."""

    def __init__(self, settings, folder: str | None = None) -> None:
        self.folder = folder or cache_dir()
        self._prefix = _blake2b(_text((FORMAT, code_fingerprint(), settings_fingerprint(settings))))
        # An empty result may be a read or parse failure whose GAO000/GAO001 these settings hide.
        self._hidden_failures = not all(settings.enabled(code) for code in NOT_CHECKED)
        self._writable = True
        #: Entries stored by this run and not yet written, per shard.
        self._pending: dict[str, dict] = {}
        self._pending_count = 0
        self.hits = 0
        self.stored = 0

    def key(self, path: str, shown: str) -> Ticket | None:
        """The file's entry key, with what storing needs later; None when this file must not
        be cached (not a regular file, too large, unreadable: the reader will say why)."""
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return None
            with open(path, "rb") as handle:
                info = os.fstat(handle.fileno())
                data = handle.read(MAX_BYTES + 1)
        except (OSError, ValueError):
            return None
        if len(data) > MAX_BYTES:
            return None
        hasher = self._prefix.copy()
        hasher.update(_text((shown, len(data))))
        hasher.update(data)
        return Ticket(hasher.hexdigest(), shown, _signature(info))

    def lookup_all(self, items: list[tuple[str, str]]) -> list[tuple]:
        """(the stored FileResult or None, a Ticket or None) for each (path, shown path), in
        order. Shards are read one at a time and let go, so a run over thousands of reports
        never holds the whole cache."""
        tickets = [self.key(path, shown) for path, shown in items]
        answers: list[tuple] = [(None, ticket) for ticket in tickets]
        by_shard: dict[str, list[int]] = {}
        for index, ticket in enumerate(tickets):
            if ticket is not None:
                by_shard.setdefault(shard_of(ticket.key), []).append(index)
        for shard in sorted(by_shard):
            lines = _read_shard(shard_path(self.folder, shard))
            if not lines:
                continue
            for index in by_shard[shard]:
                found = self._found(_decode(tickets[index].key, lines.get(tickets[index].key)), tickets[index].shown)
                if found is not None:
                    answers[index] = (found, tickets[index])
        return answers

    def _found(self, stored, shown: str):
        if stored is None:
            return None
        try:
            found = result_from_plain(stored)
        except Exception:  # an entry of another shape: a miss
            return None
        if found.path != shown:
            return None
        self.hits += 1
        return found

    def cacheable(self, result) -> bool:
        if not result.repeatable:  # a reader stopped on a time limit: a rerun may read more
            return False
        if any(f.rule in UNCACHEABLE for f in result.findings):
            return False
        if self._hidden_failures and not result.findings and result.facts is None and not result.suppressions:
            return False
        return True

    def store(self, path: str, ticket, result) -> None:
        """Keep ``result`` for ``flush``, unless it must not be cached or the file changed
        since it was hashed."""
        if ticket is None or not self._writable or result.path != ticket.shown or not self.cacheable(result):
            return
        try:
            if _signature(os.stat(path)) != ticket.signature:
                return  # edited while being checked: the result may be of other bytes
            line = _encode(ticket.key, result_to_plain(result))
        except Exception:  # gone, or a value JSON cannot write: not stored
            return
        if line is None:
            return  # too large to be worth keeping
        self._pending.setdefault(shard_of(ticket.key), {})[ticket.key] = line
        self._pending_count += 1
        if self._pending_count >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write every shard this run stored into, merged with what is on disk now (another
        run may have written since); any failure only skips the write."""
        pending, self._pending, self._pending_count = self._pending, {}, 0
        for shard, fresh in sorted(pending.items()):
            if not self._writable:
                return
            final = shard_path(self.folder, shard)
            merged = _read_shard(final)
            for key in fresh:
                merged.pop(key, None)  # re-inserted below: the newest entries come last
            merged.update(fresh)
            if len(merged) > SHARD_LIMIT:
                merged = dict(list(merged.items())[-SHARD_LIMIT:])
            try:
                diskstore.write_atomically(final, b"".join([HEADER, *merged.values()]), marked=True)
                self.stored += len(fresh)
            except (OSError, ValueError):
                self._writable = False  # read-only, full, or not a folder: stop trying this run


def shard_of(key: str) -> str:
    """The shard of a hex key: its first two digits with the lowest two bits cleared (64 shards,
    named 00, 04, 08 … fc)."""
    return f"{int(key[:2], 16) & 0xFC:02x}"


def shard_path(folder: str, shard: str) -> str:
    return os.path.join(folder, f"{shard}{SHARD_SUFFIX}")


def _read_shard(path: str) -> dict[str, bytes]:
    """A shard's lines by key, not yet checked or parsed (``_decode`` does that for the few a
    run wants); {} when it is missing, too large or of another layout."""
    data = diskstore.read_limited(path, MAX_SHARD_BYTES)  # None: missing, a pipe, a folder, too large
    if data is None or not data.startswith(HEADER):
        return {}
    lines: dict[str, bytes] = {}
    for line in data[len(HEADER):].split(b"\n"):
        # "<32 hex key> <32 hex digest> <json>": anything else (a torn last line) is skipped.
        if len(line) > 66 and line[32:33] == b" " and line[65:66] == b" ":
            try:
                lines.setdefault(line[:32].decode("ascii"), line + b"\n")
            except UnicodeDecodeError:
                continue
    return lines


def _entry_digest(key: str, body: bytes) -> bytes:
    hasher = _blake2b(key.encode("ascii"))
    hasher.update(body)
    return hasher.hexdigest().encode("ascii")


def _encode(key: str, entry: tuple) -> bytes | None:
    """One shard line for ``entry``; None when it is larger than ``MAX_ENTRY_BYTES``. Lone
    surrogates (undecodable file-name bytes) pass through, as JSON escapes would not read back
    the same."""
    body = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    if len(body) > MAX_ENTRY_BYTES:
        return None
    return b"%s %s %s\n" % (key.encode("ascii"), _entry_digest(key, body), body)


def _decode(key: str, line: bytes | None):
    """The entry a shard line holds, if its digest matches; None otherwise (a miss)."""
    if line is None or len(line) > MAX_ENTRY_BYTES + 67:
        return None
    body = line[66:].rstrip(b"\n")
    if line[33:65] != _entry_digest(key, body):
        return None
    try:
        return json.loads(body.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):  # cannot happen with a matching digest
        return None


SHARD_SUFFIX = ".jsonl"


_HEX = frozenset("0123456789abcdef")


def clean(folder: str | None = None) -> tuple[str, bool, int, list[str]]:
    """Remove the cache folder's entries and then the folder itself.

    Only what gaolint writes is removed (the shard files and temporary files of interrupted
    writes, the tag and .gitignore, and the two-hex-digit subfolders of entry files that
    earlier versions wrote), so pointing ``GAOLINT_CACHE_DIR`` at a folder holding anything
    else never deletes it: (folder, whether it existed, entries removed, what was left)."""
    folder = folder or cache_dir()
    removed, kept = 0, []

    def remove(path: str) -> bool:
        try:
            os.unlink(path)
            return True
        except OSError:
            kept.append(path)
            return False

    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return folder, os.path.lexists(folder), 0, ([folder] if os.path.lexists(folder) else [])
    for name in names:
        path = os.path.join(folder, name)
        if _is_shard_name(name) and os.path.isfile(path) and not os.path.islink(path):
            count = len(_read_shard(path)) if name.endswith(SHARD_SUFFIX) else 0
            removed += count if remove(path) else 0
        elif len(name) == 2 and set(name) <= _HEX and os.path.isdir(path) and not os.path.islink(path):
            for entry in os.listdir(path):  # the per-entry layout of earlier versions
                entry_path = os.path.join(path, entry)
                if _is_entry_name(entry) and not os.path.isdir(entry_path):
                    removed += remove(entry_path)
                else:
                    kept.append(entry_path)
            try:
                os.rmdir(path)
            except OSError:
                pass
        elif name in diskstore.MARKERS and os.path.isfile(path):
            remove(path)
        else:
            kept.append(path)
    try:
        os.rmdir(folder)
    except OSError:
        pass
    return folder, True, removed, kept


def _is_shard_name(name: str) -> bool:
    """``a4.jsonl``, or ``a4.jsonl.1234.tmp`` left by an interrupted write (``.marshal``: the
    shards of earlier versions, never read now)."""
    shard, _, rest = name.partition(".")
    return len(shard) == 2 and set(shard) <= _HEX and any(
        rest == suffix or (rest.startswith(suffix + ".") and rest.endswith(diskstore.TEMPORARY_SUFFIX)) for suffix in ("jsonl", "marshal"))


def _is_entry_name(name: str) -> bool:
    """An entry file of the per-entry layout of earlier versions (or its temporary file)."""
    key = name.split(".", 1)[0]
    return len(key) == 30 and set(key) <= _HEX


__all__ = ["ResultCache", "cache_dir", "clean", "disabled_by_environment", "code_fingerprint", "settings_fingerprint"]
