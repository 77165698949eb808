"""Walking a Word 97 property list (a grpprl: one sprm after another, each with its operand).

A sprm's top three bits (its ``spra``) give its operand's size; 6 means variable, the size in
the operand's first byte. sprmTDefTable is the one exception, its size in two bytes. The .doc
reader (paragraph properties), its list reader (the list a paragraph is on) and its hidden
text reader (character properties) all walk property lists this way.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

#: Operand sizes by ``spra`` (the top three bits of a sprm); 6 means variable.
SPRA_SIZE = (1, 1, 2, 4, 2, 2, 6, 3)
#: sprmTDefTable: a table row's cell boundaries, its operand's size in two bytes.
SPRM_T_DEF_TABLE = 0xD608


def operands(grpprl: bytes) -> Iterator[tuple[int, int, int]]:
    """(sprm, where its operand starts, the operand's size) for each sprm of ``grpprl``, up to
    the first one cut short. A variable operand starts at its size byte, sprmTDefTable's at its
    two size bytes; the size counts them less one, as the property list's own offsets do."""
    position = 0
    while position + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, position)[0]
        position += 2
        size = SPRA_SIZE[sprm >> 13]
        if sprm == SPRM_T_DEF_TABLE:
            if position + 2 > len(grpprl):
                return
            size = struct.unpack_from("<H", grpprl, position)[0] + 1
        elif size == 6:
            if position >= len(grpprl):
                return
            size = grpprl[position] + 1
        yield sprm, position, size
        position += size
