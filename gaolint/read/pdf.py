"""PDF reader: the text layer of a PDF as web-page-like lines, ruled tables flattened.

PDFium (pypdfium2, see pdf_engine.py) is imported only here and only when a PDF is read.
Every failure past the header check becomes ``UnreadableFile`` with a message a person can act
on. Work is bounded: the streams' inflated size is checked before PDFium sees the file and
objects per page once it has parsed a page (pdf_guard.py), glyphs and rules per page, and a
time budget across pages, so a hostile file costs seconds, not minutes. A crash inside PDFium
costs the worker process reading the file, not the run (gaolint/run.py).

An encrypted file opens when its user password is empty (PDFium tries it), as readers do: an
owner password only restricts printing or copying, and a report is published to be read.

What a person sees is what is read: a watermark stamped across the pages (text turned off the
page's axes, or very large and faint) is left out (pdf_engine.py); a gap a typed space makes
between a label and its figure is kept (pdf_text.py); a table broken over a page is one table,
its cut labels and figures joined (pdf_tables.py), even where a line of the table's own text,
drawn with no rule beside it, stands between the pieces (``_table_before``).
"""

from __future__ import annotations

import time
from typing import Any

from .base import ROW_SEPARATOR, Extracted, SourceLine, UnreadableFile
from .limits import MAX_LINE_CHARS, MAX_PDF_PAGES, MAX_TEXT_CHARS
from .pdf_engine import PageData, load, read_page
from .pdf_guard import InflationBomb, PageTooBusy, check_inflation
from .pdf_layout import PageContent, drop_furniture, join_paragraphs
from .pdf_tables import DocTable, PageTable, append_piece, continues, page_tables
from .pdf_text import TextLine, text_lines

#: Glyphs read from one page; a real report page has a few thousand.
MAX_PAGE_CHARS = 50_000
#: Rules (line segments) on one page above which table detection is skipped.
MAX_PAGE_EDGES = 5_000
#: Seconds spent on pages before the rest are skipped with a note.
TIME_BUDGET_SECONDS = 60.0
#: Fewer visible glyphs than this per page on average means a scan without a text layer.
MIN_CHARS_PER_PAGE = 20

NOT_PDF = "不是 PDF 文件（开头没有 %PDF- 标记）/ not a PDF file (no %PDF- header)"
ENCRYPTED = "PDF 已加密，无法读取 / the PDF is encrypted"
NO_TEXT = "PDF 没有文字层（可能是扫描件），无法检查 / the PDF has no text layer (a scanned image?)"
NO_PAGES = "PDF 没有页面 / the PDF has no pages"
NO_UNICODE = ("PDF 的文字无法解码（字体缺少 Unicode 映射）/ the PDF's text cannot be decoded "
              "(its fonts have no Unicode map)")
#: Share of glyphs PDFium could not map to Unicode above which the text is garbage.
MAX_UNDECODED_SHARE = 0.3
#: Encryption handler revision PDFium reports for a file that is not encrypted.
_NOT_ENCRYPTED = -1


def _damaged(reason: str) -> str:
    return f"PDF 文件已损坏或不完整，无法读取 / the PDF is damaged or truncated ({reason})"


def _unreadable(error: BaseException) -> UnreadableFile:
    """The finding for a document PDFium would not open: encryption or damage."""
    message = str(error)
    if "password" in message.lower() or "security" in message.lower():
        return UnreadableFile(ENCRYPTED)
    reason = message.split("PDFium:", 1)[-1].strip(" ).") if "PDFium:" in message else type(error).__name__
    return UnreadableFile(_damaged(reason))


def read_pdf(data: bytes, path: str) -> Extracted:
    """Read a PDF's text layer. Raises UnreadableFile for non-PDFs, damaged, encrypted or
    scanned files."""
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile(NOT_PDF)
    try:
        pdfium, c = load()
    except ImportError:  # pragma: no cover - a broken install
        raise UnreadableFile("未安装 pypdfium2，无法读取 PDF / pypdfium2 is not installed") from None
    try:
        check_inflation(data)
        document = pdfium.PdfDocument(data)
    except InflationBomb as error:
        raise UnreadableFile(str(error)) from None
    except Exception as error:  # noqa: BLE001 - PdfiumError, or anything odd from the binding
        raise _unreadable(error) from None
    try:
        return _read_document(pdfium, c, document)
    finally:
        try:
            document.close()
        except Exception:  # noqa: BLE001 - closing a broken file must not mask the real error
            pass


def _decrypted(pdfium: Any, c: Any, document: Any) -> bytes:
    """An encrypted document's bytes as PDFium decrypts them (streams still compressed), so
    the inflation check can see its streams."""
    import io

    out = io.BytesIO()
    document.save(out, flags=c.FPDF_REMOVE_SECURITY)
    return out.getvalue()


def _read_document(pdfium: Any, c: Any, document: Any) -> Extracted:
    damage: list[str] = []
    try:
        if c.FPDF_GetSecurityHandlerRevision(document.raw) != _NOT_ENCRYPTED:
            check_inflation(_decrypted(pdfium, c, document))
        count = len(document)
    except InflationBomb as error:
        raise UnreadableFile(str(error)) from None
    except Exception as error:  # noqa: BLE001 - see module docstring
        raise _unreadable(error) from None
    pages: list[PageContent] = []
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    timed_out = False
    busy: list[str] = []  # pages given up for drawing too much
    lost = 0  # text objects PDFium dropped (PageData.lost)
    for index in range(min(count, MAX_PDF_PAGES + 1)):
        if index == MAX_PDF_PAGES:
            damage.append(f"PDF 超过 {MAX_PDF_PAGES} 页，只读取了前 {MAX_PDF_PAGES} 页"
                          f" / only the first {MAX_PDF_PAGES} pages were read")
            break
        if index and time.monotonic() > deadline:
            timed_out = True
            damage.append(f"读取超时，只读取了前 {index} 页 / reading took too long; "
                          f"only the first {index} pages were read")
            break
        try:
            page = read_page(pdfium, c, document, index, MAX_PAGE_CHARS + 1)
        except PageTooBusy as error:
            busy.append(str(error))
            continue
        except Exception as error:  # noqa: BLE001 - a page PDFium cannot load
            if not pages and index == count - 1:
                raise _unreadable(error) from None
            damage.append(f"第{index + 1}页无法读取 / page {index + 1} could not be read")
            continue
        lost += page.lost
        pages.append(_read_page(page, damage))
    if not pages:
        raise UnreadableFile(busy[0] if busy else NO_PAGES)
    damage.extend(busy)
    glyphs = sum(len(i.text.replace(" ", "")) if isinstance(i, TextLine)
                 else sum(len(c.text) for c in i.cells) for p in pages for i in p.items)
    if glyphs < MIN_CHARS_PER_PAGE * len(pages):
        raise UnreadableFile(NO_TEXT)
    blank = [p.number for p in pages if p.glyphs < 5 and p.drawn]
    if blank:
        shown = "、".join(map(str, blank[:10])) + ("…" if len(blank) > 10 else "")
        damage.append(f"第{shown}页没有文字层（可能是扫描页），未能检查 / page(s) {shown} have no "
                      f"text layer (scanned?)")
    undecoded = sum(p.undecoded for p in pages)
    if undecoded > MAX_UNDECODED_SHARE * sum(p.glyphs for p in pages):
        raise UnreadableFile(NO_UNICODE)
    if undecoded:
        damage.append(f"PDF 有 {undecoded} 个字符无法解码，显示为 (cid:N) / {undecoded} characters "
                      f"could not be decoded and read as (cid:N)")
    if lost:
        damage.append(f"PDF 有 {lost} 段文字所用的字体没有嵌入文件，本机也没有可替代的中文字体，这些文字"
                      f"（多为单个字，如数字之间的“年”“月”）未能读出，相关的检查可能有误；请在装有中文字体"
                      f"（如 fonts-noto-cjk）的机器上检查 / {lost} text runs are set in fonts the PDF does "
                      f"not embed, and no Chinese font on this machine stands in: they could not be read "
                      f"(mostly single characters, such as 年 and 月 between digits), and checks near them "
                      f"may be wrong; check on a machine with a Chinese font (e.g. fonts-noto-cjk)")
    extracted = _emit(pages, damage)
    extracted.repeatable = not timed_out
    return extracted


def _read_page(page: PageData, damage: list[str]) -> PageContent:
    """One page's prose lines and table pieces, top to bottom."""
    number = page.number
    chars = page.glyphs
    if len(chars) > MAX_PAGE_CHARS:
        damage.append(f"第{number}页字符过多，只读取了前 {MAX_PAGE_CHARS} 个 / page {number}: "
                      f"too many characters, the rest were ignored")
        chars = chars[:MAX_PAGE_CHARS]
    glyphs = len(chars)
    tables: list[PageTable] = []
    if len(page.shapes) <= MAX_PAGE_EDGES:
        tables, chars = page_tables(page.shapes, chars, number)
    else:
        damage.append(f"第{number}页线条过多，未识别表格 / page {number}: too many lines, "
                      f"tables were read as text")
    items: list[TextLine | PageTable] = [*text_lines(chars, number), *tables]
    items.sort(key=lambda i: i.top)
    return PageContent(number=number, height=page.height, width=page.width, items=items,
                       glyphs=glyphs, undecoded=page.undecoded, drawn=page.images > 0)


#: Most lines looked back over for the table a piece continues (a table's stray cell texts).
_LINES_IN_A_TABLE = 64


def _table_before(merged: list[TextLine | DocTable]) -> DocTable | None:
    """The table a page's table piece may continue: the last item, or the last table when
    every line after it lies inside that table's box on its page — a cell's text with no rule
    on one side (a header cell styled with only right and bottom borders) is read as a line,
    and it must not part the table from its rest on the next page."""
    for index in range(len(merged) - 1, max(-1, len(merged) - 1 - _LINES_IN_A_TABLE), -1):
        entry = merged[index]
        if isinstance(entry, DocTable):
            last = entry.last
            if last is None or not all(_inside(line, last) for line in merged[index + 1:]):
                return None
            return entry
    return None


def _inside(line: TextLine | DocTable, table: PageTable) -> bool:
    margin = 2.0
    return (isinstance(line, TextLine) and line.page == table.page and line.x0 >= table.x0 - margin
            and line.x1 <= table.x1 + margin and line.top >= table.top - margin and line.bottom <= table.bottom + margin)


def _emit(pages: list[PageContent], damage_notes: list[str]) -> Extracted:
    """Merge tables across page breaks, join paragraphs, and number the output lines."""
    drop_furniture(pages)
    lines: list[SourceLine] = []
    size = 0

    def add(text: str, place: str) -> None:
        nonlocal size
        if size > MAX_TEXT_CHARS:
            return
        text = text[:MAX_LINE_CHARS]
        size += len(text) + 1
        lines.append(SourceLine(text=text, line=len(lines) + 1, place=place))

    merged: list[TextLine | DocTable] = []
    for item in join_paragraphs(pages):
        if isinstance(item, PageTable):
            previous = _table_before(merged)
            if previous is not None and continues(previous, item):
                append_piece(previous, item)
                continue
            table = DocTable()
            append_piece(table, item)
            merged.append(table)
        else:
            merged.append(item)

    table_number = 0
    for entry in merged:
        if isinstance(entry, TextLine):
            add(entry.text, f"第{entry.page}页")
            continue
        if entry.columns < 2:  # a framed paragraph: its text is prose
            for row in entry.rows:
                for cell in row:
                    if cell.text:
                        add(cell.text, f"第{cell.page}页")
            continue
        table_number += 1
        page = entry.rows[0][0].page if entry.rows else 0
        for row_index, row in enumerate(entry.rows, start=1):
            page = row[0].page
            add(ROW_SEPARATOR, f"第{page}页 第{table_number}个表格 第{row_index}行")
            for cell in row:
                add(cell.text, f"第{page}页 第{table_number}个表格 第{row_index}行 第{cell.col + 1}列")
        add(ROW_SEPARATOR, f"第{page}页 第{table_number}个表格")

    damage: list[tuple[SourceLine, str]] = []
    anchor = lines[0] if lines else SourceLine(text="", line=1, place="第1页")
    if size > MAX_TEXT_CHARS:
        damage_notes.append("PDF 文字过多，后面的内容被忽略 / too much text; the rest was ignored")
    for note in damage_notes:
        damage.append((anchor, note))
    return Extracted(lines=lines, container="pdf", damage=damage, layout="positioned")
