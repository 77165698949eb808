"""Pinyin residue: web converters annotate each character with its reading, ``區(qū)開(kāi)``."""

from __future__ import annotations

import re

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: A CJK character followed by a parenthesised pinyin syllable that carries a tone mark (or
#: the neutral-tone ü), so URLs and English words in brackets are never taken for pinyin.
PINYIN_RESIDUE = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]([a-zü]{0,5}[" + _TONED + r"][a-zü]{0,5})[)）]"
)


def strip_pinyin(text: str) -> tuple[str, list[int] | None]:
    """Remove residue; return the new text and, if anything was removed, the map from each
    kept character's index to its index in ``text``."""
    if "(" not in text and "（" not in text:
        return text, None
    spans = [m.span() for m in PINYIN_RESIDUE.finditer(text)]
    if not spans:
        return text, None
    keep: list[int] = []
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        keep.extend(range(position, start))
        position = end
    pieces.append(text[position:])
    keep.extend(range(position, len(text)))
    return "".join(pieces), keep
