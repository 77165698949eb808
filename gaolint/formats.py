"""The format versions (cn-2021, cn-2019, cn-2008), read from the YAML files in ``rules/``.

The YAML is the single source of sections, rows, columns, identities and deadlines, so a new
format revision is a data change: one file, which may ``extends:`` an earlier one and state only
what changed (docs/formats.md). ``GAOLINT_FORMATS`` names more folders of format files (separated
by the path separator), read after the built-in ones. Every file is checked against the schema
in gaolint/format_data.py when loaded: an unknown key is an error naming file, line and key.
The records themselves are in gaolint/model_format.py (re-exported here).

Parsing YAML with ruamel.yaml costs more than a whole lint of one report, so the parsed data is
cached (as JSON checked against digests of the files and of itself: gaolint/startcache.py) under
~/.cache/gaolint; a pre-commit run reads the cache and never imports ruamel.
"""

from __future__ import annotations

import os
from functools import lru_cache

from .model_format import FormatSelection, FormatSpec, RowSpec, SectionSpec, TableSpec

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (3 ms of start-up); mypy reads the name.
TYPE_CHECKING = False
if TYPE_CHECKING:  # imported where used: this module is on the start-up path

    from .format_data import CommonSpec


def _formats_folder() -> str:
    # os.path, not pathlib: pathlib (with urllib.parse) is a few ms of a pre-commit run.
    packaged = os.path.join(os.path.dirname(__file__), "formats")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "rules")


#: The environment variable naming extra folders of format files.
FORMATS_ENV = "GAOLINT_FORMATS"


def extra_folders() -> list[str]:
    """The folders ``GAOLINT_FORMATS`` names, in order (empty entries skipped)."""
    value = os.environ.get(FORMATS_ENV, "")
    return [folder for folder in value.split(os.pathsep) if folder.strip()]


def _sources() -> list[tuple[str, bytes]]:
    """(path, bytes) of every format file: the built-in ones, then each extra folder's, each
    folder's in name order."""
    found = []
    for folder in [_formats_folder(), *extra_folders()]:
        try:
            names = os.listdir(folder)
        except OSError as error:
            from .format_data import FormatDataError

            raise FormatDataError(f"{FORMATS_ENV}: cannot read the folder {folder} ({error.strerror})") from None
        for name in sorted(names):
            if name.endswith(".yaml"):
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:
                    found.append((path, handle.read()))
    return found


@lru_cache(maxsize=1)
def _load_raw() -> list[tuple[str, dict]]:
    """(path, parsed YAML) of every format file, from the start-up cache when it is current
    (gaolint/startcache.py: checked JSON, never executed), each checked against the schema."""
    from . import startcache

    sources = _sources()
    builtin = _formats_folder()
    # The cache key: the built-in files' bytes; an extra file's path and bytes (so another
    # folder, or other files in it, is another cache entry).
    blobs = [blob if os.path.dirname(path) == builtin else path.encode("utf-8") + b"\0" + blob for path, blob in sources]
    raw = startcache.load_formats(blobs)
    fresh = raw is None
    if raw is None:
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        import json

        # Through JSON: plain dicts, lists, strings and numbers, whatever types the loader returns.
        raw = json.loads(json.dumps([yaml.load(blob.decode("utf-8")) for _, blob in sources], ensure_ascii=False))
    from .format_data import check_schema

    for (path, blob), data in zip(sources, raw):
        if fresh:  # a cache entry was checked before it was written (startcache.source_digest)
            check_schema(data, _shown_path(path), blob)  # the text only for an error's line
        if data.get("kind") == "common" and os.path.dirname(path) != builtin:
            from .format_data import FormatDataError

            raise FormatDataError(f"{_shown_path(path)}: only rules/common.yaml holds the shared wordings (kind: common)")
    if fresh:
        startcache.save_formats(blobs, raw)
    return [(path, data) for (path, _), data in zip(sources, raw)]


def _shown_path(path: str) -> str:
    """A built-in file as ``rules/NAME.yaml``; an extra one by its path."""
    if os.path.dirname(path) == _formats_folder():
        return "rules/" + os.path.basename(path)
    return path


def _resolved(files: list[tuple[str, dict]]) -> list[dict]:
    """Every format's data with its ``extends:`` chain applied (format_data.extend)."""
    from .format_data import FormatDataError, check_schema, extend

    by_version: dict[str, tuple[str, dict]] = {}
    for path, data in files:
        version = data["version"]
        if version in by_version:
            raise FormatDataError(f"{_shown_path(path)}: version {version!r} is also defined in {_shown_path(by_version[version][0])}")
        by_version[version] = (path, data)

    def resolve(version: str, seen: tuple[str, ...]) -> dict:
        path, data = by_version[version]
        parent = data.get("extends")
        if parent is None:
            return data
        if parent in seen or parent == version:
            raise FormatDataError(f"{_shown_path(path)}: extends {parent!r} in a circle ({' → '.join(seen + (version, parent))})")
        if parent not in by_version:
            raise FormatDataError(f"{_shown_path(path)}: extends {parent!r}, which no format file defines")
        merged = extend(resolve(parent, seen + (version,)), data)
        merged.pop("extends", None)
        check_schema(merged, _shown_path(path), None)  # what the file and its parents make together
        return merged

    return [resolve(version, ()) for version in by_version]


def _row(data: dict) -> RowSpec:
    return RowSpec(
        key=data["key"],
        label=data["label"],
        match=tuple(data.get("match") or ()),
        exact=tuple(data.get("exact") or ()),
        columns=tuple(data.get("columns") or ()),
        parent=data.get("parent", ""),
        group=bool(data.get("group", False)),
        total=bool(data.get("total", False)),
        amount=data.get("value") == "amount",
        signed=tuple(data.get("signed") or ()),
        not_applicable=tuple(data.get("not_applicable") or ()),
        running_total=bool(data.get("running_total", False)),
    )


def _table(kind: str, data: dict) -> TableSpec:
    return TableSpec(
        kind=kind,
        title=data["title"],
        section=data.get("section", ""),
        anchors=tuple(data.get("anchors") or ()),
        opens=tuple(data.get("opens") or ()),
        rows=tuple(_row(r) for r in data.get("rows") or ()),
        columns=tuple(data.get("columns") or ()),
        groups=tuple((g["key"], g["label"]) for g in data.get("groups") or ()),
    )


def _format(data: dict) -> FormatSpec:
    years = data.get("years") or {}
    return FormatSpec(
        version=data["version"],
        name=data["name"],
        year_from=years.get("from"),
        year_to=years.get("to"),
        markers=tuple(data.get("markers") or ()),
        ordered=bool(data.get("ordered", True)),
        sections=tuple(
            SectionSpec(
                key=s["key"],
                title=s["title"],
                match=tuple(s["match"]),
                numeral=s.get("numeral", ""),
                required=bool(s.get("required", True)),
                not_empty=bool(s.get("not_empty", False)),
            )
            for s in data.get("sections") or ()
        ),
        accountability=tuple(data.get("accountability") or ()),
        tables={kind: _table(kind, t) for kind, t in (data.get("tables") or {}).items()},
        identities=tuple(data.get("identities") or ()),
        deadlines=dict(data.get("deadlines") or {}),
        obligations=dict(data.get("obligations") or {}),
        period_starts=tuple(str(d) for d in data.get("period_starts") or ()),
        national=bool(data.get("national", False)),
        headers=tuple(data.get("headers") or ()),
        wording=tuple(data.get("wording") or ()),
    )


@lru_cache(maxsize=1)
def load_formats() -> dict[str, FormatSpec]:
    """Every format version by name, newest first."""
    from .format_data import check_format, check_references

    files = [(path, data) for path, data in _load_raw() if data.get("kind") != "common"]
    merged = _resolved(files)
    for data in merged:
        check_references(data)
    specs = [_format(check_format(data)) for data in merged]
    specs.sort(key=lambda f: f.year_from or 0, reverse=True)
    return {spec.version: spec for spec in specs}


@lru_cache(maxsize=1)
def load_common() -> CommonSpec:
    """The wording data shared by every format (rules/common.yaml), checked when loaded."""
    from .format_data import CommonSpec

    raw = [data for _, data in _load_raw() if data.get("kind") == "common"]
    return CommonSpec.from_data(raw[0] if raw else {})


def check_files() -> None:
    """Load and check every format file now, before any report is read, so that a broken one
    (a folder ``GAOLINT_FORMATS`` names, or an edited built-in file) stops the run as the
    configuration error it is — exit 2, with its file, line and key (spec/interface.md) —
    instead of failing every report with an internal error (GAO000). Costs nothing extra: the
    loads are memoised, and every report needs them."""
    from .errors import UsageError
    from .format_data import FormatDataError

    try:
        load_formats()
        load_common()
    except FormatDataError as error:
        raise UsageError(f"格式文件有误 / broken format file: {error}") from None


def get_format(version: str) -> FormatSpec:
    return load_formats()[version]


def reload() -> None:
    """Forget the loaded formats (after ``GAOLINT_FORMATS`` or the files changed in-process)."""
    _load_raw.cache_clear()
    load_formats.cache_clear()
    load_common.cache_clear()


# What FormatSelection (the rules' "national formats" and the like) selects from.
FormatSelection.source = load_formats

__all__ = [
    "FormatSelection", "FormatSpec", "RowSpec", "SectionSpec", "TableSpec", "check_files", "extra_folders",
    "get_format", "load_common", "load_formats", "reload",
]
