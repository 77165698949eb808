"""Traditional → Simplified with OpenCC, loaded only when a line shows Traditional characters.

OpenCC's phrase conversion may change a string's length; we convert character by character
when it does, so every character keeps its column.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Frequent characters that exist only in Traditional script and that every Traditional report
#: contains several of (公開, 資訊, 處理, 機關, 報告, 數量…). Their presence decides whether the
#: line is handed to OpenCC at all: simplified reports never pay for it.
TRADITIONAL_MARKERS = frozenset(
    "開關報與為這國會區縣鎮機構處數議訴況複審結轉總計體動請單請據時間問題進條項規範決許罰強費"
    "資訊網電話傳郵務業務辦認識說讀專門發廢現標準層級稱彙統對點陳當實將於應從歷內團組織導員"
    "產經濟計劃財預決類義權護責聯繫頁屬難來長個們條過還並見東車書買賣節術質參種"
    # A line may hold none of the above: 暫無。/ 無 (an empty section 五 or 六), （五）監督保障,
    # 3.危及“三安全一穩定”, an agency such as 龍泉市交通運輸局 or 西湖鄉司法局 signing alone.
    "無暫監穩鄉龍運輸豐"
)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


#: The markers as one character class: the search runs in C, not character by character.
_MARKER_SEARCH = re.compile("[" + "".join(sorted(TRADITIONAL_MARKERS)) + "]")


def has_traditional(text: str) -> bool:
    return _MARKER_SEARCH.search(text) is not None


def to_simplified(text: str) -> str:
    """Convert ``text``; the result always has the same length as the input. Pages that a big5
    gateway turned into Traditional wrote 信息公开 as 資訊公開 (Taiwan's word): OpenCC gives 资讯公开,
    read back as the regulation's 信息公开 (the same length), else a title named no report and
    the agency became 某县人民政府政府资讯, a department."""
    converted = _converter().convert(text)
    if len(converted) != len(text):
        convert = _converter().convert
        converted = "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)
    return converted.replace("资讯公开", "信息公开") if "资讯公开" in converted else converted
