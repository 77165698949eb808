"""PDF reader: the text layer of a PDF as web-page-like lines, ruled tables flattened.

pdfplumber (on pdfminer.six) is imported only here and only when a PDF is read. pdfminer
raises many exception types on damaged input, so every failure past the header check becomes
``UnreadableFile`` with a message a person can act on. Work is bounded (inflated stream bytes
and objects per page in pdf_guard, rules per page, a time budget) so a hostile file costs
seconds, not minutes.
"""

from __future__ import annotations

import io
import logging
import time
from itertools import islice
from typing import Any

from .base import ROW_SEPARATOR, Extracted, SourceLine, UnreadableFile
from .limits import MAX_LINE_CHARS, MAX_PDF_PAGES, MAX_TEXT_CHARS
from .pdf_guard import InflationBomb, PageTooBusy, bounded_inflation, bounded_layout
from .pdf_layout import PageContent, drop_furniture, join_paragraphs
from .pdf_tables import DocTable, PageTable, append_piece, continues, page_tables
from .pdf_text import Char, TextLine, text_lines

#: Glyphs read from one page; a real report page has a few thousand at most.
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
#: Share of glyphs pdfminer could only name as ``(cid:N)`` above which the text is garbage.
MAX_UNDECODED_SHARE = 0.3


def _damaged(error: BaseException) -> str:
    inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else error
    name = type(inner).__name__
    return f"PDF 文件已损坏或不完整，无法读取 / the PDF is damaged or truncated ({name})"


def _is_encryption_error(error: BaseException, data: bytes) -> bool:
    """pdfplumber wraps pdfminer's errors; look through the wrapping for a password error."""
    seen: list[BaseException] = [error]
    while seen:
        current = seen.pop()
        if "Password" in type(current).__name__ or "Encrypt" in type(current).__name__:
            return True
        seen.extend(a for a in current.args if isinstance(a, BaseException))
        if current.__cause__ is not None:
            seen.append(current.__cause__)
    return b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]


def _unreadable(error: BaseException, data: bytes) -> UnreadableFile:
    """The finding for an exception out of pdfminer: a bomb, encryption, or damage."""
    seen: list[BaseException] = [error]
    while seen:
        current = seen.pop()
        if isinstance(current, InflationBomb):
            return UnreadableFile(str(current))
        seen.extend(a for a in current.args if isinstance(a, BaseException))
        if current.__cause__ is not None:
            seen.append(current.__cause__)
    return UnreadableFile(ENCRYPTED if _is_encryption_error(error, data) else _damaged(error))


def _quiet_pdfminer() -> None:
    """pdfminer logs a warning for every damaged stream it recovers from; a linter's output
    is findings, not that. Left alone when the user configured the logger."""
    logger = logging.getLogger("pdfminer")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)


def read_pdf(data: bytes, path: str) -> Extracted:
    """Read a PDF's text layer. Raises UnreadableFile for non-PDFs, damaged, encrypted or
    scanned files."""
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile(NOT_PDF)
    try:
        import pdfplumber
        from pdfplumber.page import Page
        from pdfminer.pdfpage import PDFPage
    except ImportError:  # pragma: no cover - a broken install
        raise UnreadableFile("未安装 pdfplumber，无法读取 PDF / pdfplumber is not installed") from None
    _quiet_pdfminer()
    with bounded_inflation():
        return _read_document(pdfplumber, Page, PDFPage, data)


def _read_document(pdfplumber: Any, Page: Any, PDFPage: Any, data: bytes) -> Extracted:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - pdfminer raises anything on bad input
        raise _unreadable(error, data) from None
    try:
        damage: list[str] = []
        pages: list[PageContent] = []
        deadline = time.monotonic() + TIME_BUDGET_SECONDS
        timed_out = False
        busy: list[str] = []  # pages given up for drawing too much
        doctop = 0.0
        for index, page_object in enumerate(islice(PDFPage.create_pages(pdf.doc), MAX_PDF_PAGES + 1)):
            if index == MAX_PDF_PAGES:
                damage.append(f"PDF 超过 {MAX_PDF_PAGES} 页，只读取了前 {MAX_PDF_PAGES} 页"
                              f" / only the first {MAX_PDF_PAGES} pages were read")
                break
            if index and time.monotonic() > deadline:
                timed_out = True
                damage.append(f"读取超时，只读取了前 {index} 页 / reading took too long; "
                              f"only the first {index} pages were read")
                break
            page = Page(pdf, page_object, page_number=index + 1, initial_doctop=doctop)
            doctop += float(page.height)
            try:
                page._layout = bounded_layout(pdf, page_object, index + 1)
            except PageTooBusy as error:
                busy.append(str(error))
                page.close()
                continue
            pages.append(_read_page(page, index + 1, damage))
            page.close()
    except UnreadableFile:
        raise
    except Exception as error:  # noqa: BLE001 - see module docstring
        raise _unreadable(error, data) from None
    finally:
        try:
            pdf.close()
        except Exception:  # noqa: BLE001 - closing a broken file must not mask the real error
            pass
    if not pages:
        raise UnreadableFile(busy[0] if busy else NO_PAGES)
    damage.extend(busy)
    glyphs = sum(len(i.text.replace(" ", "")) if isinstance(i, TextLine)
                 else sum(len(c.text) for c in i.cells) for p in pages for i in p.items)
    if glyphs < MIN_CHARS_PER_PAGE * len(pages):
        raise UnreadableFile(NO_TEXT)
    blank = [p.number for p in pages if p.glyphs < 5]
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
    extracted = _emit(pages, damage)
    extracted.repeatable = not timed_out
    return extracted


def _read_page(page: Any, number: int, damage: list[str]) -> PageContent:
    """One page's prose lines and table pieces, top to bottom."""
    page = page.dedupe_chars()
    chars: list[Char] = [c for c in page.chars if str(c.get("text", "")).strip()]
    if len(chars) > MAX_PAGE_CHARS:
        damage.append(f"第{number}页字符过多，只读取了前 {MAX_PAGE_CHARS} 个 / page {number}: "
                      f"too many characters, the rest were ignored")
        chars = chars[:MAX_PAGE_CHARS]
    glyphs = len(chars)
    undecoded = sum(1 for c in chars if str(c["text"]).startswith("(cid:"))
    tables: list[PageTable] = []
    if len(page.edges) <= MAX_PAGE_EDGES:
        tables, chars = page_tables(page, chars, number)
    else:
        damage.append(f"第{number}页线条过多，未识别表格 / page {number}: too many lines, "
                      f"tables were read as text")
    items: list[TextLine | PageTable] = [*text_lines(chars, number), *tables]
    items.sort(key=lambda i: i.top)
    return PageContent(number=number, height=float(page.height), width=float(page.width), items=items,
                       glyphs=glyphs, undecoded=undecoded)


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
            previous = merged[-1] if merged else None
            if isinstance(previous, DocTable) and continues(previous, item):
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
    return Extracted(lines=lines, container="pdf", damage=damage)
