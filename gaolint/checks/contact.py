"""Rules about the contact details a report must give for questions about it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Mention, Severity
from .base import Context, FileRule, register, start_of_report

#: Accepted telephone forms once spaces, brackets and dashes are removed: area code + local
#: number, a bare local number, a mobile, a 400/800 number, a 5-digit public service line.
#: … and a 12xxx service line after its area code (023-12360, 0591-12345).
_PHONE_FORMS = re.compile(r"^(?:0\d{2,3}[1-9]\d{6,7}|(?:010|02\d|0[3-9]\d{2})12\d{3}|[1-9]\d{6,7}|1[3-9]\d{9}|[48]00\d{7}|1\d{4}|9\d{4})$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


@register
class MissingContact(FileRule):
    """**What it does**
    Reports a report that gives no contact for questions about it: no telephone number, no
    postal address and no e-mail of the responsible office. When the report prints the labels
    with nothing after them (`邮编：电话：传真：`), the finding names the empty fields.

    A number of a glued table row (`15130000154` in a page saved as one line) is not a
    telephone number: a bare digit run counts only with a contact word shortly before it
    (电话, 联系, 咨询, 热线 …). An address hidden by a web page's e-mail protection
    (`[email protected]`) counts as given (GAO003 says it cannot be read).

    **Why is this bad?**
    The introduction of every annual report tells readers whom to ask about it; without a
    contact the public has no way to follow up.

    **Example**
    An introduction that ends after the statistics period.

    **Use instead**
    ```text
    如对本报告有疑问，请与××区人民政府办公室联系（地址：××路1号；邮编：223100；电话：0517-87220000）。
    ```

    **References**
    - 国办公开办函〔2021〕30号：报告引言 [V in practice].
    """

    code = "GAO501"
    name = "missing-contact"
    severity = Severity.WARNING
    summary = "no telephone, address or e-mail for questions about the report"
    name_zh = "缺少联系方式"
    summary_zh = "没有可咨询报告的电话、地址或电子邮箱"
    explanation_zh = "报告没有给出公众对报告有疑问时可以联系的电话、地址或电子邮箱。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        if any(m.kind in ("phone", "email", "address", "email_hidden") for m in report.contacts):
            return
        empty = empty_fields(report.contacts)
        if empty:
            first = next(m for m in report.contacts if m.kind == "empty")
            yield self.finding(
                report, first.location,
                f"报告的联系方式只有栏目、没有内容：{'、'.join(empty)}均为空",
                f"the contact fields are printed empty: {', '.join(empty)}",
            )
            return
        yield self.finding(
            report, report.title_location or start_of_report(report),
            "报告没有提供咨询联系方式（电话、地址或电子邮箱）",
            "the report gives no contact (telephone, address or e-mail) for questions about it",
        )


@register
class MalformedContact(FileRule):
    """**What it does**
    Reports a contact detail that is malformed: a telephone number that is not a valid Chinese
    landline (area code + 7–8 digits, or a bare 7–8-digit local number), mobile (11 digits
    from 13–19), 400/800 or public-service form — `电话6402.1371`, with a dot in it, included
    (an extension after a full number, `转8001` or `-8001`, and China's code before it,
    `+86-591-87654321`, are well formed);
    a postcode that is not 6 digits; a malformed e-mail address. A full-width `＠` is read as
    `@`. An empty field (`电话：` followed by the next label) is not a malformed number (GAO501
    names it), and an address replaced by a web page's protection placeholder
    (`[email protected]`) is one unreadable e-mail (GAO003), not a malformed one.

    **Why is this bad?**
    A reader who dials a number with a digit missing reaches nobody; it looks like the contact
    was given but in fact it was not.

    **Example**
    ```text
    电话：0512-570091
    ```

    **Use instead**
    ```text
    电话：0512-57009190
    ```

    **References**
    - GB/T 33664 / YD/T 电话号码格式; 邮政编码为 6 位数字.
    """

    code = "GAO502"
    name = "malformed-contact"
    severity = Severity.WARNING
    summary = "a telephone, postcode, e-mail or URL is malformed"
    name_zh = "联系方式格式错误"
    summary_zh = "电话、邮编、电子邮箱或网址格式错误"
    explanation_zh = "报告中的电话号码、邮政编码、电子邮箱或网址格式不正确，公众无法据此联系。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for mention in report.contacts:
            problem = _problem(mention.kind, mention.text)
            if problem is None:
                continue
            yield self.finding(report, mention.location, problem[0], problem[1])


#: An extension after the number: 转8001, 分机8001, or a dash (0591-87654321-8001).
_EXTENSION = re.compile(r"\s*(?:转|分机|[-－—])\s*\d{1,5}\s*$")
#: China's country code before a number written for callers abroad: +86-591-87654321, +86 138….
_COUNTRY_CODE = re.compile(r"^\s*[(（]?\s*(?:\+|00)?\s*86\s*[)）]?[\s\-－—]*(?=[1-9])")


def _phone_ok(number: str) -> bool:
    """A telephone number in one of the accepted forms once spaces, brackets and dashes go; an
    extension may follow (转8001 any number, -8001 a full one), and +86 may lead one (the area
    code then loses its 0)."""
    candidates = [number]
    if _COUNTRY_CODE.match(number):
        rest = _COUNTRY_CODE.sub("", number)
        candidates.append(rest if rest.lstrip().startswith("1") and len(re.sub(r"\D", "", rest)) == 11 else "0" + rest)
    for candidate in candidates:
        for form in (candidate, _EXTENSION.sub("", candidate)):
            digits = re.sub(r"[\s\-－—()（）]", "", form)
            # (an extension after a dash only behind a full number: 8001 after -, alone, may be
            # part of it; after 转 it is an extension whatever number comes before)
            if digits.isdigit() and _PHONE_FORMS.match(digits) and (
                    form is candidate or len(digits) >= 10 or "转" in candidate):
                return True
    return False


def _problem(kind: str, text: str) -> tuple[str, str] | None:
    if kind in ("phone", "fax"):
        numbers = [n for n in re.split(r"[、,，/或和;；]", text) if n.strip()]
        for number in numbers:
            if not _phone_ok(number):
                label = "电话" if kind == "phone" else "传真"
                return (
                    f"{label}号码“{number.strip()}”格式不对（应为区号加7至8位号码、11位手机号等）",
                    f"malformed {'telephone' if kind == 'phone' else 'fax'} number '{number.strip()}'",
                )
        return None
    if kind == "postcode":
        digits = text.replace(" ", "")
        if not re.fullmatch(r"\d{6}", digits):
            return (f"邮政编码“{text}”不是6位数字", f"postcode '{text}' is not 6 digits")
        return None
    if kind == "email":
        if not _EMAIL.match(text):
            return (f"电子邮箱“{text}”格式不对", f"malformed e-mail address '{text}'")
    return None


def empty_fields(contacts: list[Mention]) -> list[str]:
    """The names of contact fields printed with nothing after them, in order, once each."""
    names: list[str] = []
    for mention in contacts:
        if mention.kind == "empty" and mention.text not in names:
            names.append(mention.text)
    return names
