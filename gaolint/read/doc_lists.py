"""Word's automatic list numbers in a .doc (Word 97-2003, WPS): the binary list tables.

The .doc form of what ``docx_numbering`` reads from ``word/numbering.xml`` ([MS-DOC] 2.9.147
PlfLst, 2.9.150 LVL, 2.9.131 PlfLfo): list definitions (LSTF, each followed in order by its
one or nine LVLs after the PlfLst), list instances (LFO, with start overrides in LFOData) and
paragraphs that name an instance by ``sprmPIlfo`` (1-based) and a level by ``sprmPIlvl``,
directly or through their paragraph style (the style sheet, STSH: a heading style tied to a
list carries the two sprms in its paragraph UPX, and a style inherits its base's). Counting and
number formats are ``listnumbers``'s.

Everything here is bounded by the table stream's length, and anything that does not parse
means no list numbers, never an error: the text is still read.
"""

from __future__ import annotations

import struct

from .doc_sprms import operands
from .listnumbers import LEVELS, Level, ListCounter, style_list

#: [MS-DOC] nfc codes → the OOXML format names ``listnumbers.format_number`` knows.
NFC = {
    0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
    10: "ideographDigital", 11: "japaneseCounting", 14: "decimalFullWidth", 18: "decimalEnclosedCircle",
    19: "decimalFullWidth2", 22: "decimalZero", 23: "bullet", 26: "decimalEnclosedFullstop",
    27: "decimalEnclosedParen", 28: "decimalEnclosedCircleChinese", 30: "ideographTraditional",
    31: "ideographZodiac", 33: "taiwaneseCounting", 34: "ideographLegalTraditional",
    35: "taiwaneseCountingThousand", 36: "taiwaneseDigital", 37: "chineseCounting",
    38: "chineseLegalSimplified", 39: "chineseCountingThousand", 255: "none",
}
_FOLLOW = {0: "tab", 1: "space", 2: "nothing"}
SPRM_P_ILVL = 0x260A
SPRM_P_ILFO = 0x460B
#: sprmPIlfo's "numbering removed" value (a style's list switched off on a paragraph).
NO_LIST = 0xF801
#: Lists, instances and styles read at most; a report has a few tens.
MAX_LISTS = 1000
MAX_STYLES = 4000


class DocLists:
    """The lists of one .doc: ``label(istd, ilfo, ilvl)`` for each paragraph in document order."""

    def __init__(self, counter: ListCounter, styles: dict[int, tuple[int | None, int | None, int]]) -> None:
        self.counter = counter
        #: istd -> (ilfo, ilvl, istdBase) of paragraph styles
        self.styles = styles

    @classmethod
    def parse(cls, table: bytes, lists: tuple[int, int], instances: tuple[int, int],
              stylesheet: tuple[int, int]) -> DocLists | None:
        """From the table stream and the FIB's (fc, lcb) of PlfLst, PlfLfo and STSH; None when
        the document defines no list (or its tables do not parse)."""
        try:
            abstracts = _definitions(table, *lists)
            if not abstracts:
                return None
            found = _instances(table, *instances)
            styles = _styles(table, *stylesheet)
        except (struct.error, IndexError, ValueError, UnicodeDecodeError):
            return None
        return cls(ListCounter(abstracts, found), styles)

    def label(self, istd: int, ilfo: int | None, ilvl: int | None) -> str:
        if ilfo is None:
            ilfo, style_level = self._style_list(istd)
            ilvl = style_level if ilvl is None else ilvl
        if not ilfo or ilfo == NO_LIST:
            return ""
        if ilvl is None:
            ilvl = self._style_list(istd)[1]
        return self.counter.label(ilfo, ilvl)

    def _style_list(self, istd: int) -> tuple[int | None, int | None]:
        ilfo, ilvl = style_list(self.styles, istd)
        return (ilfo if isinstance(ilfo, int) else None), ilvl


def list_sprms(grpprl: bytes) -> tuple[int | None, int | None]:
    """(sprmPIlfo, sprmPIlvl) operands among paragraph sprms, None where absent."""
    ilfo = ilvl = None
    for sprm, position, _ in operands(grpprl):
        if sprm == SPRM_P_ILFO and position + 2 <= len(grpprl):
            ilfo = struct.unpack_from("<H", grpprl, position)[0]
        elif sprm == SPRM_P_ILVL and position < len(grpprl):
            ilvl = grpprl[position]
    return ilfo, ilvl


def _definitions(table: bytes, fc: int, lcb: int) -> dict[object, dict[int, Level]]:
    """PlfLst: the LSTFs, then after it each list's LVLs in the same order."""
    if lcb < 2 or fc + lcb > len(table):
        return {}
    count = struct.unpack_from("<h", table, fc)[0]
    if count <= 0 or count > MAX_LISTS or 2 + 28 * count > lcb:
        return {}
    heads = []
    for index in range(count):
        at = fc + 2 + 28 * index
        lsid = struct.unpack_from("<i", table, at)[0]
        simple = table[at + 26] & 1
        heads.append((lsid, 1 if simple else LEVELS))
    position = fc + lcb
    abstracts: dict[object, dict[int, Level]] = {}
    for lsid, levels in heads:
        found = {}
        for index in range(levels):
            level, position = _level(table, position)
            found[index] = level
        abstracts[lsid] = found
    return abstracts


def _level(table: bytes, at: int) -> tuple[Level, int]:
    """One LVL at ``at``: its LVLF, skipped grpprls, and the number text; the next offset."""
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    places = table[at + 6:at + 15]
    follow = table[at + 15]
    size_chpx, size_papx = table[at + 24], table[at + 25]
    position = at + 28 + size_papx + size_chpx
    length = struct.unpack_from("<H", table, position)[0]
    if position + 2 + 2 * length > len(table):
        raise ValueError("LVL past the table stream")
    chars = list(table[position + 2:position + 2 + 2 * length].decode("utf-16-le"))
    for place in places:
        if place == 0 or place > len(chars):
            break
        if ord(chars[place - 1]) < LEVELS:
            chars[place - 1] = f"%{ord(chars[place - 1]) + 1}"
    level = Level(
        fmt=NFC.get(nfc, "decimal"),
        text="".join(chars),
        start=start,
        legal=bool(flags & 0x04),
        suffix=_FOLLOW.get(follow, "tab"),
        restart=0 if flags & 0x08 else None,
    )
    return level, position + 2 + 2 * length


def _instances(table: bytes, fc: int, lcb: int) -> dict[object, tuple[object, dict[int, int]]]:
    """PlfLfo: LFO i (1-based, as sprmPIlfo names it) → (its list's lsid, start overrides)."""
    if lcb < 4 or fc + lcb > len(table):
        return {}
    count = struct.unpack_from("<I", table, fc)[0]
    if count > MAX_LISTS or 4 + 16 * count > lcb:
        return {}
    found: dict[object, tuple[object, dict[int, int]]] = {}
    position = fc + 4 + 16 * count
    for index in range(count):
        at = fc + 4 + 16 * index
        lsid = struct.unpack_from("<i", table, at)[0]
        levels = table[at + 12]
        overrides: dict[int, int] = {}
        position += 4  # LFOData.cp
        for _ in range(min(levels, LEVELS)):
            start, flags = struct.unpack_from("<iI", table, position)
            position += 8
            if flags & 0x10 and flags & 0x0F < LEVELS:  # fStartAt, at a level Word has
                overrides[flags & 0x0F] = start
            if flags & 0x20:  # fFormatting: a whole LVL follows
                _, position = _level(table, position)
        found[index + 1] = (lsid, overrides)
    return found


def _styles(table: bytes, fc: int, lcb: int) -> dict[int, tuple[int | None, int | None, int]]:
    """STSH: per paragraph style its list sprms and base style."""
    found: dict[int, tuple[int | None, int | None, int]] = {}
    if lcb < 4 or fc + lcb > len(table):
        return found
    end = fc + lcb
    header = struct.unpack_from("<H", table, fc)[0]
    if header < 4:
        return found
    count, base_size = struct.unpack_from("<HH", table, fc + 2)
    position = fc + 2 + header
    for istd in range(min(count, MAX_STYLES)):
        if position + 2 > end:
            break
        size = struct.unpack_from("<H", table, position)[0]
        std = position + 2
        position = std + size
        if size < base_size or position > end or base_size < 10:
            continue
        kind_and_base = struct.unpack_from("<H", table, std + 2)[0]
        if kind_and_base & 0x0F != 1:  # paragraph styles only
            continue
        name = std + base_size
        chars = struct.unpack_from("<H", table, name)[0]
        upx = name + 2 + 2 * chars + 2
        if upx + 4 > position:
            continue
        upx_size = struct.unpack_from("<H", table, upx)[0]
        grpprl = table[upx + 4:min(upx + 2 + upx_size, position)]  # after the UPX's istd
        ilfo, ilvl = list_sprms(grpprl)
        found[istd] = (ilfo, ilvl, kind_and_base >> 4)
    return found
