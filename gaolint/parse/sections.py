"""Finding the numbered top-level sections (一、总体情况 …) by meaning.

A heading is a short line opening with a Chinese numeral and 、 whose words match one of the
format's sections. Table 3's rows look like headings (``四、结转下年度继续办理``), so a line
that names a table row is never a section.
"""

from __future__ import annotations

import re

from ..formats import FormatSpec, SectionSpec
from ..model import Line, Section
from .labels import squeeze

_HEADING = re.compile(r"^[\s#*>|]*(?:第)?([一二三四五六七八九十]{1,3})(?:部分)?\s*[、.,，:：]\s*(.{2,60})$")
#: Words of table rows and table headers that must never be taken for a section title.
_TABLE_WORDS = ("结转下年度", "本年新收", "上年结转", "本年度办理结果", "申请数量", "办理结果")


def heading_candidates(lines: list[Line]) -> list[tuple[Line, str, str]]:
    """(line, numeral, title) for every line shaped like a top-level heading."""
    found = []
    for line in lines:
        text = line.text.strip().strip("*").strip()
        if len(text) > 70 or not text:
            continue
        match = _HEADING.match(text)
        if not match:
            continue
        title = match.group(2).strip().strip("*# ")
        # A heading line may run on into its first sentence; the title ends at a full stop.
        for stop in ("。", "：", ":"):
            if stop in title:
                title = title.split(stop, 1)[0]
        if any(word in title for word in _TABLE_WORDS) or "|" in title:
            continue
        found.append((line, match.group(1), title))
    return found


def _section_for(title: str, numeral: str, fmt: FormatSpec) -> SectionSpec | None:
    squeezed = squeeze(title)
    scored = []
    for position, spec in enumerate(fmt.sections):
        if any(squeeze(word) in squeezed for word in spec.match):
            bonus = 1 if spec.numeral == numeral else 0
            scored.append((bonus, -position, spec))
    if not scored:
        return None
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return scored[0][2]


def find_sections(lines: list[Line], fmt: FormatSpec) -> list[Section]:
    """The report's sections in document order, each spanning to the next heading."""
    sections: list[Section] = []
    for line, numeral, title in heading_candidates(lines):
        spec = _section_for(title, numeral, fmt)
        if spec is None:
            continue
        # 五、存在的主要问题… must open with its own numeral to be taken for the section when the
        # words are generic (a table-4 header line never starts with a numeral).
        number = fmt.sections.index(spec) + 1
        sections.append(Section(number, spec.key, title, line.whole(), line.index, len(lines)))
    for current, following in zip(sections, sections[1:]):
        current.end_line = following.first_line
    for section in sections:
        section.body = "\n".join(l.text for l in lines[section.first_line + 1 : section.end_line])
    return sections
