"""Word 97-2003 (.doc) and WPS Writer (.wps) reports: the binary Word format, read directly.

Both are OLE compound files (olefile opens them) holding a ``WordDocument`` stream: WPS
Writer's .wps is the Word 97 format under another name. The text is found the way Word finds
it ([MS-DOC] 2.4.1): the File Information Block (FIB) at the start of ``WordDocument`` names the
table stream (``0Table`` or ``1Table``) and, in it, the CLX, whose piece table (PlcPcd) maps
character positions to runs of bytes in ``WordDocument``, each either compressed (one byte per
character, cp1252) or UTF-16LE. The main document (the first ``ccpText`` characters) is read,
then the text boxes' story, placed after the body (a signer and date set over the seal are
in one); footnotes, headers and footers and comments are not the report.

Tables have no markup of their own in that text: a cell ends with ``\\x07``, and a row with a
further ``\\x07`` whose paragraph properties say "table terminating paragraph" (TTP). Those
properties live in the paragraph FKPs (PlcBtePapx → 512-byte pages of PAPX); the TTP's
``sprmTDefTable`` gives the row's cell boundaries (so a cell's true grid column, as .docx's
``w:gridSpan`` does) and its merge flags (so a cell continuing a merge from above or from the
left is not repeated, as .docx's ``w:vMerge`` continuations are not). The lines come out in the
flattened shape every reader hands on: one line per cell, a lone ``|`` before each row and after
the table, places such as "第3个表格 第5行 第2列" and "第12段".

Hostile files stop with ``UnreadableFile``: a stream declared larger than the file (a sector
chain looping through the FAT would otherwise be read until memory ran out), a piece table
pointing outside its stream, an encrypted document. Paragraph properties that cannot be read
only cost the table shape (rows are then guessed from the cell marks), never the text.

Where the built-in reader cannot go (Word 6/95, RTF saved as .doc, Works .wps, a damaged
piece table) and LibreOffice is installed, ``soffice`` converts a copy to .docx in a temporary
folder under a time limit (``gaolint.read.soffice``); ``GAOLINT_NO_SOFFICE=1`` turns that off.
"""

from __future__ import annotations

import re
import struct
from bisect import bisect_right
from io import BytesIO
from typing import Any

from .base import FRAME_PARAGRAPHS, MOST_FRAMES, ROW_SEPARATOR, Extracted, LineCollector, SourceLine, UnreadableFile
from .doc_hidden import hidden_runs
from .doc_sprms import SPRM_T_DEF_TABLE, operands
from .limits import MAX_FILE_BYTES, MAX_TEXT_CHARS
from .xmlsafe import join_cell_lines

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: ``wIdent`` of a Word 97+ FIB (Word 6/95 files have 0xA5DC and another layout).
WORD97_IDENT = 0xA5EC
#: Pieces in a piece table; a real report has a handful (one per editing session), never
#: millions. Each costs a Python tuple.
MAX_PIECES = 200_000
#: Paragraph FKP pages read; each holds up to ~100 paragraph runs.
MAX_FKP_PAGES = 100_000
#: Columns of a row (``itcMac``); Word allows 63.
MAX_COLUMNS = 64

_CELL, _PARA = "\x07", "\r"
#: Control characters of the text stream other than a tab: marks (paragraph, cell, field
#: begin/separator/end, line and page breaks, non-breaking hyphen) and characters that stand
#: for something not text (picture and object anchors, footnote and comment references), which
#: are dropped. A compiled pattern so the text between them is taken in one slice.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f]")


def read_doc(data: bytes, path: str) -> Extracted:
    """Extract a .doc or .wps report. Raises UnreadableFile, never anything else for bad input."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"文件过大（{len(data)} 字节） / file too large ({len(data)} bytes)")
    head = data[:8]
    if head[:4] == b"PK\x03\x04":
        # A .docx saved under an old name (common on agency sites): read it as what it is.
        from .docx import read_docx

        return read_docx(data, path)
    if head != OLE_MAGIC:
        start = _start(data)
        if start.startswith(b"{\\rtf"):
            return _fallback(data, path, "RTF 格式（内置读取器不读 RTF） / an RTF file (not read by the built-in reader)")
        if _is_page(start):
            # Word's "save as web page" kept the .doc name: read it as the page it is.
            from .html import read_html

            return read_html(data, path)
        raise UnreadableFile("不是 Word 97-2003 / WPS 文档（文件头无法识别） / not a Word 97-2003 or WPS document (unrecognised header)")
    try:
        streams = _open_streams(data)
    except _Unsupported as error:
        return _fallback(data, path, str(error))
    return _Document(*streams).extract()


def word_in_another_form(data: bytes) -> bool:
    """Whether ``data`` is what Word also saves under a .docx name that ``read_doc`` reads: a
    Word 97-2003 or WPS file (an OLE compound file: an encrypted .docx is one too, and is
    refused there as encrypted), an RTF or a web page."""
    if data.startswith(OLE_MAGIC):
        return True
    start = _start(data)
    return start.startswith(b"{\\rtf") or _is_page(start)


def _start(data: bytes) -> bytes:
    return data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def _is_page(start: bytes) -> bool:
    return start.startswith((b"<html", b"<!doctype html", b"<meta")) or b"<html" in start


class _Unsupported(UnreadableFile):
    """A document of a known kind that the built-in reader does not read (Word 6/95, Works):
    LibreOffice may still convert it. Corrupt files are never handed to it."""


def _fallback(data: bytes, path: str, reason: str) -> Extracted:
    """LibreOffice's reading of what the built-in reader does not read, else the refusal."""
    from .soffice import convert_to_docx, soffice_binary

    converted = convert_to_docx(data, path)
    if converted is None:
        if soffice_binary() is None:
            raise UnreadableFile(reason + "；安装 LibreOffice 后可转换 / install LibreOffice to convert it")
        raise UnreadableFile(reason + "；LibreOffice 未能在时限内转换 / LibreOffice did not convert it in time")
    from .docx import read_docx

    # No damage note: it would be a GAO003 warning on a report with nothing wrong in it.
    extracted = read_docx(converted, path)
    extracted.container = "doc"
    return extracted


# --------------------------------------------------------------------------------------------
# The OLE container and the FIB.


def _open_streams(data: bytes) -> tuple[bytes, bytes, bytes, _Fib]:
    """(WordDocument stream, table stream, Data stream or b"", FIB), every size checked before
    reading."""
    import olefile

    try:
        ole = olefile.OleFileIO(BytesIO(data))
    except RecursionError:
        raise UnreadableFile("OLE 目录结构嵌套过深 / corrupt OLE file: directory nested too deeply") from None
    except Exception as error:  # olefile raises OSError, OleFileError, struct.error, IndexError...
        raise UnreadableFile(f"OLE 复合文件已损坏 / corrupt OLE compound file: {error}") from None
    try:
        if not ole.exists("WordDocument"):
            if ole.exists("CONTENTS") or ole.exists("MatOST"):
                raise _Unsupported("Microsoft Works 文档，不是 Word/WPS 文字文档 / a Microsoft Works document, not Word/WPS Writer")
            if ole.exists("Workbook") or ole.exists("Book"):
                raise UnreadableFile("这是电子表格（Excel/WPS 表格），不是报告文档 / a spreadsheet, not a report document")
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                raise UnreadableFile("文档已加密 / the document is encrypted")
            raise UnreadableFile("OLE 文件中没有 WordDocument 流 / no WordDocument stream in the OLE file")
        word = _stream(ole, "WordDocument", len(data))
        fib = _Fib(word)
        table_name = "1Table" if fib.which_table else "0Table"
        if not ole.exists(table_name):
            raise UnreadableFile(f"缺少 {table_name} 流 / the {table_name} stream is missing")
        table = _stream(ole, table_name, len(data))
        extra = _stream(ole, "Data", len(data)) if ole.exists("Data") else b""
    finally:
        ole.close()
    return word, table, extra, fib


def _stream(ole, name: str, limit: int) -> bytes:
    """A stream's bytes, refused when it declares more bytes than the file has: a sector chain
    looping through the FAT is then at most the file's size, not gigabytes."""
    try:
        size = ole.get_size(name)
        if size > limit:
            raise UnreadableFile(f"{name} 流声明的大小超过文件本身 / the {name} stream claims {size} bytes, more than the file")
        if size >= ole.minisectorcutoff:
            _check_chain(ole, name, size)
        return ole.openstream(name).read(limit + 1)
    except UnreadableFile:
        raise
    except RecursionError:
        raise UnreadableFile("OLE 扇区链嵌套过深 / corrupt OLE sector chain") from None
    except Exception as error:
        raise UnreadableFile(f"无法读取 {name} 流 / cannot read the {name} stream: {error}") from None


def _check_chain(ole, name: str, size: int) -> None:
    """Refuse a sector chain that comes back to a sector it already passed: olefile reads such
    a loop round and round up to the declared size, handing on repeated sectors as text."""
    fat = ole.fat
    sector = ole.direntries[ole._find(name)].isectStart
    seen: set[int] = set()
    for _ in range((size + ole.sectorsize - 1) // ole.sectorsize):
        if sector >= 0xFFFFFFFA:  # end of chain (or a special value): olefile says why
            return
        if sector in seen:
            raise UnreadableFile(f"{name} 流的扇区链成环 / the {name} stream's sector chain loops")
        seen.add(sector)
        if sector >= len(fat):
            return
        sector = fat[sector]


class _Fib:
    """The few FIB fields needed: table stream, main-text length, CLX and PlcBtePapx places."""

    def __init__(self, word: bytes) -> None:
        if len(word) < 0x22:
            raise UnreadableFile("WordDocument 流过短 / the WordDocument stream is too short")
        ident, nfib = struct.unpack_from("<HH", word, 0)
        if ident != WORD97_IDENT or nfib < 101:
            raise _Unsupported(
                "Word 6.0/95 或更早的格式，不受支持（可另存为 .docx） / Word 6.0/95 or older format, not supported (save it as .docx)"
            )
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise UnreadableFile("文档已加密 / the document is encrypted")
        self.which_table = bool(flags & 0x0200)
        position = 32
        csw = _u16(word, position)
        position += 2 + csw * 2
        cslw = _u16(word, position)
        lw_start = position + 2
        position = lw_start + cslw * 4
        if cslw < 4:
            raise UnreadableFile("FIB 已损坏 / corrupt FIB (no text length)")
        self.ccp_text = _u32(word, lw_start + 3 * 4)
        #: The main text boxes' story ([MS-DOC] 2.4.1: after the footnotes, headers, comments
        #: and endnotes): (first CP, CP after), or None when the FIB does not say.
        self.text_boxes: tuple[int, int] | None = None
        if cslw >= 10 and lw_start + 10 * 4 <= len(word):
            footnotes, headers, _, comments, endnotes, boxes = struct.unpack_from("<6I", word, lw_start + 4 * 4)
            first = self.ccp_text + footnotes + headers + comments + endnotes
            if boxes and first < 0xFFFFFFFF - boxes:
                self.text_boxes = (first, first + boxes)
        count = _u16(word, position)
        self._pairs = position + 2
        if count < 34 or self._pairs + 34 * 8 > len(word):
            raise UnreadableFile("FIB 已损坏 / corrupt FIB (too few fields)")
        self.clx = self._pair(word, 33)
        self.papx = self._pair(word, 13)
        #: PlcBteChpx: the character runs, read for their hidden text (``doc_hidden``).
        self.chpx = self._pair(word, 12)
        #: STSH, PlfLst, PlfLfo (the style sheet and the list tables), when the FIB has them.
        self.lists = (self._pair(word, 1), self._pair(word, 73), self._pair(word, 74)) if count > 74 and \
            self._pairs + 75 * 8 <= len(word) else None

    def _pair(self, word: bytes, index: int) -> tuple[int, int]:
        return struct.unpack_from("<II", word, self._pairs + index * 8)


def _u16(data: bytes, offset: int) -> int:
    if offset + 2 > len(data):
        raise UnreadableFile("FIB 已损坏 / corrupt FIB (truncated)")
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    if offset + 4 > len(data):
        raise UnreadableFile("FIB 已损坏 / corrupt FIB (truncated)")
    return struct.unpack_from("<I", data, offset)[0]


# --------------------------------------------------------------------------------------------
# The piece table: character positions → bytes.


def _pieces(table: bytes, fc_clx: int, lcb_clx: int, word_size: int) -> list[tuple[int, int, int, bool]]:
    """(first CP, CP after, byte offset in WordDocument, compressed) per piece, checked."""
    end = fc_clx + lcb_clx
    if lcb_clx == 0 or end > len(table):
        raise UnreadableFile("CLX 超出表格流范围 / the piece table (CLX) lies outside the table stream")
    position = fc_clx
    while position < end:
        kind = table[position]
        if kind == 1:  # Prc: a grpprl of property modifiers; skipped
            if position + 3 > end:
                break
            size = struct.unpack_from("<h", table, position + 1)[0]
            if size < 0:
                raise UnreadableFile("CLX 已损坏 / corrupt piece table (negative Prc size)")
            position += 3 + size
        elif kind == 2:
            if position + 5 > end:
                break
            lcb = struct.unpack_from("<I", table, position + 1)[0]
            start = position + 5
            if start + lcb > len(table) or lcb < 16 or (lcb - 4) % 12:
                raise UnreadableFile("片段表超出表格流范围 / the piece table points outside the table stream")
            return _plc_pcd(table, start, (lcb - 4) // 12, word_size)
        else:
            break
    raise UnreadableFile("CLX 中没有片段表 / no piece table (Pcdt) in the CLX")


def _plc_pcd(table: bytes, start: int, count: int, word_size: int) -> list[tuple[int, int, int, bool]]:
    if count > MAX_PIECES:
        raise UnreadableFile(f"片段表过大（{count} 段） / the piece table is too large ({count} pieces)")
    cps = struct.unpack_from(f"<{count + 1}I", table, start)
    pieces = []
    pcd = start + 4 * (count + 1)
    for index in range(count):
        first, after = cps[index], cps[index + 1]
        if after < first:
            raise UnreadableFile("片段表的字符位置未递增 / corrupt piece table: character positions go backwards")
        raw = struct.unpack_from("<I", table, pcd + 8 * index + 2)[0]
        compressed = bool(raw & 0x40000000)
        fc = raw & 0x3FFFFFFF
        offset = fc // 2 if compressed else fc
        size = (after - first) * (1 if compressed else 2)
        if offset + size > word_size:
            raise UnreadableFile(
                f"片段表指向 WordDocument 流之外（第 {index + 1} 段） / the piece table points outside the "
                f"WordDocument stream (piece {index + 1})"
            )
        pieces.append((first, after, offset, compressed))
    return pieces


_CP1252_HOLES = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def _cp1252(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(bytes([b]).decode("latin-1") if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in raw)


# --------------------------------------------------------------------------------------------
# Paragraph properties: which marks end a cell, which end a row, and the row's cells.


class _Para:
    """The paragraph properties that shape tables."""

    __slots__ = ("in_table", "ttp", "depth", "inner_cell", "inner_ttp", "centers", "merges", "istd",
                 "ilfo", "ilvl")

    def __init__(self) -> None:
        #: The paragraph's style, and the list instance and level it names (``doc_lists``).
        self.istd = 0
        self.ilfo: int | None = None
        self.ilvl: int | None = None
        self.in_table = False
        self.ttp = False
        self.depth = 0
        #: A nested table's cell end and row end are paragraph marks (not cell marks) flagged
        #: by sprmPFInnerTableCell and sprmPFInnerTTP; only ``_open_frames`` reads them.
        self.inner_cell = False
        self.inner_ttp = False
        #: Cell boundaries of the row (twips), from sprmTDefTable on a TTP.
        self.centers: tuple[int, ...] = ()
        #: Per cell: (horizontal merge, vertical merge) codes of its TC.
        self.merges: list[tuple[int, int]] = []


_NO_PROPERTIES = _Para()


class _Papx:
    """Paragraph runs by file position: ``lookup(fc)`` is the paragraph whose mark is at fc."""

    def __init__(self, word: bytes, table: bytes, extra: bytes, fc: int, lcb: int) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.props: list[_Para] = []
        if lcb < 12 or fc + lcb > len(table) or (lcb - 4) % 8:
            raise ValueError("no PlcBtePapx")
        count = (lcb - 4) // 8
        if count > MAX_FKP_PAGES:
            raise ValueError("too many FKP pages")
        pages = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))
        runs: list[tuple[int, int, _Para]] = []
        for page_number in pages:
            start = page_number * 512
            if start + 512 > len(word):
                continue
            runs.extend(_fkp_runs(word[start:start + 512], extra))
        runs.sort(key=lambda run: run[0])
        for first, after, para in runs:
            self.starts.append(first)
            self.ends.append(after)
            self.props.append(para)

    def lookup(self, fc: int) -> _Para:
        index = bisect_right(self.starts, fc) - 1
        if index >= 0 and fc < self.ends[index]:
            return self.props[index]
        return _NO_PROPERTIES


def _fkp_runs(page: bytes, extra: bytes) -> list[tuple[int, int, _Para]]:
    crun = page[511]
    if crun == 0 or 4 * (crun + 1) + 13 * crun > 511:
        return []
    fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
    runs = []
    base = 4 * (crun + 1)
    for index in range(crun):
        offset = page[base + 13 * index] * 2
        para = _Para()
        if offset:
            cb = page[offset] if offset < 511 else 0
            if cb:
                start, size = offset + 1, 2 * cb - 1
            else:
                start, size = offset + 2, 2 * (page[offset + 1] if offset + 1 < 511 else 0)
            if start + 2 <= 511:
                para.istd = struct.unpack_from("<H", page, start)[0]
            grpprl = page[start + 2:min(start + size, 511)]  # after the istd
            _apply_sprms(para, grpprl, extra)
        if fcs[index + 1] > fcs[index]:
            runs.append((fcs[index], fcs[index + 1], para))
    return runs


SPRM_P_FIN_TABLE = 0x2416
SPRM_P_FTTP = 0x2417
SPRM_P_ITAP = 0x6649
SPRM_P_DTAP = 0x664A
SPRM_P_FINNER_TABLE_CELL = 0x244B
SPRM_P_FINNER_TTP = 0x244C
SPRM_T_VERT_MERGE = 0xD62B
SPRM_P_CHG_TABS = 0xC615
SPRM_P_ILVL = 0x260A
SPRM_P_ILFO = 0x460B
#: A PAPX too large for its FKP page (a row of many cells) moved to the Data stream.
SPRM_P_HUGE_PAPX = 0x6646


def _apply_sprms(para: _Para, grpprl: bytes, extra: bytes = b"") -> None:
    depth_change = 0
    walked = 0  # where the last operand read ends
    for sprm, start, size in operands(grpprl):
        walked = start + size
        if sprm == SPRM_T_DEF_TABLE:
            _def_table(para, grpprl[start + 2:walked])
            continue
        if sprm == SPRM_P_CHG_TABS and grpprl[start] == 255:
            return  # rare long form; nothing table-related follows it in practice
        if sprm == SPRM_T_VERT_MERGE and size >= 3 and start + 3 <= len(grpprl):
            cell, merge = grpprl[start + 1], grpprl[start + 2]
            while len(para.merges) <= cell and cell < MAX_COLUMNS:
                para.merges.append((0, 0))
            if cell < len(para.merges):
                para.merges[cell] = (para.merges[cell][0], merge)
        operand = grpprl[start:walked]  # (a variable operand with its size byte)
        if sprm == SPRM_P_FIN_TABLE and operand:
            para.in_table = operand[0] != 0
        elif sprm == SPRM_P_FTTP and operand:
            para.ttp = operand[0] != 0
        elif sprm == SPRM_P_ITAP and len(operand) == 4:
            para.depth = struct.unpack("<i", operand)[0]
        elif sprm == SPRM_P_DTAP and len(operand) == 4:
            depth_change += struct.unpack("<i", operand)[0]
        elif sprm == SPRM_P_HUGE_PAPX and len(operand) == 4 and extra:
            at = struct.unpack("<I", operand)[0]
            if at + 2 <= len(extra):
                size_huge = struct.unpack_from("<H", extra, at)[0]
                _apply_sprms(para, extra[at + 2:at + 2 + size_huge])  # no further indirection
        elif sprm == SPRM_P_ILFO and len(operand) == 2:
            para.ilfo = struct.unpack("<H", operand)[0]
        elif sprm == SPRM_P_ILVL and operand:
            para.ilvl = operand[0]
        elif sprm == SPRM_P_FINNER_TABLE_CELL and operand:
            para.inner_cell = operand[0] != 0
        elif sprm == SPRM_P_FINNER_TTP and operand and operand[0]:
            para.ttp = False  # a nested table's row end: a paragraph of the outer cell
            para.inner_ttp = True
    if walked + 2 <= len(grpprl):
        return  # a property cut short: what it would have said of the table is not known
    para.depth += depth_change
    if para.depth > 0:
        para.in_table = True


def _def_table(para: _Para, operand: bytes) -> None:
    """sprmTDefTable: cell count, the ``count + 1`` boundaries, then a 20-byte TC80 per cell
    (possibly fewer) whose first word holds the merge codes."""
    if not operand:
        return
    count = operand[0]
    if count == 0 or count > MAX_COLUMNS or 1 + 2 * (count + 1) > len(operand):
        return
    para.centers = struct.unpack_from(f"<{count + 1}h", operand, 1)
    merges = []
    tcs = 1 + 2 * (count + 1)
    for index in range(count):
        at = tcs + 20 * index
        flags = struct.unpack_from("<H", operand, at)[0] if at + 2 <= len(operand) else 0
        merges.append((flags & 0x3, (flags >> 5) & 0x3))
    for index, (_, vertical) in enumerate(para.merges[:count]):  # sprmTVertMerge seen first
        if vertical:
            merges[index] = (merges[index][0], vertical)
    para.merges = merges


# --------------------------------------------------------------------------------------------
# Walking the text.


class _Document(LineCollector):
    def __init__(self, word: bytes, table: bytes, extra: bytes, fib: _Fib) -> None:
        super().__init__()
        self.word = word
        self.table = table
        self.extra = extra
        self.fib = fib
        #: The runs Word hides (``doc_hidden``), read on the first call of ``_paragraphs``.
        self.hidden: Any = False

    def extract(self) -> Extracted:
        pieces = _pieces(self.table, *self.fib.clx, len(self.word))
        try:
            papx: _Papx | None = _Papx(self.word, self.table, self.extra, *self.fib.papx)
        except (ValueError, struct.error):
            papx = None
        paragraphs = list(self._paragraphs(pieces))
        if self.fib.text_boxes is not None and pieces:
            # Text boxes (a signer and date set over the seal; a whole page's text): after the
            # body, where the .docx reader reads them in their anchor's paragraph. A story the
            # FIB places past the piece table's last character is read as far as the table goes.
            first, after = self.fib.text_boxes
            paragraphs += self._paragraphs(pieces, first, min(after, pieces[-1][1]))
        props = [papx.lookup(fc) if papx is not None and fc >= 0 else _NO_PROPERTIES for _, _, fc in paragraphs]
        if papx is not None and self.fib.lists is not None:
            paragraphs = self._numbered(paragraphs, props)
        if papx is None or not any(p.in_table or p.ttp for p in props):
            if any(mark == _CELL for _, mark, _ in paragraphs):
                props = _guess_rows(paragraphs)
        else:
            paragraphs, props = _open_frames(paragraphs, props)
        self._walk(paragraphs, props)
        return Extracted(lines=self.lines, container="doc", encoding="utf-16le", damage=self.damage)

    def _numbered(self, paragraphs: list, props: list[_Para]) -> list:
        """The paragraphs with Word's automatic list numbers before their text (``doc_lists``),
        when the document defines lists and some paragraph is on one."""
        if not any(p.ilfo or p.istd for p in props):
            return paragraphs
        from .doc_lists import DocLists

        stylesheet, lists, instances = self.fib.lists or ((0, 0), (0, 0), (0, 0))
        found = DocLists.parse(self.table, lists, instances, stylesheet)
        if found is None:
            return paragraphs
        numbered = []
        for (text, mark, fc), para in zip(paragraphs, props):
            label = found.label(para.istd, para.ilfo, para.ilvl) if not para.ttp else ""
            numbered.append((label + text if label else text, mark, fc))
        return numbered

    def _paragraphs(self, pieces, start: int = 0, end: int | None = None):
        """(text, mark, file position of the mark) per paragraph of the characters from CP
        ``start`` to ``end`` (the main document by default), field codes left out (``\\x13``
        code ``\\x14`` result ``\\x15``: only the result shows)."""
        end = self.fib.ccp_text if end is None else end
        limit = min(end, start + MAX_TEXT_CHARS)
        if self.hidden is False:
            self.hidden = hidden_runs(self.word, self.table, *self.fib.chpx)
        hidden = self.hidden
        if end - start > MAX_TEXT_CHARS:
            self.damage.append((SourceLine("", 1, 1, ""), "文本过长，其余部分未读取 / text too long: the rest was not read"))
        fields: list[bool] = []  # per open field: still in its code part
        in_code = 0  # how many of them are: a counter, so a million nested fields stay linear
        current: list[str] = []
        for first, after, offset, compressed in pieces:
            if first >= limit or after <= start:
                continue
            after = min(after, limit)
            width = 1 if compressed else 2
            if first < start:  # the range starts inside this piece
                offset += (start - first) * width
                first = start
            raw = self.word[offset:offset + (after - first) * width]
            text = _cp1252(raw) if compressed else raw.decode("utf-16-le", "replace")
            if hidden and hidden.meets(offset, offset + len(text) * width):
                # hidden characters read as a control character that is dropped, so that every
                # other keeps its file position (a paragraph's mark finds its properties by it)
                text = "".join("\x01" if hidden.holds(offset + index * width) and char >= " " else char
                               for index, char in enumerate(text))
            start = 0
            for match in _CONTROL.finditer(text):
                index = match.start()
                if index > start and not in_code:
                    current.append(text[start:index])
                start = index + 1
                char = match.group()
                if char == "\x13":
                    fields.append(True)
                    in_code += 1
                elif char == "\x14":
                    if fields and fields[-1]:
                        fields[-1] = False
                        in_code -= 1
                elif char == "\x15":
                    if fields and fields.pop():
                        in_code -= 1
                elif char == _CELL or (char == _PARA and not in_code):
                    yield "".join(current), char, offset + index * width
                    current = []
                elif in_code:
                    continue
                elif char == "\x0c" and not any(current):
                    continue  # a page break opening a paragraph (typed before a numbered heading)
                elif char in ("\x0a", "\x0b", "\x0c"):
                    current.append("\n")
                elif char == "\x1e":
                    current.append("-")
                # any other control character (anchors, references, optional hyphens): dropped
            if start < len(text) and not in_code:
                current.append(text[start:])
        if current:
            yield "".join(current), _PARA, -1

    def _walk(self, paragraphs, props) -> None:
        row: list[list[str]] = []
        cell: list[str] = []
        rows: list[tuple[list[list[str]], _Para]] = []
        for (text, mark, _), para in zip(paragraphs, props):
            if self.full:
                return
            in_table = para.in_table or para.ttp or mark == _CELL
            if not in_table:
                if rows or row or cell:
                    if cell or row:
                        rows.append((row + ([cell] if cell else []), _NO_PROPERTIES))
                    self._table(rows)
                    rows, row, cell = [], [], []
                self._paragraph(text)
                continue
            if mark == _CELL and para.ttp and para.depth <= 1:
                rows.append((row, para))
                row, cell = [], []
            elif mark == _CELL:
                cell.extend(_lines(text))
                row.append(cell)
                cell = []
            else:  # a paragraph inside a cell, or a nested table's cell or row end
                cell.extend(_lines(text))
        if cell or row:
            rows.append((row + ([cell] if cell else []), _NO_PROPERTIES))
        if rows:
            self._table(rows)

    def _paragraph(self, text: str) -> None:
        texts = _lines(text)
        if texts:
            self.paragraphs += 1
            for line in texts:
                self._emit(line, f"第{self.paragraphs}段")

    def _table(self, rows: list[tuple[list[list[str]], _Para]]) -> None:
        """Per row a ``|`` line, then one line per cell at its grid column (columns from the
        union of every row's cell boundaries, as Word lays out its grid), merge continuations
        left out; a closing ``|``."""
        self.tables += 1
        number = self.tables
        grid = _grid({x for _, para in rows for x in para.centers})
        for r, (cells, para) in enumerate(rows, start=1):
            self._emit(ROW_SEPARATOR, f"第{number}个表格 第{r}行")
            shaped = len(para.centers) == len(cells) + 1
            for index, lines in enumerate(cells):
                if shaped:
                    horizontal, vertical = para.merges[index] if index < len(para.merges) else (0, 0)
                    if horizontal >= 2 or vertical in (1, 2):
                        continue
                    column = grid.get(para.centers[index], index)
                else:
                    column = index
                self._emit(join_cell_lines(lines), f"第{number}个表格 第{r}行 第{column + 1}列")
        self._emit(ROW_SEPARATOR, f"第{number}个表格")


#: Cell boundaries closer than this (twips; 20 = 1 pt) are one grid line: rows written by
#: different programs round the same width differently (2771 and 2772).
GRID_TOLERANCE = 20


def _grid(boundaries: set[int]) -> dict[int, int]:
    """Each cell boundary → its grid column, nearby boundaries counted as one line."""
    columns: dict[int, int] = {}
    column, last = -1, None
    for x in sorted(boundaries):
        if last is None or x - last > GRID_TOLERANCE:
            column += 1
            last = x
        columns[x] = column
    return columns


def _guess_rows(paragraphs) -> list[_Para]:
    """Table shape without paragraph properties: a cell mark ending an empty paragraph right
    after another cell mark closes the row. An empty cell at a row's end is then misread as
    the row's end, which is why this is only the fallback."""
    props: list[_Para] = []
    previous = ""
    for text, mark, _ in paragraphs:
        para = _Para()
        if mark == _CELL:
            para.in_table = True
            para.ttp = previous == _CELL and not text.strip()
            previous = "" if para.ttp else _CELL
        else:
            para.in_table = previous == _CELL
        props.append(para)
    return props


def _open_frames(paragraphs: list, props: list[_Para]) -> tuple[list, list[_Para]]:
    """Read a table of one row and one cell that holds a table, or a whole report's paragraphs
    (``FRAME_PARAGRAPHS``), as what it holds, as ``docx._open_frames`` does: a template's frame
    around the whole report (or a table pasted into a cell) was read as one cell, its
    paragraphs and nested tables glued into one line (a clean report gave GAO002). The frame's
    paragraphs come out of the table, its nested tables become tables (their cell and row
    ends, paragraph marks flagged sprmPFInnerTableCell / sprmPFInnerTTP, become cell marks),
    frames in frames in turn. A one-cell table holding a few lines of text (a boxed note)
    stays a table."""
    first = 0
    for _ in range(MOST_FRAMES):
        # Tables before the last frame opened were no frames: look again from where it was.
        frame = _first_frame(paragraphs, props, first)
        if frame is None:
            break
        first, last = frame  # the frame's paragraphs, its row end last
        opened = [_out_of_frame(text, mark, fc, para) for (text, mark, fc), para
                  in zip(paragraphs[first:last], props[first:last])]
        end_text, _, end_fc = paragraphs[last]
        if end_text.strip():
            opened.append(((end_text, _PARA, end_fc), _Para()))
        paragraphs = paragraphs[:first] + [paragraph for paragraph, _ in opened] + paragraphs[last + 1:]
        props = props[:first] + [para for _, para in opened] + props[last + 1:]
    return paragraphs, props


def _first_frame(paragraphs: list, props: list[_Para], start_at: int = 0) -> tuple[int, int] | None:
    """(first paragraph, row end) of the first outer table from ``start_at`` (a table's first
    paragraph or one outside tables) that is one row of one cell holding a nested table or
    ``FRAME_PARAGRAPHS`` paragraphs of text, or None."""
    start = None  # where the current outer table began
    rows = cells = written = 0  # its outer rows; its current row's outer cells, paragraphs of text
    nested = False  # whether the current row holds a nested table
    frame = None  # the table so far, when it is a frame
    for index in range(start_at, len(paragraphs)):
        text, mark, _ = paragraphs[index]
        para = props[index]
        if not (para.in_table or para.ttp or mark == _CELL):
            if frame is not None:
                return frame
            start, rows, cells, written, nested = None, 0, 0, 0, False
            continue
        frame = None  # anything after a frame's row end makes the table more than a frame
        if start is None:
            start = index
        if para.depth <= 1 and mark == _CELL and para.ttp:  # an outer row's end
            rows += 1
            if rows == 1 and cells == 1 and (nested or written >= FRAME_PARAGRAPHS):
                frame = start, index
            cells, written, nested = 0, 0, False
            continue
        if para.depth >= 2:
            nested = True
            continue
        if mark == _CELL:
            cells += 1
        if text.strip():
            written += 1
    return frame


def _out_of_frame(text: str, mark: str, fc: int, para: _Para) -> tuple[tuple[str, str, int], _Para]:
    """A paragraph of a frame's cell one table level up: the cell's own paragraphs (its last
    ends with the cell mark) become body paragraphs, a nested table's become a table's."""
    lifted = _Para()
    lifted.istd, lifted.ilfo, lifted.ilvl = para.istd, para.ilfo, para.ilvl
    lifted.centers, lifted.merges = para.centers, para.merges
    lifted.depth = max(para.depth, 1) - 1
    if lifted.depth == 0:
        return (text, _PARA, fc), lifted
    lifted.in_table = True
    if lifted.depth >= 2:  # still nested: keep its flags for the next frame out
        lifted.inner_cell, lifted.inner_ttp = para.inner_cell, para.inner_ttp
    elif para.inner_cell or para.inner_ttp:
        mark = _CELL
        lifted.ttp = para.inner_ttp
    return (text, mark, fc), lifted


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n") if part.strip()]
