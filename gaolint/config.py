"""Run configuration: command-line options over ``.gaolint.yaml`` / ``[tool.gaolint]``.

(Minimal version: command-line options and rule-ID validation. Configuration files,
per-file ignores and inline suppressions are layered on here.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cli import UsageError, split_ids
from .engine import Settings


@dataclass
class RunConfig:
    settings: Settings
    fail_on: str = "error"
    lang: str = "zh"
    sources: list[str] = field(default_factory=list)

    def filter(self, findings, results):
        """Drop findings silenced by configuration or inline comments."""
        return findings


def known_codes() -> list[str]:
    from .checks import RULES

    return list(RULES)


def validate_ids(ids: tuple[str, ...], option: str) -> tuple[str, ...]:
    codes = known_codes()
    for value in ids:
        if not any(code.startswith(value) for code in codes) or not value.startswith("GAO"):
            raise UsageError(f"{option}: 未知的规则编号 {value!r} / unknown rule ID or prefix {value!r}")
    return ids


def load_settings(args) -> RunConfig:
    select = validate_ids(split_ids(args.select), "--select")
    ignore = validate_ids(split_ids(args.ignore), "--ignore")
    settings = Settings(select=select, ignore=ignore, verbose=bool(getattr(args, "verbose", False)))
    return RunConfig(settings, fail_on=args.fail_on or "error", lang=args.lang or "zh")


def write_init(force: bool = False) -> int:
    raise UsageError("gaolint init is not available yet")
