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
