"""The PDF reader: generated reports round-trip through reportlab, the real hongze-2023 report
reads as a person would copy it, and hostile files become UnreadableFile.

Generated PDFs are the ground truth: their tables break across pages inside merged cells, wrap
long labels and carry page numbers, so "read back equals the document" covers the layout work.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")
pytest.importorskip("fontTools")

from gaolint.read import pdf as pdf_module  # noqa: E402
from gaolint.read.base import Extracted, UnreadableFile  # noqa: E402
from gaolint.read.pdf import read_pdf  # noqa: E402
from gaolint.read.pdf_layout import _PAGE_NUMBER  # noqa: E402
from gaolint.read.pdf_text import tidy_spaces  # noqa: E402
from tests.builder.blocks import Cell, Document, Heading, Paragraph, Table  # noqa: E402
from tests.builder.labels import (  # noqa: E402
    BALANCE_HEADER,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_OUTCOMES,
)
from tests.builder.pdf import render_pdf  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HONGZE = CORPUS / "hongze-2023.pdf"
PERIOD = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
FILLER = "本机关认真落实政务公开各项要求，持续推进决策、执行、管理、服务、结果公开，" * 5


# --- a hand-built report --------------------------------------------------------------------


def _table3(version: str, numbers: dict[str, tuple[int, ...]]) -> Table:
    """Table 3 drawn as the national format merges it."""
    spec = TABLE3_ROWS[version]
    rows: list[tuple[Cell, ...]] = [
        (Cell(BALANCE_HEADER, rowspan=3, colspan=3), Cell("申请人情况", colspan=7)),
        (Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)),
        tuple(Cell(c) for c in TABLE3_COLUMNS[1:6]),
    ]
    started: set[str] = set()
    for row in spec:
        cells: list[Cell] = []
        labels = row.labels
        if len(labels) == 1:
            cells.append(Cell(labels[0], colspan=3))
        else:
            if labels[0] not in started:
                started.add(labels[0])
                cells.append(Cell(labels[0], rowspan=sum(r.labels[0] == labels[0] for r in spec)))
            if len(labels) == 2:
                cells.append(Cell(labels[1], colspan=2))
            else:
                if labels[1] not in started:
                    started.add(labels[1])
                    span = sum(len(r.labels) > 2 and r.labels[1] == labels[1] for r in spec)
                    cells.append(Cell(labels[1], rowspan=span))
                cells.append(Cell(labels[2]))
        rows.append((*cells, *(Cell(str(n)) for n in numbers[row.key])))
    return Table(tuple(rows), kind="table3")


def _table4(numbers: tuple[int, ...]) -> Table:
    return Table((
        (Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)),
        (*(Cell(o, rowspan=2) for o in TABLE4_OUTCOMES),
         Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)),
        tuple(Cell(o) for o in TABLE4_OUTCOMES * 2),
        tuple(Cell(str(n)) for n in numbers),
    ), kind="table4")


def _table2() -> Table:
    return Table((
        (Cell("第二十条第（一）项", colspan=4),),
        (Cell("信息内容"), Cell("本年制发件数"), Cell("本年废止件数"), Cell("现行有效件数")),
        (Cell("规章"), Cell("0"), Cell("1"), Cell("2")),
        (Cell("行政规范性文件"), Cell("3"), Cell("4"), Cell("5")),
        (Cell("第二十条第（五）项", colspan=4),),
        (Cell("信息内容"), Cell("本年处理决定数量", colspan=3)),
        (Cell("行政许可"), Cell("550", colspan=3)),
        (Cell("第二十条第（八）项", colspan=4),),
        (Cell("信息内容"), Cell("本年收费金额（单位：万元）", colspan=3)),
        (Cell("行政事业性收费"), Cell("7730.28", colspan=3)),
    ), kind="table2")


def hand_report(version: str = "cn-2021", filler: int = 5) -> tuple[Document, dict[str, tuple[int, ...]], tuple[int, ...]]:
    """A report with every section; ``filler`` paragraphs push table 3 across a page break."""
    numbers = {r.key: tuple((i * 7 + c * 3) % 17 for c in range(7))
               for i, r in enumerate(TABLE3_ROWS[version])}
    table4 = tuple(range(10, 25))
    blocks: list[Heading | Paragraph | Table] = [
        Heading("测试县人民政府2023年政府信息公开工作年度报告", 0),
        Paragraph("本报告由测试县人民政府办公室编制。" + PERIOD
                  + "如有疑问请联系测试县人民政府办公室（邮编：223100，电 话 ：0517-87222589）。"),
        Heading("一、总体情况"),
        *[Paragraph(f"（{'一二三四五六七八九'[i]}）工作情况。" + FILLER) for i in range(filler)],
        Heading("二、主动公开政府信息情况"), _table2(),
        Heading("三、收到和处理政府信息公开申请情况"), _table3(version, numbers),
        Heading("四、政府信息公开行政复议、行政诉讼情况"), _table4(table4),
        Heading("五、存在的主要问题及改进情况"), Paragraph("一是公开质量有待提高。二是加强培训。"),
        Heading("六、其他需要报告的事项"), Paragraph("本年度未收取信息处理费。"),
    ]
    return Document(blocks), numbers, table4


def expected_lines(document: Document) -> list[str]:
    """What the reader must produce: blocks in order, tables flattened per the contract."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                out.append("|")
                out.extend(tidy_spaces(c.text) for c in row)
            out.append("|")
        else:
            out.append(tidy_spaces(block.text))
    return out


def tables_of(extracted: Extracted) -> list[list[list[str]]]:
    """Tables as rows of cell texts, rebuilt from the ``表N 第R行 第C列`` places."""
    tables: dict[int, list[list[str]]] = {}
    for line in extracted.lines:
        found = re.search(r"第(\d+)个表格", line.place)
        if not found:
            continue
        table = tables.setdefault(int(found[1]), [])
        if "列" in line.place:
            table[-1].append(line.text)
        elif "行" in line.place:
            assert line.text == "|"
            table.append([])
        else:
            assert line.text == "|"
    return [tables[k] for k in sorted(tables)]


@pytest.fixture(scope="module")
def hand() -> tuple[Extracted, dict[str, tuple[int, ...]], tuple[int, ...], Document]:
    document, numbers, table4 = hand_report()
    return read_pdf(render_pdf(document), "report.pdf"), numbers, table4, document


# --- generated reports ----------------------------------------------------------------------


@pytest.mark.parametrize("version", ["cn-2021", "cn-2019"])
@pytest.mark.parametrize("filler", [0, 5, 7])
def test_reads_back_exactly_what_was_drawn(version: str, filler: int) -> None:
    document, _, _ = hand_report(version, filler)
    extracted = read_pdf(render_pdf(document), "report.pdf")
    assert extracted.container == "pdf"
    assert [line.text for line in extracted.lines] == expected_lines(document)


def test_table3_rows_carry_label_and_seven_numbers_in_order(hand) -> None:
    extracted, numbers, _, _ = hand
    table3 = tables_of(extracted)[1]
    data = [row for row in table3 if len(row) >= 8 and all(c.isdigit() for c in row[-7:])]
    spec = TABLE3_ROWS["cn-2021"]
    assert len(data) == len(spec)
    for row, expected in zip(data, spec):
        assert row[-8] == expected.labels[-1]
        assert tuple(int(c) for c in row[-7:]) == numbers[expected.key]


def test_table3_breaks_across_pages_but_is_one_table(hand) -> None:
    extracted, _, _, _ = hand
    assert len(tables_of(extracted)) == 3
    pages = {line.place.split()[0] for line in extracted.lines if "第2个表格" in line.place}
    assert len(pages) >= 2, "the fixture must break table 3 over a page"
    texts = [line.text for line in extracted.lines]
    assert texts.count(BALANCE_HEADER) == 1
    assert texts.count("三、本年度办理结果") == 1
    assert texts.count("（五）不予处理") == 1


def test_table4_has_fifteen_numbers(hand) -> None:
    extracted, _, table4, _ = hand
    rows = tables_of(extracted)[2]
    assert [int(c) for c in rows[-1]] == list(table4)


def test_headings_period_contact_and_no_page_numbers(hand) -> None:
    extracted, _, _, _ = hand
    texts = [line.text for line in extracted.lines]
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                    "六、其他需要报告的事项"):
        assert heading in texts
    assert any(PERIOD in t for t in texts)
    assert any("电话：0517-87222589" in t for t in texts)
    assert not any(_PAGE_NUMBER.match(t) and t != "|" and not t.isdigit() for t in texts)
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)


def test_lines_are_numbered_and_placed(hand) -> None:
    extracted, _, _, _ = hand
    assert [line.line for line in extracted.lines] == list(range(1, len(extracted.lines) + 1))
    for line in extracted.lines:
        assert re.fullmatch(r"第\d+页(?: 第\d+个表格(?: 第\d+行(?: 第\d+列)?)?)?", line.place), line.place
    cell = next(line for line in extracted.lines if line.text == "（七）总计")
    assert re.fullmatch(r"第\d+页 第2个表格 第\d+行 第2列", cell.place)


def test_table_whose_first_row_alone_ends_a_page() -> None:
    """Only table 2's full-width band 第二十条第（一）项 fits at the foot of page 1 (a one-cell
    piece pdfplumber's finder would not call a table); it must still join the rest on page 2."""
    import pypdfium2

    for extra in range(0, 120, 3):
        document, _, _ = hand_report(filler=4)
        blocks = list(document.blocks)
        blocks.insert(3, Paragraph("补充说明：" + "政务公开" * extra))
        document = Document(blocks)
        data = render_pdf(document)
        pdf = pypdfium2.PdfDocument(data)
        first = "".join(pdf[0].get_textpage().get_text_range().split())
        pdf.close()
        if "第二十条第（一）项" in first and "本年制发件数" not in first:
            break
    else:
        pytest.fail("no layout put only the band on page 1")
    extracted = read_pdf(data, "report.pdf")
    assert [line.text for line in extracted.lines] == expected_lines(document)


def test_running_footer_is_dropped() -> None:
    document, _, _ = hand_report()
    extracted = read_pdf(render_pdf(document, footer="测试县人民政府办公室 印发"), "report.pdf")
    assert [line.text for line in extracted.lines] == expected_lines(document)


def test_page_limit_reads_first_pages_and_notes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_PDF_PAGES", 1)
    document, _, _ = hand_report()
    extracted = read_pdf(render_pdf(document), "report.pdf")
    assert {line.place.split()[0] for line in extracted.lines} == {"第1页"}
    assert extracted.damage and "1" in extracted.damage[0][1]


def _latin_pdf(encrypt: object = None) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=encrypt)
    page.setFont("Helvetica", 12)
    for i in range(5):
        page.drawString(72, 700 - 20 * i, f"Report line {i} with figures 10 1 0 0 and more text")
    page.showPage()
    page.save()
    return out.getvalue()


def test_time_budget_stops_after_first_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "TIME_BUDGET_SECONDS", 0.0)
    document, _, _ = hand_report()
    extracted = read_pdf(render_pdf(document), "report.pdf")
    assert {line.place.split()[0] for line in extracted.lines} == {"第1页"}
    assert any("超时" in note for _, note in extracted.damage)


def _text_page_then(draw_second) -> bytes:
    """A PDF of a page of ten lines of text, then a page that ``draw_second(canvas)`` draws."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 12)
    for i in range(10):
        page.drawString(72, 700 - 20 * i, f"第{i}行 本机关认真落实政务公开各项要求，持续推进公开。")
    page.showPage()
    page.setFont("STSong-Light", 12)
    draw_second(page)
    page.showPage()
    page.save()
    return out.getvalue()


def test_a_scanned_page_among_text_pages_is_noted() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    def picture(page) -> None:
        page.drawImage(ImageReader(Image.new("RGB", (200, 300), "white")), 50, 50, 400, 600)

    extracted = read_pdf(_text_page_then(picture), "mixed.pdf")
    assert len(extracted.lines) == 10
    assert any("第2页没有文字层" in note for _, note in extracted.damage)


def test_owner_password_only_is_readable() -> None:
    """Many agencies forbid copying with an owner password; the text is still readable."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _latin_pdf(StandardEncryption("", ownerPassword="owner", canCopy=0))
    texts = [line.text for line in read_pdf(data, "r.pdf").lines]
    assert texts[0] == "Report line 0 with figures 10 1 0 0 and more text"
    assert len(texts) == 5


def test_empty_user_password_is_opened_and_linted(tmp_path: Path) -> None:
    """Issue 18 item 10: a file encrypted with an empty user password (only an owner password
    restricting copying) opens as any reader opens it, and is linted like the plain file: the
    same lines, no finding on a clean report (pdfminer once read its CID font as ``(cid:N)``)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    from gaolint.engine import Settings, lint_file
    from tests.builder import build_document, sample_spec

    document, _, _ = hand_report(filler=0)
    data = render_pdf(document, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert b"/Encrypt" in data
    assert [line.text for line in read_pdf(data, "r.pdf").lines] == expected_lines(document)
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(render_pdf(build_document(sample_spec(1)),
                                 encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0)))
    assert lint_file(str(clean), Settings()).findings == []


def test_a_user_password_is_still_refused_as_encrypted() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = render_pdf(hand_report(filler=0)[0], encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(UnreadableFile, match="已加密"):
        read_pdf(data, "r.pdf")


def test_text_without_a_unicode_map_is_unreadable_not_garbage() -> None:
    """A Type0 font without ToUnicode: PDFium can only guess a character from its code, and says
    so; such text must not reach the rules as text."""
    from tests.test_hostile import _pdf

    shows = b" ".join(b"0 -14 Td <%04X%04X%04X> Tj" % (0x4E00 + i, 0x4E10 + i, 0x4E20 + i) for i in range(40))
    content = b"BT /F1 12 Tf 72 760 Td " + shows + b" ET"
    data = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
        b" /Supplement 0 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800"
        b" /Descent -200 /CapHeight 700 /StemV 80 >>",
    ])
    with pytest.raises(UnreadableFile, match="无法解码"):
        read_pdf(data, "r.pdf")


@pytest.mark.parametrize("version", ["cn-2021", "cn-2019", "cn-2008"])
def test_sample_specs_round_trip(version: str) -> None:
    """Generated reports (random agencies, figures, wording, half-width punctuation) read back
    line for line: prose unwrapped, tables flattened, page furniture gone."""
    document_module = pytest.importorskip("tests.builder.document")
    from tests.builder.spec import sample_spec

    for seed in range(4):
        document = document_module.build_document(sample_spec(seed, version=version))
        extracted = read_pdf(render_pdf(document), "report.pdf")
        assert [line.text for line in extracted.lines] == expected_lines(document), f"seed {seed}"


# --- text tidying ---------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "tidy"), [
    ("电 话 ： 0517-87222589", "电话：0517-87222589"),
    ("总 计", "总计"),
    ("10 1 0  0", "10 1 0 0"),
    ("统计期限自 2023 年 1 月 1 日", "统计期限自2023年1月1日"),
    ("hzzwgk@126.com ）。", "hzzwgk@126.com）。"),
    ("\u3000本年度", "本年度"),
])
def test_tidy_spaces(raw: str, tidy: str) -> None:
    assert tidy_spaces(raw) == tidy


@pytest.mark.parametrize("text", ["- 3 -", "—12—", "第 3 页", "第3页 共5页", "3/5", "3", "Page 2 of 9"])
def test_page_number_patterns(text: str) -> None:
    assert _PAGE_NUMBER.match(text)


# --- hostile files --------------------------------------------------------------------------


def _image_only_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    for _ in range(2):
        page.drawImage(ImageReader(Image.new("RGB", (200, 300), "white")), 50, 50, 400, 600)
        page.showPage()
    page.save()
    return out.getvalue()


def _hostile() -> dict[str, tuple[bytes, str]]:
    document, _, _ = hand_report(filler=1)
    good = render_pdf(document)
    return {
        "not-a-pdf": (b"<html><body>report</body></html>", "不是 PDF"),
        "empty": (b"", "不是 PDF"),
        "truncated": (good[: len(good) // 2], "损坏"),
        "header-only": (good[:300], "损坏"),
        "garbage": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "损坏"),
        "encrypted": (render_pdf(document, encrypt="secret"), "已加密"),
        "image-only": (_image_only_pdf(), "没有文字层"),
    }


@pytest.mark.parametrize("name", list(_hostile()))
def test_hostile_files_are_unreadable(name: str) -> None:
    data, message = _hostile()[name]
    with pytest.raises(UnreadableFile, match=message):
        read_pdf(data, f"{name}.pdf")


# --- the real hongze-2023 report ------------------------------------------------------------


@pytest.fixture(scope="module")
def hongze() -> Extracted:
    if not HONGZE.exists():
        pytest.skip("shared corpus not present")
    return read_pdf(HONGZE.read_bytes(), str(HONGZE))


def test_hongze_table3_rows(hongze: Extracted) -> None:
    tables = tables_of(hongze)
    assert len(tables) == 3
    table3 = tables[1]
    data = [row for row in table3 if len(row) >= 8 and all(c.isdigit() for c in row[-7:])]
    assert len(data) == 23  # 一, 二, 20 result rows (其他处理 as one row), 四
    row = next(r for r in data if r[-8] == "2.其他法律行政止公开")
    assert row[-7:] == ["0"] * 7
    assert next(r for r in data if r[-8] == "1.本机关不掌握相关政府信息")[-7:] == ["10", *["0"] * 5, "10"]
    assert next(r for r in data if r[-8] == "（七）总计")[-7:] == ["21", *["0"] * 5, "21"]
    texts = [line.text for line in hongze.lines]
    assert texts.count("三、本年度办理结果") == 1
    assert texts.count("（四）无法提供") == 1


def test_hongze_table4(hongze: Extracted) -> None:
    assert tables_of(hongze)[2][-1] == "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0".split()


def test_hongze_prose(hongze: Extracted) -> None:
    texts = [line.text for line in hongze.lines]
    prose = "\n".join(line.text for line in hongze.lines if "表" not in line.place)
    assert "统计期限自2023年1月1日起至2023年12月31日止" in prose
    assert "电话：0517-87222589" in prose and "邮编：223100" in prose
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                    "六、其他需要报告的事项"):
        assert heading in texts
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)


def test_hongze_table2_continues_over_page(hongze: Extracted) -> None:
    table2 = tables_of(hongze)[0]
    assert ["行政许可", "550"] in table2 and ["行政处罚", "4119"] in table2
    assert ["行政事业性收费", "7730.28"] in table2


def test_a_read_cut_short_by_the_time_budget_is_not_remembered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PDF read that stopped on the time budget depends on the machine's speed: its result
    is marked not repeatable and the result cache does not store it; a complete read is stored."""
    from gaolint import cache
    from gaolint.engine import Settings, lint_file
    from gaolint.lintloop import lint_files

    document, _, _ = hand_report()
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(document))
    folder = tmp_path / "cache"
    monkeypatch.setattr(pdf_module, "TIME_BUDGET_SECONDS", 0.0)
    cut = lint_file(str(path), Settings())
    assert not cut.repeatable and any("超时" in f.message.zh for f in cut.findings)
    lint_files([str(path)], Settings(), 1, cache=cache.ResultCache(Settings(), str(folder)))
    assert not list(folder.glob("*.jsonl"))
    monkeypatch.setattr(pdf_module, "TIME_BUDGET_SECONDS", 60.0)
    assert lint_file(str(path), Settings()).repeatable
    lint_files([str(path)], Settings(), 1, cache=cache.ResultCache(Settings(), str(folder)))
    assert list(folder.glob("*.jsonl"))


# --- the checks before PDFium sees a file (gaolint/read/pdf_guard.py) -----------------------------


def _lzw_encode(data: bytes) -> bytes:
    """A plain LZW encoder (PDF 32000 §7.4.4, EarlyChange 1), to make test streams."""
    table = {bytes([i]): i for i in range(256)}
    codes, width, word = [256], 9, b""
    for byte in data:
        candidate = word + bytes([byte])
        if candidate in table:
            word = candidate
            continue
        codes.append((table[word], width))
        table[candidate] = len(table) + 2
        if len(table) + 2 + 1 > (1 << width) and width < 12:
            width += 1
        word = bytes([byte])
    if word:
        codes.append((table[word], width))
    codes.append((257, width))
    bits = value = 0
    out = bytearray()
    for code, size in [(256, 9), *codes[1:]]:
        value = (value << size) | code
        bits += size
        while bits >= 8:
            bits -= 8
            out.append((value >> bits) & 0xFF)
    if bits:
        out.append((value << (8 - bits)) & 0xFF)
    return bytes(out)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=4000))
def test_lzw_length_counts_what_the_stream_decodes_to(payload: bytes) -> None:
    from gaolint.read.pdf_guard import _Budget, lzw_length

    assert lzw_length(_lzw_encode(payload), _Budget(1 << 30)) == len(payload)


def test_lzw_length_of_the_standard_example() -> None:
    from gaolint.read.pdf_guard import _Budget, lzw_length

    # "-----A---B" from PDF 32000 §7.4.4.2, LZW-coded
    assert lzw_length(bytes.fromhex("800b6050220c0c8501"), _Budget(1 << 20)) == 10


def _rl_decode(data: bytes) -> bytes:
    out, index = bytearray(), 0
    while index < len(data) and data[index] != 128:
        length = data[index]
        if length < 128:
            out += data[index + 1 : index + 2 + length]
            index += length + 2
        else:
            out += data[index + 1 : index + 2] * (257 - length)
            index += 2
    return bytes(out)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_run_length_length_counts_what_the_stream_decodes_to(data: bytes) -> None:
    from gaolint.read.pdf_guard import _Budget, run_length_length

    assert run_length_length(data, _Budget(1 << 30)) == len(_rl_decode(data))


@pytest.mark.parametrize("filters", [b"/FlateDecode", b"[/ASCII85Decode /FlateDecode]", b"/LZWDecode", b"/RunLengthDecode"])
def test_inflation_is_counted_through_every_filter_and_refused_past_the_budget(filters: bytes) -> None:
    import base64
    import zlib

    from gaolint.read.pdf_guard import InflationBomb, check_inflation

    payload = b"BT /F1 12 Tf 72 712 Td (x) Tj ET\n" + b" " * 200_000
    if filters == b"/FlateDecode":
        stream = zlib.compress(payload, 9)
    elif filters.startswith(b"[/ASCII85"):
        stream = base64.a85encode(zlib.compress(payload, 9), adobe=True)[2:]
    elif filters == b"/LZWDecode":
        stream = _lzw_encode(payload)
    else:
        stream = b"".join(bytes([257 - 128, 0x20]) for _ in range(len(payload) // 128)) + b"\x80"
    data = b"%%PDF-1.4\n4 0 obj\n<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream\nendobj\n"
    assert check_inflation(data, limit=1 << 30) >= 199_000
    with pytest.raises(InflationBomb, match="decompression bomb"):
        check_inflation(data, limit=100_000)


def test_image_streams_are_not_counted() -> None:
    """PDFium decodes an image only to draw it; reading text never does, so a scan's large
    image (a white page compresses a thousandfold) is no bomb."""
    import zlib

    from gaolint.read.pdf_guard import check_inflation

    stream = zlib.compress(b"\xff" * 3_000_000, 9)
    data = (b"%%PDF-1.4\n5 0 obj\n<< /Type /XObject /Subtype /Image /Width 1000 /Height 1000 /BitsPerComponent 8"
            b" /ColorSpace /DeviceRGB /Filter /FlateDecode /Length %d >>\nstream\n" % len(stream) + stream
            + b"\nendstream\nendobj\n")
    assert check_inflation(data, limit=1_000_000) == 0


def test_reading_pdfs_writes_nothing_on_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    """Issue 18 item 8: only gaolint's own logging reaches stderr (pdfplumber warned there)."""
    for name, (data, _) in _hostile().items():
        with pytest.raises(UnreadableFile):
            read_pdf(data, f"{name}.pdf")
    read_pdf(render_pdf(hand_report(filler=0)[0]), "good.pdf")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_a_table_drawn_inside_a_form_xobject_is_found() -> None:
    """Rules drawn in a form XObject (a reused template) are placed with the form's matrix."""
    from reportlab.pdfgen import canvas

    from tests.builder.pdf import FONT, _register_font

    _register_font()
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.beginForm("grid")
    for x in (0, 100, 200):
        page.line(x, 0, x, 60)
    for y in (0, 30, 60):
        page.line(0, y, 200, y)
    page.endForm()
    page.saveState()
    page.translate(100, 600)
    page.doForm("grid")
    page.restoreState()
    page.setFont(FONT, 10)
    for (x, y, text) in ((110, 640, "行政许可"), (210, 640, "550"), (110, 610, "行政处罚"), (210, 610, "4119")):
        page.drawString(x, y, text)
    page.drawString(100, 700, "本机关认真落实政务公开各项要求，持续推进决策公开。")
    page.showPage()
    page.save()
    extracted = read_pdf(out.getvalue(), "form.pdf")
    assert tables_of(extracted) == [[["行政许可", "550"], ["行政处罚", "4119"]]]


def test_a_busy_page_is_skipped_before_its_glyphs_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from gaolint.read import pdf_engine

    monkeypatch.setattr(pdf_engine, "MAX_PAGE_OBJECTS", 5)
    document, _, _ = hand_report(filler=0)
    with pytest.raises(UnreadableFile, match="glyphs and shapes"):
        read_pdf(render_pdf(document), "r.pdf")


@pytest.mark.slow
def test_a_pdf_report_imports_only_the_pdf_engine(tmp_path: Path) -> None:
    """Issue 15 item 4: linting one PDF (output piped, as pre-commit runs it) loads PDFium and
    none of the other readers' or outputs' libraries."""
    import os
    import subprocess
    import sys

    from tests.test_startup import HEAVY

    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(hand_report(filler=0)[0]))
    warm = tmp_path / "warm.pdf"
    warm.write_bytes(path.read_bytes())
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    # Not --no-cache: that also skips the start-up (format) cache, and parsing the format YAML
    # is what a first run pays. The warm run primes that cache on another path, so the run
    # measured still misses the result cache and reads the PDF.
    command = [sys.executable, "-X", "importtime", "-m", "gaolint", "check", str(path)]
    subprocess.run([sys.executable, "-m", "gaolint", "check", str(warm)], env=env, capture_output=True, timeout=120, check=False)
    with open(tmp_path / "out.txt", "wb") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=env, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")[-2000:]
    names = {line.split("|")[-1].strip() for line in done.stderr.decode("utf-8", "replace").splitlines()
             if line.startswith("import time:")}
    packages = {name.split(".")[0] for name in names}
    assert "pypdfium2" in packages  # gaolint's own modules may come from the start-up cache, unlisted
    assert not packages & (set(HEAVY) - {"pypdfium2"}), sorted(packages & set(HEAVY))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=30, unique=True), st.floats(-2e4, 2e4))
def test_nearest_grid_line_by_bisect_is_the_nearest(lines: list[float], value: float) -> None:
    """Cells are placed on the grid by bisecting its lines, not by scanning them all; the
    answer is as near as the scan's."""
    from gaolint.read.pdf_tables import _index

    lines.sort()
    assert abs(lines[_index(value, lines)] - value) == min(abs(line - value) for line in lines)


def test_a_blank_page_is_no_scanned_page() -> None:
    """A page that draws nothing (the empty first page of a web page printed to PDF, a
    separator page) is no page without a text layer: no GAO003 note for it. A page with an
    image and no text still is."""
    import pypdfium2

    document, _, _ = hand_report()
    source = pypdfium2.PdfDocument(render_pdf(document))
    source.new_page(595, 842)  # appended: blank
    buffer = io.BytesIO()
    source.save(buffer)
    extracted = read_pdf(buffer.getvalue(), "blank-last-page.pdf")
    assert not any("文字层" in note for _, note in extracted.damage)
    assert expected_lines(document)[0] in [line.text for line in extracted.lines]


@pytest.mark.parametrize("drawn", ["page number", "rules"])
def test_a_page_holding_only_its_number_or_rules_is_no_scanned_page(drawn) -> None:
    """A page break leaves a page holding only its page number (- 3 -), or the table's rules with
    no text: its text object or paths are no picture, so no GAO003 note of a page without a text
    layer (a LibreOffice export of a real report had one)."""
    def second(page) -> None:
        if drawn == "page number":
            page.drawString(290, 40, "- 2 -")
        else:
            for y in range(300, 700, 40):
                page.line(72, y, 520, y)

    extracted = read_pdf(_text_page_then(second), "number-page.pdf")
    assert len(extracted.lines) >= 10
    assert not any("文字层" in note for _, note in extracted.damage)


# --- a heading whose numeral lost its 、, after a paragraph whose last line is full -----------------

def _line(text: str, x1: float, top: float, size: float = 12.0) -> "TextLine":
    from gaolint.read.pdf_text import TextLine

    return TextLine(text, 72.0, x1, top, top + size, size, 0)


@pytest.mark.parametrize("heading", ["二主动公开政府信息情况", "二 主动公开政府信息情况", "五存在的主要问题及改进情况"])
def test_a_bare_numbered_heading_is_not_the_rest_of_a_full_line(heading):
    """A paragraph whose last line ends at the column's edge, then a heading flush left whose
    numeral has no 、 (a layout where headings are set 1–2 points larger): the heading was
    joined to the paragraph and its section lost (GAO101)."""
    from gaolint.read.pdf_layout import Column, _continues

    column = Column(72.0, 432.0, 12.0)
    full = _line("全年通过门户网站主动公开政府信息一千二百条，其中政策文件九十条。", 432.0, 100.0)
    assert not _continues(full, _line(heading, 72.0 + 14 * len(heading), 118.0, 13.5), column)
    # a wrapped line that opens with a numeral is the paragraph's: a full line, or its end with 。
    assert _continues(full, _line("一步加强栏目管理，确保信息发布及时准确，按时更新各类公开内容和解读材料", 432.0, 118.0), column)
    assert _continues(full, _line("十项制度。", 132.0, 118.0), column)


# --- text in a font the PDF does not embed ----------------------------------------------------------

def _pdf_in_a_font_not_embedded(runs: list[tuple[int, int, str]]) -> bytes:
    """A one-page PDF whose text is set in STSong-Light, a CID font PDFs name without embedding
    it (as iText and older tools write Chinese), each run its own text object."""
    content = "".join(f"BT /F1 12 Tf {x} {y} Td <{text.encode('utf-16-be').hex().upper()}> Tj ET\n"
                      for x, y, text in runs).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0"
        b" /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_single_characters_lost_with_a_font_not_embedded_are_said():
    """With no Chinese font on the machine, PDFium leaves a one-character run in a font the PDF
    does not embed out of the text (it has no width): the 年 between two digit runs set in a
    Latin font. The loss is said (GAO003's note), where it was silent; with a Chinese font
    installed the characters are read and nothing is said."""
    data = _pdf_in_a_font_not_embedded([
        (72, 700, "本报告统计期限为"), (168, 700, "年"), (180, 700, "度"),
        (72, 680, "政府信息公开工作年度报告的正文，一行文字足够长，读得出来"),
    ])
    extracted = read_pdf(data, "r.pdf")
    text = "".join(line.text for line in extracted.lines)
    notes = [message for _, message in extracted.damage if "没有嵌入" in message]
    if "年度" in text.split("为", 1)[-1][:2]:  # a Chinese font stood in: nothing was lost
        assert notes == []
    else:
        assert len(notes) == 1 and "PDF 有 2 段文字" in notes[0] and "fonts-noto-cjk" in notes[0]


def test_punctuation_hanging_past_a_cell_rule_stays_in_its_cell():
    """A label's last comma set past the cell's right rule (hanging punctuation, small cell
    padding) opened the next cell: its count read ``，7`` and the row lost a number (GAO105)."""
    from gaolint.read.pdf_engine import Glyph
    from gaolint.read.pdf_tables import _grid_table

    boxes = [(90.0, 100.0, 198.0, 150.0), (198.0, 100.0, 238.0, 150.0), (238.0, 100.0, 278.0, 150.0)]
    label = [Glyph(ch, 93.0 + 10 * i, 103.0 + 10 * i, 120.0, 130.0, 10.0) for i, ch in enumerate("只计这一情形不计其他，")]
    numbers = [Glyph("7", 214.0, 219.0, 120.0, 130.0, 10.0), Glyph("9", 254.0, 259.0, 120.0, 130.0, 10.0)]
    assert label[-1].x1 > 198.0  # the last comma hangs over the rule
    table, _ = _grid_table(boxes, label + numbers, 1)
    assert [cell.text for cell in table.cells] == ["只计这一情形不计其他，", "7", "9"]


def _lines_pdf(lines: list[tuple[float, str]]) -> bytes:
    """One A4 page of body text in 12 pt, each line drawn at (left x, its text), a line every
    20 pt from the top, as a word processor sets a paragraph that wraps."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.builder.pdf import FONT, _register_font

    _register_font()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(FONT, 12)
    for row, (left, text) in enumerate(lines):
        page.drawString(left, 760 - 20 * row, text)
    page.showPage()
    page.save()
    return out.getvalue()


def test_a_wrapped_line_that_opens_with_a_numbered_item_goes_on_its_sentence() -> None:
    """A paragraph that wraps right before （八）: 依据《条例》第二十条第 / （八）项…. The line above
    runs to the margin and stops mid-phrase, so the next line is its sentence, not a heading
    (the fee row of table 2 lost its label that way: GAO106). After a line that ends its
    sentence, （二） opens a heading as before."""
    full = "说" * 30
    page = _lines_pdf([
        (72, full + "依据第二十条第"),
        (72, "（八）项信息内容本年收费金额为零。"),
        (72, full + "全年无变化情况。"),
        (72, "（二）依申请公开"),
        (72, full + "全年无变化情况，"),
        (96, "本年度未收取任何费用。"),
    ])
    texts = [line.text for line in read_pdf(page, "w.pdf").lines]
    assert texts[0] == full + "依据第二十条第（八）项信息内容本年收费金额为零。"
    assert texts[1:3] == [full + "全年无变化情况。", "（二）依申请公开"]


def test_a_typed_space_between_a_label_and_its_figure_is_kept() -> None:
    """``行政许可 97`` on a line with no rules (table 2's items as lines, a table drawn without
    borders): the gap is a typed space, wider than the quarter of the size that Word and
    LibreOffice put between Chinese and digits by themselves (``2023 年``). Read as 行政许可97,
    the row lost its figure (GAO104 / GAO106 on reports that were clean as Word files)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.builder.pdf import FONT, _register_font

    _register_font()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(FONT, 12)
    body = "本报告所列数据的统计期限为全年，全年主动公开政府信息若干条。"
    for row in range(6):
        page.drawString(72, 760 - 20 * row, body)

    def pieces(y: float, parts: list[tuple[str, float]]) -> None:
        x = 72.0
        for text, gap in parts:
            page.drawString(x, y, text)
            x += page.stringWidth(text, FONT, 12) + gap * 12

    pieces(620, [("行政许可", 0.5), ("97", 0)])
    pieces(600, [("行政事业性收费", 0.45), ("3.5", 0)])
    pieces(580, [("全年共", 0.25), ("2023", 0.25), ("年度", 0)])
    page.showPage()
    page.save()
    texts = [line.text for line in read_pdf(out.getvalue(), "s.pdf").lines]
    assert texts[-3:] == ["行政许可 97", "行政事业性收费 3.5", "全年共2023年度"]
