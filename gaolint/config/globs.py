"""File globs: written relative to the configuration file's folder, matched against the paths
findings show (relative to the current folder)."""

from __future__ import annotations

import os
from fnmatch import fnmatch


def relocate_glob(pattern: str, base: str, cwd: str | None = None) -> list[str]:
    """fnmatch patterns that match the displayed paths of the files ``pattern`` means.

    A pattern without ``/`` matches a file name in any folder (``*.txt``); one starting with a
    wildcard matches anywhere; any other is anchored at the configuration file's folder."""
    cwd = os.path.abspath(cwd or os.getcwd())
    pattern = pattern.strip().replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    if pattern.endswith("/"):
        pattern += "*"
    if "/" not in pattern:
        return [pattern, "*/" + pattern]
    if pattern.startswith("*"):
        found = [pattern]
        if pattern.startswith("**/"):
            found.append(pattern[3:])
        return found
    absolute = os.path.normpath(os.path.join(base, pattern))
    relative = os.path.relpath(absolute, cwd)
    if relative.startswith(".."):
        return [absolute.replace(os.sep, "/")]
    return [relative.replace(os.sep, "/")]


def glob_matches(path: str, patterns: list[str]) -> bool:
    return any(fnmatch(path, pattern) for pattern in patterns)


def split_globs(values) -> list[str]:
    """``--exclude`` values (repeatable, each possibly comma-separated) as one list."""
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
