"""Bytes to text: decide the encoding the way Chinese report files actually arrive.

Order, as the users' files demand: a BOM (UTF-8, UTF-16), strict UTF-8, strict GB18030 (a
superset of GBK and GB2312), strict Big5, and only then charset-normalizer's statistical guess.
GB18030 decodes almost any byte string, so it is accepted only when the result looks like text.
"""

from __future__ import annotations

import codecs
import re

from .base import UnreadableFile

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: What a wrong legacy codec makes of binary data: C0 controls other than tab, CR, LF and form
#: feed; private-use characters; U+FFFD.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff\ufffd]")
#: Characters sampled from the start of a decoded text.
_SAMPLE_CHARS = 20000


def _looks_like_text(text: str) -> bool:
    """True when the decoded text is mostly printable: controls and private-use characters
    are what a wrong legacy codec produces from binary data. (One C-level findall over the
    sample: a Python loop over 20,000 characters cost about 5% of a lint.)"""
    if not text:
        return True
    sample = text[:_SAMPLE_CHARS]
    return len(_NOT_TEXT.findall(sample)) <= max(2, len(sample) // 100)


#: Characters frequent in report prose, in both scripts: a wrong legacy codec yields rare ones.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开"
    "它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基"
    "资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治"
    "北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身"
    "車門開關書長東這為與國會區縣鎮機構處數議訴況複審結轉總計體動請單據時間問題進條項規範決許罰強費資訊網電話傳郵務業辦"
    "認識說讀專門發廢現標準層級稱彙統對點當實將於應從歷內團組織導員產經濟劃財預類義權護責聯繫頁屬難來個們過還並見"
)


def _plausibility(text: str) -> float:
    sample = [ch for ch in text[:4000] if ch > "\u3000"]
    if not sample:
        return 0.0
    return sum(ch in _COMMON for ch in sample) / len(sample)


#: Bytes at the end of a file where a decoding error means the file was cut mid-character.
_CUT_TAIL = 4
#: Undecodable UTF-8 sequences tolerated in a text that is otherwise UTF-8 (one per this many
#: characters, and at least a few): a stray byte from an editor, not a different encoding.
_FEW_ERRORS = 1000


def _decode_cut(data: bytes, name: str) -> str:
    """``data`` decoded strictly, except that a character cut off at the very end (an excerpt
    or a download stopped mid-character) becomes one U+FFFD, which the normaliser reports as
    damage (GAO003) instead of the whole file being unreadable."""
    try:
        return data.decode(name)
    except UnicodeDecodeError as error:
        if error.start < len(data) - _CUT_TAIL:
            raise
        return data[: error.start].decode(name) + "\ufffd"


def _utf8_with_few_errors(data: bytes) -> str | None:
    """UTF-8 text with a handful of undecodable bytes, each as U+FFFD; None when there are
    more than a stray few (then it is another encoding, or binary)."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - data.count("\ufffd".encode())
    return text if errors <= max(3, len(text) // _FEW_ERRORS) else None


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
            text = _decode_cut(data, name)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _looks_like_text(text):
            continue
        if codecs.lookup(name).name == "gb18030":
            # Big5 bytes are nearly always valid GB18030 too: when both decode, keep the
            # reading that looks like Chinese prose.
            try:
                big5 = data.decode("big5")
            except UnicodeDecodeError:
                big5 = None
            if big5 is not None and _plausibility(big5) > _plausibility(text):
                return big5, "big5"
        return text, codecs.lookup(name).name
    mostly_utf8 = _utf8_with_few_errors(data)
    if mostly_utf8 is not None and _looks_like_text(mostly_utf8):
        return mostly_utf8, "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        if _looks_like_text(text):
            return text, best.encoding
    raise UnreadableFile("无法识别文件编码，可能是二进制文件 / cannot decode the file: it looks like binary data")
