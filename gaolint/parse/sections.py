"""Finding the numbered top-level sections (一、总体情况 …) by meaning.

A heading is a short line opening with a Chinese numeral and 、 whose words match one of the
format's sections. Table 3's rows look like headings (``四、结转下年度继续办理``), so a line
that names a table row is never a section.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re

from ..model import Line, Section
from ..model_format import FormatSpec, SectionSpec
from .labels import squeeze
from .reflow import LONG_LINE

#: The numeral may be followed by 、 or other punctuation, or only by a space (一 总体情况, 一\t总体情况:
#: a Word numbering or PDF layout that lost its 、); the words after it must still name a section.
#: A line may be as long as ``LONG_LINE`` (a heading run into its first sentence); a longer one
#: was cut at its headings by parse/reflow.py.
_HEADING = re.compile(
    r"^[\s#*>|【\[]*+(?:第([一二三四五六七八九十]{1,3})部分\s*+[、.,，:：]?|第?([一二三四五六七八九十]{1,3})(?:部分)?(?:\s*+[、.,，:：]|\s++))"
    r"\s*+(.{2,70})$"
)
#: A numeral run straight into a heading's title, the space after it lost (a PDF's text layer
#: or a saved page drops the gap of 一 总体情况: 一总体情况, 四政府信息公开行政复议、行政诉讼情况).
#: Only a short line with no sentence punctuation, ending the way section titles end, and not
#: a paragraph's 一是/一年来/二〇二三年: the words must still name a section (_section_for).
_GLUED_HEADING = re.compile(
    r"^[\s#*>|【\[]*+([一二三四五六七八九十]{1,2})(?![是要些般年〇○)）])([^\s。，,；;：:|]{1,40}?(?:情况|事项|措施|问题))$"
)
#: Headings numbered 1. 2. … (or 1、): read only in a report with no heading numbered 一、二、…,
#: where 1、主动公开政府信息情况 is a paragraph inside 一、总体情况, not the second section.
_ARABIC_HEADING = re.compile(r"^[\s#*>|【\[]*+([1-9])\s*+[、.]\s*+(\D.{1,69})$")
_ARABIC_START = re.compile(r"\n(?:[^\S\n]|[#*>|【\[])*+[1-9]\s*[、.]")
_NUMERALS = "一二三四五六七八九"
#: How every line _HEADING can match starts (its characters up to the numeral), within one line
#: of the joined text: spaces other than newlines, so a match never runs into the next line.
#: The stripping before _HEADING removes only spaces and ``*``, which this allows too.
_HEADING_START = re.compile(r"\n(?:[^\S\n]|[#*>|【\[])*+第?[一二三四五六七八九十]")
_TEXT = operator.attrgetter("text")
#: What stands between a table-of-contents entry and its page number: a tab, blanks, leader
#: dots (一、总体情况……………1, 一、总体情况\t1).
_LEADERS = " \t\u3000.…·．_"
_LEADER_DOTS = frozenset(".…·．_")
#: A line that can be a table-of-contents entry: numbered, short, no full stop.
_CONTENTS_ENTRY = re.compile(r"^[\s#*>|【\[]*+(?:第?([一二三四五六七八九十]{1,3}|[1-9])|（[一二三四五六七八九十]{1,3}）)[^。]{1,80}$")


#: A heading repeated above the rest of its table on the next page: 三、收到和处理政府信息公开申请
#: 情况（续表）, (续), 续表. The section goes on; it is not a second one.
_CONTINUED = re.compile(r"(?:[（(]续表?[)）]|续表)\s*$")


def heading_candidates(lines: list[Line], arabic: bool = False) -> list[tuple[Line, str, str]]:
    """(line, numeral, title) for every line shaped like a top-level heading; with ``arabic``,
    the lines numbered 1、2、… instead, each given the Chinese numeral of its number."""
    start, heading = (_ARABIC_START, _ARABIC_HEADING) if arabic else (_HEADING_START, _HEADING)
    texts = list(map(_TEXT, lines))
    joined = "\n" + "\n".join(texts)
    if joined.count("\n") != len(texts):  # a line holding a newline: read every line
        return _candidates(lines, heading)
    # One search over the joined text finds the lines that can be headings; only those are read.
    starts = list(itertools.accumulate(map(operator.add, map(len, texts), itertools.repeat(1))))  # each end + 1
    found: list[tuple[Line, str, str]] = []
    position = 0
    while (hit := start.search(joined, position)) is not None:
        index = bisect.bisect_right(starts, hit.start())
        found.extend(_candidates(lines[index : index + 1], heading))
        position = starts[index]
    return found


#: 第一，…: prose counting its points (第一，主动公开…；第二，…), not a section's heading (第一部分、
#: 第一、 and 一， are).
_ENUMERATION = re.compile(r"^[\s#*>|【\[]*+第[一二三四五六七八九十]{1,3}\s*+[,，]")


def _candidates(lines: list[Line], heading: re.Pattern[str] = _HEADING) -> list[tuple[Line, str, str]]:
    from ..formats import load_common

    table_words = load_common().table_words  # words of table rows: never a section title
    found = []
    for line in lines:
        text = line.text.strip().strip("*").strip()
        if len(text) > LONG_LINE or not text:
            continue  # (a longer line was cut at its headings by parse/reflow.py)
        match = heading.match(text) or (_GLUED_HEADING.match(text) if heading is _HEADING else None)
        if not match or _ENUMERATION.match(text):
            continue
        *numbers, title = match.groups()
        numeral = next(n for n in numbers if n)
        if numeral.isdigit():
            numeral = _NUMERALS[int(numeral) - 1]
        if _contents_page(title):
            continue  # a table-of-contents entry (一、总体情况……1), not the section
        title = title.strip().strip("*#】] ")
        # A heading line may run on into its first sentence; the title ends at a full stop.
        for stop in ("。", "：", ":"):
            if stop in title:
                title = title.split(stop, 1)[0]
        if any(word in title for word in table_words) or "|" in title or _CONTINUED.search(title):
            continue
        found.append((line, numeral, title))
    return found


#: For each format's sections (by identity; the tuple is kept, so its id stays its own): each
#: section's spec, its words squeezed, and its number (``fmt.sections.index(spec) + 1``).
_PLANS: dict[int, tuple[tuple[SectionSpec, ...], list[tuple[SectionSpec, tuple[str, ...], int]]]] = {}


def _plan(fmt: FormatSpec) -> list[tuple[SectionSpec, tuple[str, ...], int]]:
    kept = _PLANS.get(id(fmt.sections))
    if kept is None or kept[0] is not fmt.sections:
        specs = fmt.sections
        plan = [(spec, tuple(squeeze(word) for word in spec.match), specs.index(spec) + 1) for spec in specs]
        kept = _PLANS[id(specs)] = (specs, plan)
    return kept[1]


def _section_for(title: str, numeral: str, fmt: FormatSpec,
                 found: frozenset[str] | set[str] = frozenset()) -> tuple[SectionSpec, int] | None:
    """The section a heading's title names, and its number: of the sections whose words the
    title holds, the first whose numeral is the heading's, else the first not ``found`` under
    an earlier heading, else the first. (A free-form report's 三、依申请公开政府信息收费及减免
    情况 holds the words of the requests section, found under 二 already, and of the fees
    section: it is the fees section, not the requests section again.)"""
    squeezed = squeeze(title)
    best = fresh = None
    for spec, words, number in _plan(fmt):
        if any(word in squeezed for word in words):
            if spec.numeral == numeral:
                return spec, number
            if best is None:
                best = spec, number
            if fresh is None and spec.key not in found:
                fresh = spec, number
    return fresh or best


def find_sections(lines: list[Line], fmt: FormatSpec) -> list[Section]:
    """The report's sections in document order, each spanning to the next heading."""
    contents = _contents_entries(lines)
    candidates = _outside(heading_candidates(lines), contents)
    sections = _sections(lines, fmt, candidates)
    numbered = sections
    found = len({s.key for s in sections})
    if found <= 1 < len(fmt.sections):  # a report numbered 1. 2. … throughout (one 一、 at most)?
        arabic = _sections(lines, fmt, _outside(heading_candidates(lines, arabic=True), contents), own_numbers=True)
        if len({s.key for s in arabic}) > found:
            sections = arabic
            found = len({s.key for s in arabic})
    if found <= 1 < len(fmt.sections):  # headings with no number at all (lost in a copy)?
        bare = _sections(lines, fmt, _outside(_unnumbered_candidates(lines, fmt), contents))
        if len({s.key for s in bare}) >= max(found + 2, (len(fmt.sections) + 1) // 2):
            sections = bare
    elif found < len(fmt.sections):  # one heading that lost its number among numbered ones?
        sections = _with_unnumbered(sections, lines, fmt, contents)
        numbered = sections
    for current, following in zip(sections, sections[1:]):
        current.end_line = following.first_line
    if sections is numbered and len(sections) > 1:
        _end_at_extra_headings(sections, candidates)
    for section in sections:
        rest = _run_in_rest(lines[section.first_line].text, section.title)
        section.body = "\n".join([rest] * bool(rest) + [ln.text for ln in lines[section.first_line + 1 : section.end_line]])
    return sections


#: What may stand between a heading's title and the text run into its line: a stop, spaces, and
#: the marks that close a Markdown or bracketed heading (**一、总体情况**, 【一、…】).
_RUN_IN_GAP = "：:，,。 \t\u3000*#】]"


def _run_in_rest(text: str, title: str) -> str:
    """The text a heading's line runs on with after its title (六、其他需要报告的事项：本年度未收取
    信息处理费。, or <strong>六、其他需要报告的事项</strong>本年度… read as one line): the first
    of the section's content, not nothing."""
    at = text.find(title) if title else -1
    if at < 0:
        return ""
    return text[at + len(title):].lstrip(_RUN_IN_GAP).strip()


def _own_title(title: str, spec: SectionSpec) -> str:
    """A heading's title without the sentence run into it with no stop between
    (其他需要报告的事项本年度未收取信息处理费): the section's whole title, when the heading opens
    with it and goes on."""
    whole = spec.title
    if whole and title.startswith(whole) and len(title) > len(whole) + 2:
        return whole
    return title


#: An Arabic number before a heading's title (1. 总体情况).
_OWN_ARABIC = re.compile(r"^\s*+([1-9])\s*+[.、．]")
#: How a sub-heading's outline number opens: （一） (1) 1. ①.
_OUTLINE_OPENINGS = ("（", "(", "①", "②", "③", "④", "⑤", "⑥", *"0123456789")


def _with_unnumbered(sections: list[Section], lines: list[Line], fmt: FormatSpec, contents: set[int]) -> list[Section]:
    """``sections`` (numbered headings) with a missing section found as a line holding its
    title (or its words, about as long: ``_unnumbered_candidates``) and no number, where that
    section stands in the format's order: between the sections numbered before and after it.
    A page whose first list number was lost (总体情况 alone on its line, then 二、主动公开…
    numbered) reported its section 一 missing (GAO101)."""
    have = {section.key for section in sections}
    numbers = {section.number for section in sections}
    added = list(sections)
    for line, _, title in _outside(_unnumbered_candidates(lines, fmt, arabic=True), contents):
        chosen = _section_for(title, "", fmt)
        if chosen is None or chosen[0].key in have:
            continue
        own = _OWN_ARABIC.match(title)  # (other outline numbers, （一）…, are no candidates)
        if own is not None and (int(own.group(1)) != chosen[1] or squeeze(chosen[0].title) not in squeeze(title)):
            continue  # 1. 总体情况 (list numbering turned 一、 into 1.): the section's own number and whole title only
        if "|" in line.text or "\t" in line.text or line.location.place.endswith("列"):
            continue  # a table's cell (行政复议 | 行政诉讼: table 4's header; a page's or Word
            # file's cell, whose place ends with its column: 第1个表格 第2行 第1列)
        spec, number = chosen
        if any((other.number < number) != (other.first_line < line.index) for other in sections):
            continue  # out of the format's order: a sub-heading or a line of prose
        whole = squeeze(spec.title) in squeeze(title)
        # the section's whole title before a numbered section, or its words (存在的主要问题及改进
        # 工作措施) exactly between the sections numbered before and after it; a sub-heading of
        # section 一 (主动公开情况) in a report that lacks 二 is neither
        if not (whole and any(other.number > number for other in sections)) and not (
                {number - 1, number + 1} <= numbers or (number == 1 and 2 in numbers)):
            continue
        added.append(Section(number, spec.key, title, line.whole(), line.index, len(lines)))
        have.add(spec.key)
    return sorted(added, key=lambda section: section.first_line)


def _end_at_extra_headings(sections: list[Section], candidates: list[tuple[Line, str, str]]) -> None:
    """A section ends at a heading of no section of the format that is numbered next to it when
    the section after is numbered beyond: 五、存在的主要问题…, 六、信息处理费收取情况, 七、其他需要
    报告的事项 — 六 is a section the agency added, not part of 五 (which may be empty)."""
    numerals = {line.index: numeral for line, numeral, _ in candidates}
    for current, following in zip(sections, sections[1:]):
        number = _NUMERALS.find(numerals.get(current.first_line, "?"))
        if number < 0 or _NUMERALS.find(numerals.get(following.first_line, "?")) < number + 2:
            continue
        extra = _NUMERALS[number + 1] if number + 1 < len(_NUMERALS) else ""
        for line, numeral, _ in candidates:
            if current.first_line < line.index < following.first_line and numeral == extra:
                current.end_line = line.index
                break


#: How much longer than a section's title an unnumbered heading may be (政府信息公开工作存在的
#: 主要问题及改进情况 for 存在的主要问题及改进情况).
_BARE_EXTRA = 8


def _unnumbered_candidates(lines: list[Line], fmt: FormatSpec, arabic: bool = False) -> list[tuple[Line, str, str]]:
    """Lines that are a section's heading with no number (总体情况 alone on its line, as a page
    copied without its list numbers or a Word file without its numbering part gives them),
    each with the section's own numeral: a line holding the section's whole title, else —
    for a section no line names by its title — one holding its words and about as long as
    its title (存在的不足及改进措施). A line holding only a section's words (主动公开, the
    sub-heading of 一), or a figure, is not one; and they are taken for the sections only when
    they name at least half of the format's (``find_sections``), so that a few stray lines of
    prose do not pass for a report's structure. ``arabic``: a line opening 1. may be one too
    (``_with_unnumbered`` asks that its number be the section's own)."""
    specs = [(spec, squeeze(spec.title), tuple(squeeze(word) for word in spec.match)) for spec in fmt.sections if spec.title]
    strong: list[tuple[Line, str, str]] = []
    weak: list[tuple[Line, str, str]] = []
    for line in lines:
        text = line.text.strip()
        if not text or len(text) > 40 or text.endswith(("。", "；", ";", "，", ",", "：", ":")):
            continue
        own = _OWN_ARABIC.match(text) if arabic else None
        squeezed = squeeze(text[own.end():] if own else text)
        if any(ch.isdigit() for ch in squeezed) or (text.startswith(_OUTLINE_OPENINGS) and own is None):
            continue  # a heading has no figure in it (a wrapped line of prose may); （一） opens a sub-heading
        for spec, title, words in specs:
            if not title or not len(title) - 4 <= len(squeezed) <= len(title) + _BARE_EXTRA:
                continue
            if title in squeezed:
                strong.append((line, spec.numeral, text))
                break
            if any(word and word in squeezed for word in words):
                weak.append((line, spec.numeral, text))
                break
    named = {numeral for _, numeral, _ in strong}
    found = strong + [candidate for candidate in weak if candidate[1] not in named]
    return sorted(found, key=lambda candidate: candidate[0].index)


def _contents_page(title: str) -> bool:
    """Whether a heading's title ends as a table-of-contents entry does: a page number of one to
    three digits after a tab, two blanks or two leader dots."""
    digits = len(title) - len(title.rstrip("0123456789"))
    if not 1 <= digits <= 3:
        return False
    head = title[:-digits]
    filler = head[len(head.rstrip(_LEADERS)):]
    return "\t" in filler or filler.count(" ") + filler.count("\u3000") >= 2 or sum(ch in _LEADER_DOTS for ch in filler) >= 2


def _contents_entries(lines: list[Line]) -> set[int]:
    """Indexes of the lines of a table of contents: the numbered lines right after a line that
    is only a contents heading (目录, 目 录), up to the first line that is not one or whose
    top-level number the contents already listed (the report's own first heading, right
    after a contents without page numbers). Taken for a contents only when it shows itself
    as one — entries with page numbers, or its first entry's heading found again after it —
    so that a stray 目录 (a page's menu) before the report's own headings takes none of them."""
    from ..formats import load_common

    words = load_common().contents_words
    entries: set[int] = set()
    if not words:
        return entries
    for line in lines:
        text = line.text.strip()
        if len(text) > 8 or "".join(text.split()).strip("*#【】[]") not in words:
            continue
        block: list[int] = []
        listed: set[str] = set()
        index = line.index + 1
        while index < len(lines):
            entry = lines[index].text
            if entry.strip():
                match = _CONTENTS_ENTRY.match(entry)
                if match is None or match.group(1) in listed:
                    break
                if match.group(1):
                    listed.add(match.group(1))
            block.append(index)
            index += 1
        if _is_contents([lines[i].text for i in block if lines[i].text.strip()], lines[index:]):
            entries.update(block)
    return entries


def _is_contents(entries: list[str], after: list[Line]) -> bool:
    if not entries:
        return False
    if any(_contents_page(entry.rstrip()) for entry in entries):
        return True
    first = squeeze(entries[0])
    return any(squeeze(line.text) == first for line in after)


def _outside(candidates: list[tuple[Line, str, str]], contents: set[int]) -> list[tuple[Line, str, str]]:
    if not contents:
        return candidates
    return [candidate for candidate in candidates if candidate[0].index not in contents]


def _sections(lines: list[Line], fmt: FormatSpec, candidates: list[tuple[Line, str, str]],
              own_numbers: bool = False) -> list[Section]:
    """The sections the candidates name. With ``own_numbers`` (a report numbered 1. 2. …), a
    heading numbered otherwise than its section is left out when another heading of that
    section carries the section's own number: two levels numbered alike (``1. 总体情况``, then
    ``1. 主动公开`` under it, as nested lists and some multi-level Word lists number them) make
    the sub-heading look like section 2 by its words."""
    sections: list[Section] = []
    matches: list[bool] = []
    numerals: list[str] = []
    found: set[str] = set()
    for line, numeral, title in candidates:
        chosen = _section_for(title, numeral, fmt, found)
        if chosen is None:
            continue
        # 五、存在的主要问题… must open with its own numeral to be taken for the section when the
        # words are generic (a table-4 header line never starts with a numeral).
        spec, number = chosen
        found.add(spec.key)
        sections.append(Section(number, spec.key, _own_title(title, spec), line.whole(), line.index, len(lines)))
        matches.append(spec.numeral == numeral)
        numerals.append(numeral)
    if own_numbers:
        numbered_right = {section.key for section, right in zip(sections, matches) if right}
        sections = [section for section, right, numeral in zip(sections, matches, numerals)
                    if right or (section.key not in numbered_right and not _numbered_back(section, numeral, sections, matches, fmt))]
    return sections


def _numbered_back(section: Section, numeral: str, sections: list[Section], matches: list[bool], fmt: FormatSpec) -> bool:
    """Whether a heading numbered otherwise than its section is a sub-heading because its
    number goes back: a section before it already carries that number, or a higher one, as
    its own (1. 总体情况, then 1. 主动公开 under it; a nested list draws both levels 1. 2. …),
    and it holds only the section's words, not its whole title. Its own section may be
    missing: the sub-heading is no stand-in for it."""
    own = _NUMERALS.find(numeral) + 1
    if own < 1:
        return False
    spec = next((spec for spec in fmt.sections if spec.key == section.key), None)
    if spec is None or (spec.title and squeeze(spec.title) in squeeze(section.title)):
        return False
    return any(right and earlier.first_line < section.first_line and earlier.number >= own
               for earlier, right in zip(sections, matches))
