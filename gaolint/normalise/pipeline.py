"""The normalising pass over a container's extracted lines."""

from __future__ import annotations

import re

from ..model import Line, Location, Mention
from ..read.base import Extracted
from .pinyin import strip_pinyin
from .traditional import has_traditional, to_simplified
from .widths import to_halfwidth

#: Page furniture that is not part of the report: police-registration footers, ICP numbers,
#: page numbers such as "- 3 -", "第 3 页 共 5 页", "3/5".
_FURNITURE = re.compile(
    r"公网安备|公網安備|ICP备|ICP備|^\s*[-—–－]\s*\d{1,3}\s*[-—–－]\s*$|^\s*第\s*\d{1,3}\s*页(\s*共\s*\d{1,3}\s*页)?\s*$"
    r"|^\s*\d{1,3}\s*/\s*\d{1,3}\s*$"
)
_REGISTRATION_NUMBER = re.compile(r"^\s*\d{10,16}号\s*$")


def normalise(extracted: Extracted) -> tuple[list[Line], list[Mention]]:
    """Return the report's normalised lines and the damage noticed on the way."""
    lines: list[Line] = []
    damage: list[Mention] = []
    previous_was_furniture = False
    for source in extracted.lines:
        original = source.text
        if _FURNITURE.search(original) or (previous_was_furniture and _REGISTRATION_NUMBER.match(original)):
            previous_was_furniture = "公网安备" in original or "公網安備" in original
            continue
        previous_was_furniture = False
        text = to_halfwidth(original)
        if has_traditional(text):
            text = to_simplified(text)
        stripped, columns = strip_pinyin(text)
        location = Location(source.line, source.column, None, source.place)
        line = Line(len(lines), stripped, location, original, tuple(columns) if columns is not None else None)
        if columns is not None:
            damage.append(Mention("pinyin", original.strip()[:40], line.whole()))
        if "\ufffd" in stripped:
            start = stripped.index("\ufffd")
            damage.append(Mention("replacement", stripped.strip()[:40], line.location_of(start, start + 1)))
        lines.append(line)
    for source, message in extracted.damage:
        damage.append(Mention("reader", message, Location(source.line, source.column, None, source.place)))
    return lines, damage
