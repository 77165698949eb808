"""Rules for a file that could not be checked: gaolint itself failed on it (GAO000), or it
cannot be read (GAO001). The run makes these findings, through ``InternalError.finding`` and
``Unreadable.finding``; no other module writes their codes."""

from __future__ import annotations

from ..model import Severity
from .rule import RunRule, register


@register
class InternalError(RunRule):
    """**What it does**
    Reports that one of gaolint's own rules raised an exception on this file.

    **Why is this bad?**
    The rule could not check the file, so a defect it exists to find may be hidden. The other
    rules and files still run; this finding makes the gap visible instead of silent, and the
    run exits non-zero. Please report it as a bug, with the file if you can share it.

    **Example**
    ```text
    report.txt:1:1: GAO000 规则 GAO303 内部错误：ZeroDivisionError: division by zero
    ```

    **Use instead**
    Nothing to change in the report; upgrade gaolint or report the bug. Until then the rule can
    be ignored for that file with `per-file-ignores`.

    **References**
    - gaolint's command-line contract: a crash inside one rule never stops the other files.
    """

    code = "GAO000"
    name = "internal-error"
    severity = Severity.ERROR
    tool_failure = True
    summary = "a rule raised an exception on this file"
    name_zh = "内部错误"
    summary_zh = "某条规则在检查此文件时出错"
    explanation_zh = (
        "gaolint 的某条规则在这个文件上运行出错。"
        "这不是报告本身的问题，但说明该文件没有被完整检查，所以本次运行以非零状态结束。"
        "请升级 gaolint 或报告此问题；在此之前可用 per-file-ignores 对该文件忽略该规则。"
    )


@register
class Unreadable(RunRule):
    """**What it does**
    Reports a file that cannot be opened, decoded or unpacked: a corrupt or truncated .docx,
    an encrypted PDF, a scanned PDF with no text layer, binary data, a file over the size limit.
    Files built to exhaust a reader are refused the same way, before the work is done: a .docx
    or PDF whose compressed parts inflate to more than 96 MB, a .docx or web page of hundreds
    of thousands of XML elements, entity declarations, and a named pipe or device given as a
    report.

    **Why is this bad?**
    Nothing in the file can be checked, and readers of the published report may meet the same
    problem. One finding per file, never a traceback, in bounded time and memory; the other
    files are still linted.

    **Example**
    A `.docx` that is really a renamed `.doc`, or a PDF saved from a scanner.

    **Use instead**
    Save the report as UTF-8 text, a valid .docx, or a PDF with a text layer.

    **References**
    - 《政府信息公开条例》第四十九条：年度报告应当向社会公布 — a report that cannot be opened is not published in a usable form.
    """

    code = "GAO001"
    name = "unreadable-file"
    severity = Severity.ERROR
    summary = "the file cannot be opened, decoded or unpacked"
    name_zh = "文件无法读取"
    summary_zh = "文件无法打开、解码或解压"
    explanation_zh = (
        "文件损坏、被截断、加密，或是没有文字层的扫描件，或超过大小限制，因此无法检查任何内容。"
        "公众打开已公布的报告时也可能遇到同样的问题。请另存为 UTF-8 文本、有效的 .docx 或带文字层的 PDF。"
    )


#: The codes of a file that was not checked: never stored in the result cache, and a
#: MemoryError among them in a worker means the memory limit.
NOT_CHECKED = (InternalError.code, Unreadable.code)
