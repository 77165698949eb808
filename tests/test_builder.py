"""Self-tests of the test report builder (tests/builder): it must only ever produce consistent
reports, render every table completely in every shape, and plant exactly the defect it names."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from tests.builder import (
    DEFECTS,
    SHAPES,
    VARIANTS,
    Document,
    Heading,
    Paragraph,
    Table,
    build_document,
    check_identities,
    decode,
    defects_for,
    encode,
    expand,
    normalise,
    plant,
    render_text,
    sample_spec,
    to_traditional,
)
from tests.builder.document import section_titles
from tests.builder.encode import big5_ok
from tests.builder.labels import TABLE3_ROWS, result_leaves
from tests.builder.spec import ReportSpec
from tests.builder.strategies import specs
from tests.builder.text_shapes import WRAP, width

RULE_IDS = {
    "GAO000", "GAO001", "GAO002", "GAO003", "GAO101", "GAO102", "GAO103", "GAO104", "GAO105",
    "GAO106", "GAO107", "GAO108", "GAO201", "GAO202", "GAO203", "GAO204", "GAO301", "GAO302",
    "GAO303", "GAO304", "GAO305", "GAO401", "GAO402", "GAO501", "GAO502", "GAO601", "GAO602",
}
NATIONAL = ("cn-2021", "cn-2019")
SEEDS = range(40)


def tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def texts(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks if isinstance(b, (Heading, Paragraph)))


# --- reading rendered tables back -----------------------------------------------------------

def _cells_of(line: str) -> list[str]:
    return [c.strip() for c in line.split("|") if c.strip()]


def read_back(text: str, shape: str) -> list[list[str]]:
    """Every table row in the rendered text, as its non-empty cell texts (wraps undone)."""
    rows: list[list[str]] = []
    lines = text.split("\n")
    if shape in ("pipe", "merged"):
        buffer = ""
        for line in lines:
            if line.endswith("|"):
                rows.append(_cells_of(buffer + line))
                buffer = ""
            elif shape == "merged" and (len(line) <= WRAP or " | " in line):
                buffer += line  # a spilled header cell continues on the next line
            else:
                buffer = ""
    elif shape == "cells":
        current: list[str] | None = None
        for line in lines:
            if line == "|":
                if current:
                    rows.append(current)
                current = []
            elif current is not None and line.endswith(" |"):
                current.append(line[:-2])
            elif current is not None and set(line) == {"|"}:
                continue
            else:
                if current:
                    rows.append(current)
                current = None
    elif shape == "tabs":
        current = []
        for line in lines:
            if line.startswith("\t"):
                current.append(line[1:])
            elif current:
                rows.append(current)
                current = []
    elif shape == "markdown":
        rows = [_cells_of(line) for line in lines if line.startswith("| ")]
    return rows


def drawn_rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in row] for t in tables(doc) for row in t.rows]


def table3_grid(table: Table) -> dict[str, list[int]]:
    """Table 3 read back from its full grid: row label -> seven numbers."""
    grid = expand(table)
    return {row[2]: [int(v) for v in row[3:]] for row in grid[3:]}


# --- the model ------------------------------------------------------------------------------

@pytest.mark.parametrize("version", ("cn-2021", "cn-2019", "cn-2008"))
def test_sampled_specs_are_consistent(version: str) -> None:
    for seed in range(300):
        spec = sample_spec(seed, version=version)
        assert check_identities(spec) == [], (seed, check_identities(spec))
        assert spec.period_start.isoformat() == f"{spec.year}-01-01"  # type: ignore[union-attr]
        assert spec.signed_on.year == spec.year + 1 and spec.signed_on.month == 1  # type: ignore[union-attr]
        assert re.fullmatch(r"0\d{2,3}-\d{7,8}", spec.contact.telephone)
        assert spec.contact.postcode is None or re.fullmatch(r"[1-9]\d{5}", spec.contact.postcode)


def test_sample_spec_is_deterministic_and_varied() -> None:
    assert sample_spec(7) == sample_spec(7)
    assert render_text(build_document(sample_spec(7))) == render_text(build_document(sample_spec(7)))
    agencies = {sample_spec(s).agency for s in range(100)}
    assert len(agencies) > 30
    assert {sample_spec(s).kind for s in range(20)} == {"government", "department"}
    big = [sample_spec(s).total("new") for s in range(200)]
    assert min(big) == 0 and max(big) > 1000


def test_sample_spec_overrides() -> None:
    spec = sample_spec(3, version="cn-2019", year=2020, kind="department", agency="清河县教育局")
    assert (spec.version, spec.year, spec.agency, spec.signer) == ("cn-2019", 2020, "清河县教育局", "清河县教育局")
    assert "result.6" in spec.table3 and "result.6.1" not in spec.table3
    assert sample_spec(3, halfwidth=True).halfwidth
    with pytest.raises(TypeError):
        sample_spec(3, colour="red")


def test_result_leaf_counts() -> None:
    assert len(result_leaves("cn-2021")) == 21  # （七）总计 is the sum of these
    assert len(result_leaves("cn-2019")) == 19
    assert len(TABLE3_ROWS["cn-2021"]) == 25


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_hypothesis_specs_are_consistent_and_render(spec: ReportSpec) -> None:
    assert check_identities(spec) == []
    doc = build_document(spec)
    for shape in SHAPES:
        assert read_back(render_text(doc, shape), shape) == drawn_rows(doc)


# --- the document ---------------------------------------------------------------------------

@pytest.mark.parametrize("version", NATIONAL)
def test_document_structure(version: str) -> None:
    for seed in SEEDS:
        spec = sample_spec(seed, version=version, halfwidth=False)
        doc = build_document(spec)
        assert doc.blocks[0] == Heading(f"{spec.agency}{spec.year}年政府信息公开工作年度报告", 0)
        heads = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
        assert heads == list(section_titles(spec))
        assert [t.kind for t in tables(doc)] == ["table2", "table3", "table4"]
        prose = texts(doc)
        assert "统计" in prose and f"{spec.year}年1月1日" in prose
        assert spec.contact.telephone in prose and spec.fee_sentence in prose
        assert f"新收政府信息公开申请{spec.total('new')}件" in prose
        assert f"办结{spec.total('results_total')}件" in prose
        assert f"结转{spec.year + 1}年度" in prose and f"结转{spec.year}年度" not in prose
        assert ("工作考核、社会评议和责任追究" in prose) or spec.kind == "department"
        assert doc.blocks[-1].text.startswith(f"{spec.year + 1}年1月")  # type: ignore[union-attr]
        subs = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 2]
        assert [t[:3] for t in subs] == ["（一）", "（二）", "（三）", "（四）", "（五）"]


@pytest.mark.parametrize("version", NATIONAL)
def test_tables_read_back_as_the_spec(version: str) -> None:
    for seed in SEEDS:
        spec = sample_spec(seed, version=version, halfwidth=False)
        table3 = next(t for t in tables(build_document(spec)) if t.kind == "table3")
        numbers = table3_grid(table3)
        labels = [r.labels[-1] for r in TABLE3_ROWS[version]]
        assert list(numbers) == labels
        assert list(numbers.values()) == [list(spec.table3[r.key]) for r in TABLE3_ROWS[version]]
        table4 = next(t for t in tables(build_document(spec)) if t.kind == "table4")
        assert [int(v) for v in expand(table4)[3]] == list(spec.table4)


def test_table3_merges_follow_the_national_drawing() -> None:
    doc = build_document(sample_spec(1, version="cn-2021", halfwidth=False))
    t3 = next(t for t in tables(doc) if t.kind == "table3")
    first = t3.rows[0][0]
    assert (first.rowspan, first.colspan) == (3, 3) and "勾稽关系" in first.text
    assert (t3.rows[0][1].text, t3.rows[0][1].colspan) == ("申请人情况", 7)
    assert (t3.rows[1][1].text, t3.rows[1][1].colspan) == ("法人或其他组织", 5)
    spans = {c.text: c.rowspan for row in t3.rows for c in row}
    assert spans["三、本年度办理结果"] == 22 and spans["（三）不予公开"] == 8
    assert spans["（四）无法提供"] == 3 and spans["（五）不予处理"] == 5
    assert width(t3) == 10 and all(len(r) == 10 for r in expand(t3))
    for tall in (1, 2):
        spec = sample_spec(1, review_header_rowspan=tall)
        t4 = next(t for t in tables(build_document(spec)) if t.kind == "table4")
        assert width(t4) == 15 and all(len(r) == 15 for r in expand(t4))
        assert (t4.rows[0][0].rowspan, t4.rows[0][0].colspan) == (tall, 5)
        assert expand(t4)[2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3


def test_cn2019_has_its_own_tables() -> None:
    doc = build_document(sample_spec(2, version="cn-2019"))
    flat = " ".join(c.text for t in tables(doc) for row in t.rows for c in row)
    for label in ("本年新制作数量", "本年新公开数量", "对外公开总数量", "第二十条第（九）项", "政府集中采购"):
        assert label.replace("（", "(").replace("）", ")") in flat or label in flat
    assert "（六）其他处理" in flat or "(六)其他处理" in flat
    assert "3.其他" not in flat


def test_cn2008_is_free_form() -> None:
    spec = sample_spec(4, version="cn-2008")
    doc = build_document(spec)
    assert not tables(doc)
    assert spec.year <= 2018 and "四、收费及减免情况" in texts(doc)


def test_halfwidth_punctuation() -> None:
    doc = build_document(sample_spec(5, halfwidth=True))
    assert "（" not in render_text(doc) and "(一)" in render_text(doc)


# --- text shapes ----------------------------------------------------------------------------

@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("version", NATIONAL)
def test_every_shape_renders_every_cell(shape: str, version: str) -> None:
    for seed in SEEDS:
        doc = build_document(sample_spec(seed, version=version))
        assert read_back(render_text(doc, shape), shape) == drawn_rows(doc), seed


def test_pipe_rows_are_padded_to_the_grid_width() -> None:
    doc = build_document(sample_spec(11))
    lines = render_text(doc, "pipe").split("\n")
    for table in tables(doc):
        first = [c.text for c in table.rows[0]]
        start = next(i for i, line in enumerate(lines) if _cells_of(line) == first)
        for line in lines[start : start + len(table.rows)]:
            assert line.count("|") == width(table), line


def test_shape_details() -> None:
    doc = build_document(sample_spec(12, halfwidth=False))
    cells = render_text(doc, "cells").split("\n")
    assert "|" in cells and "||" in cells and "|||" in cells
    md = render_text(doc, "markdown")
    assert md.startswith("# ") and "\n## 一、总体情况\n" in md and "\n|---|" in md
    for line in md.split("\n"):
        if line.startswith("|") and not line.startswith("|---"):
            assert line.count("|") in (5, 11, 16)
    merged = render_text(doc, "merged")
    assert "勾稽关系为：第一项加第二项之和" not in merged  # the header cell spilled
    assert "申请人\n情况" in merged
    tabs = render_text(doc, "tabs")
    assert "\n\t自然人\n" in tabs and "\n\n\t" in tabs
    with pytest.raises(ValueError):
        render_text(doc, "csv")


# --- encodings ------------------------------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
def test_encodings_round_trip(variant: str) -> None:
    for seed in range(15):
        text = render_text(build_document(sample_spec(seed)), SHAPES[seed % len(SHAPES)])
        data = encode(text, variant)
        back = normalise(decode(data, variant), variant)
        traditional = variant in ("big5-traditional", "traditional-pinyin")
        assert back == (to_traditional(text) if traditional else text)


def test_encoding_details() -> None:
    text = render_text(build_document(sample_spec(3)))
    assert encode(text, "utf-8-sig").startswith(b"\xef\xbb\xbf")
    crlf = encode(text, "gb18030-crlf")
    assert b"\r\n" in crlf and crlf.count(b"\n") == crlf.count(b"\r\n")
    assert crlf.decode("gb18030").replace("\r\n", "\n") == text
    assert big5_ok(text)
    big5 = encode(text, "big5-traditional")
    with pytest.raises(UnicodeDecodeError):
        big5.decode("utf-8")
    assert "政府資訊" in big5.decode("big5") or "政府信息公開" in big5.decode("big5")
    pinyin = encode(text, "traditional-pinyin").decode()
    assert "開(kāi)" in pinyin
    full = encode(text, "fullwidth-digits").decode()
    assert not re.search(r"[0-9]", full) and "１" in full
    with pytest.raises(ValueError):
        encode(text, "latin-1")


def test_big5_falls_back_to_utf8_when_a_character_is_missing() -> None:
    text = "清河县政府信息公开𠀋"  # an Extension-B character Big5 lacks
    assert encode(text, "big5-traditional").decode("utf-8") == to_traditional(text)


# --- defects --------------------------------------------------------------------------------

@pytest.mark.parametrize("defect", sorted(DEFECTS))
@pytest.mark.parametrize("version", NATIONAL)
def test_every_defect_changes_the_report(defect: str, version: str) -> None:
    for seed in range(25):
        spec = sample_spec(seed, version=version)
        if defect not in defects_for(spec):
            continue  # e.g. no fee statement is required of a cn-2019 report
        clean = build_document(spec)
        planted = plant(spec, defect, seed)
        assert planted.expected and planted.expected <= RULE_IDS
        assert planted.allowed <= RULE_IDS and not planted.expected & planted.allowed
        assert planted.defect == defect and planted.spec == spec and planted.description
        for shape in ("pipe", "markdown"):
            assert render_text(planted.document, shape) != render_text(clean, shape), (seed, shape)
        assert plant(spec, defect, seed) == planted  # deterministic


@pytest.mark.parametrize("defect", ("period_wrong_year", "period_mid_year", "fee_statement_missing",
                                    "contact_missing", "telephone_malformed"))
def test_cn2008_defects(defect: str) -> None:
    spec = sample_spec(9, version="cn-2008")
    assert defect in defects_for(spec)
    assert render_text(plant(spec, defect, 1).document) != render_text(build_document(spec))
    with pytest.raises(ValueError):
        plant(spec, "table3_leaf_changed", 1)


def _broken(spec: ReportSpec, planted_doc: Document) -> set[str]:
    """Which table identities fail in the planted document's tables 3 and 4."""
    found = set()
    t3 = table3_grid(next(t for t in tables(planted_doc) if t.kind == "table3"))
    rows = list(t3.values())
    for row in rows:
        if sum(row[:6]) != row[6]:
            found.add("GAO302")
    leaves = rows[2:-2]
    results_total, new, over, forward = rows[-2], rows[0], rows[1], rows[-1]
    for col in range(7):
        if sum(r[col] for r in leaves) != results_total[col]:
            found.add("GAO303")
        if new[col] + over[col] != results_total[col] + forward[col]:
            found.add("GAO301")
    t4 = [int(v) for v in expand(next(t for t in tables(planted_doc) if t.kind == "table4"))[3]]
    if any(sum(t4[g * 5 : g * 5 + 4]) != t4[g * 5 + 4] for g in range(3)):
        found.add("GAO304")
    return found


@pytest.mark.parametrize("defect", ("table3_leaf_changed", "table3_new_total_changed",
                                    "table4_cell_changed"))
@pytest.mark.parametrize("version", NATIONAL)
def test_arithmetic_defects_break_exactly_the_named_identities(defect: str, version: str) -> None:
    for seed in range(40):
        spec = sample_spec(seed, version=version, halfwidth=False)
        planted = plant(spec, defect, seed)
        assert _broken(spec, planted.document) == planted.expected, seed


@pytest.mark.parametrize("version", NATIONAL)
def test_textual_defects_do_what_they_say(version: str) -> None:
    for seed in range(20):
        spec = sample_spec(seed, version=version, halfwidth=False)
        year = spec.year

        def prose(defect: str) -> str:
            return texts(plant(spec, defect, seed).document)

        assert f"结转{year}年度" in prose("carryover_year_wrong")
        assert f"{year}年1月1日" not in prose("period_wrong_year")
        assert "12月31日" not in prose("period_mid_year")
        assert spec.contact.telephone not in prose("contact_missing")
        phone = re.escape(spec.contact.telephone)
        assert not re.search(rf"(?<![\d-]){phone}(?!\d)", prose("telephone_malformed"))
        if "fee_statement_missing" in defects_for(spec):
            assert "信息处理费" not in prose("fee_statement_missing")
        assert "未收取" in prose("fee_contradiction") and "元" in prose("fee_contradiction")
        assert f"新收政府信息公开申请{spec.total('new')}件" not in prose("narrative_new_mismatch")
        doc = plant(spec, "section5_empty", seed).document
        i = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text.startswith("五、"))
        assert doc.blocks[i + 1].text in ("无。", "暂无。", "无") and doc.blocks[i + 2].text.startswith("六、")  # type: ignore[union-attr]
        heads = [b.text for b in plant(spec, "missing_section", seed).document.blocks
                 if isinstance(b, Heading) and b.level == 1]
        assert len(heads) == 5
        assert len(tables(plant(spec, "table_missing", seed).document)) == 2
        planted = plant(spec, "table3_row_missing", seed)
        t3 = next(t for t in tables(planted.document) if t.kind == "table3")
        assert len(expand(t3)) == 3 + len(TABLE3_ROWS[version]) - 1
        bad = plant(spec, "table3_bad_value", seed).document
        cells = {c.text for t in tables(bad) for row in t.rows for c in row}
        assert cells & {"—", "-3", "1.5", "/"}


def test_plant_rejects_unknown_defect() -> None:
    with pytest.raises(KeyError):
        plant(sample_spec(0), "nonsense")


def test_reports_are_distinct() -> None:
    rendered = {render_text(build_document(sample_spec(seed)), "pipe") for seed in range(500)}
    assert len(rendered) == 500
