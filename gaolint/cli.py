"""The ``gaolint`` command line: check, rules, explain, init.

Start-up is on the pre-commit path, so this module imports only the standard library at the top
and pulls in rules, readers and rich when a command needs them.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMAT_CHOICES = ("text", "json", "sarif", "github", "gitlab", "html")


class UsageError(Exception):
    """A bad option or configuration: exit code 2 with this message."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gaolint",
        description="政府信息公开工作年度报告合规检查 / compliance linter for government information-disclosure annual reports",
    )
    parser.add_argument("--version", action="version", version=f"gaolint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint report files and folders")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the current folder)")
    check.add_argument("--format", choices=FORMAT_CHOICES, default="text", dest="output_format")
    check.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--select", metavar="IDS", help="only these rule IDs or prefixes, comma-separated")
    check.add_argument("--ignore", metavar="IDS", help="skip these rule IDs or prefixes, comma-separated")
    check.add_argument("--fail-on", choices=("error", "warning", "note", "never"), default=None)
    check.add_argument("--config", metavar="FILE", help="configuration file (.gaolint.yaml or pyproject.toml)")
    check.add_argument("--jobs", type=int, metavar="N", help="parallel workers (default: all cores for many files)")
    check.add_argument("--lang", choices=("zh", "en"), default=None, help="message language (default zh)")
    check.add_argument("--summary", action="store_true", help="print a table of agencies by year")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
    check.add_argument("--verbose", "-v", action="store_true", help="explain skipped checks")
    check.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    commands.add_parser("rules", help="list every rule")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", metavar="CODE")
    init = commands.add_parser("init", help="write a commented .gaolint.yaml")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_USAGE
    try:
        if args.command == "check":
            from .run import run_check

            return run_check(args)
        if args.command == "rules":
            from .catalog import print_rules

            return print_rules()
        if args.command == "explain":
            from .catalog import explain

            return explain(args.code)
        if args.command == "init":
            from .config import write_init

            return write_init(force=args.force)
    except UsageError as error:
        sys.stderr.write(f"gaolint: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    parser.print_help()
    return EXIT_USAGE


def split_ids(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["main", "UsageError", "split_ids"]
