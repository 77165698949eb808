"""Which files a run checks: explicit files as given, folders walked for report files, hidden
and git-ignored paths skipped."""

from __future__ import annotations

import os

from .read import REPORT_EXTENSIONS


def _git_listing(folder: str) -> list[str] | None:
    """Files git does not ignore under ``folder`` (tracked or not), or None outside a repo."""
    import subprocess  # only for folders: checking named files never pays for it

    try:
        completed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."],
            cwd=folder, capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    names = [n for n in completed.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return [os.path.join(folder, name) for name in names]


def _hidden(path: str, root: str) -> bool:
    relative = os.path.relpath(path, root)
    return any(part.startswith(".") and part not in (".", "..") for part in relative.split(os.sep))


def walk(folder: str) -> list[str]:
    listing = _git_listing(folder)
    if listing is None:
        listing = []
        for current, folders, files in os.walk(folder):
            folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in ("node_modules", "__pycache__"))
            listing.extend(os.path.join(current, name) for name in files)
    found = [
        path for path in listing
        if os.path.splitext(path)[1].lower() in REPORT_EXTENSIONS and not _hidden(path, folder) and os.path.isfile(path)
    ]
    return sorted(found)


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """(files to check, paths that do not exist)."""
    files: list[str] = []
    missing: list[str] = []
    for path in paths or ["."]:
        if os.path.isdir(path):
            files.extend(walk(path))
        elif os.path.exists(path):
            files.append(path)
        else:
            missing.append(path)
    seen: set[str] = set()
    unique = []
    for path in files:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, missing
