"""``_looks_like_text`` (gaolint/read/decode.py) now counts suspicious characters with one
compiled-pattern ``findall`` instead of a Python loop: the decisions must be the loop's, on
random text, at the 1% threshold and around the 20,000-character sample boundary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.read.decode import _looks_like_text, decode_bytes


def looks_like_text_loop(text: str) -> bool:
    """The loop that was replaced, kept only as the reference."""
    if not text:
        return True
    sample = text[:20000]
    bad = 0
    for ch in sample:
        o = ord(ch)
        if (o < 32 and ch not in "\t\r\n\f") or 0xE000 <= o <= 0xF8FF or o == 0xFFFD:
            bad += 1
    return bad <= max(2, len(sample) // 100)


#: Every character on either side of a class boundary, and ordinary ones.
EDGES = [chr(c) for c in range(0, 0x21)] + [
    "\x7f", "\x80", "\x85", "\xa0", "\u3000", "\udfff", "\ud800", "\ue000", "\ue001", "\uf8fe", "\uf8ff",
    "\uf900", "\ufffc", "\ufffd", "\ufffe", "\uffff", "\U000f0000", "\U0010fffd", "a", "年", "１",
]
CHARACTERS = st.one_of(st.sampled_from(EDGES), st.characters())


@settings(max_examples=500, deadline=None)
@given(st.text(CHARACTERS, max_size=400))
def test_same_decision_on_random_text(text: str) -> None:
    assert _looks_like_text(text) == looks_like_text_loop(text)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    length=st.integers(0, 24_000),
    offset=st.integers(-2, 2),
    bad=st.sampled_from(["\x00", "\x0b", "\x1f", "\ue000", "\uf8ff", "\ufffd"]),
    good=st.sampled_from(["年", "a", "\t", "\n", "\x0c", "\r", "\x7f", "\uf900"]),
    data=st.data(),
)
def test_same_decision_at_the_threshold(length: int, offset: int, bad: str, good: str, data) -> None:
    """Exactly the allowed number of bad characters, give or take two, scattered over a text
    that may run past the sample (bad characters after it do not count)."""
    chars = [good] * length
    allowed = max(2, min(length, 20000) // 100)
    count = max(0, min(length, allowed + offset))
    for position in data.draw(st.lists(st.integers(0, max(0, length - 1)), min_size=count, max_size=count)):
        if length:
            chars[position] = bad
    text = "".join(chars)
    assert _looks_like_text(text) == looks_like_text_loop(text)


def test_binary_is_still_refused_and_text_still_read() -> None:
    import pytest

    from gaolint.read.base import UnreadableFile

    assert decode_bytes("二〇二四年政府信息公开工作年度报告\n".encode("gb18030")) == (
        "二〇二四年政府信息公开工作年度报告\n", "gb18030")
    with pytest.raises(UnreadableFile):
        decode_bytes(bytes(range(256)) * 64)
