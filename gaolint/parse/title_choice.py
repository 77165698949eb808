"""Which of several report titles on a page is the report's own.

A report copied or crawled from a website keeps the site's lists around it: a column of other
agencies' or other years' reports, a 相关报告 / 热点推荐 list, 上一篇 / 下一篇 links, a breadcrumb
ending in another report's title. Each such line reads as a title, and the first of them is
not necessarily the report's: taking it gave the report another agency or another year (and
with them GAO203/GAO204 findings, a wrong column of ``--summary`` and wrong pairs for
GAO601/GAO602 in a folder of one agency's reports).

The report's own title is the one its body confirms (``choose``):

- its year is the statistics period's (without a period: the year before the signing date,
  ``metadata.body_year``);
- its agency signs the report or is named in the body's opening;
- it is the last title before the body's first sentence (a sidebar comes before the title, a
  list after it), and no list's bullet, number or date stands before it.

Titles that all name one year and at most one agency (a page's header title repeated as the
body's heading, with or without the agency) leave the first one the title, as before.
"""

from __future__ import annotations

import re

from ..model import Line
from . import metadata
from .metadata import TitleCandidate

#: How much of the body after the titles is read for the agency's name.
OPENING_CHARS = 600


#: What each piece of evidence weighs. The year is the strongest: a list's other years share
#: the agency, and the body's period names one year.
YEAR_POINTS, AGENCY_POINTS, BEFORE_BODY_POINTS, LISTED_POINTS, INLINE_POINTS = 3, 2, 1, -2, -1


def choose(candidates: list[TitleCandidate], head: list[Line], lines: list[Line]) -> TitleCandidate:
    """The candidate the body confirms best; ties go to the earlier one."""
    named = [metadata.agency_from_title(candidate.agency + candidate.text) for candidate in candidates]
    cut = _cut_copies(candidates, named)
    if cut:
        candidates = [c for index, c in enumerate(candidates) if index not in cut]
        named = [name for index, name in enumerate(named) if index not in cut]
        if len(candidates) == 1:
            return candidates[0]
    if len({c.year for c in candidates}) == 1 and len({name for name in named if name}) <= 1:
        return candidates[0]
    year = metadata.body_year(lines)
    signer = metadata.agency_from_signature(lines)
    # A signer that no title names is the agency of the title that names none (2023年…年度报告
    # below other agencies' titles), or a footer's line: either way no named title is confirmed.
    unnamed_signed = bool(signer) and not any(name and signer.startswith(name) for name in named)
    opening = _opening(head, lines, candidates)
    before_body = _last_before_body(candidates, head)

    def score(index: int) -> int:
        candidate, agency = candidates[index], named[index]
        points = 0
        if year is not None and candidate.year == year:
            points += YEAR_POINTS
        if unnamed_signed:
            confirmed = not agency
        else:
            # signed by the agency, or by an office of it (临溪县教育局办公室)
            confirmed = bool(agency) and (signer.startswith(agency) if signer else agency in opening)
        if confirmed:
            points += AGENCY_POINTS
        if candidate.listed:
            points += LISTED_POINTS
        if candidate.inline:
            points += INLINE_POINTS
        if index == before_body:
            points += BEFORE_BODY_POINTS
        return points

    best = max(range(len(candidates)), key=lambda index: (score(index), -index))
    return candidates[best]


def _cut_copies(candidates: list[TitleCandidate], named: list[str]) -> set[int]:
    """The candidates that are another's title with the start of its agency's name cut off (衡南县
    人民政府办公室2020年… then 县人民政府办公室2020年…: a page's broken second copy of its title)."""
    squeezed = [re.sub(r"\s+", "", candidate.agency + candidate.text) for candidate in candidates]
    return {index for index, name in enumerate(named) if name[:1] in _LEVELS and any(
        other != name and other.endswith(name) and _NAME_START.fullmatch(other[: -len(name)])
        and squeezed[whole] != squeezed[index] and squeezed[whole].endswith(squeezed[index])
        for whole, other in enumerate(named))}


#: The characters that end a place's name (青禾县, 某某市): a name that starts with one was cut.
_LEVELS = frozenset("省市县区州盟旗镇乡村")
#: What a cut took off the start of a name: a place's own characters (衡南 of 衡南县).
_NAME_START = re.compile(r"[\u4e00-\u9fff]{1,12}")


def _opening(head: list[Line], lines: list[Line], candidates: list[TitleCandidate]) -> str:
    """The first ``OPENING_CHARS`` characters of the text from the first title on, titles by
    themselves left out, without spaces, cited titles masked (a provincial notice's issuer is
    not the report's agency). Titles inside a line (a crawled page): the text after the last."""
    last = candidates[-1]
    if last.inline:
        after, parts = head[last.last].location.line, [head[last.last].text[last.end :]]
    else:
        after, parts = head[candidates[0].first].location.line - 1, []
    titles = {head[index].location.line for c in candidates if not c.inline for index in range(c.first, c.last + 1)
              if not _STOP.search(head[index].text)}
    size = sum(map(len, parts))
    for other in lines:
        if size >= OPENING_CHARS:
            break
        where = other.location.line
        if where <= after or where in titles or not other.text.strip():
            continue
        parts.append(other.text)
        size += len(other.text)
    return re.sub(r"\s+", "", metadata.mask_quotes("\n".join(parts)[:OPENING_CHARS]))


#: What ends a sentence: a title line holding one is text (现将…年度报告予以公布。), not a title by itself.
_STOP = re.compile(r"[。；;！？!?]")


def _last_before_body(candidates: list[TitleCandidate], head: list[Line]) -> int | None:
    """The index of the last title line above the first line of the body (a sentence, or a
    title line holding a sentence's stop), or None when the first screen holds no such line."""
    titles = {index for candidate in candidates if not candidate.inline for index in range(candidate.first, candidate.last + 1)}
    body = next((index for index, line in enumerate(head) if metadata.BODY_SENTENCE.search(line.text)
                 and (index not in titles or _STOP.search(line.text))), None)
    if body is None:
        return None
    above = [index for index, candidate in enumerate(candidates) if candidate.last < body and not candidate.inline]
    return above[-1] if above else None
