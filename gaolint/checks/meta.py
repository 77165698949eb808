"""Rules about gaolint's own directives in a report: suppression comments that do nothing."""

from __future__ import annotations

from ..model import Finding, Location, Message, Severity
from .rule import RunRule, register


@register
class UnusedSuppression(RunRule):
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
    #: Produced by the run's configuration after every other finding is known, not per file
    #: (``gaolint.suppress.apply_suppressions`` finds the comments that silenced nothing).
    reads = "the whole run, after every other rule (gaolint's own directives)"
    name_zh = "多余的忽略注释"
    summary_zh = "行内忽略注释没有忽略任何问题"
    explanation_zh = (
        "报告中的 gaolint 忽略注释没有对应任何问题，可能是问题已经修正，或规则编号写错。"
        "多余的注释会掩盖将来出现的真实问题，请删除或改正它。"
    )

    @classmethod
    def for_comment(cls, path: str, suppression, unused: list[str], unknown: list[str]) -> Finding:
        """The finding for one comment (a ``gaolint.suppress.Suppression``): the IDs that
        silenced nothing in the lines it covers, and the IDs no rule has."""
        zh_parts, en_parts = [], []
        if unused:
            names = ", ".join(unused)
            target = suppression.target
            where_zh = {"file": "整个文件", "next-block": "其后的段落", "next-line": "下一行",
                        "row": f"其后表格的“{target}”行", "cell": f"其后表格“{target}”单元格"}[suppression.kind]
            where_en = {"file": "this file", "next-block": "the block that follows", "next-line": "the next line",
                        "row": f"the row “{target}” of the table that follows",
                        "cell": f"the cell “{target}” of the table that follows"}[suppression.kind]
            zh_parts.append(f"{where_zh}没有 {names} 问题可屏蔽")
            en_parts.append(f"no {names} finding in {where_en} to silence")
        if unknown:
            names = ", ".join(unknown)
            zh_parts.append(f"未知的规则编号 {names}")
            en_parts.append(f"unknown rule ID {names}")
        directive = {"next-line": "disable-next-line", "row": "disable-row", "cell": "disable-cell"}.get(suppression.kind, "disable")
        comment = f"gaolint: {directive}={','.join(suppression.ids)}"
        end_column = None
        if suppression.source:
            close = suppression.source.find("-->", suppression.column - 1)
            if close >= 0:
                end_column = close + 4
        return Finding(
            rule=cls.code,
            name=cls.name,
            severity=cls.severity,
            message=Message(
                f"抑制注释未起作用（{comment}）：" + "；".join(zh_parts) + "，请删除或更正",
                f"unused suppression ({comment}): " + "; ".join(en_parts) + "; remove or correct it",
            ),
            path=path,
            location=Location(suppression.line, suppression.column, end_column),
            source_line=suppression.source,
        )
