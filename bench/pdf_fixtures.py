"""Write the PDFs the tests make into one folder, to compare gaolint's findings on them across
a change of the PDF reader:

    python bench/pdf_fixtures.py /tmp/pdf-fixtures
    gaolint check --no-cache --format json /tmp/pdf-fixtures ../shared/corpus/hongze-2023.pdf > before.json
    ... change the reader ...
    gaolint check --no-cache --format json /tmp/pdf-fixtures ../shared/corpus/hongze-2023.pdf > after.json
    python bench/pdf_fixtures.py --diff before.json after.json

The files: the hand-built reports of tests/test_read_pdf.py (cn-2021 and cn-2019, table 3
breaking over a page, a running footer, a table band alone at a page's foot), the builder's
sample reports in three formats, the container tests' clean reports and planted defects, and
the hostile ones (encrypted, owner password only, image-only, a scanned page among text pages,
truncated, garbage, bombs).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _image_pdf(pages_of_text: int, image_pages: int) -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for _ in range(pages_of_text):
        page.setFont("STSong-Light", 12)
        for i in range(10):
            page.drawString(72, 700 - 20 * i, f"第{i}行 本机关认真落实政务公开各项要求，持续推进公开。")
        page.showPage()
    for _ in range(image_pages):
        page.drawImage(ImageReader(Image.new("RGB", (200, 300), "white")), 50, 50, 400, 600)
        page.showPage()
    page.save()
    return out.getvalue()


def fixtures() -> dict[str, bytes]:
    from reportlab.lib.pdfencrypt import StandardEncryption

    from tests.builder import build_document, defects_for, plant, sample_spec
    from tests.builder.blocks import Document, Paragraph
    from tests.builder.pdf import render_pdf
    from tests.test_hostile import busy_page_pdf, flate_bomb_pdf, run_length_bomb_pdf
    from tests.test_read_pdf import hand_report

    out: dict[str, bytes] = {}
    for version in ("cn-2021", "cn-2019"):
        for filler in (0, 5, 7):
            out[f"hand-{version}-{filler}.pdf"] = render_pdf(hand_report(version, filler)[0])
    document = hand_report()[0]
    out["hand-footer.pdf"] = render_pdf(document, footer="测试县人民政府办公室 印发")
    out["hand-owner-password.pdf"] = render_pdf(hand_report(filler=0)[0],
                                                encrypt=StandardEncryption("", ownerPassword="owner"))
    out["hand-encrypted.pdf"] = render_pdf(hand_report(filler=1)[0], encrypt="secret")
    for extra in range(0, 120, 3):  # the band-at-the-foot layouts
        blocks = list(hand_report(filler=4)[0].blocks)
        blocks.insert(3, Paragraph("补充说明：" + "政务公开" * extra))
        out[f"band-{extra:03d}.pdf"] = render_pdf(Document(blocks))
    for version in ("cn-2021", "cn-2019", "cn-2008"):
        for seed in range(4):
            out[f"sample-{version}-{seed}.pdf"] = render_pdf(build_document(sample_spec(seed, version=version)))
    for seed in range(3):
        out[f"clean-{seed}.pdf"] = render_pdf(build_document(sample_spec(seed)))
    spec = sample_spec(4)
    for defect in defects_for(spec):
        out[f"defect-{defect}.pdf"] = render_pdf(plant(spec, defect, 4).document)
    out["scan-mixed.pdf"] = _image_pdf(1, 1)
    out["scan-only.pdf"] = _image_pdf(0, 2)
    good = out["hand-cn-2021-0.pdf"]
    out["truncated.pdf"] = good[: len(good) // 2]
    out["garbage.pdf"] = b"%PDF-1.7\n" + bytes(range(256)) * 40
    out["flate-bomb.pdf"] = flate_bomb_pdf()
    out["run-length-bomb.pdf"] = run_length_bomb_pdf()
    out["busy-page.pdf"] = busy_page_pdf()
    return out


def _summary(path: str) -> dict[str, list[tuple]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    found: dict[str, list[tuple]] = {}
    for finding in data:
        name = Path(finding["path"]).name
        found.setdefault(name, []).append(tuple(finding.get(k) for k in ("rule", "line", "column", "place", "message")))
    return found


def diff(before: str, after: str) -> int:
    old, new = _summary(before), _summary(after)
    changed = 0
    for name in sorted(set(old) | set(new)):
        a, b = sorted(map(str, old.get(name, []))), sorted(map(str, new.get(name, [])))
        if a != b:
            changed += 1
            print(f"== {name}")
            for line in a:
                if line not in b:
                    print(f"  - {line}")
            for line in b:
                if line not in a:
                    print(f"  + {line}")
    print(f"{changed} file(s) differ of {len(set(old) | set(new))} with findings")
    return 1 if changed else 0


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1:2] == ["--diff"]:
        raise SystemExit(diff(sys.argv[2], sys.argv[3]))
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in fixtures().items():
        (folder / name).write_bytes(data)
    print(f"{len(list(folder.glob('*.pdf')))} PDFs in {folder}")
