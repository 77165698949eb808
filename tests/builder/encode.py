"""Turn rendered report text into the bytes a repository may hold (encodings, scripts, digits).

OpenCC is loaded lazily and only for the two Traditional variants, so the default UTF-8 path
stays fast enough for benchmark-sized runs.

Big5 caveat: OpenCC's `s2t` prefers some variant characters Big5 lacks (爲, 僞, 着 …). They are
mapped to the Big5 forms below; if a character still cannot be encoded, "big5-traditional"
returns the Traditional text as UTF-8 instead (see `big5_ok`), never GB18030 or lossy bytes.
"""

from __future__ import annotations

import re
from functools import lru_cache

VARIANTS = (
    "utf-8",
    "utf-8-sig",
    "gb18030-crlf",
    "big5-traditional",
    "traditional-pinyin",
    "fullwidth-digits",
)

#: OpenCC standard forms -> the forms Big5 (and Taiwan/Hong Kong pages) use.
_BIG5_FORMS = str.maketrans({"爲": "為", "僞": "偽", "着": "著", "綫": "線", "裏": "裡",
                             "衆": "眾", "啓": "啟", "峯": "峰", "羣": "群", "踊": "踴"})

#: A handful of common characters and the pinyin web converters print after them.
PINYIN = {"區": "qū", "開": "kāi", "縣": "xiàn", "報": "bào", "務": "wù", "請": "qǐng",
          "結": "jié", "轉": "zhuǎn", "議": "yì", "處": "chǔ"}
_PINYIN_RE = re.compile("([" + "".join(PINYIN) + "])")
_PINYIN_NOTE = re.compile(r"\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)")

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_HALFWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc  # heavy: keep off the default path

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=256)
def _traditional_line(line: str) -> str:
    return _converter().convert(line).translate(_BIG5_FORMS)


def to_traditional(text: str) -> str:
    """Simplified -> Traditional (OpenCC s2t, then Big5 character forms). Cached per line,
    because reports repeat the same table labels thousands of times."""
    return "\n".join(_traditional_line(line) for line in text.split("\n"))


def big5_ok(text: str) -> bool:
    """Whether the Traditional form of `text` encodes to Big5 without loss."""
    try:
        to_traditional(text).encode("big5")
    except UnicodeEncodeError:
        return False
    return True


def with_pinyin(traditional: str) -> str:
    """Insert pinyin after each listed character: 區 -> 區(qū)."""
    return _PINYIN_RE.sub(lambda m: f"{m.group(1)}({PINYIN[m.group(1)]})", traditional)


def strip_pinyin(text: str) -> str:
    return _PINYIN_NOTE.sub("", text)


def encode(text: str, variant: str = "utf-8") -> bytes:
    """The bytes of `text` in one of VARIANTS."""
    if variant == "utf-8":
        return text.encode("utf-8")
    if variant == "utf-8-sig":
        return text.encode("utf-8-sig")
    if variant == "gb18030-crlf":
        return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("gb18030")
    if variant == "big5-traditional":
        traditional = to_traditional(text)
        try:
            return traditional.encode("big5")
        except UnicodeEncodeError:
            return traditional.encode("utf-8")  # documented fallback: never lossy
    if variant == "traditional-pinyin":
        return with_pinyin(to_traditional(text)).encode("utf-8")
    if variant == "fullwidth-digits":
        return text.translate(_FULLWIDTH).encode("utf-8")
    raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")


def decode(data: bytes, variant: str = "utf-8") -> str:
    """Read bytes made by `encode` back to text (the transformed text, not the original)."""
    if variant == "utf-8-sig":
        return data.decode("utf-8-sig")
    if variant == "gb18030-crlf":
        return data.decode("gb18030").replace("\r\n", "\n")
    if variant == "big5-traditional":
        try:
            return data.decode("big5")
        except UnicodeDecodeError:
            return data.decode("utf-8")
    if variant in VARIANTS:
        return data.decode("utf-8")
    raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")


def normalise(text: str, variant: str) -> str:
    """What `decode(encode(text, v), v)` undoes back to, for round-trip checks: digits half-width,
    pinyin removed; Traditional text stays Traditional."""
    if variant == "fullwidth-digits":
        return text.translate(_HALFWIDTH)
    if variant == "traditional-pinyin":
        return strip_pinyin(text)
    return text
