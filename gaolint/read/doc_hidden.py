"""Hidden text in a Word 97 (.doc) file: the runs whose character properties say ``vanish``,
and the runs deleted with tracked changes on (``sprmCFRMarkDel``), which Word's published view
leaves out as a .docx's ``w:del`` is left out (a deleted 电话：… read as text gave GAO502).

Word neither shows nor prints hidden text, and templates carry it (filling instructions, a
draft sentence kept out of sight): read as text, a hidden 本年度共收取信息处理费0.2万元 beside the
visible 未收取信息处理费 gave a false GAO402. .docx files mark it ``w:vanish`` (gaolint/read/docx.py);
.doc files in the character runs' properties: the PlcBteChpx (FIB pair 12) names 512-byte
pages (ChpxFkp) of runs by file position, each with a CHPX whose sprmCFVanish says whether
the run is hidden. Only the file positions of hidden runs are returned; the text reader drops
their characters and keeps its structure (paragraph and cell marks).
"""

from __future__ import annotations

import struct
from bisect import bisect_right

from .doc_sprms import operands

#: Character FKP pages read at most (each holds up to ~100 runs), as for paragraph pages.
MAX_CHPX_PAGES = 100_000
#: sprmCFVanish: a one-byte operand, 1 (or 0x81, "the opposite of the style's", read as on).
SPRM_C_F_VANISH = 0x083C
#: sprmCFRMarkDel: the run is deleted text of a tracked change (the same toggle operand).
SPRM_C_F_R_MARK_DEL = 0x0800
_GONE_SPRMS = (SPRM_C_F_VANISH, SPRM_C_F_R_MARK_DEL)


class HiddenRuns:
    """File-position ranges of hidden text: ``holds(fc)``."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges.sort()
        merged: list[tuple[int, int]] = []
        for first, after in ranges:
            if merged and first <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(after, merged[-1][1]))
            else:
                merged.append((first, after))
        self.starts = [first for first, _ in merged]
        self.ends = [after for _, after in merged]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def holds(self, fc: int) -> bool:
        index = bisect_right(self.starts, fc) - 1
        return index >= 0 and fc < self.ends[index]

    def meets(self, first: int, after: int) -> bool:
        """Does any hidden range overlap ``[first, after)``?"""
        index = bisect_right(self.starts, after - 1) - 1
        return index >= 0 and self.ends[index] > first


def hidden_runs(word: bytes, table: bytes, fc: int, lcb: int) -> HiddenRuns:
    """The hidden runs the PlcBteChpx at ``fc`` (``lcb`` bytes of the table stream) names; none
    when it is absent or damaged (text is then read as it is)."""
    if lcb < 12 or fc + lcb > len(table) or (lcb - 4) % 8:
        return HiddenRuns([])
    count = (lcb - 4) // 8
    if count > MAX_CHPX_PAGES:
        return HiddenRuns([])
    pages = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))
    ranges: list[tuple[int, int]] = []
    for page_number in pages:
        start = (page_number & 0x3FFFFF) * 512
        if start + 512 <= len(word):
            ranges.extend(_hidden_in_page(word[start:start + 512]))
    return HiddenRuns(ranges)


def _hidden_in_page(page: bytes) -> list[tuple[int, int]]:
    """The hidden runs of one ChpxFkp: ``crun`` (the last byte) runs, their ``crun + 1`` file
    positions, then one byte per run: the word offset of its CHPX (``cb`` and a grpprl), 0 for
    none."""
    crun = page[511]
    if crun == 0 or 4 * (crun + 1) + crun > 511:
        return []
    fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
    base = 4 * (crun + 1)
    found = []
    for index in range(crun):
        offset = page[base + index] * 2
        if not offset or offset >= 511:
            continue
        size = page[offset]
        if _vanishes(page[offset + 1:min(offset + 1 + size, 511)]) and fcs[index + 1] > fcs[index]:
            found.append((fcs[index], fcs[index + 1]))
    return found


def _vanishes(grpprl: bytes) -> bool:
    """Does a CHPX's grpprl switch sprmCFVanish or sprmCFRMarkDel on?"""
    for sprm, start, _ in operands(grpprl):
        if sprm in _GONE_SPRMS and start < len(grpprl) and grpprl[start] in (1, 0x81):
            return True
    return False
