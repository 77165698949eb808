"""Normalising keeps a way back: every character of the canonical text maps to its source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.normalise import normalise
from gaolint.normalise.widths import _TABLE, to_halfwidth
from gaolint.read.base import Extracted, SourceLine
from gaolint.read.decode import decode_bytes


def _lines(*texts: str):
    extracted = Extracted([SourceLine(t, i + 1) for i, t in enumerate(texts)], "text")
    lines, damage, _ = normalise(extracted)
    return lines, damage


def test_traditional_becomes_simplified_with_columns_kept():
    (line,), damage = _lines("四、政府信息公開行政複議、行政訴訟情況")
    assert line.text == "四、政府信息公开行政复议、行政诉讼情况"
    assert line.location_of(8, 10).column == 9
    assert damage == []


def test_pinyin_residue_removed_and_mapped_back():
    original = "本區(qū)政府信息公開(kāi)情况"
    (line,), damage = _lines(original)
    assert line.text == "本区政府信息公开情况"
    # 情 sits at index 8 of the normalised text and at index 14 of the source line.
    assert original[line.location_of(8, 9).column - 1] == "情"
    assert [d.kind for d in damage] == ["pinyin"]


def test_urls_in_brackets_are_not_pinyin():
    (line,), damage = _lines("门户网站(www.example.gov.cn)下载")
    assert line.text == "门户网站(www.example.gov.cn)下载" and damage == []


def test_full_width_digits_and_punctuation():
    (line,), _ = _lines("电话：０５１２－５７００９１９０（传真）")
    assert line.text == "电话:0512-57009190(传真)"


def test_page_furniture_dropped():
    lines, _ = _lines("正文第一行", "- 3 -", "蒙公网安备", "15020302000445号", "第 2 页 共 5 页", "正文第二行")
    assert [l.text for l in lines] == ["正文第一行", "正文第二行"]
    assert [l.location.line for l in lines] == [1, 6]


def test_encodings_decided_in_order():
    text = "政府信息公开工作年度报告"
    assert decode_bytes(text.encode("utf-8"))[0] == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")
    assert decode_bytes("政府資訊公開".encode("big5"))[0] in ("政府資訊公開",)
    assert decode_bytes(text.encode("utf-16"))[0] == text


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("ａＢ１２，：（）\u3000\u00a0\u2002\u2003\u202f\u3007〇政府abc 12\n\uff5e\uff5f\uff00")), max_size=60))
def test_halfwidth_equals_translating_every_character(text: str) -> None:
    """to_halfwidth only translates the runs that change; the result is the full translate."""
    assert to_halfwidth(text) == text.translate(_TABLE)
    assert len(to_halfwidth(text)) == len(text)


def test_chinese_numeral_years_become_digits_column_for_column():
    from gaolint.normalise.widths import arabic_years

    assert arabic_years("二〇二三年一月十六日") == "2023年一月十六日"
    assert arabic_years("二○二二年度报告") == "2022年度报告"
    assert arabic_years("二零二四 年") == "2024 年"
    # not a year: no 年 after it, or not 2000-2099
    assert arabic_years("二〇二三件") == "二〇二三件"
    assert arabic_years("一〇一一年") == "一〇一一年"
    assert arabic_years("零星信息三条") == "零星信息三条"


def test_pictures_keep_their_place_through_joined_runs_and_dropped_furniture():
    """Extracted.images index the reader's lines; normalising joins runs of one-character lines
    and drops page furniture, and each picture still stands before the same text."""
    texts = ["一、总体情况", "正文。", "三", "、", "收", "到", "和", "处", "理", "- 3 -", "表后的说明。"]
    extracted = Extracted([SourceLine(t, i + 1) for i, t in enumerate(texts)], "html", images=[1, 2, 9, 11])
    lines, _, images = normalise(extracted)
    assert [line.text for line in lines] == ["一、总体情况", "正文。", "三、收到和处理", "表后的说明。"]
    # before 正文。; before the joined run; before the dropped page number, so before the line after it; at the end
    assert images == [1, 2, 3, 4]


def test_a_running_header_beside_page_numbers_is_dropped():
    """The title repeated at the top of each page with its page number (text copied from a PDF):
    those lines are furniture (one inside an empty section 五 made it look written); the title
    at the top, and the same words anywhere else, stay."""
    title = "青禾县民政局2023年政府信息公开工作年度报告"
    texts = [title, "一、总体情况", *[f"第{n}段正文。" for n in range(6)], "- 1 -", title, "五、存在的主要问题及改进情况", "- 2 -", "", title,
             "六、其他需要报告的事项", "本局在" + title + "中说明。", title]
    lines, _, _ = normalise(Extracted(lines=[SourceLine(t, i + 1) for i, t in enumerate(texts)], container="text"))
    kept = [line.text for line in lines]
    assert kept.count(title) == 2 and kept[0] == title and kept[-1] == title
    assert "五、存在的主要问题及改进情况" in kept and "- 1 -" not in kept
    once = [title, "一、总体情况", *[f"第{n}段正文。" for n in range(6)], "- 1 -", title, "二、主动公开政府信息情况"]
    lines, _, _ = normalise(Extracted(lines=[SourceLine(t, i + 1) for i, t in enumerate(once)], container="text"))
    assert [line.text for line in lines].count(title) == 2  # beside one page number only: the report's words


def test_invisible_characters_from_web_editors_read_as_spaces(tmp_path):
    """A zero-width space (``&#8203;`` in a CMS page), word joiner, byte-order mark or soft
    hyphen inside a line: a table cell "\\u200b7" was no figure and a heading that held one
    was no heading. They read as spaces, one for one, and the report reads as without them."""
    import re as _re

    from gaolint.engine import Settings, lint_file
    from tests.builder import build_document, render_text, sample_spec
    from tests.builder.defects import clean_or_planted

    assert to_halfwidth("\u200b7|统\u2060计\ufeff期限\u00ad") == " 7|统 计 期限 "
    for seed in (2, 5):
        text = render_text(clean_or_planted(seed), "pipe") if seed == 5 else render_text(build_document(sample_spec(seed)), "pipe")
        plain, marked = tmp_path / f"plain{seed}.txt", tmp_path / f"marked{seed}.txt"
        plain.write_text(text, encoding="utf-8")
        # before every figure of the tables and inside every heading's first words
        sprinkled = _re.sub(r"(?<=\| )(\d)", "\u200b\\1", text)
        sprinkled = _re.sub(r"^([一二三四五六]、)(.)", "\\1\u200b\\2", sprinkled, flags=_re.M)
        assert sprinkled.count("\u200b") > 20
        marked.write_text(sprinkled, encoding="utf-8")
        rules = lambda path: sorted(f.rule for f in lint_file(str(path), Settings()).findings)  # noqa: E731
        assert rules(marked) == rules(plain)
