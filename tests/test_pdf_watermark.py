"""PDF pages with a watermark drawn over or under the report (仅供参考, the agency's name, set
across the page at an angle or in very large faint type): the reader leaves the watermark out,
so the report reads as the same report without it. Before, its glyphs were read into the
report's lines and tables: a clean report got GAO101 ×3, GAO104 ×3 and GAO105 ×15."""

from __future__ import annotations

import io

import pytest

pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from gaolint.read.pdf import read_pdf  # noqa: E402
from tests.builder.defects import clean_or_planted  # noqa: E402
from tests.builder.pdf import FONT, _register_font, render_pdf  # noqa: E402
from tests.findings import findings_apart_from_places  # noqa: E402


def _watermark(text: str, angle: float, size: float, grey: float, alpha: float) -> bytes:
    """One A4 page with ``text`` drawn six times across it, turned by ``angle``."""
    _register_font()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFillColor(colors.Color(grey, grey, grey, alpha=alpha))
    page.setFont(FONT, size)
    width, height = A4
    for x in (width / 3, 2 * width / 3):
        for y in (height / 4, height / 2, 3 * height / 4):
            page.saveState()
            page.translate(x, y)
            page.rotate(angle)
            page.drawCentredString(0, 0, text)
            page.restoreState()
    page.showPage()
    page.save()
    return out.getvalue()


def _with_watermark(data: bytes, mark: bytes, under: bool) -> bytes:
    """Each page of ``data`` with the watermark page placed over (or under) it, both as form
    objects, as PDF tools stamp them."""
    source, stamp = pdfium.PdfDocument(data), pdfium.PdfDocument(mark)
    target = pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        page = target.new_page(width, height)
        content = source.page_as_xobject(index, target).as_pageobject()
        overlay = stamp.page_as_xobject(0, target).as_pageobject()
        for placed in ((overlay, content) if under else (content, overlay)):
            page.insert_obj(placed)
        page.gen_content()
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


@pytest.mark.parametrize("under", [False, True])
@pytest.mark.parametrize("text, angle, size, grey, alpha", [
    ("青禾县人民政府办公室", 45, 40, 0.8, 0.4),   # the agency's name across the page
    ("内部资料 注意保存", 30, 28, 0.0, 1.0),         # black, turned: still no text of the report
    ("仅供参考", 0, 60, 0.75, 1.0),                  # level, very large, light grey
    ("仅供参考", 0, 48, 0.2, 0.3),                   # level, very large, dark but see-through
])
def test_a_watermarked_report_reads_as_the_report(tmp_path, text, angle, size, grey, alpha, under):
    plain = render_pdf(clean_or_planted(3))
    marked = _with_watermark(plain, _watermark(text, angle, size, grey, alpha), under)
    assert text.split()[0][:2] in "".join(pdfium.PdfDocument(marked)[0].get_textpage().get_text_range().split())
    assert [line.text for line in read_pdf(marked, "m.pdf").lines] == [line.text for line in read_pdf(plain, "p.pdf").lines]
    (tmp_path / "plain.pdf").write_bytes(plain)
    (tmp_path / "marked.pdf").write_bytes(marked)
    assert findings_apart_from_places(tmp_path / "marked.pdf") == findings_apart_from_places(tmp_path / "plain.pdf")


def test_a_large_title_in_full_colour_is_read():
    """A cover page's title in 36 pt, black or red, is the report's text, not a watermark."""
    _register_font()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(FONT, 36)
    page.setFillColor(colors.Color(0.8, 0, 0))
    page.drawString(60, 700, "青禾县人民政府")
    page.setFillColor(colors.black)
    page.drawString(60, 640, "2024年政府信息公开")
    page.setFont(FONT, 12)
    for row in range(12):
        page.drawString(60, 560 - 20 * row, "本报告所列数据的统计期限为2024年1月1日至2024年12月31日。")
    page.showPage()
    page.save()
    assert [line.text for line in read_pdf(out.getvalue(), "c.pdf").lines][:2] == ["青禾县人民政府", "2024年政府信息公开"]


@pytest.mark.parametrize("angle", [1.5, 4])
def test_text_a_few_degrees_askew_is_read(angle):
    """An OCR text layer over a page scanned a little askew turns with the page: it is the
    report's text, not a watermark, and is read (how well its lines come together is another
    matter: a line that drifts by its own height is read in pieces)."""
    _register_font()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.rotate(angle)
    page.setFont(FONT, 12)
    sentences = [f"第{row + 10}条：本报告所列数据的统计期限为2024年1月1日至2024年12月31日。" for row in range(12)]
    for row, sentence in enumerate(sentences):
        page.drawString(80, 700 - 24 * row, sentence)
    page.showPage()
    page.save()
    texts = [line.text for line in read_pdf(out.getvalue(), "s.pdf").lines]
    assert sum(len(text.replace(" ", "")) for text in texts) == sum(map(len, sentences))
