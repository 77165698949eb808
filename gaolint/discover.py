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


#: Folders never walked outside git: tooling, not reports.
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def _files_under(folder: str) -> list[str]:
    """Every file under ``folder`` outside hidden and tooling folders, symbolic links to folders
    not followed. An explicit stack, not ``os.walk``: that recurses once per level, and a
    folder nested a thousand deep raised RecursionError out of the run."""
    files: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError:
            continue  # unreadable or vanished: os.walk skips it too
        for entry in listed:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if not is_folder:
                files.append(entry.path)
            elif not entry.name.startswith(".") and entry.name not in _SKIPPED_FOLDERS:
                pending.append(entry.path)
    return files


def walk(folder: str) -> list[str]:
    listing = _git_listing(folder)
    if listing is None:
        listing = _files_under(folder)
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
