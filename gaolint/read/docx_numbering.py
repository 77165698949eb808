"""Word's automatic list numbers in a .docx: which list and level each paragraph is on.

A paragraph names its list in ``<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>``,
or through its paragraph style (followed through ``w:basedOn``; a heading style tied to a
multi-level list names the list, and the list's level names the style); ``w:numId w:val="0"``
removes numbering. The lists are defined in ``word/numbering.xml`` (``w:abstractNum`` levels,
``w:num`` instances with start overrides). ``listnumbers.ListCounter`` counts as Word does;
this module marks each numbered paragraph of the parsed body with its label (an attribute on
the parsed ``w:p``, never written anywhere), which the reader puts before the paragraph's text.
"""

from __future__ import annotations

import re
from typing import Any

from .listnumbers import LEVELS, Level, ListCounter, style_list

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
#: The attribute a numbered paragraph's label is kept in, on the parsed tree only.
LABEL = "{urn:gaolint}list-label"


class ListNumbers:
    """The lists of one .docx, its numbered paragraph styles, and the running counts."""

    def __init__(self, counter: ListCounter, styles: dict[str, tuple[str | None, int | None, str | None]]) -> None:
        self.counter = counter
        #: styleId -> (numId, ilvl, basedOn) of paragraph styles
        self.styles = styles

    @classmethod
    def parse(cls, numbering: Any, styles: Any | None) -> ListNumbers | None:
        """From the parsed ``w:numbering`` and ``w:styles`` roots; None when no list has a level."""
        abstracts: dict[object, dict[int, Level]] = {}
        for abstract in numbering.iterchildren(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(W + "lvl"):
                index = _int(lvl.get(W + "ilvl"), -1)
                if 0 <= index < LEVELS:
                    levels[index] = _level(lvl)
            abstracts[abstract.get(W + "abstractNumId") or ""] = levels
        instances: dict[object, tuple[object, dict[int, int]]] = {}
        for num in numbering.iterchildren(W + "num"):
            overrides = {}
            for override in num.iterchildren(W + "lvlOverride"):
                index = _int(override.get(W + "ilvl"), -1)
                start = _child_val(override, "startOverride")
                if 0 <= index < LEVELS and start is not None:
                    overrides[index] = _int(start, 1)
            instances[num.get(W + "numId") or ""] = (_child_val(num, "abstractNumId") or "", overrides)
        if not any(abstracts.values()):
            return None
        return cls(ListCounter(abstracts, instances), _paragraph_styles(styles))

    def mark(self, body: Any) -> int:
        """Set ``LABEL`` on every numbered paragraph under ``body``, in document order; how many."""
        marked = 0
        for paragraph in body.iter(W + "p"):
            num_id, level = self._list_of(paragraph)
            if num_id is None or num_id == "0" or _deleted(paragraph):
                continue
            label = self.counter.label(num_id, level)
            if label:
                paragraph.set(LABEL, label)
                marked += 1
        return marked

    def _list_of(self, paragraph: Any) -> tuple[str | None, int | None]:
        num_id: str | None = None
        level: int | None = None
        style: str | None = None
        for props in paragraph.iterchildren(W + "pPr"):
            for item in props:
                if item.tag == W + "numPr":
                    num_id = _child_val(item, "numId")
                    raw = _child_val(item, "ilvl")
                    level = None if raw is None else _int(raw, 0)
                elif item.tag == W + "pStyle":
                    style = item.get(_VAL)
            break
        if num_id is not None:
            if level is None and style is not None:
                level = self._style_list(style)[1]
            return num_id, level
        if style is None:
            return None, None
        found, level = self._style_list(style)
        if found is not None and level is None:
            level = self._level_of_style(found, style)
        return found, level

    def _style_list(self, style: str) -> tuple[str | None, int | None]:
        num_id, level = style_list(self.styles, style)
        return (num_id if isinstance(num_id, str) else None), level

    def _level_of_style(self, num_id: str, style: str) -> int | None:
        """The level of ``num_id``'s list that names ``style`` (a heading style tied to a
        multi-level list stores only the list, the level names the style)."""
        abstract_id = self.counter.instances.get(num_id, ("", {}))[0]
        for index, level in sorted(self.counter.abstracts.get(abstract_id, {}).items()):
            if level.style == style:
                return index
        return None


#: A paragraph mark deleted or moved away with tracked changes on (``w:pPr/w:rPr/w:del``).
_GONE_MARKS = (W + "del", W + "moveFrom")


def _deleted(paragraph: Any) -> bool:
    """A paragraph deleted with tracked changes on: its mark deleted and no text left that is not
    (``<w:del>…<w:delText>``). Word leaves it out of the document as published, and out of its
    list's count; counted, it gave the next heading the number after its own (二、 for 一、)."""
    for props in paragraph.iterchildren(W + "pPr"):
        marks = props.find(W + "rPr")
        if marks is None or not any(mark.tag in _GONE_MARKS for mark in marks):
            return False
        return not any(text.text for text in paragraph.iter(W + "t"))
    return False


def _level(lvl: Any) -> Level:
    restart = _child_val(lvl, "lvlRestart")
    return Level(
        fmt=_child_val(lvl, "numFmt") or "decimal",
        text=_child_val(lvl, "lvlText") or "",
        start=_int(_child_val(lvl, "start"), 1),
        legal=_flag(lvl, "isLgl"),
        suffix=_child_val(lvl, "suff") or "tab",
        restart=None if restart is None else _int(restart, 1),
        style=_child_val(lvl, "pStyle") or "",
    )


def _paragraph_styles(styles: Any | None) -> dict[str, tuple[str | None, int | None, str | None]]:
    found: dict[str, tuple[str | None, int | None, str | None]] = {}
    if styles is None:
        return found
    for style in styles.iterchildren(W + "style"):
        if style.get(W + "type", "paragraph") != "paragraph":
            continue
        num_id: str | None = None
        level: int | None = None
        for props in style.iterchildren(W + "pPr"):
            for numbering in props.iterchildren(W + "numPr"):
                num_id = _child_val(numbering, "numId")
                raw = _child_val(numbering, "ilvl")
                level = None if raw is None else _int(raw, 0)
        found[style.get(W + "styleId") or ""] = (num_id, level, _child_val(style, "basedOn"))
    return found


def _child_val(node: Any, name: str) -> str | None:
    for child in node.iterchildren(W + name):
        return child.get(_VAL)
    return None


def _flag(node: Any, name: str) -> bool:
    for child in node.iterchildren(W + name):
        return child.get(_VAL, "true") not in ("0", "false", "off")
    return False


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


#: A paragraph style named in a part's bytes (``<w:pStyle w:val="Heading1"/>``): its id. In
#: ``word/numbering.xml`` the styles tied to list levels, in ``word/document.xml`` those used.
_STYLE = re.compile(rb"pStyle\s[^>]{0,200}?val=\"([^\"]{1,100})\"")


def mark_list_numbers(archive: Any, body: Any) -> bool:
    """Mark the numbered paragraphs of ``body`` (the parsed ``word/document.xml``'s) with their
    labels; whether any was. Cheap when nothing is numbered, as in most reports: the document's
    bytes are searched first, ``word/numbering.xml`` (a few KB) is parsed only if a paragraph
    names a list or a style, and ``word/styles.xml`` (often 350 KB) only when a style the body
    uses is one that a list names."""
    from lxml import etree

    names = archive.names
    if "word/numbering.xml" not in names or "word/document.xml" not in names:
        return False
    # The document's bytes first: whether a paragraph names a list itself, else which styles
    # paragraphs use (a style can number them only if a list level names it, and most
    # documents' lists name styles the body never uses).
    document = archive.read("word/document.xml")
    direct = b"numPr" in document
    if not direct:
        styles_used = set(_STYLE.findall(document))
        if not styles_used or not styles_used.intersection(_STYLE.findall(archive.read("word/numbering.xml"))):
            return False
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    try:
        archive.check_parts(["word/numbering.xml"])
        numbering = etree.fromstring(archive.read("word/numbering.xml"), parser)
        linked = {node.get(_VAL) for node in numbering.iter(W + "pStyle")}
        used = {node.get(_VAL) for node in body.iter(W + "pStyle")} if linked else set()
        styles = None
        if linked & used and "word/styles.xml" in names:
            archive.check_parts(["word/styles.xml"])
            styles = etree.fromstring(archive.read("word/styles.xml"), parser)
        elif not direct:
            return False
    except etree.LxmlError:
        return False  # a broken numbering or styles part: the text is read without numbers
    lists = ListNumbers.parse(numbering, styles)
    return lists is not None and lists.mark(body) > 0
