"""The .doc/.wps reader: text through the piece table, tables as rows and cells at their grid
columns with merges left out (the same lines the .docx reader gives for the same report), and
hostile files refused with a reason.

The fixtures under tests/data/doc/ were made by ``python -m tests.builder.doc`` from this
builder's own documents (LibreOffice converting the builder's .docx); where LibreOffice is
installed, fresh ones are also made from random table layouts.
"""

from __future__ import annotations

import os
import struct
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gaolint.read import READERS, read_bytes  # noqa: E402
from gaolint.read.base import FRAME_PARAGRAPHS, UnreadableFile  # noqa: E402
from gaolint.read.doc import _Document, _Fib, _pieces, read_doc  # noqa: E402
from gaolint.read.docx import read_docx  # noqa: E402
from tests.builder import build_document, sample_spec  # noqa: E402
from tests.builder.doc import FIXTURES, fixture_documents, render_docs, soffice  # noqa: E402
from tests.builder.docx import render_docx  # noqa: E402
from tests.test_read_html import check_against_document, check_table3_rows, handmade_document, tables  # noqa: E402

HANDMADE = FIXTURES / "handmade.doc"
SAMPLE_WPS = FIXTURES / "sample-report.wps"


@pytest.fixture(autouse=True)
def _no_soffice(monkeypatch):
    """The built-in reader is under test: LibreOffice's conversion stays out unless a test
    asks for it."""
    monkeypatch.setenv("GAOLINT_NO_SOFFICE", "1")


def _lines(extracted):
    return [(line.text, line.place) for line in extracted.lines]


# --------------------------------------------------------------------------------------------
# Committed fixtures: no LibreOffice needed.


def test_registered_for_doc_and_wps() -> None:
    assert READERS[".doc"] == READERS[".wps"] == ("gaolint.read.doc", "read_doc")


def test_handmade_doc_reads_like_the_document() -> None:
    extracted = read_doc(HANDMADE.read_bytes(), "r.doc")
    assert extracted.container == "doc" and extracted.damage == []
    check_against_document(extracted, handmade_document())
    check_table3_rows(extracted, 2)


@pytest.mark.slow
def test_handmade_doc_gives_the_docx_readers_lines() -> None:
    """Same report, same lines, same places, whichever Word format it was saved in."""
    from_doc = read_doc(HANDMADE.read_bytes(), "r.doc")
    from_docx = read_docx(render_docx(handmade_document()), "r.docx")
    assert _lines(from_doc) == _lines(from_docx)
    assert [line.line for line in from_doc.lines] == list(range(1, len(from_doc.lines) + 1))


def test_vertical_merge_continuations_are_left_out() -> None:
    extracted = read_doc(HANDMADE.read_bytes(), "r.doc")
    table3 = [line for line in extracted.lines if line.place.startswith("第2个表格")]
    # Row 3 of table 3 holds only the five organisation kinds: the cells merged down from
    # rows 1-2 (the note, 自然人, 总计) are not repeated as empty cells.
    row3 = [line.text for line in table3 if line.place.startswith("第2个表格 第3行 ")]
    assert row3 == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [line.place for line in table3 if line.text == "商业企业"] == ["第2个表格 第3行 第5列"]


@pytest.mark.slow
def test_wps_is_read_as_word_97(tmp_path) -> None:
    """WPS Writer's .wps is the Word 97 binary format: read by the same reader, and a whole
    clean generated report gives no finding, as its .docx does."""
    from gaolint.engine import Settings, lint_file

    extracted = read_bytes(SAMPLE_WPS.read_bytes(), "report.wps")
    assert extracted.container == "doc"
    assert any(line.place.startswith("第3个表格 ") for line in extracted.lines)
    target = tmp_path / "report.wps"
    target.write_bytes(SAMPLE_WPS.read_bytes())
    twin = tmp_path / "report.docx"
    twin.write_bytes(render_docx(build_document(sample_spec(3))))
    assert lint_file(str(target), Settings()).findings == []
    assert lint_file(str(twin), Settings()).findings == []


@pytest.mark.slow
def test_defects_found_in_doc_as_in_docx(tmp_path) -> None:
    from gaolint.engine import Settings, lint_file

    (tmp_path / "r.doc").write_bytes(HANDMADE.read_bytes())
    (tmp_path / "r.docx").write_bytes(render_docx(handmade_document()))
    found = {}
    for name in ("r.doc", "r.docx"):
        result = lint_file(str(tmp_path / name), Settings())
        found[name] = sorted((f.rule, f.location.line, f.location.place, f.message.zh) for f in result.findings)
    assert found["r.doc"] and found["r.doc"] == found["r.docx"]


# --------------------------------------------------------------------------------------------
# Hand-built Word streams: the piece table itself.


def _fib(ccp_text: int, fc_clx: int, lcb_clx: int, which_table: int = 1, ident: int = 0xA5EC, flags: int = 0) -> bytes:
    """A Word 97 FIB: FibBase, 14 words, 22 longs (ccpText the 4th), 93 fc/lcb pairs."""
    base = bytearray(32)
    struct.pack_into("<HH", base, 0, ident, 193)
    struct.pack_into("<H", base, 0x0A, flags | (0x0200 if which_table else 0))
    longs = [0] * 22
    longs[3] = ccp_text
    pairs = [0] * (93 * 2)
    pairs[33 * 2], pairs[33 * 2 + 1] = fc_clx, lcb_clx
    return bytes(base) + struct.pack("<H", 14) + bytes(28) + struct.pack("<H22I", 22, *longs) + struct.pack(
        f"<H{len(pairs)}I", 93, *pairs
    )


def _streams(pieces: list[tuple[str, bool]], clx_prefix: bytes = b"") -> tuple[bytes, bytes]:
    """(WordDocument, table stream) holding ``pieces`` of text, each compressed (cp1252) or
    UTF-16LE, at 1024 and after."""
    word = bytearray(1024)
    cps, pcds, cp = [0], [], 0
    for text, compressed in pieces:
        offset = len(word)
        word += text.encode("cp1252") if compressed else text.encode("utf-16-le")
        cp += len(text)
        cps.append(cp)
        fc = (offset * 2) | 0x40000000 if compressed else offset
        pcds.append(struct.pack("<HIH", 0, fc, 0))
    plc = struct.pack(f"<{len(cps)}I", *cps) + b"".join(pcds)
    clx = clx_prefix + b"\x02" + struct.pack("<I", len(plc)) + plc
    table = bytes(16) + clx
    header = _fib(cp, 16, len(clx))
    word[: len(header)] = header
    return bytes(word), table


def _extract(word: bytes, table: bytes):
    return _Document(word, table, b"", _Fib(word)).extract()


def test_compressed_and_unicode_pieces_join() -> None:
    word, table = _streams([("Caf\xe9 \u201creport\u201d\r", True), ("第二段，含表格：\r", False), ("a\x07b\x07\x07", True),
                            ("after\r", True)])
    extracted = _extract(word, table)
    assert _lines(extracted) == [
        ("Café “report”", "第1段"), ("第二段，含表格：", "第2段"),
        ("|", "第1个表格 第1行"), ("a", "第1个表格 第1行 第1列"), ("b", "第1个表格 第1行 第2列"), ("|", "第1个表格"),
        ("after", "第3段"),
    ]


def test_field_codes_are_hidden_and_results_kept() -> None:
    word, table = _streams([("见\x13 HYPERLINK \"http://x\" \x14网站\x15。页\x13 PAGE \x14\x15\r", False)])
    assert [line.text for line in _extract(word, table).lines] == ["见网站。页"]


def test_a_page_break_opening_a_paragraph_starts_no_line() -> None:
    """A page break typed at the start of a paragraph (before a numbered heading: its list
    number is put before the text) left the number alone on a line; within a paragraph it
    still parts the lines."""
    word, table = _streams([("\x0c收到和处理政府信息公开申请情况\r前文\x0c后文\r", False)])
    assert [line.text for line in _extract(word, table).lines] == ["收到和处理政府信息公开申请情况", "前文", "后文"]
    document = _Document(word, table, b"", _Fib(word))
    texts = [text for text, _, _ in document._paragraphs(_pieces(table, *document.fib.clx, len(word)))]
    assert texts == ["收到和处理政府信息公开申请情况", "前文\n后文"]  # (the number goes before the first)


def test_a_million_open_fields_stay_linear() -> None:
    word, table = _streams([("\x13" * 300_000 + "代码\x14结果\r", False), ("正文\r", False)])
    started = time.monotonic()
    assert [line.text for line in _extract(word, table).lines] == []  # still inside the outer codes
    word, table = _streams([("\x13\x14" * 300_000 + "\x15" * 300_000 + "正文\r", False)])
    assert [line.text for line in _extract(word, table).lines] == ["正文"]
    assert time.monotonic() - started < 5


def test_main_text_only() -> None:
    """Characters past ccpText (footnotes, headers) are not the report."""
    word, table = _streams([("正文\r脚注文字\r", False)])
    word = bytearray(word)
    struct.pack_into("<I", word, 32 + 2 + 28 + 2 + 12, 3)  # ccpText = 3
    assert [line.text for line in _extract(bytes(word), table).lines] == ["正文"]


def test_prc_before_the_piece_table_is_skipped() -> None:
    word, table = _streams([("text\r", True)], clx_prefix=b"\x01" + struct.pack("<h", 3) + b"\x00\x00\x00")
    assert [line.text for line in _extract(word, table).lines] == ["text"]


@pytest.mark.parametrize(
    "damage, reason",
    [
        ("fc_outside", "outside the WordDocument stream"),
        ("clx_outside", "outside the table stream"),
        ("no_pcdt", "no piece table"),
        ("backwards", "go backwards"),
    ],
)
def test_hostile_piece_tables(damage: str, reason: str) -> None:
    word, table = _streams([("一段文字\r", False)])
    table = bytearray(table)
    plc = 16 + 5
    if damage == "fc_outside":
        struct.pack_into("<I", table, plc + 8 + 2, 0x3FFFFF00)
    elif damage == "clx_outside":
        word = bytearray(word)
        struct.pack_into("<I", word, 154 + 33 * 8, 1 << 30)
        word = bytes(word)
    elif damage == "no_pcdt":
        table[16] = 0x07
    elif damage == "backwards":
        struct.pack_into("<II", table, plc, 5, 1)
    with pytest.raises(UnreadableFile, match=reason):
        _extract(word, bytes(table))


def test_encrypted_and_old_formats_say_so() -> None:
    word, table = _streams([("x\r", True)])
    encrypted = bytearray(word)
    struct.pack_into("<H", encrypted, 0x0A, 0x0300)
    with pytest.raises(UnreadableFile, match="encrypted"):
        _Fib(bytes(encrypted))
    old = bytearray(word)
    struct.pack_into("<H", old, 0, 0xA5DC)
    with pytest.raises(UnreadableFile, match="Word 6.0/95"):
        _Fib(bytes(old))


# --------------------------------------------------------------------------------------------
# Hostile OLE containers, made from the committed fixture.


def _stream_offsets(data: bytes, name: str) -> list[int]:
    """File offsets of a (regular-sector) stream's sectors, in order."""
    import io

    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    entry = ole.direntries[ole._find(name)]
    offsets, sector = [], entry.isectStart
    while sector < 0xFFFFFFFA and len(offsets) < 100_000:
        offsets.append((sector + 1) * ole.sectorsize)
        sector = ole.fat[sector]
    return offsets


def _directory_entry(data: bytes, name: str) -> int:
    encoded = name.encode("utf-16-le")
    position = data.find(encoded + b"\x00\x00")
    assert position > 0 and position % 128 == 0
    return position


def test_not_ole_and_truncated_files_are_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="unrecognised header"):
        read_doc(b"\x00" * 4000, "x.doc")
    with pytest.raises(UnreadableFile, match="OLE"):
        read_doc(HANDMADE.read_bytes()[:3000], "x.doc")
    with pytest.raises(UnreadableFile):
        read_doc(b"", "x.wps")


def test_stream_claiming_more_than_the_file() -> None:
    data = bytearray(HANDMADE.read_bytes())
    entry = _directory_entry(bytes(data), "WordDocument")
    struct.pack_into("<I", data, entry + 120, 0x7FFFFFF0)  # stream size
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="WordDocument"):
        read_doc(bytes(data), "x.doc")
    assert time.monotonic() - started < 5


def test_sector_chain_looping_through_the_fat() -> None:
    """The WordDocument chain made to point back at its own first sector: refused (the stream
    comes up short), quickly, without reading round the loop."""
    import io

    import olefile

    data = bytearray(HANDMADE.read_bytes())
    ole = olefile.OleFileIO(io.BytesIO(bytes(data)))
    first = ole.direntries[ole._find("WordDocument")].isectStart
    fat_sector = ole.fat.tobytes()
    # Find the FAT entry for `first` in the file: FAT sectors are listed in the header's DIFAT.
    difat = struct.unpack_from("<109I", data, 0x4C)
    per_sector = ole.sectorsize // 4
    fat_offset = (difat[first // per_sector] + 1) * ole.sectorsize + 4 * (first % per_sector)
    assert struct.unpack_from("<I", data, fat_offset)[0] == struct.unpack_from("<I", fat_sector, 4 * first)[0]
    struct.pack_into("<I", data, fat_offset, first)
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="loops"):
        read_doc(bytes(data), "x.doc")
    assert time.monotonic() - started < 5


def test_missing_word_stream_and_spreadsheets() -> None:
    data = bytearray(HANDMADE.read_bytes())
    entry = _directory_entry(bytes(data), "WordDocument")
    data[entry:entry + 24] = "Workbook".encode("utf-16-le") + bytes(8)
    struct.pack_into("<H", data, entry + 64, len("Workbook") * 2 + 2)
    with pytest.raises(UnreadableFile, match="spreadsheet"):
        read_doc(bytes(data), "x.doc")


def test_piece_table_outside_the_stream_in_a_real_file() -> None:
    data = bytearray(HANDMADE.read_bytes())
    offsets = _stream_offsets(bytes(data), "WordDocument")
    fib = bytes(data[offsets[0]:offsets[0] + 512])
    fc_clx = struct.unpack_from("<I", fib, 154 + 33 * 8)[0]
    table_offsets = _stream_offsets(bytes(data), "1Table")
    sector, within = divmod(fc_clx, 512)
    at = table_offsets[sector] + within
    assert data[at] in (1, 2)
    # Lengthen the Pcdt's declared size far past the stream.
    while data[at] == 1:
        at += 3 + struct.unpack_from("<h", data, at + 1)[0]
    struct.pack_into("<I", data, at + 1, 0x00FFFFF0)
    with pytest.raises(UnreadableFile, match="piece table"):
        read_doc(bytes(data), "x.doc")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_damage_never_escapes(data) -> None:
    """Bytes flipped anywhere in a real .doc: text, or UnreadableFile; nothing else, quickly."""
    raw = bytearray(HANDMADE.read_bytes())
    for _ in range(data.draw(st.integers(1, 40))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    started = time.monotonic()
    try:
        extracted = read_doc(bytes(raw), "x.doc")
    except UnreadableFile:
        pass
    else:
        assert all(isinstance(line.text, str) for line in extracted.lines)
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_docx_and_html_saved_as_doc_are_read_as_what_they_are() -> None:
    docx = read_doc(render_docx(handmade_document()), "old-name.doc")
    assert docx.container == "docx"
    html = read_doc("<html><body><p>某某局2024年政府信息公开工作年度报告</p></body></html>".encode(), "page.doc")
    assert html.container == "html" and html.lines[0].text.startswith("某某局")


def test_rtf_without_libreoffice_is_unreadable_with_the_reason() -> None:
    with pytest.raises(UnreadableFile, match="RTF"):
        read_doc(b"{\\rtf1\\ansi hello}", "x.doc")


# --------------------------------------------------------------------------------------------
# Fresh files from LibreOffice, where it is installed.

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.mark.slow
@needs_soffice
def test_committed_fixtures_are_what_the_builder_makes() -> None:
    """The fixtures are reproducible from the builder: a fresh conversion reads the same."""
    fresh = render_docs(fixture_documents())
    assert fresh is not None
    assert _lines(read_doc(fresh["handmade"], "a.doc")) == _lines(read_doc(HANDMADE.read_bytes(), "b.doc"))
    assert _lines(read_doc(fresh["sample-report"], "a.doc")) == _lines(read_doc(SAMPLE_WPS.read_bytes(), "b.wps"))


def _columnless(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Lines with the column dropped from their places ("第2个表格 第3行 第4列" → "第2个表格 第3行")."""
    return [(text, place.rsplit(" 第", 1)[0] if place.endswith("列") else place) for text, place in lines]


@pytest.mark.slow
@needs_soffice
def test_random_merge_layouts_match_docx() -> None:
    """Random rowspan/colspan tilings (the HTML/.docx readers' property test), converted in one
    LibreOffice start: the .doc reader gives the .docx reader's lines for each."""
    from tests.builder.blocks import Document, Heading, Paragraph
    from tests.builder.docx import cell_origins

    strategy = tables()
    layouts = [strategy.example() for _ in range(8)]
    documents = {
        f"t{n}": Document([Heading("某某局2024年政府信息公开工作年度报告", level=0), Paragraph("表格之前。"), table, Paragraph("表格之后。")])
        for n, table in enumerate(layouts)
    }
    rendered = render_docs(documents)
    assert rendered is not None
    for (name, document), table in zip(documents.items(), layouts):
        from_doc = _lines(read_doc(rendered[name], "r.doc"))
        from_docx = _lines(read_docx(render_docx(document), "r.docx"))
        origins = cell_origins(table)
        width = max(column + span for _, column, _, span, _ in origins)
        if {column for _, column, _, _, _ in origins} >= set(range(width)):
            assert from_doc == from_docx, name
        else:
            # A grid line at which no cell starts is in the .docx's grid but not in the binary
            # format, which keeps only each row's cell edges: columns are counted without it.
            assert _columnless(from_doc) == _columnless(from_docx), name


@pytest.mark.slow
@needs_soffice
def test_libreoffice_fallback_for_rtf(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("GAOLINT_NO_SOFFICE")
    rtf = b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 SimSun;}}\\f0 Annual report 2024\\par second line\\par}"
    before = set(tmp_path.iterdir())
    extracted = read_doc(rtf, str(tmp_path / "x.doc"))
    assert [line.text for line in extracted.lines] == ["Annual report 2024", "second line"]
    assert extracted.damage == []  # a conversion is no damage: no GAO003 on a good report
    assert set(tmp_path.iterdir()) == before  # nothing written next to the input


# --------------------------------------------------------------------------------------------
# The LibreOffice fallback's bounds, with a stand-in ``soffice`` on PATH.


def _fake_soffice(folder: Path, body: str) -> None:
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_the_converter_does_not_inherit_the_workers_memory_limit(tmp_path) -> None:
    """A worker limits its own address space (256 MB by default); LibreOffice, started from it,
    inherited the limit and could not start, so an RTF saved as .doc went unread (GAO001) even
    with LibreOffice installed. The limit is the worker's, not the converter's."""
    import subprocess

    _fake_soffice(tmp_path, f'ulimit -v > "{tmp_path}/limit"; exit 1')
    program = (
        "import resource, sys\n"
        "from gaolint.workers import _limit_memory\n"
        "_limit_memory(256)\n"
        "assert resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY\n"
        "from gaolint.read.soffice import convert_to_docx\n"
        "assert convert_to_docx(b'{\\\\rtf1 x}', 'r.doc') is None\n"
        "assert resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY\n"
        "hard = resource.getrlimit(resource.RLIMIT_AS)[1]\n"
        "print('unlimited' if hard == resource.RLIM_INFINITY else hard // 1024)\n"
    )
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GAOLINT_NO_SOFFICE", None)
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "limit").read_text().strip() == done.stdout.decode().strip()  # the hard limit


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_fallback_is_killed_at_its_time_limit(tmp_path, monkeypatch) -> None:
    from gaolint.read.soffice import convert_to_docx

    _fake_soffice(tmp_path, "sleep 60 & sleep 60")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("GAOLINT_NO_SOFFICE")
    started = time.monotonic()
    assert convert_to_docx(b"{\\rtf1 x}", str(tmp_path / "r.doc"), timeout=1) is None
    assert time.monotonic() - started < 10


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_fallback_reads_what_the_converter_wrote_in_its_own_folder(tmp_path, monkeypatch) -> None:
    """The converter gets a copy in a temporary folder; its .docx is read; nothing is left
    beside the checked file; GAOLINT_NO_SOFFICE=1 keeps it out."""
    converted = tmp_path / "made.docx"
    converted.write_bytes(render_docx(handmade_document()))
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    # Arguments end with: --outdir OUT SOURCE
    _fake_soffice(bin_folder, f'for last; do :; done; out=$(dirname "$last")/out; cp "{converted}" "$out/report.docx"')
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    reports = tmp_path / "reports"
    reports.mkdir()
    rtf = b"{\\rtf1\\ansi report}"
    with pytest.raises(UnreadableFile, match="RTF"):
        read_doc(rtf, str(reports / "r.doc"))  # GAOLINT_NO_SOFFICE=1 from the autouse fixture
    monkeypatch.delenv("GAOLINT_NO_SOFFICE")
    extracted = read_doc(rtf, str(reports / "r.doc"))
    assert extracted.container == "doc" and extracted.damage == []
    check_against_document(extracted, handmade_document())
    assert list(reports.iterdir()) == []


@pytest.mark.parametrize("sprm, value, gone", [
    (0x083C, 1, True),  # sprmCFVanish: hidden
    (0x0800, 1, True),  # sprmCFRMarkDel: deleted with tracked changes on (a .docx's w:del)
    (0x0800, 0x81, True),
    (0x0800, 0, False),
    (0x0801, 1, False),  # sprmCFRMarkIns: inserted text is the document's
])
def test_hidden_or_deleted_text_is_not_read(sprm, value, gone) -> None:
    """Characters in runs formatted hidden (sprmCFVanish in their CHPX), or deleted by a tracked
    change nobody accepted (sprmCFRMarkDel), are neither shown nor printed by Word: not read,
    while paragraph marks keep their place. A deleted 电话：… read as text gave a false GAO502."""
    word, table = _streams([("显示的文字隐藏的草稿后文\r下一段\r", False)])
    word = bytearray(word) + bytearray(2048 - len(word))
    start = 1024 + 5 * 2  # 隐藏的草稿: characters 5-9 of the piece at 1024, two bytes each
    page = bytearray(512)
    struct.pack_into("<4I", page, 0, 1024, start, start + 5 * 2, 1024 + 16 * 2)
    page[4 * 4 + 1] = 200  # run 2's CHPX at word offset 200 (byte 400)
    page[400:404] = bytes([3]) + struct.pack("<H", sprm) + bytes([value])  # cb 3: the sprm and its operand
    page[511] = 3
    word[1536:2048] = page  # page 3
    plc = struct.pack("<2I", 1024, 1024 + 16 * 2) + struct.pack("<I", 3)
    table = bytearray(table)
    chpx_at = len(table)
    table += plc
    struct.pack_into("<II", word, 154 + 12 * 8, chpx_at, len(plc))  # FIB pair 12: PlcBteChpx
    shown = "显示的文字后文" if gone else "显示的文字隐藏的草稿后文"
    assert [line.text for line in _extract(bytes(word), bytes(table)).lines] == [shown, "下一段"]


# --- a report or its tables inside a frame of one cell (doc._open_frames) --------------------

def _framed_lines(name: str) -> list[str]:
    return [line.text for line in read_doc((FIXTURES / f"{name}.doc").read_bytes(), f"{name}.doc").lines]


@pytest.mark.parametrize("name", ["framed-report", "framed-tables"])
def test_a_frame_of_one_cell_holding_tables_reads_as_what_it_holds(name: str) -> None:
    """A template's frame around the whole report, or around each table (twice here), is a
    table of one row and one cell whose cell holds the national tables as nested tables. Read
    closed, the report was one cell: every paragraph and table glued into one line (a real
    report framed so gave GAO002). Opened, the lines are the unframed report's, a boxed note
    of text inside the frame (framed-report.doc) still a table of its own."""
    lines = _framed_lines(name)
    if name == "framed-report":
        assert lines[1:4] == ["|", "注：本报告所列数据均来自本机关政府信息公开工作台账。", "|"]
        lines = lines[:1] + lines[4:]
    assert lines == [line.text for line in read_doc(SAMPLE_WPS.read_bytes(), "sample.wps").lines]


def test_a_wrong_total_inside_a_framed_report_is_found_as_in_the_table() -> None:
    """Read as one glued cell, table 3's wrong total was only a damaged-text warning (GAO003);
    opened, it is the arithmetic finding it is."""
    from gaolint import api
    from tests.builder import plant, sample_spec

    planted = plant(sample_spec(3), "table3_bad_value", 3)  # as tests.builder.doc made the fixture
    data = (FIXTURES / "framed-planted.doc").read_bytes()
    got = {finding.rule for finding in api.lint_bytes(data, "framed.doc", api.Settings()).findings}
    assert planted.expected <= got <= planted.expected | planted.allowed


def _para(depth: int = 0, ttp: bool = False, inner_cell: bool = False, inner_ttp: bool = False):
    from gaolint.read.doc import _Para

    para = _Para()
    para.depth, para.in_table, para.ttp = depth, depth > 0, ttp
    para.inner_cell, para.inner_ttp = inner_cell, inner_ttp
    return para


def _frame_walk(shape: list[tuple[str, str, object]]) -> list[str]:
    """Lines of paragraphs given as (text, mark, properties)."""
    from gaolint.read.doc import _open_frames

    paragraphs = [(text, mark, -1) for text, mark, _ in shape]
    paragraphs, props = _open_frames(paragraphs, [para for _, _, para in shape])
    document = _Document(b"", b"", b"", None)
    document._walk(paragraphs, props)
    return [line.text for line in document.lines]


_NESTED_TABLE = [  # a nested table of one row: 甲 | 1
    ("甲", "\r", _para(2, inner_cell=True)),
    ("1", "\r", _para(2, inner_cell=True)),
    ("", "\r", _para(2, inner_cell=True, inner_ttp=True)),
]


def test_only_a_table_of_one_row_and_one_cell_holding_a_table_is_opened() -> None:
    """The frame's own paragraphs come out as body paragraphs and its nested table as a table;
    a table of two cells, or of two rows, holding the same nested table stays as it is (its
    cell's lines), as .docx's frames do."""
    framed = [("前言", "\r", _para(1)), *_NESTED_TABLE, ("落款", "\x07", _para(1)), ("", "\x07", _para(1, ttp=True))]
    assert _frame_walk([("标题", "\r", _para()), *framed, ("正文", "\r", _para())]) == [
        "标题", "前言", "|", "甲", "1", "|", "落款", "正文"]
    two_cells = [*framed[:-1], ("旁注", "\x07", _para(1)), framed[-1]]
    two_rows = [*framed, *framed]
    for shape in (two_cells, two_rows):
        assert "前言" not in _frame_walk([*shape, ("正文", "\r", _para())])


@pytest.mark.parametrize("paragraphs, opened", [(FRAME_PARAGRAPHS, True), (FRAME_PARAGRAPHS - 1, False)])
def test_a_frame_of_text_alone_is_opened_when_it_holds_a_report(paragraphs: int, opened: bool) -> None:
    """A report with no tables (2008 format, or its tables pictures) framed whole was one glued
    cell; a box of a few lines of text (a note) stays a table."""
    texts = [f"第{n}段。" for n in range(paragraphs)]
    shape = [(text, "\r", _para(1)) for text in texts[:-1]] + [(texts[-1], "\x07", _para(1)), ("", "\x07", _para(1, ttp=True))]
    lines = _frame_walk([("标题", "\r", _para()), *shape])
    assert lines == (["标题", *texts] if opened else ["标题", "|", "".join(texts), "|"])


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_hanging_converter_is_stopped_before_its_worker_is(tmp_path) -> None:
    """The converter's own limit (90 s) was longer than a worker's wall-clock budget (17 s by
    default): a LibreOffice that hung outlived the worker killed at its deadline, its folder
    left behind. A worker now gives it only what is left of its own budget: the file is
    answered (GAO001, saying LibreOffice did not convert it), no converter is left running and
    no gaolint-soffice- folder is left."""
    import subprocess

    bin_folder, temp = tmp_path / "bin", tmp_path / "temp"
    bin_folder.mkdir()
    temp.mkdir()
    _fake_soffice(bin_folder, f'echo $$ > "{tmp_path}/pid"; sleep 60')
    (tmp_path / "r.doc").write_bytes(b"{\\rtf1\\ansi report}")
    env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}", "TMPDIR": str(temp)}
    env.pop("GAOLINT_NO_SOFFICE", None)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", "--no-cache", "--timeout", "1", "--format", "json",
                           str(tmp_path / "r.doc")], env=env, capture_output=True, timeout=60, cwd=tmp_path)
    assert time.monotonic() - started < 1 * 3 + 5  # the worker's wall-clock budget
    import json

    findings = json.loads(done.stdout)
    assert [finding["rule"] for finding in findings] == ["GAO001"]
    assert "LibreOffice 未能在时限内转换" in findings[0]["message"]
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert list(temp.iterdir()) == []


# --- text boxes (the FIB's ccpTxbx story) -------------------------------------------------------

def test_a_signature_in_a_text_box_is_read_after_the_body() -> None:
    """People set the signer and the date in a text box over the seal. The text-box story
    follows the main text (after footnotes, headers, comments and endnotes) and was not read:
    a late date there went unreported (GAO204), which the .docx reader, reading text boxes,
    reported. It is read after the body."""
    from gaolint import api

    data = (FIXTURES / "text-box-signature.doc").read_bytes()  # tests.builder.doc.write_text_box_fixture
    assert [text for text, _ in _lines(read_doc(data, "t.doc"))[-2:]] == ["龙泉市人民政府办公室", "2023年5月20日"]
    assert [f.rule for f in api.lint_bytes(data, "t.doc", api.Settings()).findings] == ["GAO204"]


def test_the_text_box_story_is_where_the_fib_says_and_no_further() -> None:
    word, table = _streams([("正文一段\r", False), ("脚注\r", False), ("青禾县林业局\r2024年1月20日\r", False)])
    word = bytearray(word)
    longs = 64  # FibRgLw97: ccpText is its 4th long, ccpFtn the 5th, ccpTxbx the 10th
    struct.pack_into("<3I", word, longs + 3 * 4, 5, 3, 0)
    struct.pack_into("<I", word, longs + 9 * 4, 17)
    extracted = _extract(bytes(word), table)
    texts = ["正文一段", "青禾县林业局", "2024年1月20日"]
    assert [text for text, _ in _lines(extracted)] == texts  # the footnote is not read
    struct.pack_into("<I", word, longs + 9 * 4, 0x7FFFFFF0)  # a story past the piece table
    extracted = _extract(bytes(word), table)
    assert [text for text, _ in _lines(extracted)] == texts and extracted.damage == []


def test_a_fib_cut_inside_its_text_lengths_is_unreadable_not_a_crash() -> None:
    """A FIB that declares its 22 text lengths but stops inside them: refused as corrupt
    (the text-box story's length, read past the stream's end, raised struct.error)."""
    base = bytearray(32)
    struct.pack_into("<HH", base, 0, 0xA5EC, 193)
    word = bytes(base) + struct.pack("<H", 14) + bytes(28) + struct.pack("<H", 22) + bytes(20)
    with pytest.raises(UnreadableFile, match="FIB"):
        _Fib(word)
