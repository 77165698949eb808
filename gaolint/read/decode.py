"""Bytes to text: decide the encoding the way Chinese report files actually arrive.

Order, as the users' files demand: a BOM (UTF-8, UTF-16), strict UTF-8, strict GB18030 (a
superset of GBK and GB2312), strict Big5, and only then charset-normalizer's statistical guess.
GB18030 decodes almost any byte string, so it is accepted only when the result looks like text.
"""

from __future__ import annotations

import codecs

from .base import UnreadableFile

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_text(text: str) -> bool:
    """True when the decoded text is mostly printable: controls and private-use characters
    are what a wrong legacy codec produces from binary data."""
    if not text:
        return True
    sample = text[:20000]
    bad = 0
    for ch in sample:
        o = ord(ch)
        if (o < 32 and ch not in "\t\r\n\f") or 0xE000 <= o <= 0xF8FF or o == 0xFFFD:
            bad += 1
    return bad <= max(2, len(sample) // 100)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding name). ``declared`` (an HTML meta charset) is
    tried after a BOM and before guessing. Raises UnreadableFile for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096] and len(data) >= 2:
        # UTF-16 without a BOM shows a NUL in every other byte of ASCII/CJK text.
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        if max(even, odd) > len(data[:4096]) // 6:
            name = "utf-16-le" if odd > even else "utf-16-be"
            try:
                text = data.decode(name)
                if _looks_like_text(text):
                    return text, name
            except UnicodeDecodeError:
                pass
    candidates = ["utf-8"]
    if declared:
        candidates.append(declared)
    candidates += ["gb18030", "big5"]
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, codecs.lookup(name).name
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        if _looks_like_text(text):
            return text, best.encoding
    raise UnreadableFile("无法识别文件编码，可能是二进制文件 / cannot decode the file: it looks like binary data")
