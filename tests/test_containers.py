"""The same report model through every container (HTML with merged cells, GBK HTML, .docx with
merged cells, PDF with ruled tables): clean ones are quiet, planted defects are named."""

from __future__ import annotations

import pytest

from gaolint.engine import Settings, lint_file
from tests.builder import build_document, defects_for, plant, sample_spec
from tests.builder.docx import render_docx
from tests.builder.html import render_html

from .test_shapes import _assert_planted

RENDERERS = {
    ".html": lambda document: render_html(document),
    ".htm": lambda document: render_html(document, encoding="gbk"),
    ".docx": render_docx,
}
try:  # the PDF builder needs reportlab, a test extra
    from tests.builder.pdf import render_pdf

    RENDERERS[".pdf"] = render_pdf
except ImportError:  # pragma: no cover
    pass

#: Defects a container can carry exactly as text does.
DEFECTS = (
    "missing_section", "period_mid_year", "table3_leaf_changed", "table3_new_total_changed",
    "table4_cell_changed", "table3_bad_value", "fee_statement_missing", "contact_missing",
    "carryover_year_wrong", "table3_row_missing", "telephone_malformed",
)


def _lint(tmp_path, data: bytes, extension: str, name: str = "report"):
    path = tmp_path / f"{name}{extension}"
    path.write_bytes(data)
    return lint_file(str(path), Settings()).findings


#: .docx and PDF documents take a second or more each to build: `-m "not slow"` runs the web
#: pages (and seed 0 only); CI runs every case.
_SLOW_CONTAINERS = (".docx", ".pdf")
_CONTAINERS = [pytest.param(e, marks=pytest.mark.slow) if e in _SLOW_CONTAINERS else e for e in sorted(RENDERERS)]


@pytest.mark.parametrize("extension", _CONTAINERS)
@pytest.mark.parametrize("seed", [0, pytest.param(1, marks=pytest.mark.slow), pytest.param(2, marks=pytest.mark.slow)])
def test_clean_container_is_quiet(tmp_path, extension, seed):
    findings = _lint(tmp_path, RENDERERS[extension](build_document(sample_spec(seed))), extension)
    assert findings == [], [(f.rule, f.message.en, f.location) for f in findings]


@pytest.mark.parametrize("extension", _CONTAINERS)
@pytest.mark.parametrize("defect", DEFECTS)
def test_planted_defect_in_container(tmp_path, extension, defect):
    seed = 4
    spec = sample_spec(seed)
    if defect not in defects_for(spec):
        pytest.skip("defect not possible for this spec")
    planted = plant(spec, defect, seed)
    findings = _lint(tmp_path, RENDERERS[extension](planted.document), extension)
    _assert_planted(findings, planted)


@pytest.mark.slow
def test_docx_finding_names_the_cell(tmp_path):
    planted = plant(sample_spec(4), "table3_leaf_changed", 4)
    findings = _lint(tmp_path, render_docx(planted.document), ".docx")
    cell = next(f for f in findings if f.rule == "GAO302")
    # The table's name as the message says it (表三, not 第2个表格), the row's label, the column's heading.
    assert cell.location.place.startswith("表三 “") and "”行 “" in cell.location.place and cell.location.place.endswith("”列")
    assert cell.location.line >= 1


def test_html_finding_points_at_the_td_line(tmp_path):
    planted = plant(sample_spec(4), "table4_cell_changed", 4)
    data = render_html(planted.document)
    findings = _lint(tmp_path, data, ".html")
    total = next(f for f in findings if f.rule == "GAO304")
    source = data.decode("utf-8").splitlines()[total.location.line - 1]
    assert "<td" in source


def test_a_text_file_is_read_up_to_the_line_limit_with_a_note(monkeypatch) -> None:
    """Past MAX_LINES the rest is not read, and the report says so (GAO003) instead of
    silently checking half a file."""
    from gaolint.read import text as text_module

    monkeypatch.setattr(text_module, "MAX_LINES", 5)
    extracted = text_module.read_text(b"a\nb\r\nc\rd\ne\nf\ng\n", "r.txt")
    assert [line.text for line in extracted.lines] == ["a", "b", "c", "d", "e"]
    assert [line.line for line in extracted.lines] == [1, 2, 3, 4, 5]
    assert len(extracted.damage) == 1 and "more than 5 lines" in extracted.damage[0][1]
    exact = text_module.read_text(b"a\nb\nc\nd\ne", "r.txt")
    assert len(exact.lines) == 5 and exact.damage == []


@pytest.mark.parametrize("defect", ["table3_leaf_changed", "table3_bad_value", "contact_missing"])
def test_a_page_on_one_line_gives_each_finding_its_own_place(tmp_path, defect):
    """A web page written on one line (as pages kept in JSON or made by a CMS often are): every
    cell is at line 1, column 1. Each finding names its own cell as on the page written over
    many lines; a finding on no cell (no contact: GAO501) names none. By line and column alone,
    every one of them took the place of table 4's last cell."""
    planted = plant(sample_spec(4), defect, 4)
    page = render_html(planted.document)
    one_line = page.replace(b"\r", b"").replace(b"\n", b"")
    placed = {(f.rule, f.location.place) for f in _lint(tmp_path, page, ".html")}
    flat = _lint(tmp_path, one_line, ".html", "flat")
    assert {f.location.line for f in flat} == {1}
    assert {(f.rule, f.location.place) for f in flat} == placed
    for finding in flat:
        if finding.rule in ("GAO501", "GAO401", "GAO101"):
            assert "表" not in finding.location.place, (finding.rule, finding.location.place)
        else:
            assert finding.location.place.startswith("表"), (finding.rule, finding.location.place)



def test_a_page_source_saved_as_txt_is_read_as_the_page(tmp_path):
    """A web page's source saved under a .txt name (``curl … > report.txt``) was read as text
    full of tags: a clean report gave findings. It is read as the page it is, findings still
    pointing at the source line of their cell."""
    clean = render_html(build_document(sample_spec(4)))
    assert _lint(tmp_path, b"\xef\xbb\xbf\n" + clean, ".txt") == []
    planted = plant(sample_spec(4), "table4_cell_changed", 4)
    data = render_html(planted.document)
    total = next(f for f in _lint(tmp_path, data, ".txt", "planted") if f.rule == "GAO304")
    assert "<td" in data.decode("utf-8").splitlines()[total.location.line - 1]
