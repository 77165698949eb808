"""What every rule is, whatever it looks at: a stable code, a kebab-case name, a default
severity, English and Chinese texts, and the registry that holds them.

Modelled on ruff's registry: one class per rule, one code per class, and the documentation
page generated from the class. The scopes differ only in what the rule is given:

- ``FileRule`` (``gaolint.checks.base``): ``check(context)`` sees one report;
- ``RepositoryRule`` (``gaolint.checks.base``): ``compare(this_year, last_year)`` sees the
  facts of two reports of one agency, a year apart (the run pairs them);
- ``RunRule`` (here): produced by the run itself (a file that cannot be read, a crash, an
  unused suppression), through the class's own constructor, e.g. ``UnreadableFile.finding``.

This module imports only the model, so the run may name a rule's code without loading every
rule (a cached run never does).
"""

from __future__ import annotations

from collections.abc import Set

from ..model import Finding, Location, Message, Severity


class Rule:
    """Base class of every rule. Subclasses set ``code``, ``name``, ``severity``, ``summary``,
    the Chinese texts, and write a docstring with the sections **What it does**, **Why is this
    bad?**, **Example**, **Use instead** and **References** (the English documentation page)."""

    # Class attributes (ClassVar in spirit; ``typing`` is not imported: it costs start-up time).
    code: str
    name: str
    severity: Severity
    #: Format versions the rule applies to; empty means every version.
    formats: Set[str] = frozenset()
    #: One-line summary shown by ``gaolint rules`` and in SARIF shortDescription.
    summary: str = ""
    #: "file": one report; "repository": every report of the run; "run": made by the run.
    scope: str = "file"
    #: What the rule checks, as its documentation page says (the "Checks" row).
    reads: str = "one report at a time"
    #: The finding reports a failure of gaolint itself, not of the report (SARIF lists it as
    #: a tool execution notification too).
    tool_failure: bool = False
    #: Chinese name, one-line summary and explanation (检查什么、为什么要改), for people who read
    #: Chinese and not code; empty means the rule is shown in English only.
    name_zh: str = ""
    summary_zh: str = ""
    explanation_zh: str = ""


class RunRule(Rule):
    """A rule whose findings the run makes (not a check of one report): the class is the only
    place that knows its code, name and severity; callers build findings with ``finding``."""

    scope = "run"

    @classmethod
    def finding(cls, path: str, zh: str, en: str, location: Location | None = None, source_line: str = "") -> Finding:
        """A finding of this rule in ``path`` (at its first line unless ``location`` says)."""
        return Finding(cls.code, cls.name, cls.severity, Message(zh, en), path,
                       Location(1, 1) if location is None else location, source_line)


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry; codes are unique forever."""
    if cls.code in REGISTRY:
        raise ValueError(f"duplicate rule code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls
