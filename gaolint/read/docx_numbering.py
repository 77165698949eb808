"""Word's automatic list numbers: the ``一、`` or ``（一）`` Word draws before a paragraph but
does not keep in the paragraph's text.

A report whose headings were numbered with Word's list button (or a heading style tied to a
multi-level list) stores ``<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>`` and the
bare title ``总体情况``; the ``一、`` comes from ``word/numbering.xml`` (level 0 of list 3 counts
in ``chineseCounting`` with the text ``%1、``). Read without it, every section heading loses
its number and the report seems to have none of its sections. This module works the numbers
out as Word does and marks each numbered paragraph with its label (an attribute on the parsed
``w:p``, never written anywhere), which the reader puts before the paragraph's text.

How Word counts: by abstract list (two ``w:num`` sharing one ``w:abstractNum`` continue each
other's count), from the level's ``w:start``; numbering at a level resets the deeper levels;
a ``w:num``'s ``w:lvlOverride/w:startOverride`` restarts its level the first time that list is
used. A paragraph's list comes from its own ``w:pPr/w:numPr``, else from its paragraph style
(followed through ``w:basedOn``); ``w:numId w:val="0"`` removes numbering.
"""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
#: The attribute a numbered paragraph's label is kept in, on the parsed tree only.
LABEL = "{urn:gaolint}list-label"
#: Word has nine levels; deeper references are nonsense and ignored.
LEVELS = 9
#: Longest basedOn chain followed (Word's own are a few deep; a cycle must not hang).
MAX_STYLE_DEPTH = 16

_CHINESE_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


class _Level:
    __slots__ = ("fmt", "text", "start", "legal", "suffix", "restart", "style")

    def __init__(self, fmt: str, text: str, start: int, legal: bool, suffix: str, restart: int | None,
                 style: str) -> None:
        self.fmt = fmt
        self.text = text
        self.start = start
        self.legal = legal
        self.suffix = suffix
        self.restart = restart
        self.style = style


class ListNumbers:
    """The lists of one document and their running counts."""

    def __init__(self, abstracts: dict[str, dict[int, _Level]], nums: dict[str, tuple[str, dict[int, int]]],
                 styles: dict[str, tuple[str | None, int | None, str | None]]) -> None:
        self.abstracts = abstracts
        #: numId -> (abstractNumId, {level: start override})
        self.nums = nums
        #: styleId -> (numId, ilvl, basedOn) of paragraph styles
        self.styles = styles
        self.counts: dict[str, list[int | None]] = {}
        self.used: set[str] = set()

    @classmethod
    def parse(cls, numbering: Any, styles: Any | None) -> ListNumbers | None:
        """From the parsed ``w:numbering`` and ``w:styles`` roots; None when no list has a level."""
        abstracts: dict[str, dict[int, _Level]] = {}
        for abstract in numbering.iterchildren(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(W + "lvl"):
                index = _int(lvl.get(W + "ilvl"), -1)
                if 0 <= index < LEVELS:
                    levels[index] = _level(lvl)
            abstracts[abstract.get(W + "abstractNumId") or ""] = levels
        nums: dict[str, tuple[str, dict[int, int]]] = {}
        for num in numbering.iterchildren(W + "num"):
            overrides = {}
            for override in num.iterchildren(W + "lvlOverride"):
                index = _int(override.get(W + "ilvl"), -1)
                start = _child_val(override, "startOverride")
                if 0 <= index < LEVELS and start is not None:
                    overrides[index] = _int(start, 1)
            nums[num.get(W + "numId") or ""] = (_child_val(num, "abstractNumId") or "", overrides)
        if not any(abstracts.values()):
            return None
        return cls(abstracts, nums, _paragraph_styles(styles))

    def mark(self, body: Any) -> int:
        """Set ``LABEL`` on every numbered paragraph under ``body``, in document order; how many."""
        marked = 0
        for paragraph in body.iter(W + "p"):
            label = self.label(paragraph)
            if label:
                paragraph.set(LABEL, label)
                marked += 1
        return marked

    def label(self, paragraph: Any) -> str:
        """The number Word draws before ``paragraph`` (advancing the count), or ""."""
        num_id, level = self._list_of(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract_id)
        if not levels:
            return ""
        if level is None:
            level = 0
        if level not in levels:
            return ""
        counts = self.counts.setdefault(abstract_id, [None] * LEVELS)
        if num_id not in self.used:
            self.used.add(num_id)
            for index, start in overrides.items():
                counts[index] = start - 1
        current = counts[level]
        counts[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, LEVELS):
            kept = levels.get(deeper)
            if kept is None or kept.restart != 0:
                counts[deeper] = None
        return self._text(levels, counts, level)

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
        seen = 0
        current: str | None = style
        while current is not None and seen < MAX_STYLE_DEPTH:
            entry = self.styles.get(current)
            if entry is None:
                return None, None
            num_id, level, based_on = entry
            if num_id is not None:
                return num_id, level
            current = based_on
            seen += 1
        return None, None

    def _level_of_style(self, num_id: str, style: str) -> int | None:
        """The level of ``num_id``'s list that names ``style`` (a heading style tied to a
        multi-level list stores only the list, the level names the style)."""
        abstract = self.abstracts.get(self.nums.get(num_id, ("", {}))[0], {})
        for index, level in sorted(abstract.items()):
            if level.style == style:
                return index
        return None

    @staticmethod
    def _text(levels: dict[int, _Level], counts: list[int | None], level: int) -> str:
        own = levels[level]
        if own.fmt == "bullet":
            return ""
        out = own.text
        for index in range(LEVELS):
            token = f"%{index + 1}"
            if token not in out:
                continue
            other = levels.get(index)
            value = counts[index]
            if value is None:
                value = other.start if other is not None else 1
            fmt = "decimal" if own.legal and index != level else (other.fmt if other is not None else "decimal")
            out = out.replace(token, format_number(value, fmt))
        out = out.strip()
        if out and own.suffix != "nothing" and out[-1].isascii() and out[-1].isalnum():
            out += " "
        return out


def format_number(value: int, fmt: str) -> str:
    """``value`` written in Word's number format ``fmt`` (w:numFmt); decimal for any other."""
    if value < 0:
        return str(value)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting", "ideographLegalTraditional"):
        return _chinese(value, _CHINESE_DIGITS)
    if fmt == "chineseLegalSimplified":
        return _chinese(value, _LEGAL_DIGITS, ten="拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CHINESE_DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return _EARTHLY_BRANCHES[value - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter") and value >= 1:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= value < 4000:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "none":
        return ""
    return str(value)


def _chinese(value: int, digits: str, ten: str = "十") -> str:
    """一 … 十, 十一 … 十九, 二十 … 九十九 as Word counts; larger numbers digit by digit."""
    if value == 0:
        return digits[0]
    if value < 10:
        return digits[value]
    if value < 100:
        tens, units = divmod(value, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")
    return "".join(digits[int(d)] for d in str(value))


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def _level(lvl: Any) -> _Level:
    restart = _child_val(lvl, "lvlRestart")
    return _Level(
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
    document = archive.read("word/document.xml")
    direct = b"numPr" in document
    if not direct and b"pStyle" not in document:
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
