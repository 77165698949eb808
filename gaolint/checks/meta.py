"""Rules about gaolint's own directives in a report: suppression comments that do nothing."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from .base import Context, Rule, register


@register
class UnusedSuppression(Rule):
    """**What it does**
    Reports an inline suppression comment — `<!-- gaolint: disable=… -->` or
    `<!-- gaolint: disable-next-line=… -->` in a Markdown or HTML report — that silenced
    nothing in this run: no finding of the rules it names fell in the lines it covers, or it
    names a rule ID that does not exist. IDs of rules switched off by configuration
    (`select`, `ignore`, `per-file-ignores`) are not reported, since they could not fire.

    **Why is this bad?**
    A suppression outlives the defect it was written for: once the figure is corrected the
    comment stays, and later silences a *new* defect in the same place without anyone
    noticing. A misspelt ID (`GAO3O3`) silences nothing while looking as if it did.

    **Example**
    ```markdown
    <!-- gaolint: disable-next-line=GAO303 -->
    | （七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |
    ```
    where the results of table 3 do add up to 5.

    **Use instead**
    Delete the comment once the defect it covered is fixed, or correct the rule ID. To keep a
    comment that is meant to stay, silence this rule for the file with
    `<!-- gaolint: disable=GAO010 -->` before the first heading, or with `per-file-ignores`.

    **References**
    - gaolint documentation: docs/suppressions.md.
    - Modelled on ruff's RUF100 (unused-noqa).
    """

    code = "GAO010"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "an inline suppression comment silenced nothing"
    #: Produced by the run's configuration after every other finding is known, not per file.
    scope = "run"

    def check(self, context: Context) -> Iterator[Finding]:
        return iter(())  # see gaolint.suppress.apply_suppressions
