"""Repository-level rules (GAO601, GAO602): registered here for the catalog, docs and SARIF;
their logic is in ``gaolint.repository``, which sees every report of the run at once."""

from __future__ import annotations

from ..model import Severity
from ..model_format import FormatSelection
from .base import Rule, register

#: The formats with the national table 3 (``national: true`` in rules/*.yaml).
NATIONAL_TABLE3 = FormatSelection("national")


@register
class CarryoverMismatch(Rule):
    """**What it does**
    Compares this year's table 3 二、上年结转政府信息公开申请数量 with the same agency's
    previous-year table 3 四、结转下年度继续办理, column by column (自然人, the five kinds of
    法人或其他组织, 总计), whenever both reports are linted in the same run, whatever their
    containers (.txt, .md, .html, .docx, .pdf). Reports belong to the same agency when their
    normalised agency names are equal (昆山市 / 昆山市政府 / 昆山市人民政府 are one agency;
    configuration can set the name and the year per file). The finding points at this year's
    cell and names last year's file, value and line.

    **Why is this bad?**
    What one report carries forward is, by definition, what the next report carries over.
    A difference means applications were lost or invented between the two years, or one of the
    two tables is wrong.

    **Example**
    ```text
    2024 report: 四、结转下年度继续办理 | 137 | 1 | 0 | 0 | 0 | 0 | 138 |
    2025 report: 二、上年结转政府信息公开申请数量 | 137 | 1 | 0 | 0 | 0 | 0 | 139 |
    ```

    **Use instead**
    ```text
    2025 report: 二、上年结转政府信息公开申请数量 | 137 | 1 | 0 | 0 | 0 | 0 | 138 |
    ```

    **References**
    - 国办公开办函〔2021〕30号，表三（二、上年结转；四、结转下年度继续办理）。
    - format.md: identities across years (this year's 二 = last year's 四).
    """

    code = "GAO601"
    name = "carryover-mismatch"
    severity = Severity.ERROR
    scope = "repository"
    formats = NATIONAL_TABLE3
    summary = "this year's 二（上年结转）≠ the same agency's last-year 四（结转下年度）"


@register
class ValidDocumentsDrift(Rule):
    """**What it does**
    Checks table 2's 现行有效件数 for 规章 and for 行政规范性文件 against the same agency's
    previous-year report: this year's 现行有效 should be last year's 现行有效 + this year's
    本年制发 − 本年废止. Only reports in the 2021 format are compared (the 2019 format counts
    对外公开总数量 instead), and only when both years are linted in the same run.

    **Why is this bad?**
    The number of documents in force changes only by issuing and repealing them. Drift means a
    count is wrong, or documents lapsed (失效) without being reported as repealed — either way
    the public list of documents in force cannot be trusted.

    **Example**
    ```text
    2024 report: 行政规范性文件 | 20 | 30 | 127 |
    2025 report: 行政规范性文件 | 15 | 35 | 110 |   (127 + 15 − 35 = 107)
    ```

    **Use instead**
    ```text
    2025 report: 行政规范性文件 | 15 | 35 | 107 |
    ```
    or explain lapsed documents and count them as 废止.

    **References**
    - 国办公开办函〔2021〕30号，表二 第二十条第（一）项（本年制发件数 / 本年废止件数 / 现行有效件数）[V].
    - Documents that lapse without a repeal notice are a known cause of drift, so this is a
      warning, not an error [R].
    """

    code = "GAO602"
    name = "valid-documents-drift"
    severity = Severity.WARNING
    scope = "repository"
    formats = FormatSelection("running_totals")  # rows with ``running_total: true`` (cn-2021)
    summary = "table 2: 现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止"
