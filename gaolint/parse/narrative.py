"""Figures the prose states about what tables 2, 3 and 4 count (新收, 办结, 行政复议 …).

A figure is kept with the words that could narrow what it counts (its *scope*: the subject of
its clause, or of the sentence it sits in) and the year its sentence names; whether that scope
is the report's own is decided by GAO305, which knows the agency after configuration.
"""

from __future__ import annotations

import bisect
import re

from ..model import Location, Value
from .cells import MAX_DIGITS

#: Measures the prose may state, with the words that announce them. Longer and later matches
#: win, so 尚未办结 beats 办结 and 上年结转 beats 结转.
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("new", r"新收|新受理|新接收|本年收到"),
    # 受理/收到 sometimes include last year's carry-over: GAO305 accepts either reading.
    ("received", r"受理|收到|接收到?|接到"),
    ("carried_over", r"上一?年度?结转|结转自上一?年度?|由上一?年度?结转|上一?年度?遗留|上一?年度?转入|\d{4}\s*年度?\s*结转(?!\s*(?:至|到|入|下|次|\d))"),
    ("carried_forward", r"结转\s*(?:至|到|入)?\s*(?:下一?年度?|下年|次年|\d{4}\s*年度?)(?:继续办理|办理)?|转入\s*(?:下一?年度?|次年|\d{4}\s*年度?)|结转下年度继续办理|尚未办结|未办结|仍在办理|正在办理"),
    ("results_total", r"办结|办理完毕|完成办理|办理完成|办理完结|处理完毕|已答复|作出答复|予以答复|答复办结"),
    ("disclosed", r"(?<!不)(?:予以公开|同意公开|准予公开)|全部公开"),
    ("partly_disclosed", r"部分公开"),
    ("withheld", r"不予公开"),
    ("unavailable", r"无法提供"),
    ("not_processed", r"不予处理"),
    ("other_handling", r"其他处理"),
    ("review", r"行政复议"),
    ("litigation", r"行政诉讼|行政应诉"),
    ("direct_suit", r"未经复议直接起诉|直接起诉|直接提起(?:行政)?诉讼"),
    ("suit_after_review", r"复议后起诉|复议后提起(?:行政)?诉讼"),
    ("normative_in_force", r"现行有效"),
)
_KEYWORD = re.compile("|".join(f"(?:{pattern})" for _, pattern in _KEYWORDS))
_COMPILED = [(measure, re.compile(pattern)) for measure, pattern in _KEYWORDS]
#: For each measure, characters one of which every match of its pattern holds (the first
#: character of each alternative; 结 for \d{4}年结转): a region holding none of them cannot
#: match, and is not searched. tests/test_prose_speed.py checks these against the patterns.
_NEEDS = {
    "new": "新本", "received": "受收接", "carried_over": "上结由", "carried_forward": "结转尚未仍正",
    "results_total": "办完处已作予答", "disclosed": "予同准全", "partly_disclosed": "部",
    "withheld": "不", "unavailable": "无", "not_processed": "不", "other_handling": "其",
    "review": "行", "litigation": "行", "direct_suit": "未直", "suit_after_review": "复",
    "normative_in_force": "现",
}
_SCREENED = [(measure, pattern, frozenset(_NEEDS[measure])) for measure, pattern in _COMPILED]
APPLICATION_MEASURES = frozenset({
    "new", "received", "carried_over", "carried_forward", "results_total", "disclosed",
    "partly_disclosed", "withheld", "unavailable", "not_processed", "other_handling",
})
REVIEW_MEASURES = frozenset({"review", "litigation", "direct_suit", "suit_after_review"})

_CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万"
#: A count: 2168, 2,168 (thousands separators), 二十三. The unit must follow directly.
#: Chinese numerals start only where their run starts (or one in, after a digit, which the
#: first look-behind refuses): the same matches, but a long run with no unit after it is
#: scanned once rather than once per character.
_NUMBER = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?![\d.])|"
    r"(?:(?<![" + _CHINESE_DIGITS + r"])|(?<=[\d.,][" + _CHINESE_DIGITS + r"]))[" + _CHINESE_DIGITS + r"]++)"
    r"\s*(?P<unit>件|宗|份|起|例|个(?!工作日|月|百分点|季度|小时|方面|部门|单位))"
)
#: Words between a keyword and its figure that leave the figure counting the keyword's thing.
_FILLER = re.compile(
    r"^(?:政府信息公开|信息公开|依申请公开|政府信息|申请人?|事项|案件|行政|复议|诉讼|数量|数|总数|总量|"
    r"共计|合计|总计|累计|共|计|为|达到|达|是|有|各类|相关|因|引发|提起|被申请|被|的|了|"
    r"继续办理|继续|答复|行政规范性文件|规范性文件|和|与|及|、|均为|均|各|都为|都|分别为|分别是|分别|:|\s)*$"
)
_APPROXIMATE = re.compile(r"(?:约|近|超过|超|逾|将近|大约|不足|不到|以上|左右)\s*$")
_CONNECTOR = re.compile(r"^[\s和与及、,]*$")
#: Words that say nothing about whose figures these are: time, adverbs, self-reference.
_NEUTRAL = re.compile(
    r"本年度|本年|全年|年内|年度内|当年度|当年|今年|截至|截止|底|年末|年底|\d{4}\s*年度?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|"
    r"共计|合计|总计|累计|一共|共|另有|另外|另|已经|已|均|全部|此外|同时|其中|并|还|总体|总共|目前|"
    r"本机关|本单位|本部门|本机构|我单位|我机关|我部门|我机构|本局|我局|本委|我委|本办|我办|本院|我院|本厅|我厅|"
    r"本中心|我中心|本署|我署|本会|我会|依法|依规|按时|按期|保留|现有|剩余|尚有|余下|仍有|因|引发|发生|提起|被|同意|"
    r"政府信息公开|信息公开|依申请公开|政府信息|申请|事项|工作|办理|方面|情况|数量|和|与|及|、|的|了|在|中|上|有|为|:|\s"
)
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*+年(?!\s*+度?\s*+结转)")  # possessive: see _AFTER_FORWARD
_ZERO = re.compile(r"(?:未发生|没有发生|未出现|没有出现|未收到|没有收到|未接到|未有|未产生|(?<![无])无(?!论|法|需|须|正当|偿|效|误|条件))(?P<body>[^,。;；!?！？\n]{0,40})")
_ZERO_QUALIFIED = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被诉|责令|维持|尚未审结|其他结果")
_ZERO_NEW = re.compile(r"^(?:任何|相关|新的|新|本年度?)?(?:政府信息公开|依申请公开|信息公开)?(?:的)?申请(?!人|者)")


class NarrativeFigure(Value):
    """One figure the prose states: what it counts (``measure``), the number, where it is."""

    __slots__ = ("measure", "value", "text", "location", "sentence", "scope", "year")

    def __init__(
        self,
        measure: str,
        value: int,
        text: str,
        location: Location,
        sentence: str,
        scope: str = "",
        year: int | None = None,
    ) -> None:
        self.measure = measure
        self.value = value
        #: The figure as written (2,168件, 二十三件, 未发生…行政复议).
        self.text = text
        self.location = location
        #: The sentence it sits in (at most 120 characters around the figure).
        self.sentence = sentence
        #: Words that may narrow what the figure counts (其中市政府本级, XX街道); "" when none.
        self.scope = scope
        #: The year the sentence names before the figure, when it names one.
        self.year = year


def chinese_number(text: str) -> int | None:
    """二十三 → 23, 一百零五 → 105, 两千一百六十八 → 2168, 十 → 10; None when malformed."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    units = {"十": 10, "百": 100, "千": 1000}
    if not text or any(ch not in _CHINESE_DIGITS for ch in text):
        return None
    if all(ch in digits for ch in text):
        return int("".join(str(digits[ch]) for ch in text)) if len(text) > 1 or text in digits else None
    total, section, number = 0, 0, None
    for ch in text:
        if ch in digits:
            if number is not None and digits[ch] != 0:
                return None  # 二三: two digits with no unit between them
            number = digits[ch] if digits[ch] != 0 else None
        elif ch in units:
            section += (1 if number is None else number) * units[ch]
            number = None
        else:  # 万
            section += number or 0
            if section == 0:
                return None
            total += section * 10000
            section, number = 0, None
    return total + section + (number or 0)


def number_value(text: str) -> int | None:
    """The integer a figure's digits spell: 2,168 → 2168, 二十三 → 23; None past 15 digits, as
    for a table cell (parse/cells.py): no count is that large, and the comparison with table
    sums, in floats, could not be exact (400 digits overflowed it)."""
    if text[0].isdigit():
        digits = text.replace(",", "")
        return int(digits) if len(digits) <= MAX_DIGITS else None
    return chinese_number(text)


#: What a sentence must say for find_figures to read it. Sentences end at ``Prose.stops()``
#: (。；;!?！？ and newlines), none of which is part of these words.
_ABOUT = re.compile(r"申请|复议|诉讼|现行有效")


#: An outline number a sub-heading run in before the sentence leaves in its subject: （二）, (2),
#: 二、, 2. — a page saved as one line (（二）依申请公开 本年度新收…申请203件) is no narrower for it.
_OUTLINE_NUMBER = re.compile(r"[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、|\d{1,2}\s*[.、](?!\d)")


def _residual(subject: str) -> str:
    """What is left of a clause's subject once outline numbers, time words, adverbs and
    self-reference go."""
    text = _OUTLINE_NUMBER.sub("", subject) if ("、" in subject or "(" in subject or "（" in subject or "." in subject) else subject
    text = _KEYWORD.sub("", text)
    text = _NEUTRAL.sub("", text)
    return text.strip(" ,:()（）“”\"'")


def _keywords(region: str) -> list[tuple[int, int, str]]:
    """(start, end, measure) of every keyword in ``region``, left to right; where keywords
    overlap, the one starting first wins, and of those the longest (尚未办结 over 办结)."""
    present = set(region)
    matches = sorted(
        (m.start(), -m.end(), measure)
        for measure, pattern, needs in _SCREENED if not present.isdisjoint(needs)  # see _NEEDS
        for m in pattern.finditer(region)
    )
    found: list[tuple[int, int, str]] = []
    for start, negative_end, measure in matches:
        if found and start < found[-1][1]:
            continue
        found.append((start, -negative_end, measure))
    return found


_MORE_THAN = re.compile(r"\s*(?:余|多)")
#: ``\s*+``: possessive, the same matches without trying every split of a run of spaces among
#: the optional words (cubic on "3件" and a long run of spaces).
_AFTER_FORWARD = re.compile(
    r"\s*+(?:申请)?\s*+(?:需|将|已|仍|均)?\s*+(?:结转|转入)\s*+(?:至|到)?\s*+(?:下一?年度?|下年|次年|\d{4}\s*+年度?)"
)


_FORWARD_BEFORE = re.compile(r"(?:结转|转入)\s*+(?:至|到)?\s*+$")  # possessive: as _YEAR
#: 受理2306件（含上年结转138件）: a figure whose reading the writer spells out after it.
_INCLUDING = re.compile(r"\s*[(（]\s*(?:含|包括)|\s*,\s*(?:含|包括)")
_CHAIN_JOIN = re.compile(r"(?:案件|申请|数量|的)?\s*[和与及、,]\s*")
_REVIEW_AND_SUIT = re.compile(r"复议[、和及与]\s*诉讼")


def _years(sentence: str) -> list[tuple[int, int]]:
    """(position, year) of the years a sentence names, leaving out 结转2026年度 (a carry-over
    target, not the period the sentence speaks of)."""
    years: list[tuple[int, int]] = []
    if "年" not in sentence:  # _YEAR needs it
        return years
    for match in _YEAR.finditer(sentence):
        before = sentence[max(0, match.start() - 4) : match.start()]
        if not _FORWARD_BEFORE.search(before):
            years.append((match.start(), int(match.group(1))))
    return years


def _year_before(years: list[tuple[int, int]], end: int) -> int | None:
    index = bisect.bisect_left(years, (end, -1))
    return years[index - 1][1] if index else None


def find_figures(prose, review=None) -> list[NarrativeFigure]:
    """Every figure about applications, 行政复议/行政诉讼 and 现行有效规范性文件 in ``prose``
    (a ``metadata.Prose``), in text order. ``review`` is the report's section 四 (a
    ``Section``), whose sentences are about disclosure even when they do not say 公开."""
    text = prose.text
    figures: list[NarrativeFigure] = []
    # Only sentences holding one of _ABOUT's words are read: search the whole text for the next
    # such word and take the sentence around it (bisected among the sentence ends), rather than
    # cutting and searching every sentence.
    stops = prose.stops()
    search = _ABOUT.search
    position = 0
    while len(figures) < MAX_FIGURES and (hit := search(text, position)) is not None:
        index = bisect.bisect_right(stops, hit.start())
        start = stops[index - 1] + 1 if index else 0
        end = stops[index] if index < len(stops) else len(text)
        position = end
        sentence = text[start:end]
        in_review = review is not None and review.first_line <= _line_index(prose, start) < review.end_line
        figures.extend(_sentence_figures(prose, sentence, start, in_review))
    return figures


#: Figures read from one report's prose; a report states a few dozen. A file of 90,000 such
#: sentences made 270,000 figures (about 190 MB) before this limit; the first ones are compared.
MAX_FIGURES = 5_000


def _line_index(prose, offset: int) -> int:
    """The index (among the report's lines) of the prose line holding ``offset``."""
    if not prose.lines:
        return -1
    return prose.lines[max(0, bisect.bisect_right(prose.starts, offset) - 1)].index


def _sentence_figures(prose, sentence: str, offset: int, in_review: bool = False) -> list[NarrativeFigure]:
    found: list[NarrativeFigure] = []
    about_requests = "申请" in sentence
    # 行政复议 and 行政诉讼 count only about disclosure: said so, or under section 四.
    about_disclosure = "公开" in sentence or in_review
    scope = ""
    previous_end = 0
    pending: list[str] = []  # keywords waiting for figures after 分别
    years = _years(sentence)
    depth = counted = 0  # brackets open at ``counted``
    inner = ""  # the scope set inside the brackets open now
    for match in _numbers(sentence):
        depth += _bracket_depth(sentence[counted : match.start()])
        counted = match.start()
        if depth <= 0:
            inner = ""
        value = number_value(match.group("num"))
        region_start = max(previous_end, sentence.rfind(",", previous_end, match.start()) + 1)
        region = sentence[region_start : match.start()]
        previous_end = match.end()
        if value is None or sentence[max(0, match.start() - 1) : match.start()] == "第":
            continue  # 第三件: an ordinal, not a count
        if _APPROXIMATE.search(region[-8:]) or _MORE_THAN.match(sentence, match.end()):
            pending.clear()
            continue
        after = sentence[match.end() : match.end() + 4]
        if _INCLUDING.match(after):
            continue  # 受理2306件（含上年结转138件）: the reading is the writer's, not ours
        keywords = _keywords(region)
        measures: list[str] = []
        subject = region
        quoted = match.group(0)
        if keywords:
            _, k_end, measure = keywords[-1]
            filler = region[k_end:]
            if len(filler) > 20 or not _FILLER.match(filler):
                pending.clear()
                continue
            subject = region[: keywords[0][0]]
            measures = [measure]
            quoted = region[keywords[0][0] :] + match.group(0)
            if "均" in filler or "各" in filler or "都" in filler:
                measures = _chain(region, keywords)
            elif "分别" in filler:
                chain = _chain(region, keywords)
                measures, pending = chain[:1], chain[1:]
            elif len(keywords) > 1 and len(chain := _chain(region, keywords)) > 1:
                # 予以公开及部分公开42件: one figure for the keywords together, which no single
                # row holds; only a zero is each keyword's (行政复议、行政诉讼0件).
                if value != 0:
                    pending.clear()
                    continue
                measures = chain
        elif pending and _CONNECTOR.match(region):
            measures = [pending.pop(0)]
            subject = ""
        elif forward := _AFTER_FORWARD.match(sentence, match.end()):
            measures = ["carried_forward"]
            quoted = match.group(0) + forward.group(0)
        else:
            continue
        residual = _residual(subject)
        # A subject inside brackets narrows the figures up to the bracket's close only:
        # （含上年结转0件） and （其中区本级新收30件，办结28件） say nothing of the figures after it.
        if residual and depth > 0:
            inner = residual
        elif residual:
            scope = residual
        figure_scope = residual or inner or scope
        for measure in measures:
            if measure in APPLICATION_MEASURES and not about_requests:
                continue
            if measure in REVIEW_MEASURES and not about_disclosure:
                continue
            if measure == "normative_in_force" and not _names_normative(sentence, region, match.end()):
                continue
            location = prose.location(offset + match.start(), offset + match.end())
            year = _year_before(years, keywords[0][0] + region_start if keywords else match.start())
            found.append(NarrativeFigure(measure, value, quoted.strip(), location, _around(sentence, match.start(), match.end()),
                                         figure_scope, year))
    found.extend(_zero_statements(prose, sentence, offset, about_disclosure, years))
    return found


def _bracket_depth(text: str) -> int:
    """Brackets ``text`` opens and leaves open (negative: closes more than it opens)."""
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


#: The characters a _NUMBER match can start with (its look-behinds take no characters).
_NUMBER_START = re.compile(r"[\d" + _CHINESE_DIGITS + r"]")


def _numbers(sentence: str):
    """``_NUMBER.finditer(sentence)``, trying _NUMBER only where a figure can start (a digit):
    the same matches, found by a scan for digits in C instead of _NUMBER's look-behinds at
    every character."""
    start, search, match = 0, _NUMBER_START.search, _NUMBER.match
    while (digit := search(sentence, start)) is not None:
        found = match(sentence, digit.start())
        if found is None:
            start = digit.start() + 1
        else:
            yield found
            start = found.end()


def _around(sentence: str, start: int, end: int) -> str:
    """The sentence, or the part of a very long one around [start, end)."""
    return sentence[max(0, start - 80) : end + 40].strip()


def _chain(region: str, keywords: list[tuple[int, int, str]]) -> list[str]:
    """Keywords joined by 和/与/及/、 that end ``region`` (行政复议和行政诉讼…均为0件)."""
    chain = [keywords[-1]]
    for keyword in reversed(keywords[:-1]):
        between = region[keyword[1] : chain[0][0]]
        if not _CHAIN_JOIN.fullmatch(between):
            break
        chain.insert(0, keyword)
    return [measure for _, _, measure in chain]


def _names_normative(sentence: str, region: str, end: int) -> bool:
    """现行有效 figures count only when they are plainly about 规范性文件 and nothing else."""
    around = region[-20:] + sentence[end : end + 10]
    return "规范性文件" in around and "规章" not in around


def _zero_statements(prose, sentence: str, offset: int, about_disclosure: bool, years) -> list[NarrativeFigure]:
    """未发生…行政复议/行政诉讼 and 未收到…申请, read as zero."""
    found: list[NarrativeFigure] = []
    if "未" not in sentence and "没" not in sentence and "无" not in sentence:
        return found  # every _ZERO match opens with one of them
    for match in _ZERO.finditer(sentence):
        body = match.group("body")
        measures = []
        if about_disclosure and not _ZERO_QUALIFIED.search(body):
            if "行政复议" in body:
                measures.append("review")
            if "行政诉讼" in body or _REVIEW_AND_SUIT.search(body):
                measures.append("litigation")
        if not measures and match.group(0).startswith(("未收到", "没有收到", "未接到")) and _ZERO_NEW.match(body):
            if "复议" not in body and "诉讼" not in body:
                measures.append("new")
        if not measures:
            continue
        # The statement spans from the negation to the last thing it denies.
        last = max(body.rfind(word) + len(word) for word in ("行政复议", "行政诉讼", "诉讼", "申请") if word in body)
        stop = match.start("body") + last
        location = prose.location(offset + match.start(), offset + stop)
        window = max(0, match.start() - 60)
        comma = sentence.rfind(",", window, match.start())
        subject = sentence[comma + 1 if comma >= 0 else window : match.start()]
        scope = _residual(subject)
        year = _year_before(years, match.start())
        for measure in measures:
            found.append(NarrativeFigure(measure, 0, sentence[match.start() : stop], location, _around(sentence, match.start(), stop), scope, year))
    return found
