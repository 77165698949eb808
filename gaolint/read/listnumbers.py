"""Word's automatic list numbers, counted as Word counts them, for .docx and .doc alike.

A heading numbered with Word's list button keeps only its title in the document's text
(``总体情况``); the ``一、`` is drawn from the list's definition: per level a number format
(``chineseCounting``), a text with placeholders (``%1、``, ``（%2）``), a start value. Read without
it, every section heading of such a report loses its number and the report seems to have none
of its sections. The container readers find each paragraph's list and level
(``docx_numbering`` from ``word/numbering.xml`` and ``w:numPr``; ``doc_lists`` from the binary
list tables and ``sprmPIlfo``) and ask ``ListCounter.label`` in document order.

How Word counts: by abstract list (two lists over one definition continue each other's count),
from the level's start value; numbering at a level resets the deeper levels unless a deeper
level says it never restarts; a list instance's start override restarts its level the first
time that instance is used.
"""

from __future__ import annotations

#: Word has nine levels; deeper references are nonsense and ignored.
LEVELS = 9
#: Largest number written in letters (A … Z, AA … ZZ, … ten letters long); a file's start value
#: of 10¹¹ would otherwise ask for a string of billions of letters.
MAX_LETTERS = 260

_CHINESE_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


class Level:
    """One level of a list: number format (OOXML ``w:numFmt`` names), text with ``%1``…``%9``
    placeholders, start value, legal numbering (every placeholder in decimal), what follows the
    number (``tab``, ``space`` or ``nothing``), whether it restarts (``0``: never), and the
    paragraph style tied to it (.docx)."""

    __slots__ = ("fmt", "text", "start", "legal", "suffix", "restart", "style")

    def __init__(self, fmt: str, text: str, start: int = 1, legal: bool = False, suffix: str = "tab",
                 restart: int | None = None, style: str = "") -> None:
        self.fmt = fmt
        self.text = text
        self.start = start
        self.legal = legal
        self.suffix = suffix
        self.restart = restart
        self.style = style


class ListCounter:
    """The lists of one document and their running counts. ``abstracts``: definition id →
    levels; ``instances``: list id (what a paragraph names) → (definition id, {level: start
    override})."""

    def __init__(self, abstracts: dict[object, dict[int, Level]],
                 instances: dict[object, tuple[object, dict[int, int]]]) -> None:
        self.abstracts = abstracts
        self.instances = instances
        self.counts: dict[object, list[int | None]] = {}
        self.used: set[object] = set()

    def label(self, instance: object, level: int | None) -> str:
        """The number Word draws before the next paragraph of list ``instance`` at ``level``
        (advancing the count), or "" (no such list or level, a bullet)."""
        found = self.instances.get(instance)
        if found is None:
            return ""
        abstract_id, overrides = found
        levels = self.abstracts.get(abstract_id)
        level = 0 if level is None else level
        if not levels or level not in levels:
            return ""
        counts = self.counts.setdefault(abstract_id, [None] * LEVELS)
        if instance not in self.used:
            self.used.add(instance)
            for index, start in overrides.items():
                if 0 <= index < LEVELS:
                    counts[index] = start - 1
        current = counts[level]
        counts[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, LEVELS):
            kept = levels.get(deeper)
            if kept is None or kept.restart != 0:
                counts[deeper] = None
        return _text(levels, counts, level)


#: Longest chain of based-on styles followed (Word's own are a few deep; a cycle must not hang).
MAX_STYLE_DEPTH = 16


def style_list(styles: dict, style: object) -> tuple[object | None, int | None]:
    """The list and level a paragraph style numbers its paragraphs with, following the styles
    it is based on: ``styles`` maps a style to (list or None, level or None, base style)."""
    current = style
    for _ in range(MAX_STYLE_DEPTH):
        entry = styles.get(current)
        if entry is None:
            return None, None
        found, level, base = entry
        if found is not None:
            return found, level
        current = base
    return None, None


def _text(levels: dict[int, Level], counts: list[int | None], level: int) -> str:
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
        out += " "  # "1" before "2023年…" must not become the number 12023
    return out


def format_number(value: int, fmt: str) -> str:
    """``value`` written in Word's number format ``fmt`` (OOXML names); decimal for any other."""
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
    if fmt in ("upperLetter", "lowerLetter") and 1 <= value <= MAX_LETTERS:
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
