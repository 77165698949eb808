"""The rule catalog for people: ``gaolint rules`` and ``gaolint explain``, and the data that
docs/rules/*.md and SARIF are generated from."""

from __future__ import annotations

import inspect
import sys

from .output.context import RuleInfo


def rule_infos() -> list[RuleInfo]:
    from .checks import RULES

    return [
        RuleInfo(code, cls.name, cls.severity.value, cls.summary, inspect.cleandoc(cls.__doc__ or ""))
        for code, cls in RULES.items()
    ]


def rule_page(info: RuleInfo) -> str:
    """docs/rules/<CODE>.md, generated from the rule's docstring."""
    return f"# {info.code} {info.name}\n\nDefault severity: **{info.severity}**\n\n{info.summary}\n\n{info.doc}\n"


def print_rules() -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="gaolint rules")
    table.add_column("ID", style="bold")
    table.add_column("name")
    table.add_column("severity")
    table.add_column("fires when")
    for info in rule_infos():
        style = {"error": "red", "warning": "yellow"}.get(info.severity, "")
        table.add_row(info.code, info.name, f"[{style}]{info.severity}[/]" if style else info.severity, info.summary)
    Console().print(table)
    return 0


def explain(code: str) -> int:
    from rich.console import Console
    from rich.markdown import Markdown

    wanted = code.strip().upper()
    for info in rule_infos():
        if info.code == wanted or info.name == code.strip().lower():
            Console().print(Markdown(rule_page(info)))
            return 0
    sys.stderr.write(f"gaolint: unknown rule {code!r}; see `gaolint rules`\n")
    return 2
