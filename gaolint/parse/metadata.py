"""Title, agency, year, statistics period, signing date, contact details and fee statements.

These live in prose, which PDF extraction wraps mid-word, so searches run over a joined text
(``Prose``) and map matches back to lines.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Sequence

from ..model import (
    TITLE_CHARS,
    TITLE_LINES,
    DateMention,
    FeeStatement,
    Line,
    Location,
    Mention,
    Period,
    Value,
    date,
    timedelta,
)
from ..normalise.widths import CHINESE_DIGITS
from .seen import SeenEmails, SeenTexts

_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
#: The period's last date; its 日 may be left out before 止 (至12月31止).
_SHORT_DATE = r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*(?:[日号]|(?=止))"
DATE = re.compile(_DATE)
#: The range of a period statement. An hour may follow the first date (2022年1月1日0时至2022年12月31日24时);
#: the dates may also be written with dots, slashes or hyphens (2022.1.1—2022.12.31, 2022/01/01至2022/12/31),
#: read by ``PERIOD_NUMERIC_RANGE`` — not as dates that lost their 年/月 in extraction.
#: The hour in words too (零时, 二十四时) or on a clock (0:00, 24：00).
_HOUR = r"(?:\s*+(?:\d{1,2}|零|二?十[一二三四]?|[一二三四五六七八九])\s*+[时点](?:\s*+\d{1,2}\s*+分)?|\s*+\d{1,2}\s*+[:：]\s*+\d{2}(?!\d))?"
#: The words between the two dates: 至, 到, a dash or tilde, 截至/截止 (自2023年1月1日起截至2023年12月31日), after an
#: optional 起, 开始 or 始 that a comma may follow (自2023年1月1日起，至2023年12月31日止).
_RANGE_MARK = r"(?:至|到|截[至止]到?|—{1,2}+|－{1,2}+|-{1,2}+|―{1,2}+|~|～)"
#: 至 (or a dash) between the dates, or 起 with or without it (自…起, …止).
_RANGE_WORD = r"\s*+(?:(?:起|开始|始)\s*+[,，]?\s*+" + _RANGE_MARK + r"?|" + _RANGE_MARK + r")\s*+"
PERIOD_RANGE = re.compile(_DATE + _HOUR + _RANGE_WORD + _SHORT_DATE)
#: A period that ends at a month's or the year's end said in words, with no day:
#: 自2015年1月1日起,至2015年12月底 / 至12月末止 / 至2015年年底 / 至年底.
PERIOD_TO_MONTH_END = re.compile(
    _DATE + _HOUR + _RANGE_WORD + r"(?:(\d{4})\s*+年\s*+)?(?:(\d{1,2})\s*+月\s*+[底末]|年?\s*+[底末])"
)
#: A month and a day in Chinese numerals (二〇二二年一月一日至十二月三十一日; the year is already
#: Arabic, normalise/widths.py), or mixed with Arabic ones, and 元月 for January: read when the
#: Arabic forms find nothing.
_CN_MONTH = r"(\d{1,2}|元|十[一二]?|[一二三四五六七八九])"
_CN_DAY = r"(\d{1,2}|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CN_DATE = r"(\d{4})\s*+年\s*+" + _CN_MONTH + r"\s*+月\s*+" + _CN_DAY + r"\s*+[日号]"
PERIOD_CHINESE_RANGE = re.compile(
    _CN_DATE + _HOUR + _RANGE_WORD + r"(?:(\d{4})\s*+年\s*+)?" + _CN_MONTH + r"\s*+月\s*+" + _CN_DAY + r"\s*+[日号]"
)
PERIOD_NUMERIC_RANGE = re.compile(
    r"(?<!\d)(\d{4})\s*+([./\-])\s*+(\d{1,2})\s*+\2\s*+(\d{1,2})\s*+日?" + _RANGE_WORD
    + r"(?:(\d{4})\s*+[./\-]\s*+)?(\d{1,2})\s*+[./\-]\s*+(\d{1,2})(?!\d)"
)
#: Patterns below open with a character, not a look-behind or an optional group, so that the
#: regex engine skips ahead to the characters a match can start with instead of trying every
#: position (five to eight times faster over a report's prose). The look-behind moves one
#: character in: ``(?<!\d)0`` is ``0(?<!\d0)`` (at the start of the text, neither finds a
#: character before); ``(?:联系)?电`` is ``联系电|电``. tests/test_prose_speed.py compares
#: them with the patterns they replaced.
#:
#: Dates whose 年/月 were lost in extraction: 20161231日, 201611日, 20161月.
DAMAGED_DATE = re.compile(
    r"(?:1(?<![\d.]1)9|2(?<![\d.]2)0)\d{3,6}(?=[日月])"  # (?<![\d.])(?:19|20)
    r"|(?:1(?<![\d.]1)9|2(?<![\d.]2)0)\d{2}(?:0?[1-9]|1[0-2])(?:[0-2]?\d|3[01])(?=\s*$)"
)
#: What every DAMAGED_DATE match holds: lines without it are not searched.
_DAMAGED_HINT = re.compile(r"(?:19|20)\d\d")
#: A contact field's label right before digits: a Shanghai postcode (200120) or a number that
#: a wrapped line leaves at a line's end is not a date that lost its 年/月/日.
_CONTACT_BEFORE = re.compile(r"(?:邮\s*+政?\s*+编\s*+码?|电\s*+话|传\s*+真|热\s*+线|手\s*+机)\s*+[:：为]?\s*+$")
#: ``\s*+`` (possessive, Python 3.11) wherever what follows cannot start with a space: the
#: same matches, but no backtracking through long runs of spaces (``年\s*度?\s*`` on
#: "2020年" and 3,000 spaces took minutes). The same in CARRYOVER_YEAR and POSTCODE.
#: The built-in title pattern; find_title uses the same with the endings in rules/common.yaml.
#: Area names whose government is a 人民政府 (乡、镇、民族乡 and 苏木 included). A 街道 is not
#: one: its 街道办事处 is the district government's dispatched office (rules/common.yaml).
_AREA = re.compile(r"(?:省|市|区|县|旗|州|盟|镇|乡|苏木|自治区|自治县|自治州)$")
_AGENCY_SUFFIX = re.compile(r"(?:人民政府|政府办公室|办公室|办公厅|委员会|局|厅|部|署|委|办|院|中心|管委会|管理委员会|街道办事处|人民政府办公室)$")
CARRYOVER_YEAR = re.compile(r"结\s*+转\s*+(?:至|到)?\s*+(\d{4})\s*+年")
_YEAR_NAMED = re.compile(r"(\d{4})\s*+年")
_CARRIED_IN = re.compile(r"(?:上一?年度?|(?:从|由|自)\s*\d{4}\s*年度?|\d{4}\s*年度?)\s*$")
#: The optional prefix carries its own spaces: a leading ``\s*`` made every search restart
#: through long runs of blank lines (quadratic). Callers use only the match's end.
PHONE_KEY = re.compile(r"联系\s*电\s*话|咨询\s*电\s*话|监督\s*电\s*话|投诉\s*电\s*话|电\s*话|热\s*线|Tel|TEL|传\s*真")
#: A number ends at its line: the next paragraph may open with figures (…36220377 / 2019年，…).
PHONE_VALUE = re.compile(r"[(（]?\d[\d \t\u3000\-－—()（）]{3,20}\d(?:[ \t]*转[ \t]*\d{1,6})?")
#: A number cut short at its line's end goes on on the next (``_cut_short``).
_PHONE_WRAPPED = re.compile(r"[(（]?\d[\d \t\u3000\-－—()（）]{0,20}\n[\d \t\-－—]{0,12}\d(?:[ \t]*转[ \t]*\d{1,6})?")
ANY_PHONE = re.compile(r"(?:0(?<!\d0)\d{2,3}[-－—\s]?\d{7,8}|1(?<!\d1)[3-9]\d{9})(?!\d)")  # (?<!\d)(?:0…|1…)
#: Starts only where a run of address characters starts, so a long run without an @ is
#: scanned once, not once per character.
EMAIL = re.compile(r"[A-Za-z0-9._%+\-](?<![A-Za-z0-9._%+\-][A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
EMAIL_KEY = re.compile(r"电子邮\s*箱|邮\s*箱|电子邮件|E-?mail|e-?mail|邮件地址")
#: ``地址 | …`` is a contact table's row copied as text (key cell, then value cell).
ADDRESS_KEY = re.compile(r"联系地\s*址\s*[:：为|]|通讯地\s*址\s*[:：为|]|办公地\s*址\s*[:：为|]|地\s*址\s*[:：为|]")
#: Not the year opening the next paragraph after a field left empty (邮编：⏎2022年，我区…).
POSTCODE = re.compile(r"邮\s*+(?:政)?\s*+编\s*+(?:码)?\s*+[:：为|]?\s*+(\d(?:[^\S\n]*+\d){0,9})(?![^\S\n]*+[\d年月])")
#: ``收取…费`` and ``产生…费`` stay on one line: a heading ``（一）收取信息处理费情况`` above
#: ``本年度未收取信息处理费。`` made one match over both, which hid the second line's 未 (GAO401).
FEE_SUBJECT = re.compile(r"信\s*息\s*处\s*理\s*费|处\s*理\s*费|公开费用|收费通知|检索费|复制费|邮寄费|收\s*取[^。；;\n]{0,24}费|产\s*生[^。；;\n]{0,15}费|收费[及和与]?减免|费用[及和与]?减免")
FEE_VERB = re.compile(r"未|没有|无|不|零|免|收\s*取|收\s*缴|产\s*生|发\s*生|开\s*出|发\s*出|共\s*计|合\s*计|\d")
FEE_NONE = re.compile(r"(?:未|不|没\s*有|无)\s*(?:[向对][^。，,]{0,10})?(?:任\s*何|进\s*行)?收\s*费|(?:没\s*有|未)\s*因[^。，,；;]{0,12}?收\s*取|未\s*有\s*收\s*取|没\s*有[^。，,；;]{0,12}?收\s*费[^。，,；;]{0,6}?发\s*生|(?:没\s*有|无|未)\s*任\s*何[^。，,；;]{0,10}?收\s*费|未\s*(?:[向对][^。，,]{0,10})?(?:收\s*取|产\s*生|发\s*生|开\s*具|发\s*出)|没\s*有\s*(?:收\s*取|产\s*生|发\s*生)|无\s*(?:收\s*取|收费)|不\s*收\s*取|免\s*收|(?:为|计|收取[^。]{0,12}费)\s*(?:0|零)\s*(?:元|万元|件)?(?![\d.])")
FEE_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:万元|元)|(?:开出|发出)[^。]{0,10}?收费通知[^。]{0,6}?(\d+)\s*[件份次]")


#: What stands between 电话 and its number: 号码, 是/为, a colon; and a fax sharing the label
#: (电话、传真：, 电话/传真：, 电话及传真：, 电话（传真）：), whose number is the telephone's too.
_PHONE_LEAD = re.compile(r"\s*+(?:(?:[、/／,，]|和|及|与|或)\s*+(?:传\s*+真|[Ff][Aa][Xx])|[（(]\s*+传\s*+真\s*+[)）])?"
                         r"\s*+(?:号码)?\s*+(?:是|为)?\s*+[:：|]?\s*+")
_PHONE_NOT_NUMBER = re.compile(r"\s*[:：]\s*\S")
#: What a page writes after 电话： for a number it leaves out (電話：略): no number given, not a
#: malformed one (GAO501 asks for a contact if nothing else is given).
_NO_NUMBER = frozenset({"略", "无", "暂无", "空", "不详", "—", "——", "－", "-", "/", "／"})
_PHONE_BAD = re.compile(r"\s*[:：]\s*([^\s，,。；;)）]{1,20})")
#: What stands between an e-mail key and its address: 电子邮箱：…, 邮箱地址为…, 发送电子邮件至….
#: An address in brackets (电子邮箱：(…@….cn)) is the address.
_EMAIL_LEAD = re.compile(r"\s*+(?:地\s*+址)?\s*+(?:[:：为是|]|(?:发\s*+送\s*+)?[至到])?\s*+(?:[(（]\s*+)?")
#: An e-mail address ends at a Chinese character too (…＠163.com一、概述: a heading run on).
_EMAIL_VALUE = re.compile(r"[^\s，,。；;)）\u3400-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z]")
_DOMAIN_AFTER_STOP = re.compile(r"。(?:com|cn|net|org|gov)\b", re.IGNORECASE)
#: An address ends at a line's end too (…1506室 / blank line / 电话:…).
_ADDRESS_VALUE = re.compile(r"[^，,。；;)）|\n]{4,60}")
#: …and at the next contact field run on after it (…7楼邮 编：350400电 话：…).
_NEXT_CONTACT_FIELD = re.compile(r"邮\s*+政?\s*+编|电\s*+话|传\s*+真|电\s*+子\s*+邮|邮\s*+箱|E-?mail", re.IGNORECASE)
_TITLE_QUOTE = re.compile(r"《[^》]*》")
_WEB_ADDRESS = re.compile(r"^\s*+(?:https?:|www\.)", re.IGNORECASE)  # ^: only ever matched
_LISTING = re.compile(r"(?:由|包括|组成|部分)")

_SENTENCE_STOP = re.compile(r"[。；;!?！？\n]")


class Prose:
    """The report's prose joined into one string, with a map back to lines.

    Lines are joined with ``separator`` (a newline, which ends a sentence), except after the
    lines in ``soft``: breaks a fixed width made in mid-sentence (parse/wraps.py), joined with
    nothing, so that ``收取信息处理费2600`` / ``元`` reads as one amount. The PDF reader has
    already joined the lines a paragraph wraps over."""

    def __init__(self, lines: list[Line], separator: str, soft: set[int] | frozenset[int] = frozenset()) -> None:
        self.lines = lines
        self.starts: list[int] = []
        parts = []
        offset = 0
        last = len(lines) - 1
        for index, line in enumerate(lines):
            self.starts.append(offset)
            text = line.text
            if index in soft:
                text = text.rstrip()
            elif index < last:
                text += separator
            parts.append(text)
            offset += len(text)
        self.text = "".join(parts)
        self._stops: list[int] | None = None

    def location(self, start: int, end: int | None = None) -> Location:
        if not self.lines:
            return Location(1)
        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        line = self.lines[index]
        local = start - self.starts[index]
        local_end = None
        if end is not None:
            local_end = min(end - self.starts[index], len(line.text))
        return line.location_of(local, local_end if local_end and local_end > local else None)

    def stops(self) -> list[int]:
        """The offsets of the characters that end a sentence (。；;!?！？ and newlines), found
        once per text and shared by find_fee_statements and narrative.find_figures."""
        if self._stops is None:
            self._stops = [m.start() for m in _SENTENCE_STOP.finditer(self.text)]
        return self._stops

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end): bounded by 。；! ? or a newline."""
        # The stops are found once and bisected: scanning back from every fee word was
        # quadratic on long text without punctuation (PDF prose has no newlines).
        stops = self.stops()
        before = bisect.bisect_left(stops, start)
        left = stops[before - 1] + 1 if before else 0
        after = bisect.bisect_left(stops, end)
        right = stops[after] + 1 if after < len(stops) else len(self.text)
        return left, right


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _numeric_dates(found: re.Match[str]) -> tuple[date, date] | None:
    """Both dates of a ``PERIOD_NUMERIC_RANGE`` match, or None when either is no real date
    (2022.13.45 is a number, not a period)."""
    start = _date(found.group(1), found.group(3), found.group(4))
    end = _date(found.group(5) or found.group(1), found.group(6), found.group(7))
    return (start, end) if start and end else None




def _title_pattern() -> re.Pattern[str]:
    """The title pattern, with the endings listed in rules/common.yaml (年度报告, 年报, …) and an optional 的
    (……政府信息公开工作的年度报告), or with the year after the work (……政府信息公开工作2023年度报告)."""
    global _TITLE_FROM_DATA
    if _TITLE_FROM_DATA is None:
        from ..format_data import spaced
        from ..formats import load_common

        endings = "|".join(spaced(e).replace(r"\s*", r"\s*+") for e in sorted(load_common().title_endings, key=len, reverse=True))
        _TITLE_FROM_DATA = re.compile(
            # (the words between the year and the work stay in one sentence: not 2023年12月31日止。本年报在…)
            r"(\d{4})\s*+年\s*+度?\s*+[^。；;“”\n]{0,30}?(?:政\s*+府\s*+)?(?:信?\s*+息?|政\s*+务)\s*+公\s*+开\s*+(?:工\s*+作\s*+)?"
            # (……政府信息公开工作情况报告, ……政务公开工作情况的报告)
            r"(?:情\s*+况\s*+)?(?:的\s*+)?(?:" + endings + r")|(\d{4})\s*+年\s*+度\s*+政\s*+府\s*+信\s*+息\s*+公\s*+开"
            # the year after the work: 某局政府信息公开工作2023年度报告
            r"|政\s*+府\s*+信\s*+息\s*+公\s*+开\s*+(?:工\s*+作\s*+)?(\d{4})\s*+年\s*+度?\s*+(?:报\s*+告|年\s*+报)"
            # or in brackets at the end: 某局政府信息公开报告(2016年)
            r"|政\s*+府\s*+信\s*+息\s*+公\s*+开\s*+(?:工\s*+作\s*+)?(?:年\s*+度\s*+)?报\s*+告\s*+[(（]\s*+(\d{4})\s*+年\s*+度?\s*+[)）]"
            # or a year that lost its 年, the work right after it: 某县2020政府信息公开工作年度报告
            r"|(?<!\d)((?:19|20)\d{2})\s*+政\s*+府\s*+信\s*+息\s*+公\s*+开\s*+(?:工\s*+作\s*+)?(?:年\s*+度\s*+)?(?:报\s*+告|年\s*+报)"
        )
    return _TITLE_FROM_DATA


def _title_year(match: re.Match[str]) -> int:
    """The year a match of ``_title_pattern`` names, in whichever of its forms."""
    return int(match.group(1) or match.group(2) or match.group(3) or match.group(4) or match.group(5))


_TITLE_FROM_DATA: re.Pattern[str] | None = None
#: A quoted title (《…》): the notice a report cites is not the report.
_QUOTED = re.compile(r"《[^《》\n]{0,200}》")


def opening_phrases(lines: list[Line]) -> list[str]:
    """The report phrases of rules/common.yaml (``report_evidence``) found in the first screen
    of text, outside cited titles (except the regulation's, which is always cited in 《》)."""
    from ..formats import load_common

    text = "\n".join(_first_screen_text(lines))[:TITLE_CHARS]
    masked = mask_quotes(text)
    found: list[str] = []
    for word in load_common().evidence:
        source = text if word.endswith("条例") else masked
        if word in source and word not in found:
            found.append(word)
    return found


def announcement_phrases(lines: list[Line]) -> list[str]:
    """The words of rules/common.yaml ``announcement_words`` (附件, 详见附件, 点击下载 …) found in
    the first screen of text: a page that only announces a report is shorter than that."""
    from ..formats import load_common

    text = "\n".join(_first_screen_text(lines))
    return [word for word in load_common().announcement_words if word in text]


def _first_screen_text(lines: list[Line]) -> list[str]:
    shown, size = [], 0
    for line in lines:
        if line.text.strip():
            shown.append(line.text)
            size += len(line.text)
            if size >= TITLE_CHARS:
                break
    return shown


def mask_quotes(text: str) -> str:
    """``text`` with everything inside 《…》 replaced by a neutral character, same length (so
    offsets still map to the line): a cited notice's title and issuer are not the report's.
    A quoted title that is itself an annual report's (ends 年度报告/年报, no 关于) is kept."""
    if "《" not in text:
        return text
    return _QUOTED.sub(_mask_quote, text)


def _mask_quote(match: re.Match[str]) -> str:
    inside = match.group(0)[1:-1].strip()
    if inside.endswith(("年度报告", "年报")) and "关于" not in inside:
        return match.group(0)  # 现将《青山县2012年政府信息公开工作年度报告》予以公布: the report itself
    return "《" + "〇" * (len(match.group(0)) - 2) + "》"


@functools.cache
def _link_line() -> tuple[re.Pattern[str], frozenset[str]]:
    """The start of a line linking to another page a site prints around a report (上一篇：…2011年…
    年度报告): never the title; and the first characters of its words. The words are data
    (rules/common.yaml, ``title.links``)."""
    from ..format_data import alternatives
    from ..formats import load_common

    words = load_common().title_links
    pattern = re.compile(r"\s*+(?:" + alternatives(words).pattern + r")\s*+[:：]?\s*+")
    return pattern, frozenset(word[0] for word in words if word)


def _links_to(text: str) -> re.Match[str] | None:
    """The link words opening ``text`` (a non-blank line of at most ``LINK_CHARS``), if it
    links to another page; tested first by its first character, most lines being none."""
    link, starts = _link_line()
    if text[0] not in starts and not text[0].isspace() or len(text) > LINK_CHARS:
        return None
    return link.match(text)


@functools.cache
def _title_label() -> re.Pattern[str]:
    """A label before a title (标题：…, 名 称: …, rules/common.yaml ``title.labels``), also in a
    metadata table's cell (``| 标题: |``, ``标 题 | …``), blanks alone after it (``标   题 …``) or
    nothing (公报标题某局…: no title opens with these words): not the title's text, nor the agency's."""
    from ..format_data import spaced
    from ..formats import load_common

    labels = "|".join(spaced(label).replace(r"\s*", r"\s*+") for label in
                      sorted(load_common().title_labels, key=len, reverse=True))
    return re.compile(r"[|\s]*+(?:" + labels + r")(?:\s*+[:：]\s*+\|?|\s*+\||\s++)?+\s*+")


#: A link line is one title long: a longer line that starts like one is a crawled page's text.
LINK_CHARS = 120


def _first_screen(lines: list[Line], most: int = TITLE_LINES, chars: int = TITLE_CHARS) -> list[Line]:
    head: list[Line] = []
    size = 0
    bare_link = False
    for line in lines:
        if not line.text.strip():
            continue
        found = _links_to(line.text)  # not a crawled page's one line, that may start the same way
        if found or bare_link:
            # 上一篇： on a line of its own links the title on the next line
            bare_link = bool(found) and found.end() == len(line.text.rstrip())
            continue
        head.append(line)
        size += len(line.text)
        if len(head) >= most or size >= chars:
            break
    return head


#: A line of the report's body: one holding a sentence (a stop, or a long run of text).
BODY_SENTENCE = re.compile(r"[。；;]|[\u4e00-\u9fff，,、]{30}")
#: How many first screens a page's menus and lists may fill before the report's body begins.
LONG_SCREEN = 6


def _screen_to_body(lines: list[Line]) -> list[Line]:
    """The first screen stretched over a site's long menus and lists to the body's first
    sentence (and the line after it), at most ``LONG_SCREEN`` screens."""
    head = _first_screen(lines, TITLE_LINES * LONG_SCREEN, TITLE_CHARS * LONG_SCREEN)
    body = next((index for index, line in enumerate(head) if BODY_SENTENCE.search(line.text)), None)
    return head if body is None else head[: body + 2]


def find_title(lines: list[Line]) -> tuple[str, Location | None, int | None]:
    """The title (joined when it wraps over two lines) and the year it names.

    Looked for in the first screen of text, not only the first lines; a title inside 《》 is a
    cited document (关于做好2012年政府信息公开工作年度报告……的通知), never the report's.
    When the first screen holds the titles of other reports too (a site's sidebar, a
    "related reports" list, a breadcrumb), the one the body confirms is the report's
    (``title_choice.choose``)."""
    head = _first_screen(lines)
    candidates = title_candidates(head)
    if not any(BODY_SENTENCE.search(line.text) for line in head):
        head = _screen_to_body(lines)  # menus and lists fill the first screen: the title may be below
        candidates = title_candidates(head)
    if len(candidates) == 1:
        return _unlabelled(_unlisted(candidates[0].text).strip()), candidates[0].location, candidates[0].year
    # No title line: the opening sentence often names the report (现向社会公开…年度报告), and a
    # crawled page's one line names it after the site's breadcrumb.
    # Among several title lines, the body's first lines may name the report's own (a crawled
    # page's one line after a list of other reports).
    inline = inline_candidates(head, candidates[-1].last + 1, 2) if candidates else inline_candidates(head)
    if not candidates and not inline:
        return "", None, None
    chosen = candidates[0] if candidates else inline[0]
    if len(candidates) + len(inline) > 1:
        from .title_choice import choose

        chosen = choose(candidates + inline, head, lines)
    if chosen.inline and (candidates or chosen is not inline[0]):
        return chosen.agency + chosen.text, chosen.location, chosen.year  # its agency, not the first title's
    return _unlabelled(_unlisted(chosen.text).strip()), chosen.location, chosen.year


def _unlabelled(title: str) -> str:
    """The title without a page's label before it (标题：…, 名 称: …, a metadata table's
    ``| 标题: | … | ||``) and the table's pipes after it; the label is not the agency's name."""
    label = _title_label().match(title)
    if label:
        title = title[label.end():]
        # (名 称: …工作报告 发布日期: 2025年01月08日: the page's next field on the same line)
        field = _site_date_line().search(title)
        if field and _title_pattern().search(title, 0, field.start()):
            title = title[: field.start()].rstrip()
    return title.strip("| ") if "|" in title else title


class TitleCandidate(Value):
    """A line (or two) of the first screen that reads as a report's title: its text, where it
    is, the year it names, the first and last of its lines (indexes into the first screen),
    and whether a list's bullet or number stands before it (· 1. 【2023-01-20】). A title named
    inside a longer line (``inline_candidates``) also has the agency written just before it
    (as written) and where in its line it ends.

    A slotted record (model.Value), not a ``typing.NamedTuple``: ``typing`` costs every
    pre-commit run ~3 ms to import (tests/test_startup.py keeps it off the path)."""

    __slots__ = ("text", "location", "year", "first", "last", "listed", "inline", "agency", "end")

    def __init__(self, text: str, location: Location, year: int, first: int, last: int, listed: bool,
                 inline: bool = False, agency: str = "", end: int = -1) -> None:
        self.text = text
        self.location = location
        self.year = year
        self.first = first
        self.last = last
        self.listed = listed
        self.inline = inline
        self.agency = agency
        self.end = end


#: What a site prints before each entry of a list of links: a bullet, a number (1. 2、 3）),
#: or the entry's date (【2023-01-20】, 2023-01-20). A report's own title has none of them.
_LIST_MARK = re.compile(
    r"[·•●○■□◆◇▪▸▶►*+>\-](?!\d)|\d{1,2}\s*+[.、)）](?!\d)|[\[【(（]?\d{4}[-./]\d{1,2}[-./]\d{1,2}(?!\d)"
)


#: An alias in brackets between an agency's name and the title it opens, with what trails it:
#: 佛山市税务局(以下简称“…”,下文类同)2021年…: the name is before it, whatever commas it holds.
_ALIAS_AT_END = re.compile(r"[(（][^()（）]{0,40}+[)）]$")


def _before_title(text: str) -> str:
    """The text before a title, without trailing blanks and the alias that may end it."""
    return _ALIAS_AT_END.sub("", text.rstrip()).rstrip()


#: What stands between a breadcrumb's or a list's words and the agency before a title.
_BEFORE_AGENCY = re.compile(r"公开|公布|发布|印发|现将|《|》|[,，。:：;；>\s]")


def inline_candidates(head: list[Line], start: int = 0, count: int = 4) -> list[TitleCandidate]:
    """The titles named inside ``count`` lines of the first screen from ``start``, in order: an
    opening sentence's (现向社会公开…年度报告), or those of a crawled page's one line (a
    相关链接 list, the breadcrumb's own title), each with the agency written just before it."""
    title = _title_pattern()
    found: list[TitleCandidate] = []
    for position in range(start, min(start + count, len(head))):
        line = head[position]
        masked = mask_quotes(line.text[:TITLE_CHARS])
        for match in title.finditer(masked):
            before = _BEFORE_AGENCY.split(_before_title(masked[max(0, match.start() - 60) : match.start()]))[-1].strip()
            agency = before if len(before) >= 2 and _AGENCY_LINE.match(before) else ""
            found.append(TitleCandidate(match.group(0), line.location_of(match.start(), match.end()),
                                        _title_year(match), position, position, False,
                                        True, agency, match.end()))
    return found


#: The end of an agency's name a title may wrap before (青禾县甲街道 / 办事处2025年…).
_NAME_ENDS = ("办事处", "人民政府", "委员会", "管理委员会", "管委会", "办公室")
#: A line above a title opening 政府信息… that is its agency (宝坻区消防救援支队 / 政府信息公开工作
#: 2025年度报告), not a page's menu.
_UNIT_END = re.compile(r"(?:[省市区县旗州盟镇乡]|街道|局|委|办|厅|署|中心|支队|大队|队|站|所|馆|院)$")


def _page_field(text: str) -> bool:
    """Does ``text`` hold one of a page's metadata fields (rules/common.yaml ``title.fields``)?"""
    from ..formats import load_common

    return any(field in text for field in load_common().title_fields)


#: A line set with its letters spaced out (青 禾 县 … 2 0 2 3 年 …), as text copied from a PDF
#: keeps a letter-spaced title, and a year whose digits alone are spaced (2 0 2 3 年).
_SPACED_OUT = re.compile(r"(?:\S )++\S")
_SPACED_YEAR = re.compile(r"(?<!\d)\d(?: \d){3}(?= ?年)")


_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")
#: A sentence that goes on after the report it names (…年度报告。本报告中所列数据…).
_SENTENCE_GOES_ON = re.compile(r"[。，,；;]\s*+\S")


def _sentence_goes_on(text: str, match: re.Match[str]) -> bool:
    """Whether the report ``match`` names in ``text`` is named by a sentence that goes on (…报告
    如下, …年度报告。本报告…): the opening sentence, not a title line."""
    return text.startswith("如下", match.end()) or _SENTENCE_GOES_ON.match(text, match.end()) is not None


def _closed_up(text: str) -> str:
    """``text`` with the spaces of a letter-spaced line, or of a spaced-out year, taken out."""
    if " " not in text:
        return text
    if len(text) >= 13 and _SPACED_OUT.fullmatch(text):
        return text.replace(" ", "")
    return _SPACED_YEAR.sub(lambda year: year.group(0).replace(" ", ""), text)


def title_candidates(head: list[Line]) -> list[TitleCandidate]:
    """Every title in the first screen, in order (the first is the report's unless the body
    says otherwise): a short line naming an annual report, a title cut by the page's width
    (…工作年度报 / 告), or one whose agency stands on the line above."""
    from ..formats import load_common

    about_making_reports = load_common().about_making_reports
    title = _title_pattern()
    found: list[TitleCandidate] = []
    position = 0
    while position < len(head):
        line = head[position]
        if found and BODY_SENTENCE.search(line.text):
            break  # the body has begun below a title: its short lines are its own
        text = _closed_up(line.text.strip().lstrip("#").strip())
        if len(text) > 60 or ("年" not in text and not _YEAR_DIGITS.search(text)) or _page_field(text):
            # (every title names its year: 2023年…, or 2020 that lost its 年)
            position += 1
            continue
        listed = bool(_LIST_MARK.match(text))
        text = mask_quotes(text)
        match = title.search(text)
        if match and match.start() < 30 and about_making_reports(text):
            position += 1  # 关于做好…年度报告编制发布工作的通知: a notice's headline, not a title
            continue
        if match and _sentence_goes_on(text, match):
            position += 1  # 现将我局2014年…情况报告如下 / 现公布我乡2023年…年度报告。本报告…: the opening sentence
            continue
        if match and match.start() < 30:
            year = _title_year(match)
            above = head[position - 1].text.strip() if position else ""
            wrapped = (text.startswith(_NAME_ENDS) and not _AGENCY_SUFFIX.search(above)) or (
                text.startswith("政府信息") and _UNIT_END.search(above) is not None)
            if wrapped and _AGENCY_LINE.match(above) and (not found or found[-1].last < position - 1):
                # 青禾县甲街道 / 办事处2025年…: a title wrapped inside its agency's name
                found.append(TitleCandidate(above + text, head[position - 1].whole(), year, position - 1, position, listed))
            else:
                found.append(TitleCandidate(text, line.whole(), year, position, position, listed))
            position += 1
            continue
        if position + 1 < len(head) and "年" in text:
            # a title cut by the page's width: …工作年度报 / 告 (text copied from a PDF)
            rest = head[position + 1].text.strip()
            joined = text + rest
            match = title.search(joined) if len(rest) <= 8 else None
            if match and match.start() < 30 and match.end() > len(text):
                found.append(TitleCandidate(joined, line.whole(), _title_year(match),
                                            position, position + 1, listed))
                position += 2
                continue
        squeezed = text.replace(" ", "")
        if ("年度报告" in squeezed or squeezed.endswith("年报")) and position > 0 and (not found or found[-1].last < position - 1):
            before = mask_quotes(head[position - 1].text.strip().lstrip("#").strip())
            if _page_field(before):
                position += 1
                continue
            joined = before + text
            match = title.search(joined)
            if match and len(before) < 40:
                found.append(TitleCandidate(joined, head[position - 1].whole(), _title_year(match),
                                            position - 1, position, listed))
        position += 1
    return found


#: How far above the end a page's list of other reports is looked for.
TAIL_LINES = 40


def report_end(lines: list[Line]) -> int:
    """Where the report ends and the page's links below it begin: the first of the last
    ``TAIL_LINES`` lines, below a sentence of the report, that links to another page (上一篇：…,
    相关报告, rules/common.yaml ``title.links``) or starts a run of two report titles by
    themselves (a list). The dates and names of that list are not the report's signature."""
    start = max(0, len(lines) - TAIL_LINES)
    previous_title = in_body = False
    for index in range(start, len(lines)):
        text = lines[index].text.strip()
        if not text:
            continue
        if not in_body:
            in_body = "。" in text
            continue
        link = _links_to(text)
        if link and (link.end() == len(text) or ":" in link.group(0) or "：" in link.group(0)):
            return index  # 上一篇：…, 相关报告 — not a sentence that starts 相关信息…
        is_title = len(text) <= LINK_CHARS and "年" in text and _title_line(_unlisted(text))
        if is_title and previous_title:
            return _previous_filled(lines, index)
        previous_title = is_title
    return len(lines)


def _unlisted(text: str) -> str:
    """``text`` without the list's bullet, number or date before it."""
    mark = _LIST_MARK.match(text)
    return text[mark.end() :] if mark else text


def _previous_filled(lines: list[Line], index: int) -> int:
    """The index of the last non-blank line before ``index``."""
    index -= 1
    while index > 0 and not lines[index].text.strip():
        index -= 1
    return index


def _title_line(text: str) -> bool:
    """A line that is a report's title by itself, as ``title_candidates`` reads one."""
    text = text.strip().lstrip("#").strip()
    masked = mask_quotes(text)
    match = _title_pattern().search(masked) if len(text) <= 60 else None
    return match is not None and match.start() < 30 and not _sentence_goes_on(masked, match)


def listed_titles(lines: list[Line]) -> list[str]:
    """Every line of the first screen that is a report's title by itself (a short line naming
    an annual report, outside 《》), distinct, in order: one on a report, many on a site's
    list of reports."""
    title = _title_pattern()
    found: list[str] = []
    for line in _first_screen(lines):
        text = line.text.strip().lstrip("#").strip()
        if len(text) > 60:
            continue
        match = title.search(mask_quotes(text))
        if (match and match.start() < 30 and not _SENTENCE_MARK.search(text, 0, match.start())
                and not _WORDS_AFTER_TITLE.search(text, match.end()) and text not in found):
            found.append(text)
    return found


#: Before a title by itself only its agency's name; after it at most a date (2025-01-20,
#: 2025.01.20), never more words or a file name's extension (…工作年报.docx).
_SENTENCE_MARK = re.compile(r"[，,。；;：:《》“”]")
_WORDS_AFTER_TITLE = re.compile(r"[\u3400-\u9fff]|\.[A-Za-z]{2,4}\b")


_AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}$")


def _zone_endings() -> tuple[str, ...]:
    """Areas run by a 管委会, not a people's government (rules/common.yaml, kind ``zone``): a
    bare name stays as it is."""
    from ..formats import load_common

    return load_common().zone_endings()


def normalise_agency(name: str) -> str:
    """One spelling per agency: 昆山市 / 昆山市政府 → 昆山市人民政府; departments keep their
    full names (淮安市洪泽区教育局). Traditional text was folded to Simplified before parsing."""
    from ..formats import load_common

    common = load_common()
    name = re.sub(r"\s+", "", name).strip("《》“”\"'()（）:：,，、.。")
    # 贵阳市人民政府（市人民政府办公厅）: the bracketed alias after the name (or its opening
    # bracket alone, the rest cut off) is not part of it.
    name = re.sub(r"[(（][^)）]*[)）]?$", "", name) or name
    name = re.sub(r"^(?:关于|中共)", "", name)
    name = re.sub(r"(?:关于|的)$", "", name)
    # 由武进区湖塘镇人民政府编制 / 现将嘉兴市国资委: the opening sentence's words around the name.
    name = next((name[len(w):] for w in common.agency_before if name.startswith(w) and len(name) > len(w) + 1), name)
    name = next((name[: -len(w)] for w in common.agency_after if name.endswith(w) and len(name) > len(w) + 1), name)
    for word in common.agency_sentence:  # (依法按时完成青禾街道, 实际工作情况特: the sentence before the name)
        if word in name:
            name = name.rsplit(word, 1)[1].lstrip("，,。；;：:、")
    if len(name) < 2:
        return ""
    if name in common.agency_pronouns or name in common.agency_before:
        return ""  # 我局, 本单位, 现将: no name written
    if "各" in name and _AREA.search(name.split("各", 1)[0]):
        # 兰考县各乡镇、各部门等 (the reports a county's own is compiled from): the area's own
        name = name.split("各", 1)[0]
    if name.endswith("人民"):
        name += "政府"
    elif name.endswith("政府") and not name.endswith("人民政府"):
        name = name[: -len("政府")] + "人民政府"
    if name.endswith("街道") and len(name) > 2:
        return name + "办事处"
    if _AREA.search(name) and not name.endswith(_zone_endings()) and "海关" not in name and len(name) >= 2:
        name += "人民政府"
    return name


def agency_from_title(title: str, lines: list[Line] | None = None) -> str:
    """The agency a title names (2025年昆山市政府信息公开工作年度报告 → 昆山市人民政府).

    When the title names none and ``lines`` are given, the agency printed on the line above the
    title or in the opening sentence (现向社会公开昆山市人民政府2025年…年度报告) is used."""
    label = _title_label().match(title)  # 标题：青禾县人民政府2012年…: a crawler's or a page's label
    text = re.sub(r"\s+", "", mask_quotes(title[label.end() :] if label else title))
    # XX县人民政府办公室关于印发XX县2012年…年度报告的通知: the report's agency follows 印发.
    issuer = ""
    released = re.match(r"^(.*?)关于(?:印发|公布|发布)", text)
    if released:
        issuer, text = released.group(1), text[released.end() :]
        issuer = re.sub(r"(?<=人民政府)办公[室厅]$", "", issuer)
    text = re.sub(r"^.*?公开(?=[^公开]*\d{4}年)", "", text) if "现向社会公开" in text else text
    text = re.sub(r"\d{4}(?:年度?)?", "", text)
    text = re.sub(r"(?:海关)?(?:政府|政务)?信?息?公开(?:工作)?(?:情况)?(?:的)?(?:年度?)?报告.*$", "", text)
    text = re.sub(r"(?:海关)?(?:政府|政务)?信息公开.*$", "", text)
    text = text.strip("《》“”\"'()（）:：,，、 ")
    if "〇〇" in text or "《" in text:  # what is left of a cited notice: not an agency name
        text = re.split(r"[《》]", text)[-1] if "》" in text else ""
    if text.endswith("人民"):  # 昆山市人民政府信息公开…: the 政府 went with 政府信息公开
        text += "政府"
    if len(text) >= 2:
        return normalise_agency(text)
    if len(issuer) >= 2:
        return normalise_agency(issuer)
    if not lines:
        return ""
    head = _first_screen(lines)
    title_pattern = _title_pattern()
    for position, line in enumerate(head):
        masked = mask_quotes(line.text[:TITLE_CHARS])
        match = title_pattern.search(masked)
        if not match:
            continue
        before = re.split(r"公开|公布|发布|印发|《|》|[,，。:：;；\s]", _before_title(masked[: match.start()]))[-1].strip()
        if before and _title_line(line.text):
            continue  # another report's title by itself (a sidebar's, a list's): the report's names no agency
        if len(before) >= 2 and _AGENCY_LINE.match(before) and before not in ("人民政府", "政府", "年报"):
            return normalise_agency(before)
        if not before and position > 0:
            above = head[position - 1].text.strip().lstrip("#").strip()
            if _AGENCY_LINE.match(above) and (_AGENCY_SUFFIX.search(above) or _AREA.search(above)):
                return normalise_agency(above)
    return ""


def agency_from_signature(lines: list[Line]) -> str:
    """The signing agency printed above the date at the end of the report; a government's
    report is signed by its 办公室, which stands for the government here."""
    for line in reversed(lines[: report_end(lines)][-8:]):
        text = line.text.strip()
        if (2 <= len(text) <= 30 and _AGENCY_SUFFIX.search(text) and not DATE.search(text)
                and _AGENCY_LINE.match(text.replace(" ", ""))):  # (not 技术支持：…中心, a page's footer)
            name = text
            if name.endswith(("人民政府办公室", "政府办公室", "人民政府办公厅", "政府办公厅", "管委会办公室")):
                name = name[: -len("办公室")]
            return normalise_agency(name)
    return ""


#: The compiler the opening names: 本报告由临溪县人民政府办公室根据…编制 / 由…编制 / 由…负责编制
#: (not 由党政办负责政府信息公开工作: who does the work, not who wrote the report).
_COMPILED_BY = re.compile(
    r"由\s*+([\u4e00-\u9fff（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|政府办公室|管委会办公室|人民政府|办公室|办公厅|"
    r"委员会|管委会|局|厅|委|办|中心))\s*+(?:根据|依据|按照|依照|编制|编写|汇总|(?:负责|牵头)\s*+(?:编制|编写|汇总))"
)


#: …，洋里乡人民政府编制了本报告: the compiler named before the verb, without 由.
_COMPILED_THIS = re.compile(
    r"(?:^|(?<=[，,。；;：:\s]))([\u4e00-\u9fff（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|政府办公室|管委会办公室|人民政府|"
    r"办公室|办公厅|委员会|管委会|局|厅|委|办|中心|街道办事处))\s*+(?:编制|编写)了?\s*+(?:本|此)\s*+(?:年度)?\s*+(?:报告|年报)"
)


def agency_from_opening(lines: list[Line]) -> str:
    """The agency the first screen names as the report's compiler (本报告由…编制), for a report
    whose title and signature name none; a government's 办公室 stands for the government."""
    text = mask_quotes("\n".join(_first_screen_text(lines))[:TITLE_CHARS])
    found = _COMPILED_BY.search(text) or _COMPILED_THIS.search(text)
    if not found:
        return ""
    name = found.group(1)
    if name.endswith(("人民政府办公室", "政府办公室", "人民政府办公厅", "管委会办公室")):
        name = name[: -len("办公室")] if name.endswith("办公室") else name[: -len("办公厅")]
    return normalise_agency(name)


#: The office a contact sentence sends readers to (请与剑阁县杨村镇人民政府党政办联系): the agency's
#: name, then the office's own words.
_CONTACT_AGENCY = re.compile(
    r"请\s*+(?:与|向)\s*+([\u4e00-\u9fff]{2,30}?(?:人民政府|管委会|街道办事处|委员会|局|厅|委))[\u4e00-\u9fff]{0,12}?\s*+联\s*+系"
)


def agency_from_contact(lines: list[Line]) -> str:
    """The agency a first screen's contact sentence names, for a report whose title, signature
    and opening name none; taken only when the report calls itself by that agency's kind
    (杨村镇人民政府 and 我镇, 某县财政局 and 本局). A department's report may send readers to the
    government's office; its 我局 then keeps the government's name off it."""
    text = "\n".join(_first_screen_text(lines))[:TITLE_CHARS]
    found = _CONTACT_AGENCY.search(text)
    if not found or found.group(1).startswith(("本", "我", "该")):
        return ""
    name = found.group(1)
    if name.endswith("人民政府"):
        kind = name[-5:-4]
    elif name.endswith("街道办事处"):
        kind = "街道"
    else:
        kind = "委" if name.endswith(("委员会", "管委会")) else name[-1]
    if not kind or not any(f"我{kind}" in line.text or f"本{kind}" in line.text for line in lines):
        return ""
    if name.endswith("人民政府") and any(_DEPARTMENT_SELF.search(line.text) for line in lines):
        return ""  # a department (我局) that names the government's office; its 我县 is the county
    return normalise_agency(name)


#: A department calling itself so: its report is not the government's it sends readers to.
_DEPARTMENT_SELF = re.compile(r"[我本](?:局|委|厅|办|单位)(?![长员会])")


def agency_kind(name: str) -> str:
    """The agency's kind from its name's ending, as rules/common.yaml lists them: "government"
    (a 人民政府, township ones included), "zone" (a 管委会 of a 开发区 / 综合实验区 / 试验区),
    "department" otherwise (街道办事处 included). It decides GAO108 and GAO204's deadline."""
    from ..formats import load_common

    return load_common().kind_of(name)


#: What a period statement holds when both its dates were lost (统计期限自至。) or when its dates
#: lost their 年/月/日 marks (2011111231, 201211-1231日, 019328): read only after a period key.
_PERIOD_LOST = re.compile(r"[为是:：\s]{0,3}(?:自|从|由)?\s*+(?:(?:起|开始|始)\s*+[,，]?\s*+)?(?:至|到|截至|截止|—|-|~)\s*+(?:止)?\s*+(?:[。；;,，\n]|$)")
#: A date whose 年 was lost before its month (20241月1日, 202412月31日), or whose 月 was lost
#: (2019年11日), or both with the spaces kept (2023 1 1 日, text from a PDF), is damaged too.
_PERIOD_DAMAGED = re.compile(
    # (the first date may be whole and the damage in the second: 自2024年1月1日起至202412月31日)
    r"[^。；;\n\d]{0,12}?(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]" + _HOUR + _RANGE_WORD + r")?(\d[\d\-－—~～.]{4,20}\d|\d{5,6}(?=\s*月)|\d{4}\s*年\s*\d{2,4}\s*日|\d{4}\s++\d{1,2}\s++\d{1,2}\s*+日)"
    r"(?!\s*(?:件|条|个|万|元|%|项|人|次|份))"
)


#: Periods stated in months (2012年1月至12月) or as a whole year (2012年度, 2012年全年).
_MONTH_RANGE = re.compile(
    r"(\d{4})\s*+年\s*+(\d{1,2})\s*+(?:月\s*+份?)?" + _RANGE_WORD + r"(?:(\d{4})\s*+年\s*+)?(\d{1,2})\s*+月(?!\s*+\d)"
)
_WHOLE_YEAR = re.compile(r"[均皆都]?[为是:：\s]{0,3}(\d{4})\s*+年\s*+(?:度|全年|1月1日至12月31日)(?!\s*+\d)")


def _month_end(year: int, month: int) -> date | None:
    try:
        following = date(year + (month == 12), month % 12 + 1, 1)
    except ValueError:
        return None
    return following - timedelta(days=1)


def _period_key() -> re.Pattern[str]:
    from ..formats import load_common

    return load_common().period_key


def _cutoff_word() -> re.Pattern[str]:
    from ..formats import load_common

    return load_common().cutoff_word


def find_period(prose: Prose) -> Period | None:
    """The first statement of the statistics period, with both dates when given.

    The words that introduce a period are data (rules/common.yaml, ``period.keys``): 统计期限,
    统计时限, 涵盖…至…期间, 所列数据自…起至…止, 时间跨度为… A cut-off date alone
    (统计期限截止2011年12月31日, ``period.cutoff``) gives a period with no start. A statement whose
    dates are lost or damaged gives a period with neither date and the damaged text; see
    ``period_damage``."""
    damaged: Period | None = None
    text = prose.text
    cutoff = _cutoff_word()
    for key in _period_key().finditer(text):
        window = text[key.start() : key.end() + 80]
        found = PERIOD_RANGE.search(window)
        if found:
            start = _date(found.group(1), found.group(2), found.group(3))
            end_year = found.group(4) or found.group(1)
            end = _date(end_year, found.group(5), found.group(6))
            offset = key.start() + found.start()
            return Period(start, end, found.group(0), prose.location(offset, key.start() + found.end()))
        to_end = PERIOD_TO_MONTH_END.search(window)
        if to_end:
            start = _date(to_end.group(1), to_end.group(2), to_end.group(3))
            end = _month_end(int(to_end.group(4) or to_end.group(1)), int(to_end.group(5) or 12))
            offset = key.start() + to_end.start()
            return Period(start, end, to_end.group(0), prose.location(offset, key.start() + to_end.end()))
        numeric = PERIOD_NUMERIC_RANGE.search(window)
        if numeric and (dates := _numeric_dates(numeric)):
            offset = key.start() + numeric.start()
            return Period(*dates, numeric.group(0), prose.location(offset, key.start() + numeric.end()))
        spelled = PERIOD_CHINESE_RANGE.search(window)
        if spelled:
            year, month, day, end_year, end_month, end_day = spelled.groups()
            start = _date(year, str(_month_or_day(month)), str(_month_or_day(day)))
            end = _date(end_year or year, str(_month_or_day(end_month)), str(_month_or_day(end_day)))
            offset = key.start() + spelled.start()
            return Period(start, end, spelled.group(0), prose.location(offset, key.start() + spelled.end()))
        months = _MONTH_RANGE.search(window)
        if months and not DATE.search(window, 0, months.start()):
            start = _date(months.group(1), months.group(2), "1")
            end = _month_end(int(months.group(3) or months.group(1)), int(months.group(4)))
            offset = key.start() + months.start()
            return Period(start, end, months.group(0), prose.location(offset, key.start() + months.end()))
        whole = _WHOLE_YEAR.match(window, key.end() - key.start())
        if whole:
            year = int(whole.group(1))
            offset = key.start() + whole.start(1)
            return Period(date(year, 1, 1), date(year, 12, 31), whole.group(0).strip("均皆都为是:： "),
                          prose.location(offset, key.start() + whole.end()))
        single = DATE.search(window)
        if single and cutoff.search(window[: single.start() + 1]):
            end = _date(*single.groups())
            offset = key.start() + single.start()
            return Period(None, end, single.group(0), prose.location(offset, key.start() + single.end()))
        if damaged is None:
            after = key.end() - key.start()
            lost = _PERIOD_LOST.match(window, after)
            broken = None if lost else _PERIOD_DAMAGED.match(window, after)
            if lost or broken:
                end_at = key.start() + (lost.end() if lost else broken.end(1))
                stated = text[key.start() : end_at].rstrip("。；;,，\n ")
                damaged = Period(None, None, stated, prose.location(key.start(), key.start() + len(stated)))
    return damaged


def body_year(lines: list[Line]) -> int | None:
    """The year the report's body gives: the statistics period's, else the year before the
    signing date (a report is signed early in the year after, by 30 September at the latest)."""
    period = find_period(Prose(lines, "\n"))
    if period is not None:
        day = period.end or period.start
        if day is not None:
            return day.year
    signed = find_signing_date(lines)
    if signed is not None:
        return signed.date.year - 1 if signed.date.month <= 9 else signed.date.year
    return None


def period_is_damaged(period: Period | None) -> bool:
    """A period statement was found but its dates could not be read."""
    return period is not None and period.damaged


def period_damage(period: Period | None, damage: list[Mention]) -> list[Mention]:
    """GAO003's mention for a period statement whose dates are lost or damaged, unless the
    damaged-date search already points at that line."""
    if not period_is_damaged(period):
        return []
    here = period.location
    end = here.end_column or here.column + len(period.text)
    for mention in damage:
        there = mention.location
        if mention.kind == "date" and there.line == here.line and here.column <= there.column < end:
            return []
    return [Mention("date", period.text, period.location)]


#: A date in Chinese numerals, as many official documents still sign: 二〇二三年一月十六日 (its year
#: is already 2023 here: the normaliser writes Chinese-numeral years in digits, same length),
#: also mixed with Arabic ones and with 元月 for January (2023年元月20日); ``DATE`` is tried first.
CHINESE_DATE = re.compile(_CN_DATE)
#: A signing date written with hyphens, dots or slashes (2023-01-16, 2023.1.16), only as a line
#: of its own: a page footer's "更新时间：2023-05-06" is the website's, not the report's.
_NUMERIC_SIGNATURE = re.compile(r"[（(]?\s*+(\d{4})\s*+[-./]\s*+(\d{1,2})\s*+[-./]\s*+(\d{1,2})\s*+[)）]?")


def _month_or_day(text: str) -> int:
    """A month or day as ``CHINESE_DATE`` and ``PERIOD_CHINESE_RANGE`` hold it: 12, 十二, 元 (January)."""
    if text.isdigit():
        return int(text)
    return 1 if text == "元" else _chinese_number(text)


def _chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十六 → 16, 二十 → 20, 三十一 → 31 (a month or a day)."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return int(text.translate(CHINESE_DIGITS))
    return int(tens.translate(CHINESE_DIGITS) or 1) * 10 + int(units.translate(CHINESE_DIGITS) or 0)


def _signing_date_in(text: str) -> tuple[date, re.Match[str]] | None:
    """The date a short closing line holds, in Arabic or Chinese numerals, or as a line of its own
    with hyphens, dots or slashes."""
    match = DATE.search(text)
    if match:
        day = _date(*match.groups())
        return (day, match) if day else None
    match = CHINESE_DATE.search(text)
    if match:
        day = _date(match.group(1), str(_month_or_day(match.group(2))), str(_month_or_day(match.group(3))))
        return (day, match) if day else None
    match = _NUMERIC_SIGNATURE.fullmatch(text)
    if match:
        day = _date(*match.groups())
        return (day, match) if day else None
    return None


def find_signing_date(lines: list[Line]) -> DateMention | None:
    """The date printed at the end of the report (the last short line holding a date), above
    any list of other reports the page prints below it (``report_end``) and above an annex
    (附件1：…情况统计表 and its rows, as 2008-format reports append their statistics). On a page
    saved as one line the agency and date close the last sentence's line: …便捷服务。 青禾县人民政府
    2013年1月16日 (``_closing_signature``)."""
    tail = lines[: report_end(lines)]
    found = _signing_date_above(tail[-10:])
    # Above each annex, the nearest first (附件2 may follow 附件1's table).
    for annex in range(len(tail) - 1, max(-1, len(tail) - ANNEX_LINES), -1):
        if found is not None:
            break
        if _ANNEX.match(tail[annex].text):
            found = _signing_date_above(tail[max(0, annex - 10) : annex])
    return found


#: How far up from the end an annex may start; what an annex opens with: 附件1：, 附表, 附：, or
#: the title of the statistics table 2008-format reports append (…政府信息公开情况统计表).
ANNEX_LINES = 80
_ANNEX = re.compile(r"\s*+(?:(?:附\s*+件|附\s*+表)\s*+[\d一二三四五六七八九十]{0,2}\s*+[:：、.．]?|附\s*+[:：]|[^。，,；;\n]{0,30}?统计表)")


def _signing_date_above(lines: list[Line]) -> DateMention | None:
    """The last short line of ``lines`` holding a date, or a signature closing their last line."""
    site = _site_date_line()
    last = True  # no filled line below this one
    for line in reversed(lines):
        text = line.text.strip()
        if not text:
            continue
        if len(text) > 40 or site.search(text):
            # A sentence, or the page's 发布日期：… (rules/common.yaml, ``site_dates``); the last
            # line may still close with the signature.
            closing = _closing_signature(line) if last else None
            if closing is not None:
                return closing
            last = False
            continue
        last = False
        found = _signing_date_in(text)
        if found:
            day, match = found
            shift = line.text.index(text)
            return DateMention(day, match.group(0), line.location_of(match.start() + shift, match.end() + shift))
    return None


#: What may follow a closing signature on its line: a few characters (附件下载, （此件公开发布）)
#: or an annex glued on (附件1：…统计表 …); not the rest of a sentence the date opens
#: (2026年3月5日前完成整改。, …起施行).
_AFTER_SIGNATURE = 12
_SENTENCE_GOES_ON = re.compile(r"[前后起止至以到开内]|[^。！？；，,]*+[。！？；，,]")


def _closing_signature(line: Line) -> DateMention | None:
    """An agency's name and a date after the last sentence of a long line (…。 青禾县人民政府
    2013年1月16日, …。 二○一四年一月十日 附件1：…): a page saved as one line, its signature run on.
    Before the date stands nothing or a short name ending as agencies' names end; after it,
    little that goes on with a sentence, or an annex."""
    text = line.text
    dates = [*DATE.finditer(text), *CHINESE_DATE.finditer(text)]
    for match in sorted(dates, key=lambda m: m.start(), reverse=True):
        after = text[match.end() :].strip()
        if after and not _ANNEX.match(after) and (len(after) > _AFTER_SIGNATURE or _SENTENCE_GOES_ON.match(after)):
            continue
        before = text[: match.start()]
        stop = max(before.rfind("。"), before.rfind("！"))
        name = before[stop + 1 :].strip()
        if stop < 0 or len(name) > 30 or (name and not _AGENCY_SUFFIX.search(name)):
            continue  # a sentence's words before the date (本报告自2026年1月20日起公开), not a name
        found = _signing_date_in(match.group(0))
        if found:
            return DateMention(found[0], match.group(0), line.location_of(match.start(), match.end()))
    return None


@functools.cache
def _site_date_line() -> re.Pattern[str]:
    """A label of the web page's own date or counter (发布日期：, 来源：), from rules/common.yaml."""
    from ..format_data import alternatives
    from ..formats import load_common

    return re.compile(r"(?:" + alternatives(load_common().site_dates).pattern + r")\s*+[:：]")


_TEXT = operator.attrgetter("text")


def find_damaged_dates(lines: list[Line]) -> list[Mention]:
    found: list[Mention] = []
    # Only lines holding _DAMAGED_HINT can hold a damaged date: find them with one search over
    # the joined text (a hint holds no newline, so it lies within one line) and read only those.
    texts = list(map(_TEXT, lines))
    joined = "\n".join(texts)
    starts = [0, *itertools.accumulate(map(operator.add, map(len, texts), itertools.repeat(1)))]
    position = 0
    while (hint := _DAMAGED_HINT.search(joined, position)) is not None:
        index = bisect.bisect_right(starts, hint.start()) - 1
        line = lines[index]
        position = starts[index] + len(line.text) + 1
        for match in DAMAGED_DATE.finditer(line.text):
            if (line.text[match.end() : match.end() + 1] not in ("日", "月")  # 20161231日 is a date
                    and _CONTACT_BEFORE.search(line.text, max(0, match.start() - 12), match.start())):
                continue  # digits ending a line after 邮编： or 电话：
            found.append(Mention("date", match.group(0), line.location_of(match.start(), match.end())))
    return found


_LONE_DIGITS = re.compile(r"\d{5,8}\s*日?")


def find_damaged_signature(lines: list[Line], damage: Sequence[Mention] = ()) -> list[Mention]:
    """A signing date that lost its 年/月/日 marks (and sometimes a digit: 019328 for
    2019年3月28日): a line of bare digits right below the signing agency at the end, unless
    ``damage`` already holds a date on that line."""
    tail = [line for line in lines[-8:] if line.text.strip()]
    for above, line in zip(tail, tail[1:]):
        text = line.text.strip()
        name = above.text.strip()
        if _LONE_DIGITS.fullmatch(text) and 2 <= len(name) <= 30 and _AGENCY_SUFFIX.search(name):
            if any(m.kind == "date" and m.location.line == line.location.line for m in damage):
                return []
            return [Mention("date", text, line.whole())]
    return []


def find_carryover_years(prose: Prose) -> list[tuple[int, Location]]:
    """Years named in 结转2026年度 phrases; phrases about last year's carry-over are skipped."""
    found = []
    for match in CARRYOVER_YEAR.finditer(prose.text):
        before = prose.text[max(0, match.start() - 12) : match.start()]
        if _CARRIED_IN.search(before):
            continue  # 上年结转 / 从2024年结转: applications carried in, not out
        if int(match.group(1)) - 1 in {int(year) for year in _YEAR_NAMED.findall(before)}:
            continue  # 2023年收到，结转至2024年作出答复 / 2024年底结转到2025年: from the year before
        found.append((int(match.group(1)), prose.location(match.start(), match.end())))
    return found


def _cut_short(number: str) -> bool:
    """A telephone number too short to be whole: with its area code (0…) under 10 digits, a
    mobile (1…) under 11, a local number under 7."""
    digits = sum(map(str.isdigit, number))
    first = next((ch for ch in number if ch.isdigit()), "")
    return digits < (10 if first == "0" else 11 if first == "1" else 7)


_NOT_BLANK = re.compile(r"\S+")
_COUNT_UNIT = re.compile(r"\s*+(?:件|条|个|次|人|余|万|通|起|项|宗)")
#: 联系方式：/联系方法： label a telephone number only when one follows (联系方式：0591-…): they
#: also open an address or a list (联系方式：地址…, 联系方式如下), which are no malformed number.
_CONTACT_WAY = re.compile(r"联\s*+系\s*+方\s*+[式法]\s*+[:：]\s*+")
#: Digits a number after 联系方式： needs to be taken for a telephone number (a landline without
#: its area code has 7); fewer, or a date or a count after them, are something else.
_CONTACT_WAY_DIGITS = 7
_DATE_OR_COUNT = re.compile(r"\s*+(?:年|月|日|号|件|条|个|次|人|余|万|通|起|项|宗)")


def _numbers_of(prose: Prose, kind: str, value: re.Match[str]) -> list[Mention]:
    """The telephone numbers a telephone value holds: one, or several parted by spaces when
    each part holds seven digits or more (``0471-5612345 5612346``: two numbers sharing the
    area code, not one malformed number; ``0471 5612345`` stays one)."""
    text = value.group(0).strip()
    parts = list(_NOT_BLANK.finditer(value.group(0)))
    if len(parts) < 2 or any(sum(map(str.isdigit, part.group(0))) < 7 for part in parts):
        return [Mention(kind, text, prose.location(value.start(), value.end()))]
    return [Mention(kind, part.group(0), prose.location(value.start() + part.start(), value.start() + part.end()))
            for part in parts]


def find_contacts(prose: Prose) -> list[Mention]:
    """Telephone numbers, e-mail addresses, postal addresses and postcodes."""
    found: list[Mention] = []
    text = prose.text
    for key in PHONE_KEY.finditer(text):
        after = text[key.end() : key.end() + 40]
        lead = _PHONE_LEAD.match(after)
        offset = key.end() + (lead.end() if lead else 0)
        value = PHONE_VALUE.match(text, offset)
        if (value is None or _cut_short(value.group(0))) and "\n" in text[offset : offset + 24]:
            wrapped = _PHONE_WRAPPED.match(text, offset)  # 0931 / -43323166: a text wrapped at a fixed width
            if wrapped and not _cut_short(wrapped.group(0)):
                value = wrapped
        kind = "fax" if "传" in key.group(0) else "phone"
        if value and _COUNT_UNIT.match(text, value.end()):
            continue  # 12345市民热线16038件: a count of calls, not a number to call
        if value:
            found += _numbers_of(prose, kind, value)
        elif kind == "phone" and _PHONE_NOT_NUMBER.match(after):
            # 电话：followed by something that is not a number at all.
            bad = _PHONE_BAD.match(after)
            if bad and bad.group(1).rstrip("。.") not in _NO_NUMBER:
                start = key.end() + bad.start(1)
                found.append(Mention("phone", bad.group(1), prose.location(start, start + len(bad.group(1)))))
    for key in _CONTACT_WAY.finditer(text):
        value = PHONE_VALUE.match(text, key.end())
        if (value and sum(map(str.isdigit, value.group(0))) >= _CONTACT_WAY_DIGITS
                and not _DATE_OR_COUNT.match(text, value.end())):
            found += _numbers_of(prose, "phone", value)
    known = {m.location for m in found}
    seen = SeenTexts(m.text for m in found)
    for match in ANY_PHONE.finditer(text):
        location = prose.location(match.start(), match.end())
        if location not in known and not (seen.has_inside(match.group(0)) or seen.has_around(match.group(0))):
            found.append(Mention("phone", match.group(0), location))
            seen.add(match.group(0))
    for key in EMAIL_KEY.finditer(text):
        after = text[key.end() : key.end() + 60]
        lead = _EMAIL_LEAD.match(after)
        start = key.end() + (lead.end() if lead else 0)
        value = _EMAIL_VALUE.match(text, start)  # no slice: linear
        if value and ("@" in value.group(0) or _LATIN.search(value.group(0))):
            # 163。com: a domain typed with a Chinese full stop is the address, malformed as written
            domain = _DOMAIN_AFTER_STOP.match(text, value.end()) if "@" in value.group(0) else None
            # (a half-width full stop after the address ends the sentence: …@163.com.)
            written = value.group(0) + domain.group(0) if domain else value.group(0).rstrip(".")
            found.append(Mention("email", written, prose.location(start, start + len(written))))
    emails = SeenEmails(m.text for m in found if m.kind == "email")
    for match in EMAIL.finditer(text) if "@" in text else ():
        if not emails.has_around(match.group(0)):
            found.append(Mention("email", match.group(0), prose.location(match.start(), match.end())))
            emails.add(match.group(0))
    for match in ADDRESS_KEY.finditer(text):
        value = _ADDRESS_VALUE.match(text, match.end())  # no slice: linear
        if value and not _WEB_ADDRESS.match(value.group(0)):  # 网站地址：http://…: no postal address
            written = value.group(0)
            field = _NEXT_CONTACT_FIELD.search(written, 1)
            written = written[: field.start()] if field else written
            if written.strip():
                found.append(Mention("address", written.strip(), prose.location(match.end(), match.end() + len(written))))
    for match in POSTCODE.finditer(text):
        found.append(Mention("postcode", match.group(1).strip(), prose.location(match.start(1), match.end(1))))
    return found


#: "No charge" said without naming the fee, after a cited 《…信息处理费管理办法》 names it.
_NO_CHARGING = re.compile(r"(?:未|没\s*+有|无)\s*+(?:发\s*+生|产\s*+生)?\s*+(?:任\s*+何)?\s*+收\s*+费|未\s*+收\s*+取")


def find_fee_statements(prose: Prose) -> list[Mention]:
    """Sentences saying whether 信息处理费 was charged: a fee word with a verb or a figure."""
    found: list[Mention] = []
    seen: set[int] = set()
    for match in FEE_SUBJECT.finditer(prose.text):
        left, right = prose.sentence(match.start(), match.end())
        if left in seen:
            continue
        sentence = prose.text[left:right]
        # Only a 《 before the last 》 can open a title: past it, each 《 would scan to the end.
        last = sentence.rfind("》")
        body = _TITLE_QUOTE.sub("", sentence[: last + 1]) + sentence[last + 1 :] if last >= 0 else sentence
        if not FEE_SUBJECT.search(body) and _NO_CHARGING.search(body):
            body = sentence  # 按照《…信息处理费管理办法》，本年度未发生收费情况: the title names the fee
        if "号" in body:  # a cited document's number (（闽财非税函〔2021〕1号）) is no figure
            body = _DOCUMENT_NUMBER.sub("", body)
        if not FEE_SUBJECT.search(body) or not FEE_VERB.search(body):
            continue
        if "事业性收费" in body and "处理费" not in body:
            continue  # 行政事业性收费 (table 2's fees) is not the information processing fee
        if (_LISTING.search(body) and "、" in body or _listed_item(prose.text, left, body)) and not FEE_NONE.search(body):
            continue  # "全文由…收费及减免情况…组成": a table of contents, not a statement
        seen.add(left)
        stripped = sentence.strip()
        start = left + sentence.index(stripped[0]) if stripped else left
        found.append(Mention("fee", stripped, prose.location(start, start + len(stripped))))
    return found


#: Where a sentence cut at semicolons began: the last full stop or line end before it.
_FULL_STOP = re.compile(r"[。!?！？\n][^。!?！？\n]*+$")


def _listed_item(text: str, left: int, body: str) -> bool:
    """Whether a sentence is one item of a list of contents in semicolons (本报告全文包括主动
    公开…的情况;…;政府信息公开收费及减免情况;…): an item with no figure, after a listing
    word (包括, 由…组成) and another semicolon earlier in the same full sentence."""
    if left == 0 or text[left - 1] not in ";；" or any(ch.isdigit() for ch in body):
        return False
    before = text[max(0, left - 300) : left - 1]
    stop = _FULL_STOP.search(before)
    opening = before[stop.start() + 1 :] if stop else before
    return _LISTING.search(opening) is not None and (";" in opening or "；" in opening)


#: A document number (〔2021〕1号, [2021]12号, （2021）3号): what a cited notice is filed under.
_DOCUMENT_NUMBER = re.compile(r"[〔\[［(（【]\s*+\d{4}\s*+[〕\]］)）】]\s*+\d{1,4}\s*+号")
#: A topic's heading run on into its statement (1.信息处理费收取情况：本年度未收取…): a heading
#: alone holds no colon, comma or full stop before its end.
_RUN_ON = re.compile(r"[：:，,；;]|。.")
#: An outline number opening a line (4. / （三） / 四、): no figure of a fee statement.
_OUTLINE_NUMBER = re.compile(r"^\s*+[(（]?[一二三四五六七八九十\d]{1,3}[)）]?[、.．]?")
#: What makes a sentence holding a ``fees.waivers`` word say whether fees were charged: a
#: negation (未收费, 没有减免, 均免费提供) or an amount or count (收取费用120元, 减免2件).
_WAIVER_VERB = re.compile(r"未|没有|无|不|均|全部|全都|一律|一概|都|免|零|\d\s*+(?:万元|元|件|次|笔)")
#: ``fees.waivers`` words that speak of something else than charging applicants: published
#: information about fees (价格和收费信息3条, 收费政策和收费标准等, 行政事业性收费), and
#: things handed out free (免费的政务公开手册, 免费发放宣传资料). Masked before a sentence is
#: asked whether it states the fees of the 2008 regulation; a sentence about tax relief
#: (``_TAX_RELIEF``: 办理减免税91件，减免金额21万元) states none of them.
_NOT_CHARGING = re.compile(
    r"(?:事业性|价格和?|服务性)收费|收费(?:信息|政策|目录|依据|公示|清单|许可)|收费标准(?=[等和及、])|"
    r"免费(?=的|发放|赠|派发|领取|取阅|开放|咨询|培训|使用|停车|上网|乘坐|体检|为)"
)
_TAX_RELIEF = re.compile(r"减免税|税收?减免|免税|税费减免")


def fee_statements(prose: Prose, obligation: str = "processing-fee") -> list[FeeStatement]:
    """find_fee_statements without the sentences about the office's own spending: 产生的政府信息
    公开费用1万元 is what disclosure work cost, not a statement about fees charged to applicants.
    The words are data (rules/common.yaml, ``fees``): a sentence with a spending word and no
    charging word that does not say "none" (未产生…费用) is left out. So is a heading that only
    names the topic (四、收费及减免情况): the 免 of 减免 is not a statement.

    Under the 2008 regulation (``obligation`` charges-and-waivers) the statement is also
    written 均免费提供 / 未向申请人收费 (``fees.waivers``): such sentences count as well."""
    from ..formats import load_common

    common = load_common()
    kept = []
    seen = set()
    for mention in find_fee_statements(prose):
        text = mention.text
        if common.spending.search(text) and not common.charging.search(text) and not FEE_NONE.search(text):
            continue
        if not FEE_VERB.search(FEE_SUBJECT.sub("", _OUTLINE_NUMBER.sub("", text, count=1))) and not _RUN_ON.search(text):
            continue  # a heading (四、/4.政府信息公开的收费及减免情况): names the topic, states nothing
        kept.append(mention)
        seen.add(mention.location)
    if not kept and (bare := _FEE_HEADING_THEN_NONE.search(prose.text)) is not None:
        # 三、政府信息公开的收费及减免情况 / 无。: the topic's heading, then "none" on its own line
        start = bare.start(1)
        return [FeeStatement("fee", bare.group(1), prose.location(start, bare.end(1)), True)]
    if obligation == "processing-fee" and not kept:
        charged_nothing = _no_charge_statement(prose, common)
        return [] if charged_nothing is None else [
            FeeStatement(charged_nothing.kind, charged_nothing.text, charged_nothing.location, True)
        ]
    if obligation == "charges-and-waivers" and not kept:
        for start, sentence in _sentences_holding(prose, common.waivers):
            about = _NOT_CHARGING.sub("□", mask_quotes(sentence))
            if not common.waivers.search(about) or _TAX_RELIEF.search(sentence):
                continue  # (其中价格和收费信息3条: fees published, none charged)
            rest = common.waivers.sub("", about)
            if not _WAIVER_VERB.search(rest) or (_LISTING.search(sentence) and "、" in sentence):
                continue
            if common.spending.search(sentence) and not FEE_NONE.search(sentence):
                continue
            location = prose.location(start, start + len(sentence))
            if location not in seen:
                kept.append(Mention("fee", sentence, location))
                break
    return [_fee_statement(mention) for mention in kept]


def _sentences_holding(prose: Prose, words: re.Pattern[str]):
    """(start, sentence) of each sentence of ``prose`` in which ``words`` finds a word, once
    each and stripped: a long sentence holding many of the words stays linear."""
    text = prose.text
    read: set[int] = set()
    for match in words.finditer(text):
        left, right = prose.sentence(match.start(), match.end())
        if left in read:
            continue
        read.add(left)
        sentence = text[left:right].strip()
        if sentence:
            yield left + text[left:right].index(sentence[0]), sentence


#: A fee topic's heading on a line of its own (三、政府信息公开的收费及减免情况, （六）信息处理费
#: 收取情况) and a line that only says "none" right under it (无 / 暂无。 / 无此情况; ：无。 where a
#: page ran the answer on after the heading's colon and parse/reflow.py cut the line at the
#: heading): the topic answered "none". The heading alone states nothing (``fee_statements``).
_FEE_HEADING_THEN_NONE = re.compile(
    r"^[^\S\n]*+[(（]?[一二三四五六七八九十\d]{0,3}[)）]?[、.．]?[^\n。，,；;:：]{0,24}?收\s*+费[^\n。，,；;]{0,12}$\n"
    r"[^\S\n]*+[:：]?[^\S\n]*+((?:无|暂无|没有|无此情况|无此类情况|无相关情况)[^\S\n]*+[。.]?)[^\S\n]*+$",
    re.MULTILINE,
)
#: No charging happened, said as an event with words between (没有发生有关审计信息公开收费情况,
#: 未出现收费情况, 没有发生过收费): ``fees.no_charge`` lists the fixed phrases.
_NO_CHARGE_EVENT = re.compile(r"(?:未|没\s*+有|无)\s*+(?:发\s*+生|出\s*+现|产\s*+生)\s*+过?[^。；;，,\n]{0,12}?收\s*+费")


def _no_charge_statement(prose: Prose, common) -> Mention | None:
    """The first sentence saying the agency charges nothing at all, without naming 信息处理费
    (依申请公开政府信息均未收费, 本年度我局无收费情况; ``fees.no_charge`` in rules/common.yaml):
    it states that none was charged. Not a table of contents that lists the topic, nor a
    sentence about the office's own spending."""
    for start, sentence in [*_sentences_holding(prose, common.no_charge), *_sentences_holding(prose, _NO_CHARGE_EVENT)]:
        masked = mask_quotes(sentence)
        if (not (common.no_charge.search(masked) or _NO_CHARGE_EVENT.search(masked))
                or (_LISTING.search(sentence) and "、" in sentence)):
            continue
        if "事业性收费" in sentence or (common.spending.search(sentence) and not common.charging.search(sentence)):
            continue
        return Mention("fee", sentence, prose.location(start, start + len(sentence)))
    return None


def _fee_statement(mention: Mention) -> FeeStatement:
    """The statement with what GAO402 compares: whether it says none were charged, and each
    amount or number of fee notices it gives."""
    amounts = [(m.group(0), m.group(1) or m.group(2), m.start(), m.end()) for m in FEE_AMOUNT.finditer(mention.text)]
    return FeeStatement(mention.kind, mention.text, mention.location, bool(FEE_NONE.search(mention.text)), amounts)
