"""The .docx reader: body in document order, merged cells once at their true grid column,
paragraph/table places, and hostile archives refused before python-docx reads them."""

from __future__ import annotations

import functools
import io
import random
import re
import struct
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gaolint.read.base import UnreadableFile  # noqa: E402
from gaolint.read.docx import read_docx  # noqa: E402
from gaolint.read.limits import MAX_INFLATED_BYTES  # noqa: E402
from tests.builder.blocks import Cell, Document, Heading, Paragraph, Table  # noqa: E402
from tests.builder.docx import render_docx  # noqa: E402
from tests.test_read_html import (  # noqa: E402
    check_against_document,
    check_table3_rows,
    handmade_document,
    table_lines,
    tables,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.lru_cache(maxsize=1)
def handmade_docx() -> bytes:
    """Rendering is the slow part (python-docx merges); render the handmade report once."""
    return render_docx(handmade_document())


@pytest.mark.slow
def test_handmade_document() -> None:
    document = handmade_document()
    extracted = read_docx(render_docx(document), "r.docx")
    assert extracted.container == "docx"
    check_against_document(extracted, document)
    check_table3_rows(extracted, 2)


@pytest.mark.slow
def test_lines_are_numbered_and_paragraphs_placed() -> None:
    extracted = read_docx(handmade_docx(), "r.docx")
    assert [line.line for line in extracted.lines] == list(range(1, len(extracted.lines) + 1))
    prose = [line for line in extracted.lines if "个表格" not in line.place]
    assert prose[0].text == "某某市2024年政府信息公开工作年度报告" and prose[0].place == "第1段"
    assert prose[1].place == "第2段"
    # A paragraph with a line break: two lines, one paragraph.
    first, second = [line for line in prose if line.text in ("全年主动公开政府信息1234条。", "联系电话 ABC 0571-87051234")]
    assert first.place == second.place == "第5段"
    # Empty paragraphs (after each table) are not counted: a person counts visible ones.
    assert prose[-1].place == "第13段"


def test_table3_row_shape_example() -> None:
    extracted = read_docx(handmade_docx(), "r.docx")
    lines = table_lines(extracted, 2)
    texts = [line.text for line in lines]
    at = texts.index("1.属于国家秘密")
    assert texts[at - 2: at + 8] == ["|", "（三）不予公开", "1.属于国家秘密"] + [str(700 + k) for k in range(1, 8)]
    assert [line.place for line in lines[at + 1: at + 8]] == [f"第2个表格 第8行 第{c}列" for c in range(4, 11)]


def test_footer_not_read() -> None:
    extracted = read_docx(handmade_docx(), "r.docx")
    assert not any("第 1 页" in line.text for line in extracted.lines)


def test_nested_table_flattened_into_cell() -> None:
    import docx

    out = docx.Document()
    out.add_paragraph("前言")
    table = out.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "外层"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层甲"
    inner.cell(0, 1).text = "12"
    out.add_paragraph("后记")
    buffer = io.BytesIO()
    out.save(buffer)
    extracted = read_docx(buffer.getvalue(), "n.docx")
    assert [(line.text, line.place) for line in extracted.lines] == [
        ("前言", "第1段"),
        ("|", "第1个表格 第1行"),
        ("外层", "第1个表格 第1行 第1列"),
        ("内层甲12", "第1个表格 第1行 第2列"),
        ("|", "第1个表格"),
        ("后记", "第2段"),
    ]


# -- hand-written WordprocessingML: gridBefore, vMerge without restart value, content
#    controls, tracked changes, field codes ------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "{extra}</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def minimal_docx(body: str, *, prolog: str = "", members: dict[str, bytes] | None = None,
                 extra_types: str = "", document: bytes | None = None) -> bytes:
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
           f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(extra=extra_types))
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document if document is not None else xml.encode("utf-8"))
        for name, data in (members or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text) if text else '<w:p/>'}</w:tc>"


def test_grid_before_vmerge_and_wrappers() -> None:
    body = (
        _p("一、总体情况")
        + "<w:sdt><w:sdtPr/><w:sdtContent>" + _p("控件内段落") + "</w:sdtContent></w:sdt>"
        + "<w:tbl>"
        + "<w:tr>" + _tc("标签", '<w:vMerge w:val="restart"/>') + _tc("合并", '<w:gridSpan w:val="2"/>') + _tc("X") + "</w:tr>"
        + "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("1") + _tc("2") + _tc("") + "</w:tr>"
        + "<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" + _tc("3") + _tc("4") + "</w:tr>"
        + "</w:tbl>"
        + "<w:p><w:r><w:t>修订</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        + "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>"
        + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:tab/><w:t>后</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>"
    )
    extracted = read_docx(minimal_docx(body), "m.docx")
    assert [(line.text, line.place) for line in extracted.lines] == [
        ("一、总体情况", "第1段"),
        ("控件内段落", "第2段"),
        ("|", "第1个表格 第1行"),
        ("标签", "第1个表格 第1行 第1列"),
        ("合并", "第1个表格 第1行 第2列"),
        ("X", "第1个表格 第1行 第4列"),
        ("|", "第1个表格 第2行"),
        ("1", "第1个表格 第2行 第2列"),
        ("2", "第1个表格 第2行 第3列"),
        ("", "第1个表格 第2行 第4列"),
        ("|", "第1个表格 第3行"),
        ("3", "第1个表格 第3行 第3列"),
        ("4", "第1个表格 第3行 第4列"),
        ("|", "第1个表格"),
        ("修订插入7\t后", "第3段"),
        ("下一行", "第3段"),
    ]


def test_svg_image_with_doctype_is_fine() -> None:
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    data = minimal_docx(_p("一、总体情况"), members={"word/media/image1.svg": svg},
                        extra_types='<Default Extension="svg" ContentType="image/svg+xml"/>')
    assert [line.text for line in read_docx(data, "s.docx").lines] == ["一、总体情况"]


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(table=tables())
def test_random_merge_layouts(table: Table) -> None:
    document = Document([Heading("一、总体情况"), table, Paragraph("完")])
    check_against_document(read_docx(render_docx(document), "r.docx"), document)


# -- generated documents, once the document builder exists ------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 7, 42])
def test_generated_documents(seed: int) -> None:
    document_module = pytest.importorskip("tests.builder.document")
    spec_module = pytest.importorskip("tests.builder.spec")
    document = document_module.build_document(spec_module.sample_spec(seed))
    check_against_document(read_docx(render_docx(document), "r.docx"), document)


# -- hostile files: each must raise UnreadableFile (or return), bounded by construction ---


def _unreadable(data: bytes, *words: str) -> None:
    with pytest.raises(UnreadableFile) as info:
        read_docx(data, "hostile.docx")
    for word in words:
        assert word in str(info.value)


def test_not_a_zip() -> None:
    _unreadable(b"This is not a zip file at all.\n" * 10, "zip")
    _unreadable(b"", "zip")


def test_truncated_zip() -> None:
    data = handmade_docx()
    _unreadable(data[: len(data) // 2])
    _unreadable(data[:1000] + data[-3000:])


def test_a_word_97_file_named_docx_is_read_as_what_it_is() -> None:
    """A .doc renamed .docx (by hand, or by a site storing uploads) is a Word 97 file gaolint
    reads: it was refused as "encrypted or a legacy .doc, save it as .docx". An encrypted
    .docx (an OLE file holding the encrypted package) is still refused, as encrypted; a
    corrupt OLE file as corrupt."""
    import struct

    from gaolint.read.doc import read_doc
    from tests.builder.doc import FIXTURES

    binary = (FIXTURES / "sample-report.wps").read_bytes()
    assert [line.text for line in read_docx(binary, "r.docx").lines] == [line.text for line in read_doc(binary, "r.doc").lines]
    encrypted = bytearray(binary)
    entry = encrypted.find("WordDocument".encode("utf-16-le") + b"\x00\x00")
    encrypted[entry:entry + 64] = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\x00")
    struct.pack_into("<H", encrypted, entry + 64, 2 * (len("EncryptionInfo") + 1))
    _unreadable(bytes(encrypted), "encrypted")
    _unreadable(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "OLE")


def test_a_web_page_named_docx_is_read_as_the_page() -> None:
    page = b"<html><body><p>2025\xe5\xb9\xb4</p></body></html>"
    assert [line.text for line in read_docx(page, "r.docx").lines] == ["2025年"]


def test_missing_document_part() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/other.xml", "<x/>")
    _unreadable(buffer.getvalue(), "word/document.xml")


@pytest.mark.slow
def test_zip_bomb_one_gigabyte() -> None:
    """~1 GB of zeros in a few MB, written in 1 MB chunks (bounded memory while building)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(extra=""))
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(1024):
                member.write(chunk)
    _unreadable(buffer.getvalue(), "MB")


def test_zip_bomb_ratio() -> None:
    data = minimal_docx(_p("一"), members={"word/styles.xml": b" " * (8 << 20)})
    _unreadable(data, "压缩比")


def _patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite a member's declared uncompressed size in both its local and central headers."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        for match in re.finditer(re.escape(signature), raw):
            start = match.start()
            if raw[start + name_offset: start + name_offset + len(encoded)] == encoded:
                struct.pack_into("<I", raw, start + size_offset, size)
    return bytes(raw)


def test_declared_size_over_limit() -> None:
    data = minimal_docx(_p("一、总体情况"), members={"word/media/a.bin": b"x" * 1000})
    _unreadable(_patch_declared_size(data, "word/media/a.bin", MAX_INFLATED_BYTES + 1), "MB")


def test_declared_size_lie_is_caught() -> None:
    data = minimal_docx(_p("一、总体情况" * 200))
    _unreadable(_patch_declared_size(data, "word/document.xml", 100))


def test_entity_declarations_refused() -> None:
    laughs = "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    prolog = f'<!DOCTYPE w:document [<!ENTITY a0 "lol">{laughs}]>'
    _unreadable(minimal_docx(_p("&a9;"), prolog=prolog), "DOCTYPE")


def test_entity_declarations_in_utf16_refused() -> None:
    xml = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "b">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body>{_p("&a;")}</w:body></w:document>')
    _unreadable(minimal_docx("", document=xml.encode("utf-16")), "DOCTYPE")


_HOSTILE_PART = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'


def test_entity_declarations_in_a_part_never_parsed_cost_nothing() -> None:
    """A part no reader opens (nothing relates to it) is never inflated nor parsed: a DTD in it
    is ignored and the report is read. (Issue 15: scanning every part of a Word-saved package,
    its 790 KB styles part above all, was most of reading a .docx.)"""
    data = minimal_docx(
        _p("一"),
        members={"word/custom.dat": _HOSTILE_PART},
        extra_types='<Override PartName="/word/custom.dat" ContentType="application/vnd.custom+xml"/>',
    )
    assert [line.text for line in read_docx(data, "c.docx").lines] == ["一"]


@pytest.mark.parametrize("part", ["_rels/.rels", "[Content_Types].xml"])
def test_entity_declarations_in_a_part_the_reader_parses_refused(part: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(minimal_docx(_p("一")))) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            raw = source.read(name)
            if name == part:
                raw = raw.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
            target.writestr(name, raw)
    _unreadable(buffer.getvalue(), part, "DOCTYPE")


def test_entity_declarations_in_a_part_python_docx_parses_refused() -> None:
    """An unusual package goes through python-docx, which parses every part it knows: then
    every XML part is scanned first, as before."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(extra="").replace("/word/document.xml", "/word/main.xml"))
        zf.writestr("_rels/.rels", _RELS.replace("word/document.xml", "word/main.xml"))
        zf.writestr("word/main.xml", minimal_docx_xml("正文"))
        zf.writestr("word/document.xml", minimal_docx_xml("不是正文"))
        zf.writestr("word/styles.xml", _HOSTILE_PART)
    _unreadable(buffer.getvalue(), "word/styles.xml", "DOCTYPE")


def test_a_bomb_in_a_part_never_parsed_is_refused_from_the_directory() -> None:
    """Parts nothing parses are not inflated, but their sizes and ratios are still checked
    from the zip directory: a bomb is refused without being inflated."""
    data = minimal_docx(_p("一"), members={"word/unused.bin": bytes(8 << 20)})
    _unreadable(data, "压缩比", "word/unused.bin")
    data = minimal_docx(_p("一"), members={"word/unused.xml": b"x" * 1000})
    _unreadable(_patch_declared_size(data, "word/unused.xml", MAX_INFLATED_BYTES + 1), "MB")


def test_bzip2_member_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("word/document.xml", "<x/>")
    _unreadable(buffer.getvalue(), "压缩方式")


def test_random_bytes() -> None:
    rng = random.Random(99)
    for _ in range(20):
        _unreadable(bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 4000))))


def test_random_corruption_of_a_real_docx() -> None:
    data = handmade_docx()
    clean = read_docx(data, "c.docx").lines
    rng = random.Random(7)
    refused = 0
    for _ in range(30):
        damaged = bytearray(data)
        for _ in range(20):
            damaged[rng.randrange(len(damaged))] = rng.getrandbits(8)
        try:
            result = read_docx(bytes(damaged), "c.docx")
        except UnreadableFile as error:
            assert " / " in str(error)  # said in Chinese and English, as every GAO001
            refused += 1
            continue
        # every member the reader uses is guarded by its CRC: damage it did not notice left the text alone
        assert result.lines == clean
    assert refused  # the damage did reach the parts that are read


_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@pytest.mark.parametrize("inner", [
    "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:cr/><w:noBreakHyphen/></w:r>",
    "<w:del><w:r><w:t>删除的正文</w:t></w:r></w:del><w:r><w:t>留下</w:t></w:r>",
    f'<mc:AlternateContent xmlns:mc="{_MC_NS}"><mc:Choice><w:r><w:t>选</w:t></w:r></mc:Choice>'
    "<mc:Fallback><w:r><w:t>后备</w:t></w:r></mc:Fallback></mc:AlternateContent>",
    "<w:pPr><w:rPr><w:t>属性里的字</w:t></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>正文</w:t></w:r>",
    "<w:r><w:t>外<w:t>内</w:t></w:t><w:tab><w:t>x</w:t></w:tab></w:r>",
    "<w:r><w:t>框外</w:t><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>",
    "<w:r><w:instrText>PAGE</w:instrText><w:t>3</w:t><!-- 注释 --></w:r>",
])
def test_plain_paragraph_reading_matches_the_walk(inner: str) -> None:
    """Paragraphs are read by lxml's ``iter`` only when no skipped subtree (deletions,
    fallbacks, properties, a text element's inside) holds text; either way the text is the
    walk's."""
    from lxml import etree

    from gaolint.read import docx

    body_xml = f"<w:p>{inner}</w:p><w:tbl><w:tr><w:tc><w:p>{inner}</w:p></w:tc></w:tr></w:tbl>"
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    body = etree.fromstring(xml.encode()).find(f"{{{W_NS}}}body")
    if docx._plain_runs(body):
        assert docx._plain_paragraph_text(body[0]) == docx.paragraph_text(body[0])
    else:  # text inside a skipped subtree, or inside a text element
        assert "删除" in inner or "后备" in inner or "属性" in inner or "内" in inner
    walked = [(line.text, line.place) for line in docx._Body(plain=False).extract(body).lines]
    assert [(line.text, line.place) for line in read_docx(minimal_docx(body_xml), "p.docx").lines] == walked


def test_very_long_paragraph() -> None:
    rng = random.Random(3)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(200_000))  # incompressible enough
    extracted = read_docx(minimal_docx(_p(text) + _p("一、总体情况")), "l.docx")
    assert len(extracted.lines[0].text) <= 20_000
    assert extracted.damage
    assert extracted.lines[-1].text == "一、总体情况"


def test_document_builder_types_used() -> None:
    """The renderer handles every block type of the builder's model."""
    document = Document([Heading("标题", 0), Heading("一、总体情况"), Paragraph("正文"),
                         Table(((Cell("a", colspan=2),), (Cell("1"), Cell("2"))))])
    check_against_document(read_docx(render_docx(document), "t.docx"), document)


# -- the lxml-only path (issue 15 item 2): only the main document is parsed ---------------

_STYLES_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
    ' Target="styles.xml"/></Relationships>'
)


def test_a_broken_styles_part_does_not_hide_the_report() -> None:
    """python-docx parsed every part it knows and refused the file over a styles part cut
    short; the reader parses only the main document, which is whole."""
    data = minimal_docx(
        _p("一、总体情况"),
        members={"word/_rels/document.xml.rels": _STYLES_RELS.encode(), "word/styles.xml": b"<w:styles"},
        extra_types='<Override PartName="/word/styles.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
    )
    assert [line.text for line in read_docx(data, "s.docx").lines] == ["一、总体情况"]


def test_an_unusual_package_is_still_opened_through_its_relationship() -> None:
    """The main document named elsewhere than word/document.xml: python-docx follows the
    package relationship, as before (the lxml-only path takes only the ordinary shape)."""
    main = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            f'{_p("真正的正文")}</w:body></w:document>').encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES.format(extra="").replace("/word/document.xml", "/word/main.xml"))
        zf.writestr("_rels/.rels", _RELS.replace("word/document.xml", "word/main.xml"))
        zf.writestr("word/main.xml", main)
        zf.writestr("word/document.xml", minimal_docx_xml("不是正文"))
    assert [line.text for line in read_docx(buffer.getvalue(), "u.docx").lines] == ["真正的正文"]


def minimal_docx_xml(text: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            f'{_p(text)}</w:body></w:document>').encode()


# -- the body's records written by libxslt (gaolint/read/docx_records.py) ------------------

_VALUES = ("", ' w:val="2"', ' w:val="0"', ' w:val="-3"', ' w:val="abc"', ' w:val=""', ' w:val=" 2 "',
           ' w:val="restart"', ' w:val="continue"', ' w:val="999"', ' w:val="1_0"')
_RUNS = (
    '<w:r><w:t xml:space="preserve"> 12 </w:t></w:r>', "<w:r><w:t>行政许可</w:t></w:r>", "<w:r><w:t>ab</w:t></w:r>",
    "<w:r><w:tab/><w:t>x</w:t></w:r>", "<w:r><w:br/></w:r>", "<w:r><w:cr/><w:noBreakHyphen/></w:r>",
    "<w:del><w:r><w:delText>删</w:delText></w:r></w:del>", "<w:ins><w:r><w:t>插</w:t></w:r></w:ins>",
    "<w:r><w:instrText>PAGE</w:instrText></w:r>", "<!-- c -->", "<w:r><w:rPr><w:t>属</w:t></w:rPr></w:r>",
    f'<mc:AlternateContent xmlns:mc="{_MC_NS}"><mc:Choice><w:r><w:t>选</w:t></w:r></mc:Choice>'
    "<mc:Fallback><w:r><w:t>备</w:t></w:r></mc:Fallback></mc:AlternateContent>",
    "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>",
    "<w:sdt><w:sdtPr><w:t>P</w:t></w:sdtPr><w:sdtContent><w:r><w:t>控</w:t></w:r></w:sdtContent></w:sdt>",
    "<w:r><w:tab><w:t>不读</w:t></w:tab></w:r>", "<w:r><w:t/></w:r>",
    '<w:r><w:br w:type="page"/></w:r>', '<w:r><w:br w:type="column"/><w:t>栏</w:t></w:r>',
)


def _random_body(rng: random.Random, depth: int = 0) -> str:
    """Paragraphs and tables with merges, spans, gridBefore, wrappers and nested tables in
    any order: the shapes the walk and the records must read alike."""
    def paragraph() -> str:
        return "<w:p>" + "".join(rng.choice(_RUNS) for _ in range(rng.randrange(4))) + "</w:p>"

    def cell() -> str:
        props = "".join(rng.choice((f"<w:gridSpan{rng.choice(_VALUES)}/>", f"<w:vMerge{rng.choice(_VALUES)}/>",
                                    f"<w:hMerge{rng.choice(_VALUES)}/>", '<w:tcW w:w="9"/>'))
                        for _ in range(rng.randrange(3)))
        parts = [f"<w:tcPr>{props}</w:tcPr>"] + [paragraph() for _ in range(rng.randrange(3))]
        if depth < 2 and rng.random() < 0.15:
            parts.append(table(depth + 1))
        if rng.random() < 0.1:
            rng.shuffle(parts)  # a w:tcPr after the paragraphs
        text = "<w:tc>" + "".join(parts) + "</w:tc>"
        return f"<w:sdt><w:sdtContent>{text}</w:sdtContent></w:sdt>" if rng.random() < 0.05 else text

    def row() -> str:
        parts = [cell() for _ in range(rng.randrange(5))]
        if rng.random() < 0.3:
            parts.insert(0 if rng.random() < 0.8 else len(parts), f"<w:trPr><w:gridBefore{rng.choice(_VALUES)}/></w:trPr>")
        return "<w:tr>" + "".join(parts) + "</w:tr>"

    def table(level: int) -> str:
        nonlocal depth
        depth, outer = level, depth
        try:
            return "<w:tbl><w:tblPr/>" + "".join(row() for _ in range(rng.randrange(4))) + "</w:tbl>"
        finally:
            depth = outer

    blocks = [paragraph() if rng.random() < 0.6 else table(0) for _ in range(rng.randrange(1, 8))]
    return "".join(f"<w:customXml>{b}</w:customXml>" if rng.random() < 0.05 else b for b in blocks)


@pytest.mark.parametrize("seed", range(40))
def test_records_read_as_the_walk(seed: int) -> None:
    """The records (libxslt) and the Python walk give the same lines, places and damage."""
    from lxml import etree

    from gaolint.read import docx

    rng = random.Random(seed)
    for _ in range(10):
        body_xml = _random_body(rng)
        xml = f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
        body = etree.fromstring(xml.encode(), etree.XMLParser(remove_blank_text=True)).find(f"{{{W_NS}}}body")
        docx._open_frames(body)  # as read_docx does before either way of reading
        walked = docx._Body(plain=False).extract(body)
        read = read_docx(minimal_docx(body_xml), "r.docx")
        assert [(x.text, x.line, x.place) for x in read.lines] == [(x.text, x.line, x.place) for x in walked.lines]
        assert [(x.text, x.place, m) for x, m in read.damage] == [(x.text, x.place, m) for x, m in walked.damage]


def test_records_are_read_when_they_cannot_be_ambiguous() -> None:
    """The records are used for an ordinary UTF-8 part; a character reference (which could
    put a carriage return, the records' separator, into the text), another encoding, a text
    element holding markup and a gridBefore after a cell are walked in Python, alike."""
    from lxml import etree

    from gaolint.read import docx, docx_records

    def records_of(xml: bytes) -> str | None:
        return docx_records.records(etree.fromstring(xml, etree.XMLParser(remove_blank_text=True)), xml)

    plain = minimal_docx_xml("一、总体情况")
    assert records_of(plain) == "\rP一、总体情况"
    assert records_of(plain.replace("总体".encode(), b"&#x603B;&#20307;")) is None
    assert records_of(plain.decode().replace("UTF-8", "GB18030").encode("gb18030")) is None
    assert records_of(plain.decode().replace("UTF-8", "UTF-16").encode("utf-16")) is None
    assert records_of(plain.replace("总体".encode(), "总<w:t>体</w:t>".encode())) is None
    assert records_of(plain.replace(b"<?xml", b"\xef\xbb\xbf<?xml")) == "\rP一、总体情况"
    late = _tc("1") + '<w:trPr><w:gridBefore w:val="2"/></w:trPr>'
    with pytest.raises(docx._Unusual):
        docx._Body().extract_records(docx_records.records(*_parsed(minimal_docx_xml_body(f"<w:tbl><w:tr>{late}</w:tr></w:tbl>"))))
    span = _tc("1", '<w:gridSpan w:val="&#13;2"/>')
    for body in (_p("甲&#13;乙") + f"<w:tbl><w:tr>{span}{_tc('2')}</w:tr></w:tbl>",
                 f"<w:tbl><w:tr>{late}{_tc('2')}</w:tr></w:tbl>"):
        root, _ = _parsed(minimal_docx_xml_body(body))
        walked = docx._Body(plain=False).extract(root.find(f"{{{W_NS}}}body"))
        assert [(x.text, x.place) for x in read_docx(minimal_docx(body), "c.docx").lines] == [(x.text, x.place) for x in walked.lines]


def minimal_docx_xml_body(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            f'{body}</w:body></w:document>').encode()


def _parsed(xml: bytes) -> tuple:
    from lxml import etree

    return etree.fromstring(xml, etree.XMLParser(remove_blank_text=True, resolve_entities=False)), xml


# --- tables inside a frame of one cell (docx._open_frames) ----------------------------------

def _framed(data: bytes, depth: int = 1) -> bytes:
    """Every table of the document put into the cell of a one-cell table, ``depth`` times: a
    template's frame, or a table pasted into a cell."""
    import docx

    document = docx.Document(io.BytesIO(data))
    for _ in range(depth):
        for table in list(document.tables):
            frame = document.add_table(rows=1, cols=1)
            table._tbl.addprevious(frame._tbl)
            cell = frame.cell(0, 0)._tc
            cell.insert(cell.index(cell.p_lst[0]), table._tbl)  # a cell ends with a paragraph
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_rules(data: bytes) -> list[str]:
    from gaolint import api

    return sorted(f.rule for f in api.lint_bytes(data, "report.docx", api.Settings()).findings)


@pytest.mark.parametrize("depth", [1, 2])
def test_tables_inside_one_cell_frames_read_as_the_tables(depth):
    """Read closed, the national table inside was one cell's lines: a clean report gave GAO003,
    and a dash in a count was GAO003 instead of GAO106."""
    from tests.builder import build_document, plant, sample_spec

    spec = sample_spec(100)
    framed = _framed(render_docx(build_document(spec)), depth)
    body = zipfile.ZipFile(io.BytesIO(framed)).read("word/document.xml")
    assert body.count(b"<w:tbl>") == 3 * (depth + 1)  # the three tables, each inside its frames
    assert _docx_rules(framed) == []
    planted = plant(spec, "table3_bad_value", 100)
    got = set(_docx_rules(_framed(render_docx(planted.document), depth)))
    assert planted.expected <= got <= planted.expected | planted.allowed


def test_a_boxed_note_of_one_cell_stays_a_table():
    """Only frames holding a table are opened: a one-cell box of text keeps its place, and the
    tables after it the numbers Word shows them with."""
    document = Document(blocks=(
        Heading("一、总体情况", 1),
        Table(rows=((Cell("注：本报告数据均来自本机关政府信息公开工作台账。"),),)),
        Paragraph("本年度本机关继续推进政务公开。"),
    ))
    lines = [line for line in read_docx(render_docx(document), "note.docx").lines if line.text != "|"]
    assert [line.text for line in lines] == ["一、总体情况", "注：本报告数据均来自本机关政府信息公开工作台账。", "本年度本机关继续推进政务公开。"]
    assert lines[1].place.startswith("第1个表格")


def test_a_frame_around_a_report_of_text_alone_is_opened():
    """A report with no tables of its own (a 2008-format report, or one whose tables are
    pictures) framed whole in a one-cell table was read as one cell: one glued line, and a
    section heading inside it lost (GAO101). A frame of a report's paragraphs is opened; a box
    of a few lines of text stays a table."""
    from gaolint import api
    from gaolint.read.base import FRAME_PARAGRAPHS
    from tests.builder import build_document, sample_spec
    from tests.builder.doc import frame_docx

    document = build_document(sample_spec(3))
    text_only = Document(blocks=tuple(block for block in document.blocks if not isinstance(block, Table)))
    plain = render_docx(text_only)
    framed = frame_docx(plain, whole=True)
    assert [line.text for line in read_docx(framed, "f.docx").lines] == [line.text for line in read_docx(plain, "p.docx").lines]
    assert sorted(f.rule for f in api.lint_bytes(framed, "f.docx", api.Settings()).findings) == ["GAO103"] * 3

    import docx

    boxed = docx.Document()
    boxed.add_paragraph("一、总体情况")
    cell = boxed.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("注1：本机关台账说明。")
    for n in range(2, FRAME_PARAGRAPHS):  # one paragraph short of a frame
        cell.add_paragraph(f"注{n}：本机关台账说明。")
    out = io.BytesIO()
    boxed.save(out)
    lines = read_docx(out.getvalue(), "box.docx").lines
    assert [line.place for line in lines if line.text.startswith("注")] == ["第1个表格 第1行 第1列"]


@pytest.mark.parametrize("kind", ["page", "column"])
def test_a_page_break_after_text_ends_the_line(kind: str) -> None:
    """Word and WPS keep a page break typed after a paragraph's text in that paragraph, and the
    next heading after it (…均已办结。<page break>二、主动公开政府信息情况): the heading starts
    the page. Read as one line, the heading was glued to the sentence before it and its section
    reported missing (GAO101). A break before any text (at a heading's start) still leaves the
    heading whole."""
    brk = f'<w:r><w:br w:type="{kind}"/></w:r>'
    body = (
        f"<w:p><w:r><w:t>全年收到申请3件，均已办结。</w:t></w:r>{brk}<w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>"
        f"<w:p>{brk}<w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>"
        f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r>{brk}<w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    lines = [line.text for line in read_docx(minimal_docx(body), "b.docx").lines]
    assert lines[:3] == ["全年收到申请3件，均已办结。", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


# --- alternative-format chunks (w:altChunk; gaolint/read/docx_chunks.py) -----------------------

def _altchunk_docx(chunk: bytes, name: str = "/word/afchunk.htm", content_type: str = "text/html",
                   before: str = "", after: str = "") -> bytes:
    """A .docx whose body is ``before``, one w:altChunk naming ``chunk`` stored as ``name``, and
    ``after``: what web sites' and document systems' "export to Word" write."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    if before:
        document.add_paragraph(before)
    part = Part(PackURI(name), content_type, chunk, document.part.package)
    rid = document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    body = document.element.body
    node = etree.SubElement(body, qn("w:altChunk"))
    node.set(qn("r:id"), rid)
    body.remove(node)
    body.insert(len(body) - 1, node)  # before the section properties
    if after:
        body.insert(len(body) - 1, document.add_paragraph(after)._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _texts(extracted) -> list[str]:
    return [line.text for line in extracted.lines]


def test_a_report_given_as_an_html_chunk_reads_as_the_page():
    """The whole report a web page stored in the package and named by one w:altChunk (Word and
    WPS show it in place): read as nothing, it was GAO002; read as the page, a clean report has
    no finding and a wrong total is found."""
    from gaolint import api
    from gaolint.read.html import read_html
    from tests.builder import build_document, plant, sample_spec
    from tests.builder.html import render_html

    page = render_html(build_document(sample_spec(3)))
    data = _altchunk_docx(page, before="（导出文档）", after="第 1 页")
    assert _texts(read_docx(data, "r.docx")) == ["（导出文档）", *_texts(read_html(page, "r.html")), "第 1 页"]
    assert [f.rule for f in api.lint_bytes(data, "r.docx", api.Settings()).findings] == []
    planted = plant(sample_spec(3), "table3_bad_value", 3)
    got = {f.rule for f in api.lint_bytes(_altchunk_docx(render_html(planted.document)), "p.docx", api.Settings()).findings}
    assert planted.expected <= got <= planted.expected | planted.allowed


def test_mht_and_docx_chunks_are_read_and_a_chunk_in_itself_ends():
    """A chunk may be a web archive (.mht: MIME, quoted-printable, its character set in the
    header) or another .docx; a .docx chunk naming a .docx chunk… is read two levels down, then
    said (GAO003's note), not followed for ever."""
    import quopri

    page = "<html><body><p>二、主动公开政府信息情况</p><p>本年度主动公开信息312条。</p></body></html>"
    body = quopri.encodestring(page.encode("gb18030"))
    mht = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
           b"Content-Type: text/html; charset=\"gb18030\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
           + body + b"\r\n--B--\r\n")
    expected = ["二、主动公开政府信息情况", "本年度主动公开信息312条。"]
    assert _texts(read_docx(_altchunk_docx(mht, "/word/report.mht", "message/rfc822"), "m.docx")) == expected
    inner = _altchunk_docx(page.encode("utf-8"))
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    nested = _altchunk_docx(inner, "/word/inner.docx", docx_type)
    assert _texts(read_docx(nested, "n.docx")) == expected
    deep = nested
    for _ in range(3):
        deep = _altchunk_docx(deep, "/word/inner.docx", docx_type)
    extracted = read_docx(deep, "d.docx")
    assert _texts(extracted) == [] and "not read" in extracted.damage[0][1]


def test_a_missing_or_unreadable_chunk_is_damage_not_a_refusal():
    data = _altchunk_docx(b"\x00\x01binary", "/word/chunk.bin", "application/octet-stream", before="正文")
    extracted = read_docx(data, "b.docx")
    assert _texts(extracted) == ["正文"] and "not read" in extracted.damage[0][1]


@pytest.mark.parametrize("hidden", ["", '<w:r><w:rPr><w:vanish/></w:rPr><w:t>草稿</w:t></w:r>'])
def test_a_phonetic_guide_is_not_read_into_the_text(hidden):
    """Word's phonetic guide (w:ruby) draws pinyin small above a rare character of a place
    name; its reading (w:rt) was read in line: 长pīn宁区应急管理局. Both ways of reading a body
    (the records, and the walk a hidden run sends it to) leave it out."""
    ruby = ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr>'
            '<w:rt><w:r><w:t>pīn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>宁</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    body = f"<w:p><w:r><w:t>长</w:t></w:r>{ruby}<w:r><w:t>区应急管理局</w:t></w:r>{hidden}</w:p>"
    assert [line.text for line in read_docx(minimal_docx(body), "r.docx").lines] == ["长宁区应急管理局"]
