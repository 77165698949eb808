"""Word .docx reports: check the zip, then walk the body in document order.

The archive is checked by ``xmlsafe.open_docx_zip`` before anything is parsed (zip bombs,
entity declarations, encrypted or legacy files): the zip directory for every member, the parts
parsed here inflated and scanned; before python-docx is used (an unusual package) every XML part
is scanned too, since it parses them all.
python-docx's paragraph/table objects lose the interleaving of paragraphs and tables and
hide merged cells, so the body XML is walked directly: paragraphs and tables in order, each
table row's ``w:tc`` cells placed on the true grid (``w:gridBefore``, ``w:gridSpan``) with
``w:vMerge`` continuations skipped, giving the same flattened shape as the HTML reader.

python-docx is imported inside ``read_docx`` so that importing gaolint stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from typing import Any

from . import docx_records
from .base import FRAME_PARAGRAPHS, MOST_FRAMES, ROW_SEPARATOR, Extracted, LineCollector, SourceLine, UnreadableFile
from .docx_numbering import LABEL, mark_list_numbers
from .limits import ICON_PIXELS, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_LINES, MAX_PICTURES, MAX_TEXT_CHARS
from .xmlsafe import join_cell_lines, open_docx_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Wrappers whose children belong to the enclosing level (content controls, custom XML).
_WRAPPERS = {W + "sdt", W + "customXml", W + "sdtContent", W + "smartTag", W + "ins", W + "moveTo"}
#: Subtrees whose text is not the report's: deleted revisions, field codes, fallbacks that
#: duplicate an mc:Choice, properties; a phonetic guide's reading (``w:rt`` of a ``w:ruby``:
#: the pinyin Word draws small above a rare character, which read in line made 长pīn宁区).
_SKIP = {W + "del", W + "moveFrom", MC + "Fallback", W + "instrText", W + "delText", W + "pPr", W + "rPr", W + "sdtPr",
         W + "rt"}
#: Largest gridSpan honoured; a report table is < 20 columns wide.
MAX_SPAN = 256
#: Records shorter than this cannot reach the text or line limits (``_Body.extract_records``).
_DIRECT = min(MAX_TEXT_CHARS, MAX_LINES)
#: " 第{n}列" for the first columns (``_Body.extract_records``).
_KNOWN_COLUMNS = 64
_COLUMNS = [f" 第{column + 1}列" for column in range(_KNOWN_COLUMNS)]


def read_docx(data: bytes, path: str, chunk_depth: int = 0) -> Extracted:
    """Extract a .docx report. Raises UnreadableFile, never anything else for bad input.
    ``chunk_depth``: how deep in other packages' chunks this one is (``docx_chunks``)."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"文件过大（{len(data)} 字节） / file too large ({len(data)} bytes)")
    if not data.startswith(b"PK"):
        from .doc import read_doc, word_in_another_form

        if word_in_another_form(data):
            # A Word 97-2003 file, an RTF or a web page saved or renamed .docx (an upload renamed
            # by hand or by a site): read as what it is, as a .doc holding a .docx is.
            return read_doc(data, path)
    archive = open_docx_zip(data)
    data = archive.data  # as checked (a nonsense zip version field set right)
    main = _main_document(archive)
    if main is not None:
        root, xml = main
        body = root.find(W + "body")
        if body is not None:
            _open_frames(body)
            chunks = _chunks(archive, path, chunk_depth, xml)
            # A document with a picture is walked (the walk notes where pictures stand; the
            # records do not): the same lines either way (tests/test_real_variants.py). A
            # picture is stored under word/media/ and drawn by a w:drawing or w:pict; the part
            # names are asked first (a scan of the body's bytes cost ~60 µs a document).
            pictures = (any(name.startswith("word/media/") for name in archive.names)
                        and _PICTURE_BYTES.search(xml) is not None)
            if mark_list_numbers(archive, body):  # Word's list numbers: the walk puts them in
                return _Body(_plain_runs(body), numbered=True, pictures=pictures, chunks=chunks).extract(body)
            records = None if pictures or chunks else docx_records.records(root, xml)
            if records is not None:
                try:
                    return _Body().extract_records(records)
                except _Unusual:
                    pass
            return _Body(_plain_runs(body), pictures=pictures, chunks=chunks).extract(body)
    archive.check_all()  # python-docx parses every part it knows
    try:
        import docx

        document = docx.Document(BytesIO(data))
        body = document.element.body
    except UnreadableFile:
        raise
    except Exception as error:  # python-docx raises KeyError, ValueError, XMLSyntaxError...
        raise UnreadableFile(f"无法打开 Word 文档 / cannot open the Word document: {error}") from None
    if body is None:
        raise UnreadableFile("Word 文档没有正文（可能是 Strict Open XML 格式） / the document has no body (Strict Open XML?)")
    chunks = _chunks(archive, path, chunk_depth, archive.read("word/document.xml"))
    return _Body(numbered=mark_list_numbers(archive, body), pictures=True, chunks=chunks).extract(body)


def _chunks(archive: Any, path: str, depth: int, xml: bytes) -> Any:
    """The package's alternative-format chunks (``docx_chunks``) when its main document has
    any (``w:altChunk``), else None."""
    if b"altChunk" not in xml:
        return None
    from .docx_chunks import Chunks

    return Chunks(archive, path, depth)


_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _main_document(archive: Any) -> tuple[Any, bytes] | None:
    """The root of ``word/document.xml`` parsed with lxml alone, and its bytes, when the package is the
    ordinary shape python-docx would open the same way: one officeDocument relationship to
    ``word/document.xml``, whose content type is the WordprocessingML main document. None
    otherwise (and on any parse error), and the caller goes through python-docx, whose
    behaviour and messages stay those of before.

    Why: python-docx parses every part it knows (styles.xml alone is 350 KB in a Word-saved
    report) into custom element classes, 17 of the 26 ms a .docx took; the reader needs only
    the main document. The parser is python-docx's own settings (``remove_blank_text``, no
    entities), so the tree walked is the same. The three parts parsed here were checked by
    ``open_docx_zip`` (DTDs, element counts; every part's sizes from the zip directory)."""
    from lxml import etree

    names = archive.names
    if "_rels/.rels" not in names or "[Content_Types].xml" not in names:
        return None
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), parser)
        main = [r for r in rels.iter(_RELS_NS + "Relationship") if r.get("Type") == _OFFICE_DOCUMENT]
        if len(main) != 1 or main[0].get("TargetMode", "Internal") != "Internal":
            return None
        if main[0].get("Target") not in ("word/document.xml", "/word/document.xml"):
            return None
        types = etree.fromstring(archive.read("[Content_Types].xml"), parser)
        overrides = [o.get("ContentType") for o in types.iter(_TYPES_NS + "Override")
                     if (o.get("PartName") or "").lower() == "/word/document.xml"]
        if overrides != [_MAIN_TYPE]:
            return None
        xml = archive.read("word/document.xml")
        root = etree.fromstring(xml, parser)
    except Exception:  # anything unusual: python-docx decides, as before
        return None
    if root.tag != W + "document":
        return None
    return root, xml


class _Body(LineCollector):
    """Collects the lines of one document body, numbering paragraphs and tables."""

    def __init__(self, plain: bool = False, numbered: bool = False, pictures: bool = False,
                 chunks: Any = None) -> None:
        super().__init__()
        #: The package's ``docx_chunks.Chunks``, when its body names any: each chunk's lines
        #: are read in its place.
        self.chunks = chunks
        #: Whether body paragraphs may hold a picture: then each is asked (``_holds_picture``),
        #: and the line a picture stands before is noted in ``images``.
        self.pictures = pictures
        self.images: list[int] = []
        #: No text-bearing element inside a skipped subtree (``_plain_runs``): paragraphs are
        #: read by lxml's filtered ``iter``.
        text_of = _plain_paragraph_text if plain else paragraph_text
        if numbered:  # Word's list numbers (docx_numbering) go before their paragraphs' text
            def text_of(paragraph: Any, text_of: Callable[[Any], str] = text_of) -> str:
                return (paragraph.get(LABEL) or "") + text_of(paragraph)
        self.text_of = text_of

    def extract(self, body: Any) -> Extracted:
        text_of = self.text_of
        pictures = self.pictures
        for block in _blocks(body, chunks=self.chunks is not None):
            if self.full:
                break
            if block.tag == _ALT_CHUNK:
                self._chunk(block)
            elif block.tag == W + "p":
                if pictures and len(self.images) < MAX_PICTURES and _holds_picture(block):
                    self.images.append(len(self.lines))
                texts = _lines(text_of(block))
                if texts:
                    self.paragraphs += 1
                    for text in texts:
                        self._emit(text, f"第{self.paragraphs}段")
            else:
                self._table(block)
        return Extracted(lines=self.lines, container="docx", encoding="utf-8", damage=self.damage,
                         images=self.images)

    def _chunk(self, node: Any) -> None:
        """The lines of the document a ``w:altChunk`` names, in its place."""
        lines, notes = self.chunks.read(node)
        for note in notes:
            self.damage.append((SourceLine("", len(self.lines) + 1, 1, f"第{self.paragraphs + 1}段"), note))
        for text, place in lines:
            self._emit(text, place)

    def extract_records(self, records: str) -> Extracted:
        """``extract`` of the body whose records (``docx_records``) are ``records``: the same
        lines, places and damage notes. Raises ``_Unusual`` for a row whose ``w:gridBefore``
        follows one of its cells (the walk places every cell after it): walk instead.

        Every line costs at least as many characters of ``records`` as it adds to the text
        (its text, and a ``\\r`` and a letter or a line feed for the line's end), so when
        ``records`` is shorter than the text and line limits no limit can be reached: lines are
        appended directly, only a line too long for ``MAX_LINE_CHARS`` goes through ``_emit``."""
        emit = self._emit
        lines = self.lines
        append = lines.append
        direct = len(records) < _DIRECT
        number = row = column = 0
        row_place = ""
        started = before = False  # a cell of the row read; its w:gridBefore read
        #: The cell being read: its lines, first gridSpan, vMerge and hMerge values; a nested
        #: cell's frame is pushed on ``outer``.
        cell: list[str] | None = None
        span: str | None = None
        vmerge: str | None = None
        hmerge: str | None = None
        outer: list[tuple[list[str], str | None, str | None]] = []
        for record in _units(records) if direct else records.split("\r")[1:]:
            kind = record[0]
            if kind in "SVHNn":  # inside a cell
                if kind == "N":
                    outer.append((cell, vmerge, hmerge))  # type: ignore[arg-type]
                    cell, vmerge, hmerge = [], None, None
                    text = record[1:]
                elif kind == "n":
                    inner = cell
                    merged = _merged(vmerge, hmerge)
                    cell, vmerge, hmerge = outer.pop()
                    if not merged:
                        cell.extend(inner)  # type: ignore[arg-type]
                    text = record[1:]
                else:
                    value, _, text = record[1:].partition("\n")
                    if kind == "V":
                        if vmerge is None:
                            vmerge = value
                    elif kind == "H":
                        if hmerge is None:
                            hmerge = value
                    elif span is None and not outer:
                        span = value
                if text:
                    cell.extend(_lines(text))  # type: ignore[union-attr]
                continue
            if cell is not None:  # the cell ends
                if (vmerge is None or vmerge == "restart") and (hmerge is None or hmerge == "restart"):
                    text = (cell[0] if len(cell) == 1 else join_cell_lines(cell)) if cell else ""
                    place = row_place + (_COLUMNS[column] if column < _KNOWN_COLUMNS else f" 第{column + 1}列")
                    if direct and len(text) <= MAX_LINE_CHARS:
                        append(SourceLine(text, len(lines) + 1, 1, place))
                    else:
                        emit(text, place)
                column += 1 if span is None else max(1, min(_int(span, 1), MAX_SPAN))
                cell = None
            if kind == "C":
                span = vmerge = hmerge = None
                started = True
                if record.find("\n", 2) < 0:  # one paragraph (or none): its stripped text
                    text = record[1:].strip()
                    cell = [text] if text else []
                else:
                    cell = _lines(record[1:])
            elif kind == "F":  # a row of cells without nested tables (``_units``)
                row += 1
                row_place = f"第{number}个表格 第{row}行"
                append(SourceLine(ROW_SEPARATOR, len(lines) + 1, 1, row_place))
                column = 0
                for text in record.split("\rC")[1:]:
                    width = 1
                    if "\r" in text:  # the cell's gridSpan, vMerge, hMerge records
                        span = vmerge = hmerge = None
                        pieces = text.split("\r")
                        texts = [pieces[0]]
                        for piece in pieces[1:]:
                            value, _, more = piece[1:].partition("\n")
                            if piece[0] == "V":
                                if vmerge is None:
                                    vmerge = value
                            elif piece[0] == "H":
                                if hmerge is None:
                                    hmerge = value
                            elif span is None:
                                span = value
                            texts.append(more)
                        if span is not None:
                            width = max(1, min(_int(span, 1), MAX_SPAN))
                        if _merged(vmerge, hmerge):
                            column += width
                            continue
                        text = join_cell_lines(_lines("\n".join(texts)))
                    else:
                        text = text.strip() if text.find("\n", 1) < 0 else join_cell_lines(_lines(text))
                    place = row_place + (_COLUMNS[column] if column < _KNOWN_COLUMNS else f" 第{column + 1}列")
                    append(SourceLine(text, len(lines) + 1, 1, place))
                    column += width
            elif kind == "R":
                row += 1
                row_place = f"第{number}个表格 第{row}行"
                if direct:
                    append(SourceLine(ROW_SEPARATOR, len(lines) + 1, 1, row_place))
                else:
                    emit(ROW_SEPARATOR, row_place)
                column = 0
                started = before = False
            elif kind == "B":
                if not before:
                    if started:
                        raise _Unusual
                    column = max(0, min(_int(record[1:], 0), MAX_SPAN))
                    before = True
            elif kind == "P":
                if self.full:
                    break
                texts = _lines(record[1:])
                if texts:
                    self.paragraphs += 1
                    place = f"第{self.paragraphs}段"
                    for text in texts:
                        if direct and len(text) <= MAX_LINE_CHARS:
                            append(SourceLine(text, len(lines) + 1, 1, place))
                        else:
                            emit(text, place)
            elif kind == "T":
                if self.full:
                    break
                self.tables += 1
                number = self.tables
                row = 0
            elif kind == "E":
                emit(ROW_SEPARATOR, f"第{number}个表格")
        return Extracted(lines=self.lines, container="docx", encoding="utf-8", damage=self.damage)

    def _table(self, table: Any) -> None:
        """Per row a ``|`` line, then one line per cell starting in that row (``w:vMerge``
        continuations skipped), placed at its true grid column; a closing ``|``."""
        self.tables += 1
        number = self.tables
        for r, row in enumerate(_rows(table), start=1):
            self._emit(ROW_SEPARATOR, f"第{number}个表格 第{r}行")
            column = _grid_before(row)
            for cell in _cells(row):
                simple = _simple_cell(cell, self.text_of)
                if simple is None:
                    span, continuation = _cell_props(cell)
                    if not continuation:
                        self._emit(join_cell_lines(cell_lines(cell, self.text_of)), f"第{number}个表格 第{r}行 第{column + 1}列")
                else:
                    span, text = simple
                    if text is not None:
                        self._emit(text, f"第{number}个表格 第{r}行 第{column + 1}列")
                column += span
        self._emit(ROW_SEPARATOR, f"第{number}个表格")


def _units(records: str) -> list[str]:
    """``records`` split into records, except that a table row without ``w:gridBefore`` or
    nested tables (records ``C``, ``S``, ``V``, ``H`` only) and shorter than ``MAX_LINE_CHARS``
    is one unit, ``F`` + its records, read a cell at a time (no cell's line is longer than the
    row's records)."""
    chunks = records.split("\rR")
    units = chunks[0].split("\r")[1:]
    for chunk in chunks[1:]:
        row, end, rest = chunk.partition("\rE")
        if len(row) < MAX_LINE_CHARS and _SLOW_ROW.search(row) is None:
            units.append("F" + row)
            if end:
                units.append("E")
                units.extend(rest.split("\r")[1:])
        else:
            units.append("R")
            units.extend(chunk.split("\r")[1:])
    return units


_SLOW_ROW = re.compile("\r[^CSVH]")


class _Unusual(Exception):
    """Records ``_Body.extract_records`` does not read: the body is walked instead."""


def _merged(vmerge: str | None, hmerge: str | None) -> bool:
    """``_span_and_merge``'s continuation test on the ``w:val`` of the first ``w:vMerge`` and
    ``w:hMerge`` (None: no such element; a missing value is "", which is not "restart" either)."""
    return (vmerge is not None and vmerge != "restart") or (hmerge is not None and hmerge != "restart")


def _int(value: str, default: int) -> int:
    """``_int_val`` of an element whose ``w:val`` is ``value`` ("" when it has none)."""
    try:
        return int(value)
    except ValueError:
        return default


#: A drawing (DrawingML) or a VML picture anywhere in the document's XML.
_PICTURE_BYTES = re.compile(rb"<w:drawing[\s>]|<w:pict[\s>]")
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
#: English Metric Units a pixel (at 96 dpi).
_EMU_PER_PIXEL = 9525


def _holds_picture(paragraph: Any) -> bool:
    """Whether a body paragraph shows a picture large enough to hold a table: a ``w:drawing``
    whose extent is not an icon's (under 64 px either way), or a VML ``w:pict``."""
    for drawing in paragraph.iter(W + "drawing", W + "pict"):
        if drawing.tag == W + "pict":
            return True
        extent = next(drawing.iter(_WP + "extent"), None)
        if extent is None:
            return True
        sizes = [_int(extent.get(name) or "", 0) for name in ("cx", "cy")]
        if all(size >= ICON_PIXELS * _EMU_PER_PIXEL for size in sizes):
            return True
    return False


_ALT_CHUNK = W + "altChunk"


def _blocks(container: Any, chunks: bool = False) -> list[Any]:
    """Paragraphs and tables of a body or cell in document order, unwrapping content controls;
    and the body's alternative-format chunks when ``chunks``."""
    found: list[Any] = []
    wanted = (W + "p", W + "tbl", _ALT_CHUNK) if chunks else (W + "p", W + "tbl")
    stack = list(reversed(container))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in wanted:
            found.append(node)
        elif tag in _WRAPPERS:
            stack.extend(reversed(node))
    return found


def _open_frames(body: Any) -> None:
    """Read a table of one row and one cell that holds a table, or a whole report's paragraphs
    (``FRAME_PARAGRAPHS``), as what it holds. Templates draw such a frame around the report or
    around each table, and a table pasted into a cell makes one: left closed, the national
    table inside was read as one cell's lines (a clean report gave GAO003, a dash in a count
    was no longer GAO106), a report of text alone one glued line. Frames inside frames are
    opened in turn (``MOST_FRAMES``). A one-cell table holding a few lines of text (a boxed
    note) stays a table: the tables keep the numbers Word shows them with."""
    opened = start = 0
    while opened < MOST_FRAMES:
        # The blocks before the last frame opened are as they were, and none was a frame.
        blocks = _blocks(body)
        found = next(((index, node, cell) for index in range(start, len(blocks))
                      if (node := blocks[index]).tag == W + "tbl" and (cell := _one_cell(node)) is not None), None)
        if found is None:
            return
        start, frame, cell = found
        parent = frame.getparent()
        place = parent.index(frame)
        parent.remove(frame)
        for offset, node in enumerate(child for child in cell if child.tag != W + "tcPr"):
            parent.insert(place + offset, node)
        opened += 1


def _one_cell(table: Any) -> Any | None:
    """The cell of a table of one row and one cell that is a frame, else None."""
    rows = _rows(table)
    if len(rows) != 1:
        return None
    cells = _cells(rows[0])
    if len(cells) != 1:
        return None
    blocks = _blocks(cells[0])
    if any(node.tag == W + "tbl" for node in blocks):
        return cells[0]
    written = sum(1 for node in blocks if any((text.text or "").strip() for text in node.iter(W + "t")))
    return cells[0] if written >= FRAME_PARAGRAPHS else None


def _rows(table: Any) -> list[Any]:
    return [n for n in _unwrap(table) if n.tag == W + "tr"]


def _cells(row: Any) -> list[Any]:
    return [n for n in _unwrap(row) if n.tag == W + "tc"]


def _unwrap(node: Any) -> list[Any]:
    found: list[Any] = []
    stack = list(reversed(node))
    while stack:
        child = stack.pop()
        if child.tag in _WRAPPERS:
            stack.extend(reversed(child))
        else:
            found.append(child)
    return found


def _val(node: Any | None) -> str | None:
    return None if node is None else node.get(W + "val")


def _int_val(node: Any | None, default: int) -> int:
    value = _val(node)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _grid_before(row: Any) -> int:
    return max(0, min(_int_val(_first(row, W + "trPr", W + "gridBefore"), 0), MAX_SPAN))


def _first(node: Any, holder: str, name: str) -> Any | None:
    """``node.find(holder/name)`` without ElementPath (a compiled-path ``find`` costs ~30 us a
    call on python-docx's elements)."""
    for props in node.iterchildren(holder):
        for found in props.iterchildren(name):
            return found
    return None


def _cell_props(cell: Any) -> tuple[int, bool]:
    """(grid span, is a merge continuation) of a ``w:tc`` in one pass over its ``w:tcPr``
    children: the first ``w:gridSpan``, ``w:vMerge`` and ``w:hMerge`` in document order, as
    ``cell.find("w:tcPr/w:gridSpan")`` etc. would find them. Three path lookups a cell were
    40% of reading a .docx."""
    return _span_and_merge([props for props in cell if props.tag == _TC_PR])


def _span_and_merge(holders: list[Any]) -> tuple[int, bool]:
    """``_cell_props`` of a cell whose ``w:tcPr`` children are ``holders``."""
    span = vmerge = hmerge = None
    for props in holders:
        for item in props:
            tag = item.tag
            if tag == _GRID_SPAN:
                if span is None:
                    span = item
            elif tag == _V_MERGE:
                if vmerge is None:
                    vmerge = item
            elif tag == _H_MERGE and hmerge is None:
                hmerge = item
    continuation = ((vmerge is not None and vmerge.get(_VAL) != "restart")
                    or (hmerge is not None and hmerge.get(_VAL) != "restart"))
    return 1 if span is None else max(1, min(_int_val(span, 1), MAX_SPAN)), continuation


def _simple_cell(cell: Any, text_of: Callable[[Any], str]) -> tuple[int, str | None] | None:
    """(grid span, the cell's text or None for a merge continuation) of a cell holding only
    ``w:tcPr`` and paragraphs (nearly every cell), read in one pass over its children; None
    for any other cell (nested tables, content controls...), which goes the general way.
    The same as ``_cell_props`` and ``join_cell_lines(cell_lines(cell))``."""
    holders: list[Any] = []
    lines: list[str] = []
    for child in cell:
        tag = child.tag
        if tag == _W_P:
            text = text_of(child)
            if "\n" in text:
                lines.extend(_lines(text))
            else:
                text = text.strip()
                if text:
                    lines.append(text)
        elif tag == _TC_PR:
            holders.append(child)
        else:
            return None
    width, continuation = _span_and_merge(holders)
    if continuation:
        return width, None
    if len(lines) == 1:
        return width, lines[0]
    return width, join_cell_lines(lines)


def _is_continuation(cell: Any) -> bool:
    """A cell covered by the merged cell above (``w:vMerge`` without ``restart``) or, in old
    files, to the left (``w:hMerge``): its text is the merged cell's and is not repeated."""
    return _cell_props(cell)[1]


_TC_PR = W + "tcPr"
_GRID_SPAN = W + "gridSpan"
_V_MERGE = W + "vMerge"
_H_MERGE = W + "hMerge"
_VAL = W + "val"


def paragraph_text(paragraph: Any) -> str:
    """The visible text of a ``w:p``: runs, hyperlinks, fields' results and insertions, with
    ``w:br``/``w:cr`` as line breaks and ``w:tab`` as a tab; deletions, field codes and hidden
    runs (``w:vanish``: Word neither shows nor prints them) left out, and page and column
    breaks before any text, which move the text on without ending its line (a page break typed
    at the start of a numbered heading left its number alone on a line); after text, a page
    break ends the line (…结转下年度。<page break>二、主动公开…: the heading starts the page).
    Text-box paragraphs inside the runs follow on new lines."""
    out: list[str] = []
    stack = list(reversed(paragraph))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(node.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag == W + "br":
            if _ends_line(node, out):
                out.append("\n")
        elif tag == W + "cr":
            out.append("\n")
        elif tag == _W_R and _hidden(node):
            continue
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "p":  # a text box's paragraph nested in a run
            out.append("\n")
            stack.extend(reversed(node))
        else:
            stack.extend(reversed(node))
    return "".join(out)


_W_R = W + "r"
_BR_TYPE = W + "type"
#: ``w:br`` types that start a new page or column, not a new line.
_PAGE_BREAKS = ("page", "column")
_RPR = W + "rPr"
_VANISH = W + "vanish"


def _ends_line(brk: Any, out: list[str]) -> bool:
    """Whether a tab, line break or nested paragraph is written, ``out`` holding the paragraph's
    text so far: always, but a page or column break only after text, as a line's end (what follows
    starts a page; before any text it must not leave a numbered heading's number alone).
    ``docx_records._page_break`` is the same rule on the stylesheet's records."""
    return brk.get(_BR_TYPE) not in _PAGE_BREAKS or bool("".join(out).strip())


def _hidden(run: Any) -> bool:
    """A run formatted as hidden text (``w:rPr/w:vanish``, not switched off by ``w:val``)."""
    properties = run.find(_RPR)
    if properties is None:
        return False
    vanish = properties.find(_VANISH)
    return vanish is not None and vanish.get(_VAL) not in ("0", "false", "off")


def cell_lines(cell: Any, text_of: Callable[[Any], str] | None = None) -> list[str]:
    """A cell's lines: its paragraphs, and the cells of nested tables flattened in order."""
    text_of = text_of or paragraph_text
    lines: list[str] = []
    for block in _blocks(cell):
        if block.tag == W + "p":
            lines.extend(_lines(text_of(block)))
        else:
            for row in _rows(block):
                for inner in _cells(row):
                    if not _is_continuation(inner):
                        lines.extend(cell_lines(inner, text_of))
    return lines


#: What ``paragraph_text`` turns into text, and the subtrees it skips.
_TEXTY = (W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "p")
_FIXED = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-", W + "p": "\n"}
_W_T = W + "t"
_W_P = W + "p"
_HOLDERS = (*_SKIP, *_TEXTY[:-1])


def _plain_runs(body: Any) -> bool:
    """True when no subtree ``paragraph_text`` skips (deletions, field codes, fallbacks,
    properties) or does not look into (a ``w:t``...) holds an element it would turn into text:
    then ``_plain_paragraph_text`` gives the same text. lxml finds the holders in one filtered
    pass in C; only those with children are looked into (a ``w:rPr``'s few properties). A body
    with hidden runs (``w:vanish``) is the walk's to read: only it leaves them out."""
    if next(body.iter(_VANISH), None) is not None:
        return False
    for holder in body.iter(*_HOLDERS):
        if len(holder):
            for _ in holder.iter(*_TEXTY):  # the holder itself if it is text-bearing: the walk
                return False  # would not look inside it either, so be careful
    return True


def _plain_paragraph_text(paragraph: Any) -> str:
    """``paragraph_text`` when ``_plain_runs`` holds: every node of the paragraph in document
    order through lxml's ``iter`` (in C), text taken from the text-bearing ones, instead of a
    walk that skips subtrees in Python. The paragraph itself is the first node ``iter``
    yields; a nested ``w:p`` (a text box) is a line break, as in the walk."""
    out = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == _W_T:
            out.append(node.text or "")
        elif tag in _FIXED and node is not paragraph and _ends_line(node, out):
            out.append(_FIXED[tag])
    return "".join(out)


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n") if part.strip()]
