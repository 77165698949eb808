"""PDF pages whose content is drawn turned and shown upright by the page's /Rotate (printer
drivers write landscape table pages that way): the reader maps every glyph and rule to the
page as shown, so the report reads as the same report drawn upright."""

from __future__ import annotations


import pytest

pdfium = pytest.importorskip("pypdfium2")

from gaolint.read.pdf import read_pdf  # noqa: E402
from tests.builder.defects import clean_or_planted  # noqa: E402
from tests.builder.pdf import render_pdf  # noqa: E402
from tests.findings import findings_apart_from_places  # noqa: E402

#: /Rotate → the matrix that turns the content the other way, and where it lands.
_TURNS = {
    90: lambda w, h: (0, 1, -1, 0, h, 0),
    180: lambda w, h: (-1, 0, 0, -1, w, h),
    270: lambda w, h: (0, -1, 1, 0, 0, w),
}


def _rotated(data: bytes, rotation: int) -> bytes:
    """Each page of ``data`` placed, turned, as a form object on a new page (no text is
    re-encoded), the page's /Rotate set so that it shows upright."""
    import io

    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        placed = source.page_as_xobject(index, target).as_pageobject()
        placed.transform(pdfium.PdfMatrix(*_TURNS[rotation](width, height)))
        size = (height, width) if rotation in (90, 270) else (width, height)
        page = target.new_page(*size)
        page.insert_obj(placed)
        page.gen_content()
        page.set_rotation(rotation)
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_page_shown_upright_reads_as_the_upright_page(tmp_path, rotation):
    upright = render_pdf(clean_or_planted(3))
    turned = _rotated(upright, rotation)
    assert pdfium.PdfDocument(turned)[0].get_rotation() == rotation
    assert [line.text for line in read_pdf(turned, "t.pdf").lines] == [line.text for line in read_pdf(upright, "u.pdf").lines]
    (tmp_path / "upright.pdf").write_bytes(upright)
    (tmp_path / "turned.pdf").write_bytes(turned)
    assert findings_apart_from_places(tmp_path / "turned.pdf") == findings_apart_from_places(tmp_path / "upright.pdf")
