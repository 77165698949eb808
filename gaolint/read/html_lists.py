"""The numbers a browser draws before the items of an ``<ol>``: part of what a reader sees.

A page whose headings are items of ordered lists (``<ol><li><h1>总体情况</h1></li></ol>``, as
LibreOffice writes a Word report with numbered headings, or a CMS editor's list button) keeps
the numbers out of its text: the browser draws them from the list (``type``, ``start``,
``reversed``, an item's ``value``, CSS ``list-style-type`` on the list or the item). Read without
them, every heading of such a report loses its number and the report seems to have none of its
sections. ``ListMarkers.marker(li)`` is the marker text the browser shows — ``1.`` and a space
for decimal lists, ``一、`` for Chinese ones, nothing for bullets and ``list-style: none``. An
item whose text opens with its own number gets none (``has_own_number``): site style sheets
often hide the markers, and then the typed number is all the reader sees.
"""

from __future__ import annotations

import re
from typing import Any

from .listnumbers import format_number

#: CSS list-style-type → (format, the text after the number) as browsers draw them.
STYLES = {
    "decimal": ("decimal", ". "),
    "decimal-leading-zero": ("decimalZero", ". "),
    "lower-alpha": ("lowerLetter", ". "),
    "lower-latin": ("lowerLetter", ". "),
    "upper-alpha": ("upperLetter", ". "),
    "upper-latin": ("upperLetter", ". "),
    "lower-roman": ("lowerRoman", ". "),
    "upper-roman": ("upperRoman", ". "),
    "cjk-ideographic": ("chineseCounting", "、"),
    "simp-chinese-informal": ("chineseCounting", "、"),
    "trad-chinese-informal": ("chineseCounting", "、"),
    "simp-chinese-formal": ("chineseLegalSimplified", "、"),
    "cjk-decimal": ("ideographDigital", "、"),
    "cjk-heavenly-stem": ("ideographTraditional", "、"),
    "cjk-earthly-branch": ("ideographZodiac", "、"),
}
#: ``<ol type>`` → list-style-type.
TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
#: Types drawn as a symbol or not at all: no text.
SILENT = frozenset({"none", "disc", "circle", "square", "disclosure-open", "disclosure-closed"})
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*+:\s*+([^;]{1,80})", re.I)
#: An item's text that carries its own number (一、 （一） 1. ① 第一部分): its marker is left
#: out. Site style sheets very often hide list markers (``ol, li { list-style: none }``), which
#: a page's own ``style`` attributes do not show; a typed number is what the reader sees.
_OWN_NUMBER = re.compile(r"[\s\u3000]*+(?:第?[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}部分|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.、．]|[\u2460-\u2473\u2474-\u2487\u2488-\u249b])")
#: Items of one list numbered at most (a list of more is not a report's headings).
MAX_ITEMS = 10_000


class ListMarkers:
    """Markers of the ``<ol>`` items of one page, each list's worked out once."""

    def __init__(self) -> None:
        self.lists: dict[Any, dict[Any, str]] = {}

    def marker(self, item: Any) -> str:
        """The marker before ``item`` (an ``<li>``), or "" when it has none in text."""
        parent = item.getparent()
        if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
            return ""
        markers = self.lists.get(parent)
        if markers is None:
            markers = self.lists[parent] = _markers(parent)
        return markers.get(item, "")


def has_own_number(text: str) -> bool:
    """Whether ``text`` opens with a number of its own (then no marker goes before it)."""
    return _OWN_NUMBER.match(text) is not None


def _markers(ordered: Any) -> dict[Any, str]:
    items = [child for child in ordered if isinstance(child.tag, str) and child.tag.lower() == "li"][:MAX_ITEMS]
    reversed_ = ordered.get("reversed") is not None
    ordinal = _integer(ordered.get("start"), len(items) if reversed_ else 1)
    step = -1 if reversed_ else 1
    list_style = _style_of(ordered)
    markers = {}
    for item in items:
        ordinal = _integer(item.get("value"), ordinal)
        style = _own_style(item) or list_style
        if style not in SILENT:
            fmt, suffix = STYLES.get(style, STYLES["decimal"])
            markers[item] = format_number(ordinal, fmt) + suffix
        ordinal += step
    return markers


def _style_of(ordered: Any) -> str:
    return _own_style(ordered) or TYPES.get((ordered.get("type") or "").strip(), "decimal")


def _own_style(element: Any) -> str:
    style = element.get("style")
    if style:
        found = _LIST_STYLE.search(style)
        if found:
            for word in found.group(1).lower().split():
                if word in STYLES or word in SILENT:
                    return word
    kind = (element.get("type") or "").strip() if element.tag.lower() == "li" else ""
    return TYPES.get(kind, "")


def _integer(text: str | None, default: int) -> int:
    try:
        return int((text or "").strip()) if text and text.strip() else default
    except ValueError:
        return default
