"""Text copied out of a PDF viewer (select all, copy, paste into a .txt): the shape an evaluator
makes of a published PDF. Cells come out parted by single spaces, every page's number sits
between the rows (``- 3 -``), and a label too long for its cell wraps: either onto lines of its
own, or with its last characters on the line that holds the row's numbers::

    （二）部分公开（区分处理的，只计这一情形，不计其他情
    形） 1 1 0 0 0 0 2

and, where the label column was wide enough, the whole label with its commas on one line
before the numbers. The text is what PDFium gives for the builder's PDFs (``get_text_range``,
page after page), so it is laid out as a viewer lays it out, not as the builder wrote it.
A clean report gives no finding; each planted defect gives the rules it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaolint.engine import Settings, lint_file
from tests.builder import build_document, render_text, sample_spec
from tests.builder.defects import DEFECTS, defects_for, plant
from tests.builder.pdf import render_pdf


def copied_text(document) -> str:
    """What a viewer's select-all copy of the rendered PDF gives."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render_pdf(document))
    try:
        pages = [pdf[index].get_textpage().get_text_range() for index in range(len(pdf))]
    finally:
        pdf.close()
    return "\n".join(pages).replace("\r\n", "\n")


def _rules(tmp_path: Path, text: str, name: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return sorted(f.rule for f in lint_file(str(path), Settings()).findings)


@pytest.mark.parametrize("seed", range(12))
def test_a_clean_report_copied_from_its_pdf_gives_no_finding(tmp_path: Path, seed: int) -> None:
    text = copied_text(build_document(sample_spec(seed)))
    assert _rules(tmp_path, text, "copied.txt") == []


def test_the_shapes_this_file_is_about_are_in_the_copied_text() -> None:
    """Guards the test above: the PDFs really wrap labels onto the numbers' line and really
    hold a long label with commas before its numbers (seeds 0 and 1 of the builder)."""
    first = copied_text(build_document(sample_spec(0))).splitlines()
    wrapped = next(i for i, line in enumerate(first) if line.startswith("（二）部分公开"))
    assert not first[wrapped].rstrip().endswith("2") and first[wrapped + 1].split()[0] == "形）"
    second = copied_text(build_document(sample_spec(1))).splitlines()
    assert any(line.startswith("(二)部分公开(区分处理的,") and line.split()[-1].isdigit() for line in second)


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_a_planted_defect_is_found_in_the_copied_text(tmp_path: Path, defect: str) -> None:
    spec = sample_spec(0)
    if defect not in defects_for(spec):
        pytest.skip(f"{defect} does not apply to {spec.version}")
    planted = plant(spec, defect, 3)
    found = set(_rules(tmp_path, copied_text(planted.document), f"{defect}.txt"))
    typed = set(_rules(tmp_path, render_text(planted.document, "pipe"), f"{defect}-typed.txt"))
    assert planted.expected <= found, f"{planted.description}: {sorted(found)}"
    assert found - planted.expected <= planted.allowed | (typed - planted.expected), sorted(found)


# --- what LibreOffice's layout adds: group labels beside their first row, rows cut by a page --

FOOTER = "青禾县人民政府办公室 第 {} 页"


def _libreoffice_shapes(text: str, rest_of_label: str = "成信息需\n要另行制\n作") -> str:
    """The builder's copied text as a PDF printed by LibreOffice gives it: the merged group cell
    ``（四）无法提供`` printed on its first row's line, the row ``2.没有现成信息需要另行制作``
    cut by a page break after ``没有现`` (the numbers stay with the first piece, the rest of
    the label follows the page's running footer), and that footer on every page."""
    lines = text.splitlines()
    group = next(i for i, line in enumerate(lines) if line == "（四）" and lines[i + 1] == "无法提")
    assert lines[group + 3].startswith("1.本机关不掌握相关政府信息")
    lines[group:group + 4] = ["（四）无法提供 " + lines[group + 3]]
    cut = next(i for i, line in enumerate(lines) if line.startswith("2.没有现成信息需要另行制作 "))
    numbers = lines[cut].split(" ", 1)[1]
    lines[cut:cut + 1] = [f"2.没有现 {numbers}", FOOTER.format(2), *rest_of_label.split("\n")]
    pages = [i for i, line in enumerate(lines) if line.startswith("- ") and line.endswith(" -")]
    for number, index in enumerate(pages, start=1):
        lines[index] = FOOTER.format(number)
    return "\n".join(lines) + "\n"


def test_libreoffice_shapes_of_a_clean_report_give_no_finding(tmp_path: Path) -> None:
    text = _libreoffice_shapes(copied_text(build_document(sample_spec(0))))
    assert FOOTER.format(2) in text and "（四）无法提供 1.本机关" in text
    assert _rules(tmp_path, text, "libreoffice.txt") == []


def test_the_numbers_of_a_row_cut_by_a_page_are_still_checked(tmp_path: Path) -> None:
    """The cut row's own numbers are read: one changed makes its row total wrong (GAO302)
    and the results total (GAO303), pointing at the line of the numbers."""
    text = _libreoffice_shapes(copied_text(build_document(sample_spec(0))))
    line = next(line for line in text.splitlines() if line.startswith("2.没有现 "))
    cells = line.split()
    cells[1] = str(int(cells[1]) + 4)
    changed = text.replace(line, " ".join(cells))
    path = tmp_path / "changed.txt"
    path.write_text(changed, encoding="utf-8")
    findings = lint_file(str(path), Settings()).findings
    assert {f.rule for f in findings} == {"GAO302", "GAO303"}
    number_line = changed.splitlines().index(" ".join(cells)) + 1
    assert any(f.rule == "GAO302" and f.location.line == number_line for f in findings)


def test_a_footer_seen_once_is_the_reports_text(tmp_path: Path) -> None:
    """A line shaped like a running footer but there only once is not dropped as furniture."""
    from gaolint.engine import read_report

    text = render_text(build_document(sample_spec(0)), "pipe") + "\n青禾县人民政府办公室 第 1 页\n"
    path = tmp_path / "once.txt"
    path.write_text(text, encoding="utf-8")
    report, _ = read_report(str(path), "once.txt")
    assert any(line.text == "青禾县人民政府办公室 第 1 页" for line in report.lines)


def test_a_label_cut_by_a_page_that_names_no_row_stays_unread(tmp_path: Path) -> None:
    """The rest after the page break must complete the first piece into the row's own label;
    words that make no row with it leave the row missing (GAO104), as before."""
    text = _libreoffice_shapes(copied_text(build_document(sample_spec(0))), rest_of_label="办公地点\n另行通知")
    assert "GAO104" in _rules(tmp_path, text, "unrelated.txt")


# --- one character per line: a label column too narrow for two characters -----------------

def _one_character_per_line(text: str, prefixes: tuple[str, ...]) -> str:
    """Each row whose label starts with one of ``prefixes`` printed one label character per
    line (``3.`` and ``四`` / ``、`` as a PDF draws its numbering), its numbers on the line after,
    as a PDF with a very narrow label column copies."""
    lines = text.splitlines()
    out = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.startswith(prefixes):
            out.append(line)
            continue
        if not line.split()[-1].isdigit():  # a label wrapped onto the next line: one label
            line, index = line + lines[index], index + 1
        label, _, numbers = line.partition(" ")
        marker = label[:2] if label[1] == "." else ""
        out += ([marker] if marker else []) + list(label[len(marker):]) + [numbers]
    return "\n".join(out) + "\n"


NARROW = ("3.危及", "4.无正当理由", "2.申请人逾期未按收费通知", "四、结转下年度")


def test_labels_one_character_per_line_read_as_their_rows(tmp_path: Path) -> None:
    """三, 一 and 无 alone on a line read as a bad count; between other one-character pieces,
    or above the 、 of the next label's numbering, they are pieces of the label."""
    text = _one_character_per_line(copied_text(build_document(sample_spec(0))), NARROW)
    assert "\n三\n安\n全\n一\n稳\n" in text and "\n无\n正\n当\n" in text and "\n四\n、\n结\n" in text
    assert _rules(tmp_path, text, "narrow.txt") == []


def test_a_none_under_a_whole_label_is_still_a_bad_cell(tmp_path: Path) -> None:
    """One cell per line with 无 for a count: GAO106, not a piece of the label above it."""
    lines = render_text(build_document(sample_spec(0)), "cells").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().rstrip("| ") == "行政许可")
    value = next(i for i in range(at + 1, len(lines)) if any(ch.isdigit() for ch in lines[i]))
    digits = "".join(ch for ch in lines[value] if ch.isdigit())
    lines[value] = lines[value].replace(digits, "无")
    assert "GAO106" in _rules(tmp_path, "\n".join(lines) + "\n", "none.txt")


# --- a whole table drawn glyph by glyph: every character, and every number, on a line --------

def _glyph_by_glyph(text: str) -> str:
    """Section 三 from its heading to section 四's, as a viewer copies a page whose text was
    drawn one glyph at a time: each character of a label or heading alone on a line, each
    number alone on a line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    out = lines[:start]
    for line in lines[start:end]:
        if line.startswith("- ") and line.endswith(" -"):
            out.append(line)  # the page number, dropped as furniture whatever its shape
            continue
        for word in line.split():
            out += [word] if word.isdigit() else list(word)
    return "\n".join(out + lines[end:]) + "\n"


def test_a_table_copied_glyph_by_glyph_reads_as_the_table(tmp_path: Path) -> None:
    text = _glyph_by_glyph(copied_text(build_document(sample_spec(0))))
    assert "\n三\n、\n收\n到\n" in text and "\n一\n、\n本\n年\n新\n收\n" in text
    assert _rules(tmp_path, text, "glyphs.txt") == []


@pytest.mark.parametrize("defect", ["table3_leaf_changed", "table3_new_total_changed"])
def test_a_defect_in_a_table_copied_glyph_by_glyph_is_found(tmp_path: Path, defect: str) -> None:
    planted = plant(sample_spec(0), defect, 3)
    found = set(_rules(tmp_path, _glyph_by_glyph(copied_text(planted.document)), f"{defect}.txt"))
    assert planted.expected <= found <= planted.expected | planted.allowed, sorted(found)


def test_a_column_of_one_digit_cells_is_not_joined(tmp_path: Path) -> None:
    """``5`` / ``|`` / ``0`` / ``|``: one cell per line, each closed by a pipe, stays cells."""
    from gaolint.normalise.pipeline import _one_character_runs

    assert _one_character_runs(["5", "|", "0", "|", "0", "|", "1", "|"]) == []
    assert _one_character_runs(["7", "3", "0", "0", "0", "2"]) == []
    assert _one_character_runs(["0", "0", "1", ".", "本", "机", "关"]) == [(2, 7)]
