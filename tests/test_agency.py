"""Agency identity (name, kind) and the rules that depend on it: GAO204 deadlines, GAO108."""

from __future__ import annotations

from datetime import date

import pytest

from gaolint.engine import Settings, lint_file
from gaolint.formats import load_formats
from gaolint.model import Line, Location
from gaolint.parse.metadata import (
    agency_from_contact,
    agency_from_opening,
    agency_from_signature,
    agency_from_title,
    agency_kind,
    normalise_agency,
)
from tests.builder import build_document, render_text, sample_spec, to_traditional


def _lines(*texts: str) -> list[Line]:
    return [Line(i, t, Location(i + 1), t) for i, t in enumerate(texts)]


@pytest.mark.parametrize("name,expected", [
    ("昆山市", "昆山市人民政府"),
    ("昆山市政府", "昆山市人民政府"),
    ("昆山市人民政府", "昆山市人民政府"),
    (" 昆山市 人民政府 ", "昆山市人民政府"),
    ("《昆山市人民政府》", "昆山市人民政府"),
    ("昆都仑区", "昆都仑区人民政府"),
    ("玉山镇", "玉山镇人民政府"),
    ("浦东新区", "浦东新区人民政府"),
    ("淮安市洪泽区教育局", "淮安市洪泽区教育局"),
    ("苏州市吴江区人民政府办公室", "苏州市吴江区人民政府办公室"),
    ("苏州工业园区管委会", "苏州工业园区管委会"),
    ("苏州高新区", "苏州高新区"),  # run by a 管委会, not a people's government
    ("昆山市人民", "昆山市人民政府"),
    ("昆山市人民政府关于", "昆山市人民政府"),
    # The words of the opening sentence around the name (rules/common.yaml agency_words), and
    # a bracketed alias after it, are not the name.
    ("由武进区湖塘镇人民政府编制", "武进区湖塘镇人民政府"),
    ("现将嘉兴市国资委", "嘉兴市国资委"),
    ("特编制罗平县长底布依族乡", "罗平县长底布依族乡人民政府"),
    ("四川省发展和改革委员会关于报送", "四川省发展和改革委员会"),
    ("贵阳市人民政府（市人民政府办公厅）", "贵阳市人民政府"),
    ("黔东南州人民政府(州政府办公室", "黔东南州人民政府"),
    ("现代农业示范区管委会", "现代农业示范区管委会"),
    ("重庆海关关区", "重庆海关关区"),  # a customs district, not a people's government's area
    ("梳理编制湛江海关关区", "湛江海关关区"),
    # the reports a summary is compiled from (根据兰考县各乡镇、各部门等…年度报告编制): the area's own
    ("兰考县各乡镇、各部门等", "兰考县人民政府"),
    ("青禾镇人民政府特此编制", "青禾镇人民政府"),
    ("制定了青禾县教育局", "青禾县教育局"),
    ("太原市各县(市、区)人民政府和市直各有关单位", "太原市人民政府"),
    ("现组织编制青禾县退役军人事务局", "青禾县退役军人事务局"),
])
def test_normalise_agency(name, expected):
    assert normalise_agency(name) == expected
    assert normalise_agency(expected) == expected  # idempotent


@pytest.mark.parametrize("title,expected", [
    ("昆山市人民政府2025年政府信息公开工作年度报告", "昆山市人民政府"),
    ("2025年昆山市人民政府信息公开工作年度报告", "昆山市人民政府"),
    ("昆山市2025年政府信息公开工作年度报告", "昆山市人民政府"),
    ("2025年昆山市政府信息公开工作年度报告", "昆山市人民政府"),
    ("2025年度昆山市政府信息公开年度报告", "昆山市人民政府"),
    ("淮安市洪泽区教育局2023年政府信息公开工作年度报告", "淮安市洪泽区教育局"),
    ("2023年淮安市洪泽区教育局政府信息公开工作年度报告", "淮安市洪泽区教育局"),
    ("昆山市人民政府关于2025年政府信息公开工作年度报告", "昆山市人民政府"),
    ("2025年政府信息公开工作年度报告", ""),
])
def test_agency_from_title(title, expected):
    assert agency_from_title(title) == expected


def test_agency_from_opening_sentence_and_line_above_title():
    opening = _lines("根据《中华人民共和国政府信息公开条例》规定,现向社会公开昆山市人民政府2025年政府信息公开工作年度报告。")
    assert agency_from_title("2025年政府信息公开工作年度报告", opening) == "昆山市人民政府"
    above = _lines("洪泽区人民政府", "2023年政府信息公开工作年度报告", "本报告由……编制。")
    assert agency_from_title("2023年政府信息公开工作年度报告", above) == "洪泽区人民政府"
    nothing = _lines("2023年政府信息公开工作年度报告", "本报告……")
    assert agency_from_title("2023年政府信息公开工作年度报告", nothing) == ""
    # an alias between the name and the title, commas and all
    alias = _lines("根据《条例》规定，特向社会公布国家税务总局青禾县税务局（以下简称“青禾县税务局”，下文类同）"
                   "2021年政府信息公开工作年度报告。")
    assert agency_from_title("2021年政府信息公开工作年度报告", alias) == "国家税务总局青禾县税务局"
    assert agency_from_title("青禾县统计局政府信息公开工作2021年度报告") == "青禾县统计局"


@pytest.mark.parametrize("name", ["我局", "本单位", "本机关", "现编制", "现将"])
def test_a_pronoun_or_a_verb_is_no_agency_name(name):
    assert normalise_agency(name) == ""


@pytest.mark.parametrize("name,expected", [
    ("依法按时完成青禾街道", "青禾街道办事处"),
    ("的要求,青禾区东湖街道特编制", "青禾区东湖街道办事处"),
    ("结合园区政府信息公开实际工作情况特编制了", ""),
    ("顺利完成", ""),
    ("青禾县全面依法治县委员会办公室", "青禾县全面依法治县委员会办公室"),
])
def test_a_sentence_before_an_agency_is_no_part_of_it(name, expected):
    """The words of a sentence before a title named in it (依法按时完成…, …实际工作情况特编制了…)
    were read as the agency's name; what follows the sentence's last such word is the name."""
    assert normalise_agency(name) == expected


def test_a_township_pronoun_still_says_a_government():
    """我乡 / 本镇 name no agency but say which level: a township people's government (GAO108
    and the deadline follow the kind)."""
    assert agency_kind(normalise_agency("我乡")) == agency_kind(normalise_agency("本镇")) == "government"


def test_agency_from_a_customs_title_and_an_opening_that_names_none():
    assert agency_from_title("广州海关2015年海关政府信息公开年度报告") == "广州海关"
    opening = _lines("根据有关要求，现编制2023年政府信息公开工作年度报告。")
    assert agency_from_title("2023年政府信息公开工作年度报告", opening) == ""


def test_agency_from_signature():
    assert agency_from_signature(_lines("……", "昆山市人民政府办公室", "2026年1月20日")) == "昆山市人民政府"
    assert agency_from_signature(_lines("……", "昆山市政府办公室", "2026年1月20日")) == "昆山市人民政府"
    assert agency_from_signature(_lines("……", "淮安市洪泽区教育局", "2024年1月15日")) == "淮安市洪泽区教育局"
    assert agency_from_signature(_lines("……", "2026年1月20日")) == ""


def test_agency_kind_from_name():
    assert agency_kind("昆山市人民政府") == "government"
    assert agency_kind("玉山镇人民政府") == "government"
    assert agency_kind("昆山市人民政府办公室") == "department"
    assert agency_kind("淮安市洪泽区教育局") == "department"
    assert agency_kind("") == ""
    # 管理委员会 that are government departments, not a development zone's.
    assert agency_kind("北京市通州区城市管理委员会") == "department"
    assert agency_kind("青禾市国有资产监督管理委员会") == "department"
    assert agency_kind("青禾经济技术开发区管理委员会") == "zone"


def _lint(tmp_path, spec, settings: Settings | None = None, name: str = "report.txt", traditional: bool = False):
    text = render_text(build_document(spec), "pipe")
    if traditional:
        text = to_traditional(text)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint_file(str(path), settings or Settings())


def test_report_identity_from_generated_reports(tmp_path):
    result = _lint(tmp_path, sample_spec(1, kind="government", agency="苏州市吴江区人民政府", year=2024))
    assert (result.facts.agency, result.facts.agency_kind, result.facts.year) == ("苏州市吴江区人民政府", "government", 2024)
    result = _lint(tmp_path, sample_spec(2, kind="department", agency="淮安市洪泽区教育局", year=2023))
    assert (result.facts.agency, result.facts.agency_kind, result.facts.year) == ("淮安市洪泽区教育局", "department", 2023)


def test_traditional_report_gets_a_simplified_agency(tmp_path):
    spec = sample_spec(3, kind="government", agency="苏州市吴江区人民政府", year=2024)
    result = _lint(tmp_path, spec, traditional=True)
    assert result.facts.agency == "苏州市吴江区人民政府"
    assert result.facts.agency_kind == "government"


def test_configuration_overrides_name_kind_and_year(tmp_path):
    spec = sample_spec(4, kind="department", agency="淮安市洪泽区教育局", year=2023)
    settings = Settings(agencies={"*report.txt": {"name": "淮安市洪泽区教育体育局", "kind": "department", "year": 2022}})
    facts = _lint(tmp_path, spec, settings).facts
    assert (facts.agency, facts.agency_kind, facts.year) == ("淮安市洪泽区教育体育局", "department", 2022)
    other = Settings(agencies={"*elsewhere/*.txt": {"name": "X"}})
    assert _lint(tmp_path, spec, other).facts.agency == "淮安市洪泽区教育局"


def test_corpus_agencies(corpus):
    expected = {
        "kunshan-2025.txt": ("昆山市人民政府", 2025),
        "kunshan-2016.txt": ("昆山市人民政府", 2016),
        "kundulun-2025.txt": ("昆都仑区人民政府", 2025),
        "hongze-2023.pdf": ("洪泽区人民政府", 2023),
    }
    for name, (agency, year) in expected.items():
        path = corpus / name
        if not path.exists():
            continue
        facts = lint_file(str(path), Settings()).facts
        assert (facts.agency, facts.agency_kind, facts.year) == (agency, "government", year), name


# --- GAO204 late-publication --------------------------------------------------------------

def _late(tmp_path, settings=None, **spec_fields):
    spec = sample_spec(spec_fields.pop("seed", 5), **spec_fields)
    findings = _lint(tmp_path, spec, settings).findings
    return [f for f in findings if f.rule == "GAO204"]


@pytest.mark.parametrize("kind,agency,signed,late", [
    ("government", "苏州市吴江区人民政府", date(2026, 3, 31), False),
    ("government", "苏州市吴江区人民政府", date(2026, 3, 15), False),
    ("government", "苏州市吴江区人民政府", date(2026, 4, 2), True),
    ("department", "苏州市吴江区教育局", date(2026, 1, 31), False),
    ("department", "苏州市吴江区教育局", date(2026, 2, 5), True),
    ("department", "苏州市吴江区教育局", date(2026, 3, 15), True),
])
def test_deadline_follows_agency_kind(tmp_path, kind, agency, signed, late):
    found = _late(tmp_path, kind=kind, agency=agency, year=2025, signed_on=signed)
    assert bool(found) == late, [f.message.zh for f in found]
    if late:
        assert found[0].severity.value == "warning"
        assert f"{signed.year}年{signed.month}月{signed.day}日" in found[0].message.zh


def test_deadline_for_report_years_up_to_2018_is_31_march(tmp_path):
    assert not _late(tmp_path, version="cn-2008", kind="department", agency="昆山市教育局", year=2016,
                     signed_on=date(2017, 3, 20))
    assert _late(tmp_path, version="cn-2008", kind="department", agency="昆山市教育局", year=2016,
                 signed_on=date(2017, 4, 5))
    assert _late(tmp_path, version="cn-2019", kind="department", agency="昆山市教育局", year=2019,
                 signed_on=date(2020, 3, 20))


def test_configured_deadlines_override_the_defaults(tmp_path):
    fields = dict(kind="department", agency="苏州市吴江区教育局", year=2025, signed_on=date(2026, 2, 5))
    assert _late(tmp_path, **fields)
    assert not _late(tmp_path, Settings(deadlines={"department": "02-28"}), **fields)
    stricter = Settings(deadlines={"government": "01-31"})
    assert _late(tmp_path, stricter, kind="government", agency="苏州市吴江区人民政府", year=2025,
                 signed_on=date(2026, 2, 5))


def test_configured_kind_overrides_the_name(tmp_path):
    fields = dict(kind="department", agency="苏州市吴江区教育局", year=2025, signed_on=date(2026, 3, 1))
    assert _late(tmp_path, **fields)
    as_government = Settings(agencies={"*.txt": {"kind": "government"}})
    assert not _late(tmp_path, as_government, **fields)
    gov = dict(kind="government", agency="苏州市吴江区人民政府", year=2025, signed_on=date(2026, 3, 1))
    assert not _late(tmp_path, **gov)
    assert _late(tmp_path, Settings(agencies={"*.txt": {"kind": "department"}}), **gov)


def test_configured_name_alone_changes_the_kind(tmp_path):
    fields = dict(kind="department", agency="苏州市吴江区教育局", year=2025, signed_on=date(2026, 3, 1))
    assert not _late(tmp_path, Settings(agencies={"*.txt": {"name": "苏州市吴江区人民政府"}}), **fields)


# --- GAO108 missing-accountability-results --------------------------------------------------

#: The words GAO108 looks for (rules/cn-2021.yaml), so that a sentence holding any is taken out.
_ACCOUNTABILITY = tuple(load_formats()["cn-2021"].accountability)


def _without_accountability(text: str) -> str:
    kept = []
    for line in text.splitlines():
        if any(word in line for word in _ACCOUNTABILITY):
            # Drop only the sentence that reports the results, keep the rest of the paragraph.
            sentences = [s for s in line.split("。") if not any(w in s for w in _ACCOUNTABILITY)]
            line = "。".join(sentences)
        kept.append(line)
    return "\n".join(kept)


def _gao108(tmp_path, spec, strip: bool) -> list:
    text = render_text(build_document(spec), "pipe")
    if strip:
        text = _without_accountability(text)
    path = tmp_path / "r108.txt"
    path.write_text(text, encoding="utf-8")
    return [f for f in lint_file(str(path), Settings()).findings if f.rule == "GAO108"]


def test_gao108_government_without_results(tmp_path):
    spec = sample_spec(6, kind="government", agency="苏州市吴江区人民政府", year=2025)
    assert _gao108(tmp_path, spec, strip=False) == []
    found = _gao108(tmp_path, spec, strip=True)
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert found[0].location.line > 1  # at section 一 when present


def test_gao108_a_result_stated_as_accountability_is_reported(tmp_path):
    """本年度未发生因政府信息公开工作被问责的情况: the result of 责任追究, in the word most
    reports use for it."""
    spec = sample_spec(6, kind="government", agency="苏州市吴江区人民政府", year=2025)
    text = _without_accountability(render_text(build_document(spec), "pipe"))
    text = text.replace("一、总体情况\n", "一、总体情况\n本年度未发生因政府信息公开工作被问责的情况。\n", 1)
    path = tmp_path / "wenze.txt"
    path.write_text(text, encoding="utf-8")
    assert [f for f in lint_file(str(path), Settings()).findings if f.rule == "GAO108"] == []


@pytest.mark.parametrize("sentence", [
    "本年度未发生需要追究责任的情形。", "全年未发生追责事项。", "开展群众评议，满意度较高。",
    "将政务公开纳入年度目标考核。", "政务公开工作纳入县直单位考评体系。",
])
def test_gao108_results_in_other_words_are_reported(tmp_path, sentence):
    """追究责任 (the order reversed), 追责, 群众评议, 目标考核, 考评: GAO108 before."""
    spec = sample_spec(6, kind="government", agency="苏州市吴江区人民政府", year=2025)
    text = _without_accountability(render_text(build_document(spec), "pipe"))
    text = text.replace("一、总体情况\n", "一、总体情况\n" + sentence + "\n", 1)
    path = tmp_path / "words.txt"
    path.write_text(text, encoding="utf-8")
    assert [f for f in lint_file(str(path), Settings()).findings if f.rule == "GAO108"] == []


def test_gao108_only_for_governments_and_national_formats(tmp_path):
    department = sample_spec(7, kind="department", agency="苏州市吴江区教育局", year=2025)
    assert _gao108(tmp_path, department, strip=True) == []
    old = sample_spec(8, kind="government", agency="苏州市吴江区人民政府", version="cn-2008", year=2016)
    assert _gao108(tmp_path, old, strip=True) == []


def test_gao108_follows_configured_kind(tmp_path):
    spec = sample_spec(9, kind="department", agency="苏州市吴江区教育局", year=2025)
    text = _without_accountability(render_text(build_document(spec), "pipe"))
    path = tmp_path / "kind.txt"
    path.write_text(text, encoding="utf-8")
    settings = Settings(agencies={"*kind.txt": {"kind": "government"}})
    assert [f.rule for f in lint_file(str(path), settings).findings if f.rule == "GAO108"] == ["GAO108"]


@pytest.mark.parametrize("sentence,expected", [
    ("根据上级通知要求，洋里乡人民政府编制了本报告。", "洋里乡人民政府"),
    ("青禾县民政局编制本年度报告，现予公布。", "青禾县民政局"),
    ("本局认真总结，编制了本报告。", ""),
])
def test_the_compiler_named_before_compiling_this_report(sentence, expected):
    """…，洋里乡人民政府编制了本报告 (no 由): the report's compiler, for a report whose title and
    signature name none (a township read as no agency: GAO108 and its deadline unknown)."""
    lines = _lines("2012年政府信息公开工作年度报告", sentence)
    assert agency_from_opening(lines) == expected


@pytest.mark.parametrize("opening,body,expected", [
    # a township known only from where readers are sent, calling itself 我镇
    ("如有疑问，请与青禾县柳溪镇人民政府党政办联系（电话：0839-6500000）。", "本年度，我镇认真做好公开工作。", "青禾县柳溪镇人民政府"),
    ("对本报告如有疑问，请与青禾县水利局办公室联系。", "本局全年主动公开信息20条。", "青禾县水利局"),
    # a department's report that sends readers to the government's office: no agency from it,
    # even where it speaks of its county as 我县
    ("如有疑问，请与青禾县人民政府办公室联系。", "本局全年主动公开信息20条。", ""),
    ("如有疑问，请与青禾县人民政府办公室联系。", "我局推动我县政务公开工作。", ""),
    # no word of the report's own kind: nothing is taken
    ("如有疑问，请与青禾县柳溪镇人民政府党政办联系。", "全年主动公开信息20条。", ""),
    ("如有疑问，请与本局办公室联系。", "本局全年主动公开信息20条。", ""),
])
def test_agency_from_the_contact_sentence(opening, body, expected):
    """请与剑阁县杨村镇人民政府党政办联系 was all a real township report said of its agency: no
    agency, so GAO108 and its deadline went unchecked. The name is taken only when the report
    calls itself by that kind (我镇, 本局)."""
    lines = _lines("2024年政府信息公开工作年度报告", opening, "一、总体情况", body)
    assert agency_from_contact(lines) == expected


def test_accountability_words_cut_by_a_hard_wrap_are_found(tmp_path):
    """Text copied from a PDF keeps the page's line ends: 纳入年度绩效 / 考核 hid 绩效考核 from the
    check, and a report that gives its results got GAO108. Words cut so are found; a report
    without the results is still reported."""
    spec = sample_spec(3, kind="government", agency="苏州市吴江区人民政府", year=2024)
    text = render_text(build_document(spec), "pipe")
    kept = []
    for line in text.splitlines():
        for word in _ACCOUNTABILITY:
            if word in line:
                line = line.replace(word, word[:2] + "\n" + word[2:])
        kept.append(line)
    wrapped = "\n".join(kept)
    assert not any(word in wrapped for word in _ACCOUNTABILITY)
    path = tmp_path / "wrapped.txt"
    path.write_text(wrapped, encoding="utf-8")
    assert "GAO108" not in [f.rule for f in lint_file(str(path), Settings()).findings]
    path.write_text(_without_accountability(text), encoding="utf-8")
    assert "GAO108" in [f.rule for f in lint_file(str(path), Settings()).findings]
