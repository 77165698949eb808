"""The ``gaolint`` command line: check, rules, explain, init, clean.

Start-up is on the pre-commit path, so this module imports only the standard library at the top
and pulls in rules, readers and rich when a command needs them.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError
from .output import FORMATS


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, computed the same way."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]  # None: caught below
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        if columns <= 0:
            columns = size.columns or 80
    return columns


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, minus its ``import shutil`` (which drags in bz2 and lzma: a few ms
    of every pre-commit run) for the terminal width; the width is the same."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)


#: The subcommands, in the order ``gaolint --help`` lists them.
COMMANDS = ("check", "rules", "explain", "init", "clean")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``command`` (the subcommand the arguments name), only that
    subcommand's parser is built: each argparse parser asks gettext for its three group and
    help titles, and gettext looks for message catalogues on disk each time (a stat per
    language) and imports ``locale`` — about 2 ms of every pre-commit run for the four
    subcommands it does not use. ``gaolint --help`` and anything unrecognised build them all.

    While the parsers are built, argparse's titles are not looked up at all (``_untranslated``):
    Python ships no message catalogue for argparse, so the lookups find nothing, and the one
    subcommand's still cost ~1 ms (``locale`` imported, a stat per language). Help and error
    messages, printed later, are looked up as argparse always does."""
    lookups = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _untranslated, _untranslated_plural  # type: ignore[attr-defined]
    try:
        parser = argparse.ArgumentParser(
            prog="gaolint",
            formatter_class=_Formatter,
            description="政府信息公开工作年度报告合规检查 / compliance linter for government information-disclosure annual reports",
        )
        parser.add_argument("--version", action="version", version=f"gaolint {__version__}")
        commands = parser.add_subparsers(dest="command", metavar="COMMAND")

        for name in COMMANDS if command not in COMMANDS else (command,):
            _SUBCOMMANDS[name](commands)
    finally:
        argparse._, argparse.ngettext = lookups  # type: ignore[attr-defined]
    return parser


def _untranslated(message: str) -> str:
    """gettext's answer when no catalogue holds ``message``: the message itself."""
    return message


def _untranslated_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def _add_check(commands) -> None:
    check = commands.add_parser(
        "check", help="lint report files and folders", formatter_class=_Formatter,
        epilog="Results are cached per file (keyed by its bytes, path, settings and gaolint's code) under "
               "$GAOLINT_CACHE_DIR, else $XDG_CACHE_HOME/gaolint/results, else ~/.cache/gaolint/results, so "
               "unchanged reports are not read again; --no-cache or GAOLINT_NO_CACHE=1 turns it off, "
               "`gaolint clean` empties it (docs/cache.md).",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the current folder)")
    check.add_argument("--format", choices=tuple(FORMATS), default=next(iter(FORMATS)), dest="output_format")
    check.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--sarif-category", metavar="NAME",
                       help="SARIF automationDetails.id (default: none, so the upload action's category applies)")
    check.add_argument("--select", metavar="IDS", help="only these rule IDs or prefixes, comma-separated")
    check.add_argument("--ignore", metavar="IDS", help="skip these rule IDs or prefixes, comma-separated")
    check.add_argument("--fail-on", choices=("error", "warning", "note", "never"), default=None)
    check.add_argument("--config", metavar="FILE", help="configuration file (.gaolint.yaml or pyproject.toml)")
    check.add_argument("--exclude", metavar="GLOBS", action="append",
                       help="never check files matching these globs (comma-separated, repeatable; added to the "
                            "configuration's exclude)")
    check.add_argument("--jobs", type=int, metavar="N", help="parallel workers (default: all cores for many files)")
    check.add_argument("--lang", choices=("zh", "en"), default=None, help="message language (default zh)")
    check.add_argument("--summary", action="store_true", help="print a table of agencies by year")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
    check.add_argument("--verbose", "-v", action="store_true", help="explain skipped checks")
    check.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    check.add_argument("--statistics", action="store_true",
                       help="print the number of findings per rule instead of the findings")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even with findings (a rule that crashed, GAO000, still fails the run)")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="with PATH '-': the name of the report read from stdin (its extension picks the reader)")
    check.add_argument("--show-settings", action="store_true",
                       help="print the settings the run would use, and exit")
    check.add_argument("--quiet", "-q", action="store_true", help="print the findings only: no summary, no progress")
    check.add_argument("--timeout", type=float, metavar="SECONDS",
                       help="per-file time limit to read and check one file (default 4; 0: none)")
    check.add_argument("--memory-limit", type=int, metavar="MB",
                       help="per-file memory limit of a worker, in MB (default 256; 0: none)")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the result cache nor the start-up cache (also: GAOLINT_NO_CACHE=1)")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="lint on a Dask cluster: tcp://HOST:8786, or local[:N] (also: GAOLINT_SCHEDULER; "
                            "needs gaolint[dask]; PATHs may be fsspec URLs; docs/scale.md)")
    check.add_argument("--resume", action="store_true",
                       help="with --format jsonl --output FILE: keep the files FILE already holds, lint the rest")



def _add_rules(commands) -> None:
    rules = commands.add_parser("rules", help="list every rule", formatter_class=_Formatter)
    rules.add_argument("--lang", choices=("zh", "en"), default="zh", help="中文 (default) or English")


def _add_explain(commands) -> None:
    explain = commands.add_parser("explain", help="show a rule's documentation", formatter_class=_Formatter)
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--lang", choices=("zh", "en"), default="zh",
                         help="zh: 中文说明在前，保留英文 (default); en: English only")


def _add_init(commands) -> None:
    init = commands.add_parser("init", help="write a commented .gaolint.yaml", formatter_class=_Formatter)
    init.add_argument("--force", action="store_true", help="overwrite an existing file")


def _add_clean(commands) -> None:
    commands.add_parser("clean", help="remove the result cache (see check --help)", formatter_class=_Formatter)


_SUBCOMMANDS = {"check": _add_check, "rules": _add_rules, "explain": _add_explain, "init": _add_init, "clean": _add_clean}


def _tolerant_console() -> None:
    """A console whose encoding cannot show every character (a C locale without UTF-8, a
    Windows code page) prints ``\\uXXXX`` for the rest instead of stopping the run with a
    UnicodeEncodeError. Machine formats are written as UTF-8 bytes whatever the console."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        # A C/POSIX locale gives ``surrogateescape``, which raises on CJK text just as ``strict`` does.
        if (encoding != "utf8" and getattr(stream, "errors", None) in ("strict", "surrogateescape")
                and hasattr(stream, "reconfigure")):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    from . import startcache

    _tolerant_console()
    arguments = sys.argv[1:] if argv is None else argv
    parser = _parser(arguments[0] if arguments else None)
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_USAGE
    try:
        if args.command == "check":
            from .run import run_check

            if args.no_cache:
                startcache.disable()  # the start-up cache (format tables) too
            try:
                return run_check(args)
            finally:
                startcache.enable()
                if argv is None:
                    # The process ends now: spare the exit's garbage collections the objects
                    # of start-up (~10 ms). Not when a caller (a test) runs main() in-process.
                    import gc

                    gc.freeze()
        if args.command == "rules":
            from .catalog import print_rules

            return print_rules(getattr(args, "lang", "zh"))
        if args.command == "explain":
            from .catalog import explain

            return explain(args.code, getattr(args, "lang", "zh"))
        if args.command == "init":
            from .config import write_init

            return write_init(force=args.force)
        if args.command == "clean":
            return _clean()
    except UsageError as error:
        sys.stderr.write(f"gaolint: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    parser.print_help()
    return EXIT_USAGE


def _clean() -> int:
    """``gaolint clean``: remove the result cache's entries and folder, and say what went."""
    from .cache import clean

    folder, existed, removed, kept = clean()
    if not existed:
        sys.stdout.write(f"没有结果缓存 / no result cache: {folder}\n")
        return EXIT_OK
    gone = not os.path.lexists(folder)
    sys.stdout.write(
        f"已删除 {removed} 个缓存条目{'及缓存文件夹' if gone else ''} / "
        f"removed {removed} cache entries{' and the folder' if gone else ''}: {folder}\n"
    )
    for path in kept:
        sys.stdout.write(f"未删除（不是 gaolint 写的）/ left in place (not written by gaolint): {path}\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "UsageError"]
