"""GAO305 narrative-mismatch: figures read from the prose (parse.narrative) and compared with
tables 2, 3 and 4, on hand-written sentences, generated reports in several containers and the
published corpus."""

from __future__ import annotations

from dataclasses import replace

import pytest

from .conftest import write_report

from gaolint.engine import Settings, lint_file
from gaolint.model import Line, Location
from gaolint.parse.metadata import Prose
from gaolint.parse.narrative import chinese_number, find_figures
from tests.builder import Document, Paragraph, build_document, render_text, sample_spec
from tests.builder.labels import result_leaves
from tests.builder.spec import table3_from_parts, table4_from_outcomes

# --- reading figures ------------------------------------------------------------------------


def _figures(text: str) -> list[tuple[str, int]]:
    lines = [Line(i, t, Location(i + 1), t) for i, t in enumerate(text.split("\n"))]
    return [(f.measure, f.value) for f in find_figures(Prose(lines, "\n"))]


@pytest.mark.parametrize("text,value", [
    ("十", 10), ("十二", 12), ("二十三", 23), ("一百零五", 105), ("两千一百六十八", 2168),
    ("一千二百", 1200), ("三万零五", 30005), ("零", 0), ("十二三", None), ("万", None), ("abc", None),
])
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("sentence,expected", [
    ("本年度新收政府信息公开申请2168件,上年结转138件;", [("new", 2168), ("carried_over", 138)]),
    ("本年度新收政府信息公开申请二十三件。", [("new", 23)]),
    ("全年新收政府信息公开申请两千一百六十八件。", [("new", 2168)]),
    ("本机关新收政府信息公开申请2,168件,办结2,162件。", [("new", 2168), ("results_total", 2162)]),
    ("当年度办结申请2162件,结转2026年度144件。", [("results_total", 2162), ("carried_forward", 144)]),
    ("2025年,办结上年度结转依申请公开事项4件,新收依申请公开事项191件,均已按要求按时办结答复,剩余4件结转下年度继续办理。",
     [("carried_over", 4), ("new", 191), ("carried_forward", 4)]),
    ("全年办结申请2161件,其中予以公开842件、部分公开246件、不予公开85件、无法提供541件、不予处理124件、其他处理323件。",
     [("results_total", 2161), ("disclosed", 842), ("partly_disclosed", 246), ("withheld", 85), ("unavailable", 541),
      ("not_processed", 124), ("other_handling", 323)]),
    ("本年度因政府信息公开引发行政复议3件,行政诉讼5件(其中未经复议直接起诉2件,复议后起诉3件)。",
     [("review", 3), ("litigation", 5), ("direct_suit", 2), ("suit_after_review", 3)]),
    ("本年度未发生因政府信息公开引发的行政复议、行政诉讼案件。", [("review", 0), ("litigation", 0)]),
    ("本年度未发生因政府信息公开引发的行政复议案件,未发生相关行政诉讼案件。", [("review", 0), ("litigation", 0)]),
    ("政府信息公开行政复议和行政诉讼案件均为0件。", [("review", 0), ("litigation", 0)]),
    ("本年度未收到政府信息公开申请。", [("new", 0)]),
    ("新收和办结政府信息公开申请分别为30件、28件。", [("new", 30), ("results_total", 28)]),
    ("截至2025年底,现行有效的行政规范性文件107件。", [("normative_in_force", 107)]),
    ("全年受理政府信息公开申请169件。", [("received", 169)]),
    # One figure for two measures together: no single row holds it (a crawled Fujian page).
    ("办结申请81件,其中:予以公开及部分公开42件,不予公开5件。", [("results_total", 81), ("withheld", 5)]),
    ("本年度新收和上年结转的申请共计50件。", []),
    ("同意公开、部分公开的申请合计20件,无法提供3件。", [("unavailable", 3)]),
    # ... except zero, which is each one's.
    ("因政府信息公开引发的行政复议、行政诉讼案件0件。", [("review", 0), ("litigation", 0)]),
])
def test_figures_read_from_sentences(sentence, expected):
    assert _figures(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "（二）依申请公开 本年度新收政府信息公开申请203件。",
    "(二)依申请公开办理全年共新收政府信息公开申请20件。",
    "二、依申请公开情况 本年度新收政府信息公开申请203件。",
    "2.依申请公开 本年度新收政府信息公开申请203件。",
])
def test_a_run_in_sub_heading_does_not_narrow_the_figure(sentence):
    """A page saved as one line runs each sub-heading into the sentence after it: its outline
    number is not a sub-unit the figure would be about."""
    lines = [Line(0, sentence, Location(1), sentence)]
    (figure,) = find_figures(Prose(lines, "\n"))
    assert figure.measure == "new" and figure.scope == ""


def test_a_named_sub_unit_still_narrows_the_figure():
    lines = [Line(0, "（二）市本级新收政府信息公开申请203件。", Location(1), "（二）市本级新收政府信息公开申请203件。")]
    (figure,) = find_figures(Prose(lines, "\n"))
    assert figure.scope == "市本级"


@pytest.mark.parametrize("sentence", [
    "新收政府信息公开申请比上年增加12件。",  # a change, not a count
    "新收政府信息公开申请约2000件。",  # an approximation
    "新收政府信息公开申请2000余件。",
    "收到申请后在15个工作日内答复。",
    "不同意公开答复5件,申请。",  # 不同意公开 is not 同意公开
    "全年办理量达7458720件。",  # no application keyword
    "本年度未发生因政府信息公开被行政复议纠错的案件。",  # qualified: 纠错 only
    "全年办理行政复议案件500件。",  # a 司法局 deciding reviews, not about disclosure
    "第三件申请已办结。",
    "新收涉及房屋征收的政府信息公开申请30件。",  # a subset of applications
    "现行有效的规章和规范性文件共120件。",
    "全部申请均已答复，未收到申请人对答复结果的异议。",  # the applicants' objections, not applications
    "本年度未收到申请者的投诉。",
])
def test_sentences_that_state_no_comparable_figure(sentence):
    assert _figures(sentence) == []


def test_scope_and_year_are_recorded():
    lines = [Line(0, "其中市政府本级新收政府信息公开申请52件,办结50件。2024年新收政府信息公开申请1800件。", Location(1), "")]
    figures = find_figures(Prose(lines, "\n"))
    assert [(f.measure, f.value, f.scope, f.year) for f in figures] == [
        ("new", 52, "市政府本级", None), ("results_total", 50, "市政府本级", None), ("new", 1800, "", 2024),
    ]
    assert figures[0].location.column == lines[0].text.index("52") + 1


@pytest.mark.parametrize("sentence, scopes", [
    # A subject inside brackets narrows its own figure only: the 新收 after the bracket was
    # taken for 含's and never compared (a wrong 新收 went unreported).
    ("本机关共收到政府信息公开申请9件(含上年结转0件),其中新收申请9件。", [("carried_over", "含"), ("new", "")]),
    ("本年度受理申请20件(其中通过网络新收申请12件),办结申请20件。",
     [("received", ""), ("new", "通过网络"), ("results_total", "")]),
    # Inside the brackets it carries on to their close.
    ("本年度新收申请150件(其中区本级新收申请30件,办结28件),办结申请148件。",
     [("new", ""), ("new", "区本级"), ("results_total", "区本级"), ("results_total", "")]),
    # Outside brackets a subject still carries on through its sentence.
    ("其中市本级新收申请52件,办结50件。", [("new", "市本级"), ("results_total", "市本级")]),
])
def test_a_subject_in_brackets_narrows_only_its_own_figure(sentence, scopes):
    figures = find_figures(Prose([Line(0, sentence, Location(1), "")], "\n"))
    assert [(f.measure, f.scope) for f in figures] == scopes


# --- GAO305 on generated reports ----------------------------------------------------------

AGENCY = "苏州市吴江区人民政府"


def _table3(disclosed=(2000, 100, 0, 0, 0, 68), over=(137, 1, 0, 0, 0, 0), forward=(137, 1, 0, 0, 0, 0)):
    leaves = {k: (0, 0, 0, 0, 0, 0) for k in result_leaves("cn-2021")}
    leaves["result.1"] = tuple(disclosed)
    return table3_from_parts("cn-2021", leaves, tuple(over), tuple(forward))


def _spec(seed: int = 1, *, kind: str = "government", agency: str = AGENCY, table4=None, **fields):
    spec = sample_spec(seed, kind=kind, agency=agency, year=2025, version="cn-2021")
    return replace(spec, table3=_table3(**fields), table4=table4 or table4_from_outcomes((0,) * 12))


def _document(spec, requests: str | None = None, review: str | None = None, extra: str | None = None) -> Document:
    """The generated report with its 依申请公开 (and 复议诉讼) paragraphs rewritten."""
    blocks = list(build_document(spec).blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph) and "新收政府信息公开申请" in block.text and requests is not None:
            blocks[index] = Paragraph(requests)
        elif isinstance(block, Paragraph) and "行政复议" in block.text and review is not None:
            blocks[index] = Paragraph(review)
    if extra is not None:
        position = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == (requests or ""))
        blocks.insert(position + 1, Paragraph(extra))
    return Document(blocks=blocks)


def _write(tmp_path, document: Document, container: str = "txt", name: str = "report") -> str:
    return write_report(tmp_path, document, container, name)


def _gao305(tmp_path, document, container="txt", settings=None):
    findings = lint_file(_write(tmp_path, document, container), settings or Settings()).findings
    return [f for f in findings if f.rule == "GAO305"]


# new = 2168, carried over = 138, handled = 2168, carried forward = 138 (the balance holds).
AGREEING = "2025年,全区各行政机关新收政府信息公开申请2168件,上年结转138件,当年度办结2168件,结转2026年度138件。"


@pytest.mark.parametrize("container", ["txt", "md", "html", pytest.param("docx", marks=pytest.mark.slow)])
def test_agreeing_prose_is_quiet(tmp_path, container):
    assert _gao305(tmp_path, _document(_spec(), AGREEING), container) == []


@pytest.mark.parametrize("container", ["txt", "md", "html", pytest.param("docx", marks=pytest.mark.slow)])
def test_contradicting_figure_points_at_the_prose_and_the_cell(tmp_path, container):
    text = AGREEING.replace("新收政府信息公开申请2168件", "新收政府信息公开申请2170件")
    found = _gao305(tmp_path, _document(_spec(), text), container)
    assert len(found) == 1, [f.message.zh for f in found]
    finding = found[0]
    assert finding.severity.value == "warning"
    assert "2170" in finding.message.zh and "2168" in finding.message.zh and "差 2" in finding.message.zh
    assert "difference 2" in finding.message.en
    (cell, description), = finding.related
    assert "一、本年新收" in description
    assert f"第 {cell.line} 行" in finding.message.zh and f"line {cell.line}" in finding.message.en
    assert cell.line > finding.location.line  # the table comes after the prose
    if container in ("txt", "md"):
        start, end = finding.location.column - 1, finding.location.end_column - 1
        assert finding.source_line[start:end] == "2170件"


@pytest.mark.parametrize("text", [
    AGREEING.replace("2168件", "二千一百六十八件"),
    AGREEING.replace("2168件", "2,168件"),
    "本年度新收政府信息公开申请两千一百六十八件,另有上年结转申请一百三十八件,已办结2,168件,138件结转2026年度继续办理。",
    "本年度受理政府信息公开申请2306件,办结2168件。",  # 受理 = 新收 + 上年结转
    "其中市政府本级新收政府信息公开申请52件,办结50件。" + AGREEING,  # narrower scope
    "吴江区松陵街道新收政府信息公开申请15件。" + AGREEING,
    "通过信函方式新收政府信息公开申请20件。" + AGREEING,
    "2024年新收政府信息公开申请1800件。" + AGREEING,  # another year
    "新收政府信息公开申请约2000件。",
    "本年度共收到政府信息公开申请2306件(含上年结转138件),其中新收申请2168件。",
])
def test_prose_variants_that_must_not_warn(tmp_path, text):
    found = _gao305(tmp_path, _document(_spec(), text))
    assert found == [], [f.message.zh for f in found]


@pytest.mark.parametrize("text,stated,counted", [
    (AGREEING.replace("2168件,上年", "二千一百六十九件,上年"), "2169", "2168"),
    (AGREEING.replace("2168件,上年", "2,169件,上年"), "2169", "2168"),
    (AGREEING.replace("结转2026年度138件", "结转2026年度一百四十件"), "140", "138"),
    (AGREEING.replace("全区各行政机关", "吴江区人民政府"), None, None),
    ("全年共新收政府信息公开申请2168件,其中予以公开2100件。", "2100", "2168"),
    ("本年度共收到政府信息公开申请2307件(含上年结转138件),其中新收申请2169件。", "2169", "2168"),
])
def test_prose_variants_that_warn(tmp_path, text, stated, counted):
    found = _gao305(tmp_path, _document(_spec(), text))
    if stated is None:
        assert found == []  # the report's own name is its own scope
        text = text.replace("办结2168件", "办结2167件")
        found = _gao305(tmp_path, _document(_spec(), text))
        stated, counted = "2167", "2168"
    assert len(found) == 1, [f.message.zh for f in found]
    assert stated in found[0].message.zh and counted in found[0].message.zh


def test_verbose_explains_skipped_sentences_as_notes(tmp_path):
    text = "其中市政府本级新收政府信息公开申请52件。" + AGREEING
    document = _document(_spec(), text)
    assert _gao305(tmp_path, document) == []
    notes = _gao305(tmp_path, document, settings=Settings(verbose=True))
    assert len(notes) == 1
    assert notes[0].severity.value == "note"
    assert notes[0].message.zh.startswith("跳过：范围不同") and "市政府本级" in notes[0].message.zh
    assert notes[0].message.en.startswith("skipped: different scope")


def test_department_reports_compare_their_own_name_but_not_the_whole_area(tmp_path):
    spec = _spec(kind="department", agency="苏州市吴江区教育局")
    own = "吴江区教育局新收政府信息公开申请2169件。"
    assert len(_gao305(tmp_path, _document(spec, own))) == 1
    area = "全区教育系统新收政府信息公开申请5000件。"
    assert _gao305(tmp_path, _document(spec, area)) == []


def test_review_and_litigation(tmp_path):
    quiet = _spec()  # table 4 all zero
    assert _gao305(tmp_path, _document(quiet, AGREEING, "本年度未发生因政府信息公开引发的行政复议、行政诉讼案件。")) == []
    # 行政复议 1 (纠正), 未经复议直接起诉 2 (维持), 复议后起诉 1 (尚未审结)
    busy = _spec(table4=table4_from_outcomes((0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1)))
    found = _gao305(tmp_path, _document(busy, AGREEING, "本年度未发生因政府信息公开引发的行政复议、行政诉讼案件。"))
    assert sorted(f.message.en.split(":")[0] for f in found) == ["the prose says “未发生因政府信息公开引发的行政复议、行政诉讼” (administrative reviews",
                                                                 "the prose says “未发生因政府信息公开引发的行政复议、行政诉讼” (lawsuits"]
    litigation = next(f for f in found if "行政诉讼" in f.message.zh and "复议后起诉" in f.message.zh)
    assert len(litigation.related) == 2  # 未经复议直接起诉 and 复议后起诉 总计
    right = "本年度因政府信息公开引发行政复议1件,行政诉讼3件(其中未经复议直接起诉2件,复议后起诉1件)。"
    assert _gao305(tmp_path, _document(busy, AGREEING, right)) == []
    wrong = "本年度因政府信息公开引发行政复议1件,行政诉讼4件(其中未经复议直接起诉3件,复议后起诉1件)。"
    found = _gao305(tmp_path, _document(busy, AGREEING, wrong))
    assert len(found) == 2  # 行政诉讼 4 ≠ 3 and 直接起诉 3 ≠ 2


def test_old_format_reports_are_not_compared(tmp_path):
    spec = sample_spec(3, version="cn-2008", year=2016, kind="government", agency=AGENCY)
    assert _gao305(tmp_path, build_document(spec)) == []


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("container", ["txt", "md", "html"])
def test_generated_reports_are_quiet(tmp_path, seed, container):
    spec = sample_spec(seed + 100)
    assert _gao305(tmp_path, build_document(spec), container, Settings(verbose=True)) == []


def test_corpus_prose_agrees_with_its_tables(corpus):
    for name in ("kunshan-2025.txt", "kundulun-2025.txt", "hongze-2023.pdf", "kunshan-2016.txt"):
        path = corpus / name
        if not path.exists():
            continue
        findings = lint_file(str(path), Settings(verbose=True)).findings
        assert [f for f in findings if f.rule == "GAO305"] == [], name


def test_corpus_figures_are_read(corpus):
    from gaolint.engine import read_report

    path = corpus / "kunshan-2025.txt"
    if not path.exists():
        pytest.skip("kunshan-2025.txt not in the corpus")
    report, _ = read_report(str(path), "kunshan-2025.txt")
    figures = {(f.measure, f.value) for f in report.narrative}
    assert {("new", 2168), ("carried_over", 138), ("results_total", 2162), ("carried_forward", 144)} <= figures


@pytest.mark.parametrize("text", [
    "行政复议公开" + "未发生行政复议" * 20000,
    "申请" + "其中予以公开1件" * 20000,
    "申请" + "新收" * 30000 + "1件" + "办结" * 30000 + "2件",
    "申请" + "2025年" * 30000 + "新收1件",
    "申请" + ("新收" + "、" * 30) * 3000 + "均为1件",
])
def test_long_sentences_stay_linear(text):
    import time

    start = time.perf_counter()
    find_figures(Prose([Line(0, text, Location(1), text)], "\n"))
    assert time.perf_counter() - start < 3


def test_review_sentences_under_section_four_need_not_say_disclosure(tmp_path):
    busy = _spec(table4=table4_from_outcomes((0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    blocks = list(_document(busy, AGREEING).blocks)
    table4 = next(i for i, b in enumerate(blocks) if getattr(b, "kind", "") == "table4")
    blocks.insert(table4 + 1, Paragraph("本年度未发生行政复议案件。"))
    found = _gao305(tmp_path, Document(blocks=blocks))
    assert len(found) == 1 and "行政复议" in found[0].message.zh
    # The same sentence elsewhere, without 公开, may be about anything (a 司法局 deciding reviews).
    blocks = list(_document(busy, AGREEING).blocks)
    blocks.insert(2, Paragraph("本年度未发生行政复议案件。"))
    assert _gao305(tmp_path, Document(blocks=blocks)) == []


@pytest.mark.parametrize("digits", [16, 400])
def test_a_figure_of_too_many_digits_is_not_compared(tmp_path, digits):
    """400 digits overflowed the float comparison (OverflowError, so GAO000); past 15 digits
    no count is meant and no comparison could be exact, as for a table cell."""
    text = AGREEING.replace("新收政府信息公开申请2168件", f"新收政府信息公开申请{'9' * digits}件")
    findings = lint_file(_write(tmp_path, _document(_spec(), text), "txt"), Settings()).findings
    assert not [f for f in findings if f.rule in ("GAO000", "GAO305")], [f.message.zh[:80] for f in findings]


def test_fifteen_digit_figures_are_still_compared(tmp_path):
    text = AGREEING.replace("新收政府信息公开申请2168件", "新收政府信息公开申请999999999999999件")
    found = _gao305(tmp_path, _document(_spec(), text))
    assert len(found) == 1 and "999999999999999" in found[0].message.zh


def test_prose_figures_stop_at_the_limit(monkeypatch):
    """90,000 figure sentences made 270,000 figures (190 MB); the first MAX_FIGURES are read."""
    import gaolint.parse.narrative as narrative

    monkeypatch.setattr(narrative, "MAX_FIGURES", 10)
    text = "\n".join([AGREEING] * 20)  # four figures a sentence
    figures = _figures(text)
    assert 10 <= len(figures) < 14
    assert figures[:4] == _figures(AGREEING)


def test_prose_figures_past_the_limit_are_named_in_a_note(monkeypatch, tmp_path):
    """A report whose prose figures are cut at MAX_FIGURES says so (GAO003), at the last one read."""
    import gaolint.parse.narrative as narrative

    monkeypatch.setattr(narrative, "MAX_FIGURES", 10)
    many = lint_file(_write(tmp_path, _document(_spec(), "\n".join([AGREEING] * 20))), Settings()).findings
    notes = [f for f in many if f.rule == "GAO003" and "10 处上限" in f.message.zh]
    assert len(notes) == 1 and "not compared" in notes[0].message.en
    monkeypatch.setattr(narrative, "MAX_FIGURES", 5_000)
    few = lint_file(_write(tmp_path, _document(_spec(), "\n".join([AGREEING] * 20))), Settings()).findings
    assert not [f for f in few if f.rule == "GAO003"]


@pytest.mark.parametrize("stated,found", [(3, True), (4, False)])
def test_a_figure_stated_above_the_table_in_its_own_section_is_compared(tmp_path, stated, found):
    """三、收到和处理… / 办结的申请中，予以公开N件。 / then table 3: the sentence above the table was
    taken for part of the table's lines and never read."""
    spec = sample_spec(0)
    assert spec.table3["result.1"][-1] == 4
    text = render_text(build_document(spec), "pipe").replace(
        "三、收到和处理政府信息公开申请情况\n", f"三、收到和处理政府信息公开申请情况\n办结的申请中，予以公开{stated}件。\n", 1)
    path = tmp_path / "above.txt"
    path.write_text(text, encoding="utf-8")
    rules = [f.rule for f in lint_file(str(path), Settings()).findings]
    assert ("GAO305" in rules) == found and set(rules) <= {"GAO305"}, rules
