"""Matching row labels and headings by meaning, not by exact text.

Published tables lose characters (``2.其他法律行政止公开``), gain spaces (``(四 )无 法提供``)
and vary punctuation, so labels are compared on their CJK content: first the format's key
phrases, then character-bigram overlap with the canonical label.
"""

from __future__ import annotations

import re

#: Leading numbering: 一、 (一) 1. 1、 and the like.
_NUMBERING = re.compile(r"^\s*(?:([一二三四五六七八九十]+)\s*[、.]|\(\s*([一二三四五六七八九十]+)\s*\)|(\d{1,2})\s*[.、](?!\d))")
_NOISE = re.compile(r"[\s\"“”'‘’()（）\[\]【】*#:：,，;；。、.]")


def split_numbering(text: str) -> tuple[str, str]:
    """("（三）", "不予公开") style split: the numbering marker (normalised) and the rest."""
    match = _NUMBERING.match(text)
    if not match:
        return "", text.strip()
    if match.group(1):
        marker = match.group(1) + "、"
    elif match.group(2):
        marker = "(" + match.group(2) + ")"
    else:
        marker = match.group(3) + "."
    return marker, text[match.end():].strip()


def squeeze(text: str) -> str:
    """The label's content with spaces, quotes, brackets and punctuation removed."""
    return _NOISE.sub("", text)


def bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similarity(a: str, b: str, ga: frozenset[str] | None = None, gb: frozenset[str] | None = None) -> float:
    """Dice coefficient over character bigrams: robust to a few lost or extra characters.
    ``ga``/``gb`` are the bigrams of ``a``/``b`` when the caller has them already."""
    if not a or not b:
        return 0.0
    ga = bigrams(a) if ga is None else ga
    gb = bigrams(b) if gb is None else gb
    if not ga or not gb:
        return 1.0 if a == b else 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))
