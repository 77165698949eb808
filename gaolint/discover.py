"""Which files a run checks, and which it passes over and why.

``choose`` turns the paths of a command line into files to check, paths that do not exist, and
files skipped with a reason. The rules (docs/configuration.md, "Which files are checked"):

- A file named on the command line is checked if gaolint reads its extension (``READERS``);
  otherwise it is skipped and said so.
- A folder is walked (git's listing inside a repository, so ignored files stay out; hidden
  files and folders never). A file found there is checked when its extension is a report
  container, it is a regular file within the size limit, and it is not a non-report: a
  README/CHANGELOG/CONTRIBUTING/LICENSE-like file, or a text file (Markdown, text, HTML) under a
  ``docs``/``doc`` folder that does not mention an annual report (年度报告) in its first 16 KB.
- A path that does not exist but holds ``*``, ``?`` or ``[`` is a glob, expanded here (Windows
  shells pass them on unexpanded; ``**`` matches any depth): matched folders are walked and
  matched files are treated as found by a walk.
- ``exclude`` globs (configuration and ``--exclude``) remove files everywhere, including files
  named on the command line, so the pre-commit hook honours them too.

Skipped files are counted by reason for the summary line; those that may well be reports in a
format gaolint does not read (spreadsheets, OFD, images, archives), or that were not regular or
too large, are also listed on their own line.
"""

from __future__ import annotations

import os
import stat
from fnmatch import fnmatch
from functools import cache

from .model import Record, Value
from .read import REPORT_EXTENSIONS
from .read.limits import MAX_FILE_BYTES

#: Skip reasons, in the order the summary names them.
REASONS = ("extension", "size", "type", "not-report", "excluded")

#: Extensions of documents that are not report containers gaolint reads, and what they are:
#: a skipped file of these kinds is always listed (it may be a report gaolint cannot read).
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {}
for _extensions, _zh, _en in (
    ((".xls", ".xlsx", ".xlsm", ".et", ".ett", ".ods", ".csv"), "电子表格，不是报告文档", "a spreadsheet, not a report document"),
    ((".ofd",), "OFD 版式文档，暂不支持（可另存为 PDF）", "an OFD document, not supported (save it as PDF)"),
    ((".ppt", ".pptx", ".dps", ".odp"), "演示文稿，不是报告文档", "a presentation, not a report document"),
    ((".rtf", ".odt", ".wpt", ".dot", ".dotx", ".docm", ".dotm", ".wpd", ".xps", ".ceb", ".caj", ".uof", ".uot"),
     "不支持的文档格式（可另存为 .docx 或 PDF）", "a document format gaolint does not read (save it as .docx or PDF)"),
    ((".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".bmp", ".webp"),
     "图片（扫描件需先识别文字）", "an image (a scan needs text recognition first)"),
    ((".zip", ".rar", ".7z", ".tar", ".gz", ".tgz"), "压缩包，请先解压", "an archive: unpack it first"),
):
    for _extension in _extensions:
        DOCUMENT_KINDS[_extension] = (_zh, _en)

#: File names (before the first dot, any case) that are a repository's own papers, never a
#: report, when found by a folder walk.
NON_REPORT_NAMES = frozenset({
    "README", "CHANGELOG", "CHANGES", "HISTORY", "NEWS", "CONTRIBUTING", "LICENSE", "LICENCE",
    "COPYING", "NOTICE", "AUTHORS", "CODE_OF_CONDUCT", "SECURITY", "SUPPORT",
})
#: Folders of documentation: text files under them are skipped by a walk unless they mention
#: an annual report.
DOCS_FOLDERS = frozenset({"docs", "doc"})
#: Containers that documentation is written in (a .pdf or Word file under docs/ is checked).
TEXT_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".shtml", ".xhtml"})
EVIDENCE_BYTES = 16 * 1024


@cache
def _evidence_patterns() -> tuple[bytes, ...]:
    """年度报告 / 年度報告 as UTF-8, GB18030, Big5 and UTF-16LE bytes: evidence a docs/ file is a
    report. Made on first use: the CJK codecs are not worth importing for a run that never
    meets a docs/ file."""
    found = []
    for word in ("年度报告", "年度報告"):
        for encoding in ("utf-8", "gb18030", "big5", "utf-16-le"):
            try:
                found.append(word.encode(encoding))
            except UnicodeEncodeError:
                continue
    return tuple(found)


class Skipped(Value):
    """A file not checked: its path, the reason (one of ``REASONS``) and why, in both
    languages; ``listed`` when it is printed on its own line, not only counted."""

    __slots__ = ("path", "reason", "zh", "en", "listed")

    def __init__(self, path: str, reason: str, zh: str, en: str, listed: bool = False) -> None:
        self.path = path
        self.reason = reason
        self.zh = zh
        self.en = en
        self.listed = listed


class Selection(Record):
    __slots__ = ("files", "missing", "skipped")

    def __init__(self, files: list[str], missing: list[str], skipped: list[Skipped]) -> None:
        self.files = files
        self.missing = missing
        self.skipped = skipped

    def counts(self) -> dict[str, int]:
        """Skipped files by reason, in ``REASONS`` order, reasons with none left out."""
        counted = {reason: 0 for reason in REASONS}
        for skipped in self.skipped:
            counted[skipped.reason] += 1
        return {reason: count for reason, count in counted.items() if count}


# --------------------------------------------------------------------------------------------
# Walking folders.


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


def _listing(folder: str) -> list[str]:
    listing = _git_listing(folder)
    if listing is None:
        listing = _files_under(folder)
    return sorted(path for path in listing if not _hidden(path, folder))


def walk(folder: str) -> list[str]:
    """The report files a walk of ``folder`` checks (no exclusions)."""
    return _Chooser(()).walked(folder).files


# --------------------------------------------------------------------------------------------
# Classifying one file.


def extension_of(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def non_report_reason(path: str, root: str) -> tuple[str, str] | None:
    """Why a file found by a walk of ``root`` is not a report, or None if it may be one."""
    name = os.path.basename(path)
    if name.split(".", 1)[0].upper() in NON_REPORT_NAMES:
        return "仓库说明文件，不是报告", "a repository's own paper (README, CHANGELOG, LICENSE…), not a report"
    if extension_of(path) in TEXT_EXTENSIONS and "doc" in path.lower():  # cheap test first
        folders = os.path.relpath(os.path.dirname(os.path.abspath(path)), os.path.abspath(root)).split(os.sep)
        if any(part.lower() in DOCS_FOLDERS for part in folders) and not _mentions_report(path):
            return "文档目录中的说明文字（未提及“年度报告”）", "documentation under docs/ (no mention of 年度报告)"
    return None


def _mentions_report(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(EVIDENCE_BYTES)
    except OSError:
        return True  # let the reader say what is wrong with it
    return any(pattern in head for pattern in _evidence_patterns())


def _extension_skip(path: str) -> Skipped:
    extension = extension_of(path)
    kind = DOCUMENT_KINDS.get(extension)
    if kind is not None:
        return Skipped(path, "extension", f"{kind[0]}（{extension}）", f"{kind[1]} ({extension})", listed=True)
    shown = extension or "(无扩展名)"
    return Skipped(path, "extension", f"不支持的文件类型 {shown}", f"unsupported file type {extension or '(none)'}")


def _stat_skip(path: str) -> Skipped | None:
    try:
        info = os.stat(path)
    except OSError as error:
        return Skipped(path, "type", f"无法访问：{error.strerror}", f"cannot be read: {error.strerror}", listed=True)
    if not stat.S_ISREG(info.st_mode):
        return Skipped(path, "type", "不是普通文件（管道、设备或套接字）", "not a regular file (a pipe, device or socket)", listed=True)
    if info.st_size > MAX_FILE_BYTES:
        return Skipped(
            path, "size", f"文件过大（{info.st_size // (1024 * 1024)} MB，上限 {MAX_FILE_BYTES // (1024 * 1024)} MB）",
            f"too large ({info.st_size} bytes, limit {MAX_FILE_BYTES})", listed=True,
        )
    return None


# --------------------------------------------------------------------------------------------
# Exclusion globs.


def display(path: str) -> str:
    """The path as findings show it (relative to the current folder, ``/`` separators)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = path
    if relative.startswith(".."):
        relative = os.path.abspath(path)
    return relative.replace(os.sep, "/")


def excluded(path: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """Whether ``path`` or one of its folders matches one of ``patterns`` (fnmatch patterns for
    displayed paths, as ``config.relocate_glob`` makes them): ``drafts`` excludes every file
    under any folder named drafts, ``*.bak.txt`` any such file."""
    if not patterns:
        return False
    shown = display(path)
    parts = shown.split("/")
    candidates = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    return any(fnmatch(candidate, pattern) for candidate in candidates for pattern in patterns)


# --------------------------------------------------------------------------------------------
# Choosing.

_GLOB_CHARACTERS = frozenset("*?[")


def is_glob(path: str) -> bool:
    return any(character in _GLOB_CHARACTERS for character in path)


class _Chooser:
    def __init__(self, exclude: tuple[str, ...] | list[str]) -> None:
        self.exclude = tuple(exclude)
        self.files: list[str] = []
        self.missing: list[str] = []
        self.skipped: list[Skipped] = []

    def named(self, path: str) -> None:
        if excluded(path, self.exclude):
            self.skipped.append(Skipped(path, "excluded", "已按 exclude 排除", "excluded by an exclude glob"))
        elif extension_of(path) not in REPORT_EXTENSIONS:
            skipped = _extension_skip(path)
            skipped.listed = True  # named on purpose: always say why it was not checked
            self.skipped.append(skipped)
        else:
            self.files.append(path)

    def found(self, path: str, root: str) -> None:
        """A file a walk (or a glob) came upon."""
        if excluded(path, self.exclude):
            if extension_of(path) in REPORT_EXTENSIONS:  # excluded tooling is not worth a count
                self.skipped.append(Skipped(path, "excluded", "已按 exclude 排除", "excluded by an exclude glob"))
            return
        if extension_of(path) not in REPORT_EXTENSIONS:
            self.skipped.append(_extension_skip(path))
            return
        reason = non_report_reason(path, root)
        if reason is not None:
            self.skipped.append(Skipped(path, "not-report", *reason))
            return
        skipped = _stat_skip(path)
        if skipped is not None:
            self.skipped.append(skipped)
            return
        self.files.append(path)

    def walked(self, folder: str) -> _Chooser:
        for path in _listing(folder):
            if os.path.islink(path) and os.path.isdir(path):
                continue
            self.found(path, folder)
        return self

    def globbed(self, pattern: str) -> bool:
        import glob

        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            return False
        root = _literal_prefix(pattern)
        for match in matches:
            if os.path.isdir(match):
                self.walked(match)
            else:
                self.found(match, root)
        return True


def _literal_prefix(pattern: str) -> str:
    """The folder part of a glob before its first wildcard: where the "walk" starts, for the
    docs/ rule."""
    parts = pattern.replace("\\", "/").split("/")
    literal = []
    for part in parts[:-1]:
        if is_glob(part):
            break
        literal.append(part)
    return "/".join(literal) or "."


def choose(paths: list[str], exclude: tuple[str, ...] | list[str] = ()) -> Selection:
    """Files to check, paths that match nothing, and files skipped with the reason."""
    chooser = _Chooser(exclude)
    for path in paths or ["."]:
        if os.path.isdir(path):
            chooser.walked(path)
        elif os.path.lexists(path):
            chooser.named(path)
        elif not (is_glob(path) and chooser.globbed(path)):
            chooser.missing.append(path)
    seen: set[str] = set()
    unique = []
    for path in chooser.files:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return Selection(unique, chooser.missing, chooser.skipped)


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """(files to check, paths that do not exist): ``choose`` without exclusions or reasons."""
    selection = choose(paths)
    return selection.files, selection.missing


__all__ = [
    "choose", "discover", "walk", "excluded", "non_report_reason", "Selection", "Skipped", "REASONS",
    "DOCUMENT_KINDS", "NON_REPORT_NAMES", "DOCS_FOLDERS",
]
