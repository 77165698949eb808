"""HTML report pages: find the report inside a government CMS page and flatten it to lines.

Reports are published as pages of a portal: the report sits in one element (div#zoom,
.TRS_Editor, ...) surrounded by navigation, scripts, share buttons and a footer with the
site's 公网安备 number. Names differ by CMS, so the body is found by *content*: the smallest
element holding most of the page's Chinese text, widened while its siblings still hold report
material (numbered section headings, number tables). Tables become the "one cell per line,
lone ``|`` between rows" shape of ``base.ROW_SEPARATOR``, each cell remembering its ``<td>``'s
source line and its true grid row/column after rowspan/colspan.

lxml is imported inside ``read_html`` so that importing gaolint stays fast.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable
from typing import Any

from .base import ROW_SEPARATOR, Extracted, SourceLine, UnreadableFile
from .decode import decode_bytes
from .html_lists import ListMarkers, has_own_number
from .limits import ICON_PIXELS, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_PICTURES, MAX_TEXT_CHARS
from .text import SUPPRESSION
from .xmlsafe import _CJK_IDEOGRAPH, count_cjk, is_cjk, join_cell_lines

#: Elements never part of a report's text.
JUNK_TAGS = frozenset(
    ["script", "style", "noscript", "iframe", "template", "svg", "object", "embed", "select", "button", "textarea", "input", "head", "title", "meta", "link", "canvas", "audio", "video", "map", "frameset", "frame"]
)
#: Page furniture by tag, dropped unless it visibly holds the report.
PROTECTABLE_TAGS = frozenset(["nav", "header", "footer", "form", "aside"])
#: id/class fragments naming page furniture rather than content.
JUNK_NAMES = ("nav", "menu", "footer", "header", "breadcrumb", "crumb", "share", "sidebar", "side-bar",
              # lists of other pages beside the report (相关文章 xgwz, 相关链接 xglj, 相关信息 xgxx):
              # their summaries are sentences, and another year's period is no period of this report
              "related", "xgwz", "xglj", "xgxx", "recommend")
BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul"]
)
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
#: Blocks whose text may make them a numbered heading (a "marker", ``_choose_report``): not tables.
_HEADING_BLOCKS = BLOCK_TAGS - {"table"}
#: Tags the survey (``_Page._survey``) asks more of than whether they are a numbered heading,
#: even with no id, class or hidden style.
_SURVEYED_TAGS = JUNK_TAGS | PROTECTABLE_TAGS | {"a", "h1", "h2", "h3"}
#: Common tag names, in lower case, that are not ``_SURVEYED_TAGS``: the survey's short path.
_QUIET_TAGS = (BLOCK_TAGS - _SURVEYED_TAGS) | {
    "span", "strong", "b", "i", "em", "font", "u", "br", "img", "sup", "sub", "small", "label", "o:p"}
#: Tag names (as parsed: ``iter`` matches them exactly) whose elements the survey keeps.
_KEPT_TAGS = ("td", "th", "a", "table", "h1", "h2", "h3")
#: Links, tables and headings of a page found again by climbing from each (and junk and
#: dropped furniture asked about by climbing), not by a walk of the page, when there are no
#: more than this: a climb costs the element's depth (libxml2 nests up to 255 levels).
_FEW_TO_CLIMB = 64
#: Positions looked up by scanning the node list before a dict of them is built.
_POSITION_SCANS = 8
#: Pages of more elements count CJK characters for every node at once (``_cjk_counts``), not
#: per element asked about (``_CJKCounts``): asking costs the subtree, and on a big page many
#: elements nested up to libxml2's 255 levels would each cost most of the page.
LAZY_COUNTS_MAX_ELEMENTS = 3000
#: Largest colspan honoured and widest grid tracked: real report tables are < 20 columns wide.
MAX_SPAN = 256
#: More table cells / elements than this is not a report page; refuse rather than grind
#: (a report has under 1,000 cells; a Word-exported page a few tens of thousands of elements).
MAX_TABLE_CELLS = 50_000
MAX_ELEMENTS = 200_000
#: A child holding this share of the page's (non-link) CJK text is where the report lives.
BODY_SHARE = 0.6
#: A sibling holding this share is report text too, even without headings or tables.
SIBLING_SHARE = 0.15

#: ``\s*(?:["']\s*)?`` rather than ``\s*["']?\s*``: with no quote, two ``\s*`` would share a
#: run of blanks and backtrack quadratically over it.
_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]{0,1000}\[", re.I)
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")
_SECTION_START = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|（[一二三四五六七八九十]{1,3}）)")
#: The characters ``_SECTION_START`` can match first after its blanks (``\s``: ``str.isspace``).
_SECTION_FIRST = frozenset("一二三四五六七八九十（")
_HEADING_TEXT = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_NUMBER_CELL = re.compile(r"^[\d０-９][\d０-９.,，．]*$")
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _maybe_hidden(raw: bytes) -> bool:
    """False when a page (its UTF-8 bytes) cannot hold a hidden element, so that the survey
    need not read every element's ``style``: ``_STYLE_HIDDEN`` needs "display" and "none", or
    "dden", in some case — here "play", "none" and "dden": no character but ASCII letters
    matches p, l, a, y, n, o, e or d case-insensitively (``re.I`` also matches "ſ" to "s" and
    "ı" to "i", so not "display" itself), and ``_LOWER_PLAYNOED`` lower-cases exactly those —,
    the ``hidden`` attribute holds "dden", and a numeric character reference could spell any
    of them. (A case-insensitive regex over the page took a millisecond; this a tenth of it.
    Pages written by Word hold "none" in their styles, never "display": asking for "none"
    alone read every element's style of such a page.)"""
    if b"&#" in raw:
        return True
    lower = raw.translate(_LOWER_PLAYNOED)  # (``bytes.lower`` took 1.5x as long)
    return b"dden" in lower or (b"none" in lower and b"play" in lower)


#: The letters of "play", "none" and "dden" lower-cased, the rest of the bytes left
#: (``_maybe_hidden``).
_LOWER_PLAYNOED = bytes.maketrans(b"PLAYNOED", b"playnoed")
#: Page furniture that CMSs sometimes put inside the content element.
_FURNITURE = re.compile(
    r"公网安备|ICP备|ICP证|网站标识码|版权所有|Copyright|©|浏览次数|阅读次数|点击数[:：]|访问量[:：]|"
    r"字号[:：]|分享到|发布时间[:：]|发布日期[:：]|【\s*(?:打印|关闭|收藏)|打印本页|关闭窗口|返回顶部",
    re.I,
)
_FURNITURE_MAX = 160
_GBK_FAMILY = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "euc-cn", "x-euc-cn"}


def read_html(data: bytes, path: str) -> Extracted:
    """Extract the report from an HTML page. Raises UnreadableFile, never anything else for
    bad input."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"文件过大（{len(data)} 字节） / file too large ({len(data)} bytes)")
    plain = _plain_utf8(data)
    text, encoding = (plain, "utf-8") if plain is not None else decode_bytes(data, declared=sniff_charset(data))
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFile(f"网页过大（{len(text)} 字符） / page too large ({len(text)} characters)")
    # (a page read as UTF-8 with no U+FFFD was read losslessly: its bytes are the encoding)
    raw = data if encoding == "utf-8" and "\ufffd" not in text else text.encode("utf-8", errors="replace")
    # (an internal subset ends in "[": a page without one in the searched span skips the regex)
    if len(raw.translate(None, _NOT_CONTROLS)) or (
        text.find("[", 0, 65536) >= 0 and _INTERNAL_SUBSET.search(text, 0, 65536)
    ):
        text = _prepare(text)  # (a C scan of the bytes settles that nearly every page needs nothing)
        raw = text.encode("utf-8", errors="replace")
    if not text.strip():
        return Extracted(lines=[], container="html", encoding=encoding)
    # start and empty tags, and a few stray "<" (counted only when the text is long enough to
    # hold too many: there are no more of them than characters)
    tags = text.count("<") - text.count("</") if len(text) > 2 * MAX_ELEMENTS else 0
    if tags > 2 * MAX_ELEMENTS:
        # lxml holds about 300 bytes per element: a flood of tags is refused before parsing,
        # a page near the limit after (counting elements exactly).
        raise UnreadableFile(f"网页结构过于复杂（约 {tags} 个元素） / page too complex (about {tags} elements)")

    from lxml import etree

    # lxml's own HTML parser with plain elements: lxml.html's HtmlElement classes cost a
    # Python-level class lookup for every element proxy the reader touches (~8% of reading a
    # page) and the reader uses none of their methods (``_drop_tree`` is lxml.html's
    # drop_tree). The same parse as ``lxml.html.document_fromstring``.
    parser = etree.HTMLParser(
        encoding="utf-8", no_network=True, huge_tree=False, remove_pis=True, default_doctype=False
    )
    try:
        root = etree.fromstring(raw, parser)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        if "empty" in str(error).lower():
            return Extracted(lines=[], container="html", encoding=encoding)
        raise UnreadableFile(f"无法解析网页 / cannot parse the HTML: {error}") from None
    nodes = list(root.iter())  # document order, before anything is dropped (``_Page.position``)
    if len(nodes) > MAX_ELEMENTS:
        raise UnreadableFile(f"网页结构过于复杂（{len(nodes)} 个元素） / page too complex ({len(nodes)} elements)")
    # Every <td>/<th> the parser makes comes from a start tag, three characters at least: a
    # shorter page cannot pass the limit, and its cells are not counted.
    if len(text) > 3 * MAX_TABLE_CELLS and sum(1 for _ in root.iter("td", "th")) > MAX_TABLE_CELLS:
        raise UnreadableFile(f"表格单元格过多（超过 {MAX_TABLE_CELLS}） / too many table cells")
    page = _Page(root, nodes, etree.Comment, _maybe_hidden(raw))
    # (a comment holds "gaolint" only if the page's text does: comments are copied verbatim)
    page.directives = "gaolint" in text
    return page.extract(encoding)


def _plain_utf8(data: bytes) -> str | None:
    """``decode_bytes(data, ...)``'s text when it is sure to be ``(data.decode("utf-8"),
    "utf-8")``, or None (then ask it): no BOM, no NUL, strict UTF-8, and nothing its
    ``_looks_like_text`` counts against a text — C0 controls other than tab, line ends and
    form feed (a C scan of the bytes), private-use characters (led by EE, or EF 80-A3) or
    U+FFFD (EF BF BD; ``_SUSPECT_EF`` also stops at the rare rest of U+FFC0-U+FFFF). Its
    regex over 20,000 characters cost more than the whole of this. (Any page that reads as
    strict UTF-8 with nothing of that is UTF-8 to ``decode_bytes``: UTF-8 is its first guess
    after a BOM or NULs, whatever the page declares.)"""
    if data.startswith(codecs.BOM_UTF8) or b"\xee" in data or _SUSPECT_EF.search(data):
        return None
    controls = data.translate(None, _NOT_CONTROLS)
    if controls and controls.translate(None, b"\r\x0c"):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


_SUSPECT_EF = re.compile(rb"\xef[\x80-\xa3\xbf]")


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>``, ``http-equiv``,
    an XML declaration), as a Python codec name; GBK/GB2312 widen to GB18030, their superset."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore").lower()
    if name in _GBK_FAMILY:
        return "gb18030"
    try:
        name = codecs.lookup(name).name
        b"a".decode(name)  # LookupError for codecs that are not text encodings (zlib, rot13)
    except UnicodeDecodeError:
        pass  # a text encoding that cannot read one lone byte (UTF-16)
    except (LookupError, UnicodeError, ValueError, TypeError):  # "undefined" fails on any input
        return None
    return None if name in _NOT_WEB_CHARSETS else name


#: Python codecs no browser decodes a page with, so a page declaring one is read as browsers
#: read it (the declaration ignored): escape and IDNA codecs would turn any bytes into text
#: nobody sees, UTF-7 is banned from the web, and a ``<meta>`` readable as ASCII cannot be
#: UTF-16 or UTF-32 (browsers take such a declaration as UTF-8).
_NOT_WEB_CHARSETS = frozenset({
    "utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna",
    "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
})


_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")
#: Every byte but the C0 controls ``_prepare`` changes (all but tab and line feed): deleting
#: them leaves the bytes that call for it.
_NOT_CONTROLS = bytes([9, 10, *range(32, 256)])


def _prepare(text: str) -> str:
    """Normalise line ends (so lxml's source lines match what a person sees), replace NULs,
    and blank out a DOCTYPE internal subset (entity declarations) keeping its line count."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    # Other C0 controls are no text a browser shows, and lxml refuses to set any string holding
    # one: dropping a <script> whose tail held "\x01" raised ValueError and lost the page.
    # A space each, so columns stay where they were.
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    match = _INTERNAL_SUBSET.search(text, 0, 65536)
    if match:
        close = re.compile(r"\]\s*>").search(text, match.end())
        end = close.end() if close else len(text)
        text = text[: match.start()] + "\n" * text.count("\n", match.start(), end) + text[end:]
    return text


def _is_element(node: Any) -> bool:
    return node.tag.__class__ is str


#: Tag name -> its lower case; bounded (a hostile page may invent any number of tag names).
_LOWER_TAGS: dict[str, str] = {}


def _tag(node: Any) -> str:
    """The lower-case tag name ("" for comments and processing instructions). Called about
    10,000 times a page: the lower-casing is looked up in a small table, not redone."""
    tag = node.tag
    if tag.__class__ is not str:
        return ""
    try:
        return _LOWER_TAGS[tag]
    except KeyError:
        if len(_LOWER_TAGS) < 4096:
            _LOWER_TAGS[tag] = tag.lower()
        return tag.lower()


def _line(node: Any) -> int:
    return node.sourceline or 1


class _Page:
    """One parsed page: strips furniture, finds the report element, flattens it."""

    def __init__(self, root: Any, nodes: list[Any], comment_tag: Any, maybe_hidden: bool = True) -> None:
        self.root = root
        self.comment_tag = comment_tag
        #: False when the page cannot hold a hidden element (``_maybe_hidden``).
        self.maybe_hidden = maybe_hidden
        #: Every node as parsed, in document order: ``position`` (dropped nodes included).
        self.nodes = nodes
        self.order: dict[Any, int] | None = None
        self.scans = 0
        self.lines: list[SourceLine] = []
        self.damage: list[tuple[SourceLine, str]] = []
        #: For each picture in the report's text, the index of the line it stands before.
        self.images: list[int] = []
        self.first_heading: int | None = None  # document-order index of the first heading
        self.tables = 0
        self.cells = 0
        #: False when no comment of the page can hold a ``gaolint`` directive.
        self.directives = True
        #: The line of each table cell of the commonest shape (``_data_table_holders``).
        self.cell_lines: dict[Any, str] = {}
        #: The elements of these tag names in ``body`` as parsed, in document order
        #: (``_survey``): each list what ``body.iter(tag)`` gave before anything was dropped.
        self.kept: dict[Any, list[Any]] = {tag: [] for tag in _KEPT_TAGS}
        #: Per table, the tables and headings inside it (``_is_layout_table``), once asked.
        self.inside_tables: dict[Any, list[Any]] | None = None
        self.many_tables = False

    # -- the pipeline ------------------------------------------------------------------
    def extract(self, encoding: str) -> Extracted:
        comments = [c for c in self.root.iter(self.comment_tag) if "gaolint" in (c.text or "")] if self.directives else []
        body = self.root.find("body")
        if body is None:
            body = self.root
        title, junk, named, markers = self._survey(body)
        counts, holders, markers = self._drop_furniture(body, junk, named, markers)
        report = _choose_report(body, counts, holders, markers)
        _Walker(self, table_mode=True).run(report)
        walked = self.lines
        anchors = [walked[index] if index < len(walked) else None for index in self.images]
        self._recover_title(title, report)
        search = _FURNITURE.search  # (``_is_furniture``, inline: every line of the page is asked)
        self.lines = [line for line in self.lines
                      if line.place or len(line.text) > _FURNITURE_MAX or not search(line.text)]
        extracted = Extracted(lines=self.lines, container="html", encoding=encoding, damage=self.damage,
                              images=_image_indexes(anchors, walked, self.lines) if anchors else None)
        extracted.suppressions = self._suppressions(comments)
        return extracted

    def position(self, node: Any) -> int | None:
        """``node``'s index in document order as parsed (None if it is no node of the page).
        Asked a few times a page: a scan in C of the node list, where a dict of every node's
        index cost a third of a millisecond to build; past a few scans (a page of many
        suppression comments) the dict is built after all, so that no page costs a scan per
        node."""
        if self.order is None:
            if self.scans < _POSITION_SCANS:
                self.scans += 1
                try:
                    return self.nodes.index(node)
                except ValueError:
                    return None
            self.order = {each: index for index, each in enumerate(self.nodes)}
        return self.order.get(node)

    def _subtree(self, node: Any, start: int | None) -> list[Any]:
        """``list(node.iter())`` for ``node`` at ``start`` in the node list, a child of the root
        (or the root): the nodes from it to its next sibling. (Walking the tree again in C cost
        as much as a walk of the list in Python.)"""
        if start is None:  # (not seen: every node is in the list)
            return list(node.iter())
        following = node.getnext() if node is not self.root else None
        try:
            end = len(self.nodes) if following is None else self.nodes.index(following, start)
        except ValueError:  # (nor this)
            return list(node.iter())
        return self.nodes[start:end]

    def _survey(self, body: Any) -> tuple[list[tuple[int, str, int]], list[Any], list[Any], list[Any]]:
        """One pass over the page as parsed: title candidates (short headings/title elements
        mentioning 报告, anywhere on the page: the report's title often sits outside the content
        element, even inside a "header" block), junk (``JUNK_TAGS``, hidden), the elements
        named like furniture (``PROTECTABLE_TAGS``, ``JUNK_NAMES``), and numbered headings
        (``_SECTION_START``). Four walks of every node in Python were a third of reading a
        page."""
        title: list[tuple[int, str, int]] = []
        junk: list[Any] = []
        named: list[Any] = []
        markers: list[Any] = []
        maybe_hidden = self.maybe_hidden
        # the elements with an id or class, and those hidden, found by libxml2 (reading the
        # attributes of every element was a third of the survey)
        named_or_classed = _with_id_or_class(body)
        hidden = _hidden_in(body) if maybe_hidden else _NOTHING
        section = _SECTION_START.match
        position = self.position(body)
        start = position or 0
        kept = self.kept
        for offset, node in enumerate(self._subtree(body, position)):
            tag = node.tag
            if tag in kept:  # (cells, links, tables and headings: later passes look them up here)
                kept[tag].append(node)
            if tag in _QUIET_TAGS:  # (most elements: a lower-case name asked about below)
                if node not in named_or_classed and node not in hidden:
                    if tag in _HEADING_BLOCKS:
                        text = node.text
                        if text and (text[0] in _SECTION_FIRST or text[0].isspace()) and section(text):
                            markers.append(node)
                    continue
            if tag.__class__ is not str:
                continue
            tag = _LOWER_TAGS.get(tag) or _tag(node)
            get = node.get
            ident, kind = get("id"), get("class")
            if not (ident or kind) and tag not in _SURVEYED_TAGS and node not in hidden:
                # (nearly every element: neither junk, furniture nor a title; a heading?)
                if tag in _HEADING_BLOCKS:
                    text = node.text
                    if text and (text[0] in _SECTION_FIRST or text[0].isspace()) and section(text):
                        markers.append(node)
                continue
            if node is not body:
                if tag in JUNK_TAGS or node in hidden:
                    junk.append(node)
                if tag in PROTECTABLE_TAGS or ((ident or kind) and _has_junk_name(node)):
                    named.append(node)
            if tag in _HEADING_BLOCKS:  # (a table is a marker if it holds numbers)
                text = node.text
                if text and (text[0] in _SECTION_FIRST or text[0].isspace()) and section(text):
                    markers.append(node)
            if tag == "a":
                continue
            if tag in ("h1", "h2", "h3") or ident or kind:
                names = f"{get('id', '')} {get('class', '')}".lower()
                if tag not in ("h1", "h2", "h3") and "title" not in names and "bt" not in names.split():
                    continue
                if any(_tag(a) in ("a", "nav") for a in node.iterancestors()):
                    continue
                text = _collapse("".join(_own_text(node)))
                if _looks_like_title(text):
                    title.append((start + offset, text, _line(node)))
        return title, junk, named, markers

    def _drop_furniture(
        self, body: Any, junk: list[Any], named: list[Any], markers: list[Any]
    ) -> tuple[_CJKCounts | dict[Any, int], set[Any], list[Any]]:
        """Remove scripts, hidden elements, navigation, headers/footers; return the CJK counts
        of what is left, the number-table holders and the markers (numbered headings and
        number tables). Page furniture named by tag or id/class is kept when it visibly holds
        the report (ASP.NET pages wrap everything in a <form>; a CMS may call its content
        wrapper "main-nav-content"); nothing inside a number table is dropped by name (a
        header *row* is part of the table).

        The counts are taken of the few elements asked about (``_CJKCounts``), once the junk is
        gone and again once the furniture is; the holders are taken again only if something
        inside a table cell was dropped (the one way a drop can turn a cell into a number); a
        drop changes the text of the dropped element's parent only, so only parents are asked
        again whether they are headings."""
        touched: list[Any] = []
        for node in junk:  # a junk element inside another is dropped with it: the same tree
            parent = node.getparent()
            if parent is not None:
                touched.append(parent)
                _drop_tree(node)
        lazy = len(self.nodes) <= LAZY_COUNTS_MAX_ELEMENTS
        anchors = self.kept["a"]
        counts: _CJKCounts | dict[Any, int] = _CJKCounts(body, anchors) if lazy else _cjk_counts(body)
        total = counts.get(body, 0) or 1
        holders = _data_table_holders(body, self.cell_lines, self._kept_cells(junk))
        attached = _Ancestry(body, lambda node: False)  # reaches body: not in a dropped subtree
        victims: list[Any] = []
        doomed: set[Any] = set()
        # inside a dropped element or a number table (asked of parents: an element's
        # ancestors come before it in document order, so each is decided when asked about)
        inside = _Ancestry(body, lambda node: node in doomed or (node in holders and _tag(node) == "table"))
        for node in named:  # in document order: an element is decided before its descendants
            if not attached.holds(node) or node in holders or counts.get(node, 0) >= 0.3 * total:
                continue  # (not attached: dropped as junk)
            if not inside.above(node):
                victims.append(node)
                doomed.add(node)
        in_cell = False
        cells = _Ancestry(body, lambda node: _tag(node) in _CELL_TAGS)
        # (counted again once they are gone, unless their counts are taken out of their ancestors')
        recount = bool(victims) and not (isinstance(counts, _CJKCounts) and counts.remove(victims))
        for node in victims:
            in_cell = in_cell or cells.above(node)
            touched.append(node.getparent())
            _drop_tree(node)
        if recount:
            counts = _CJKCounts(body, anchors) if lazy else _cjk_counts(body)
        if in_cell:  # (the cells' lines read with the holders may have changed too)
            self.cell_lines = {}
            holders = _data_table_holders(body, self.cell_lines)
        attached = _Ancestry(body, lambda node: False)
        found = [node for node in markers if attached.holds(node)]
        seen = set(found)
        for node in touched:
            if (node not in seen and _tag(node) in _HEADING_BLOCKS and _SECTION_START.match(node.text or "")
                    and attached.holds(node)):
                found.append(node)
                seen.add(node)
        found.extend(node for node in holders if _tag(node) == "table")
        return counts, holders, found

    def tables_and_headings_in(self, table: Any) -> list[Any] | None:
        """``table.iter("table", "h1", "h2", "h3")`` without ``table``, in some order, once the
        page's drops are done: of a page of a few tables and headings, those the survey kept
        that have ``table`` above them, worked out for every table at once by climbing from
        each (a walk of every table cost as much as a tenth of reading a page). None for a
        page of many."""
        if self.many_tables:
            return None
        inside = self.inside_tables
        if inside is None:
            kept = self.kept
            found = kept["table"] + kept["h1"] + kept["h2"] + kept["h3"]
            if len(found) > _FEW_TO_CLIMB:
                self.many_tables = True
                return None
            tables = set(kept["table"])
            inside = self.inside_tables = {}
            for each in found:
                for above in each.iterancestors():
                    if above in tables:
                        inside.setdefault(above, []).append(each)
        return inside.get(table, [])

    def _kept_cells(self, junk: list[Any]) -> list[Any] | None:
        """``body.iter("td", "th")`` after the junk is dropped, in some order: the survey's
        cells, unless a junk element held a cell or sat in one, or there is much junk to ask
        about (then None)."""
        if len(junk) > _FEW_TO_CLIMB:
            return None
        for node in junk:
            if next(node.iter("td", "th"), None) is not None or next(node.iterancestors("td", "th"), None) is not None:
                return None
        return self.kept["td"] + self.kept["th"]

    def _recover_title(self, title: list[tuple[int, str, int]], report: Any) -> None:
        """Prepend the title found before the report element when the report lacks one."""
        head = self.lines[:3]
        if any(_is_title_line(line.text) for line in head if not line.place):
            return
        start = self.position(report) or 0
        before = [t for t in title if t[0] < start]
        if before:
            order, text, line = before[-1]
            self.lines.insert(0, SourceLine(text, line))
            self.first_heading = order if self.first_heading is None else min(order, self.first_heading)
        elif (named := self._head_title()) is not None:
            self.lines.insert(0, named)

    def _head_title(self) -> SourceLine | None:
        """The report's title from the page's ``<title>`` (its site's name cut off after ``_``,
        ``|`` or a dash), for a page whose body names it nowhere a title stands (the ``<h1>``
        holds the site's name): a title read nowhere leaves the report with no agency."""
        element = self.root.find("head/title")
        if element is None or not element.text:
            return None
        for part in _SITE_SUFFIX.split(element.text.strip()):
            part = part.strip()
            if _is_title_line(part):
                return SourceLine(part, _line(element))
        return None

    def _suppressions(self, comments: list[Any]) -> list[tuple[int, str, tuple[str, ...]]]:
        found: list[tuple[int, str, tuple[str, ...]]] = []
        for comment in comments:
            for match in SUPPRESSION.finditer(f"<!--{comment.text}-->"):
                ids = tuple(i.strip().upper() for i in match.group(2).split(",") if i.strip())
                if match.group(1) == "disable-next-line":
                    kind = "next-line"
                elif match.group(1) in ("disable-row", "disable-cell"):
                    kind = f"{match.group(1)[len('disable-'):]}:{match.group(3) or ''}"
                elif self.first_heading is None or (self.position(comment) or 0) < self.first_heading:
                    kind = "file"
                else:
                    kind = "next-block"
                found.append((_line(comment), kind, ids))
        return found

    # -- output --------------------------------------------------------------------------
    def emit(self, text: str, line: int, place: str = "", owner: Any = None) -> None:
        if len(text) > MAX_LINE_CHARS:
            source = SourceLine(text[:80], line, 1, place)
            self.damage.append((source, f"行过长，已截断为 {MAX_LINE_CHARS} 字符 / line cut at {MAX_LINE_CHARS} characters"))
            text = text[:MAX_LINE_CHARS]
        if owner is not None and self.first_heading is None and (
            _tag(owner) in HEADING_TAGS or _HEADING_TEXT.match(text)
        ):
            self.first_heading = self.position(owner)
        self.lines.append(SourceLine(text, line, 1, place))

    def table(self, table: Any) -> None:
        """Flatten one data table: per row a ``|`` line, then one line per cell that starts in
        that row, placed at its true grid column; a closing ``|`` after the last row."""
        self.tables += 1
        number = self.tables
        for caption in table.iterchildren("caption"):  # (``findall`` walks in Python)
            text = _collapse(" ".join(_Walker.lines_of(caption)))
            if text:
                self.emit(text, _line(caption), owner=caption)
        rows = _rows(table)
        busy: list[int] = []  # busy[c]: first row index at which grid column c is free again
        last_line = _line(table)
        append = self.lines.append
        cell_lines = self.cell_lines
        height = len(rows)
        cells = self.cells
        for r, tr in enumerate(rows):
            last_line = _line(tr)
            row_place = f"第{number}个表格 第{r + 1}行"
            append(SourceLine(ROW_SEPARATOR, last_line, 1, row_place))  # (``emit`` of a short line)
            row_place += " 第"  # a cell's place: the row's, then "{column}列"
            c = 0
            for cell in tr:
                tag = cell.tag
                if tag not in _CELL_TAGS and _tag(cell) not in _CELL_TAGS:
                    continue
                cells += 1
                if cells > MAX_TABLE_CELLS:
                    raise UnreadableFile(f"表格单元格过多（超过 {MAX_TABLE_CELLS}） / too many table cells")
                while c < len(busy) and busy[c] > r:
                    c += 1
                names = cell.keys()  # (one call for both: most cells have neither)
                colspan = min(_span(cell, "colspan"), MAX_SPAN) if "colspan" in names else 1
                rowspan = (_span(cell, "rowspan") or height - r) if "rowspan" in names else 1
                if rowspan > height - r:
                    rowspan = height - r
                if c < MAX_SPAN:
                    end = c + colspan
                    if end > MAX_SPAN:
                        end = MAX_SPAN
                    if len(busy) < end:
                        busy.extend([0] * (end - len(busy)))
                    if end - c == 1:
                        busy[c] = r + rowspan
                    else:
                        busy[c:end] = [r + rowspan] * (end - c)
                # the commonest cell first (``_simple_cell_lines``' own first step), read already
                # with the number tables (``_data_table_holders``)
                one = cell_lines.get(cell)
                if one is None and tag in _CELL_TAGS and len(cell) == 1:
                    one = _one_block_text(cell, cell[0])
                if one is None:
                    lines = _Walker.lines_of(cell)
                    text = (lines[0] if len(lines) == 1 else "") if len(lines) < 2 else join_cell_lines(lines)
                else:
                    text = one
                place = row_place + _COLUMNS[c] if c < len(_COLUMNS) else f"{row_place}{c + 1}列"
                if len(text) > MAX_LINE_CHARS:
                    self.emit(text, _line(cell), place)
                else:
                    append(SourceLine(text, cell.sourceline or 1, 1, place))
                c += colspan
        self.cells = cells
        self.emit(ROW_SEPARATOR, last_line, f"第{number}个表格")


class _Walker:
    """Iterative document-order walk turning block/inline structure into lines (no recursion:
    a hostile page may nest deeply). In table mode data tables go to ``_Page.table``; in cell
    mode nested tables are just more blocks, so their text lands in the enclosing cell."""

    def __init__(self, page: _Page | None, table_mode: bool) -> None:
        self.page = page
        self.table_mode = table_mode
        self.collected: list[tuple[str, int, Any]] = []
        self.buffer: list[str] = []
        self.buffer_line = 0
        self.buffer_owner: Any = None
        self.blocks: list[Any] = []
        self.pre = 0
        #: The marker a browser draws before the next text (an ``<ol>`` item's number).
        self.marker = ""
        self.markers: ListMarkers | None = None

    @classmethod
    def lines_of(cls, element: Any) -> list[str]:
        # (a cell asked about here is not of the commonest shape: Word's first, a cell of one
        # block at any depth, then a cell two levels deep; the same lines as the walk below)
        simple = _one_deep_block_lines(element)
        if simple is None:
            simple = _simple_cell_lines(element)
        if simple is not None:
            return simple
        walker = cls(None, table_mode=False)
        walker.run(element)
        return [text for text, _, _ in walker.collected]

    def run(self, element: Any) -> None:
        stack: list[tuple[Any, bool]] = [(element, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._leave(node, is_root=node is element)
                continue
            if not _is_element(node):  # comment / processing instruction: only its tail counts
                if node is not element:
                    self._text(node.tail, node)
                continue
            tag = _tag(node)
            if tag in BLOCK_TAGS:
                self._flush()
                self.blocks.append(node)
            if tag == "pre":
                self.pre += 1
            elif tag == "li":
                if self.markers is None:
                    self.markers = ListMarkers()
                self.marker = self.markers.marker(node)
            if (self.table_mode and tag == "table" and self.page is not None
                    and not _is_layout_table(node, self.page.tables_and_headings_in(node))):
                self._flush()
                self.page.table(node)
                stack.append((node, True))
                continue
            stack.append((node, True))
            if tag == "br":
                self._flush()  # its tail starts the next line, placed at the <br>'s line
            else:
                if (tag == "img" and self.table_mode and self.page is not None
                        and len(self.page.images) < MAX_PICTURES and _is_picture(node)):
                    self.page.images.append(len(self.page.lines))
                self._text(node.text, node)
            stack.extend((child, False) for child in reversed(node))
        self._flush()

    def _leave(self, node: Any, is_root: bool) -> None:
        tag = _tag(node)
        if tag in BLOCK_TAGS:
            self._flush()
            if self.blocks and self.blocks[-1] is node:
                self.blocks.pop()
        if tag == "pre":
            self.pre -= 1
        elif tag == "li":
            self.marker = ""  # an item with no text: its number goes nowhere else
        if not is_root:
            self._text(node.tail, node)

    def _text(self, text: str | None, owner: Any) -> None:
        if not text:
            return
        if self.pre:
            pieces = text.split("\n")
            for index, piece in enumerate(pieces):
                if index:
                    self._flush()
                self._add(piece, owner)
            return
        self._add(text, owner)

    def _add(self, text: str, owner: Any) -> None:
        if self.marker and text.strip():
            if not has_own_number(text):
                text = self.marker + text.lstrip()
            self.marker = ""
        if not self.buffer and text.strip():
            # The text starts after the owner's tag (or, for a tail, after the element; exact
            # for <br>), plus any line breaks before its first visible character.
            leading = len(text) - len(text.lstrip())
            self.buffer_line = _line(owner) + text.count("\n", 0, leading)
            self.buffer_owner = self.blocks[-1] if self.blocks else owner
        if self.buffer or text.strip():
            self.buffer.append(text)

    def _flush(self) -> None:
        if self.buffer:
            raw = "".join(self.buffer)
            text = raw.strip() if self.pre else _collapse(raw)
            if text:
                if self.table_mode and self.page is not None:
                    self.page.emit(text, self.buffer_line, owner=self.buffer_owner)
                else:
                    self.collected.append((text, self.buffer_line, self.buffer_owner))
        self.buffer = []


def _is_picture(image: Any) -> bool:
    """An ``<img>`` large enough to show a table: not one whose width or height attribute says
    it is an icon (``width="16"``, ``height="20px"``)."""
    for name in ("width", "height"):
        size = (image.get(name) or "").strip().lower().removesuffix("px").strip()
        if size.isdigit() and int(size) < ICON_PIXELS:
            return False
    return True


def _image_indexes(anchors: list[Any], walked: list[SourceLine], kept: list[SourceLine]) -> list[int]:
    """The index in ``kept`` (the lines left once page furniture went) of the line each picture
    stands before: the line it stood before in ``walked``, or the first one after it that was
    kept; ``len(kept)`` for a picture after the last."""
    where = {id(line): index for index, line in enumerate(kept)}
    # next_kept[i]: the index in ``kept`` of walked[i], or of the first kept line after it
    next_kept = [len(kept)] * (len(walked) + 1)
    for position in range(len(walked) - 1, -1, -1):
        next_kept[position] = where.get(id(walked[position]), next_kept[position + 1])
    order = {id(line): index for index, line in enumerate(walked)}
    indexes = []
    for anchor in anchors:
        position = len(walked) if anchor is None else order.get(id(anchor), len(walked))
        indexes.append(next_kept[position])
    return indexes


def _simple_cell_lines(cell: Any) -> list[str] | None:
    """The lines of a ``<td>``/``<th>`` at most two element levels deep, with no ``<pre>``,
    ``<br>`` or comment (``<td><p><span>12</span></p></td>``, the shape of nearly every cell a
    CMS or Word writes), or None for any other cell.

    The same lines as the walk (``_Walker.run`` in cell mode), without it: a block element
    starts and ends a line; texts and tails join in document order, a line starting at its
    first non-blank piece, and each line is collapsed. A fresh walker per cell was a third of
    reading a page."""
    if cell.tag not in _CELL_TAGS:
        return None
    if len(cell) == 1:  # the commonest shape, <td><p>12</p></td> or <td><p><span>12</span></p></td>
        one = _one_block_cell(cell, cell[0])
        if one is not None:
            return one
    # the texts in document order ("" for none), None where the walk ends a line (a block's edges)
    pieces: list[str | None] = [cell.text or ""]
    for child in cell:
        tag = child.tag
        if tag.__class__ is not str or tag in _NOT_SIMPLE:
            return None
        block = tag in BLOCK_TAGS
        if block:
            pieces.append(None)
        pieces.append(child.text or "")
        for inner in child:
            tag = inner.tag
            if tag.__class__ is not str or tag in _NOT_SIMPLE or len(inner):
                return None
            if tag in BLOCK_TAGS:
                pieces += (None, inner.text or "", None, inner.tail or "")
            else:
                pieces += (inner.text or "", inner.tail or "")
        if block:
            pieces.append(None)
        pieces.append(child.tail or "")
    lines: list[str] = []
    buffer: list[str] = []
    for text in pieces:
        if text is None:
            if buffer:
                joined = _collapse("".join(buffer))
                if joined:
                    lines.append(joined)
                buffer = []
        elif text and (buffer or not text.isspace()):
            buffer.append(text)
    if buffer:
        joined = _collapse("".join(buffer))
        if joined:
            lines.append(joined)
    return lines


def _one_deep_block_lines(cell: Any) -> list[str] | None:
    """The lines of a ``<td>``/``<th>`` whose only child is a block holding inline elements
    only, at any depth (no block, ``<br>`` or ``<pre>`` below it), with no text of its own
    outside it — the shape of every cell Word writes (``<td><p class=MsoNormal><span>12</span>
    <span><o:p></o:p></span></p></td>``) — or None for any other cell.

    The walk (``_Walker.run`` in cell mode) makes one line of such a cell: its text and tails
    in document order, comments' text left out, from the first non-blank piece, collapsed;
    blank pieces before it are leading blanks that ``_collapse`` strips. That text is what
    libxml2 serialises (``tostring(method="text")``); a walker per such cell was most of the
    time of reading a page written by Word."""
    if cell.tag not in _CELL_TAGS or len(cell) != 1:
        return None
    child = cell[0]
    if not _is_one_block(cell, child):
        return None
    for inner in child.iterdescendants():
        tag = inner.tag
        if tag.__class__ is str and _tag(inner) in _LINE_BREAKERS:
            return None
    text = _collapse(_etree().tostring(child, method="text", encoding=str, with_tail=False))
    return [text] if text else []


@functools.cache
def _etree() -> Any:
    """lxml.etree, imported when a page is first read (an import statement in a function
    called for every cell cost a microsecond a call)."""
    from lxml import etree

    return etree


#: Tags (lower-cased) at which the walk ends a line.
_LINE_BREAKERS = BLOCK_TAGS | {"br"}


def _one_block_cell(cell: Any, child: Any) -> list[str] | None:
    """``_simple_cell_lines`` of a cell whose only child is a block holding at most one inline
    element (with no children), no text of its own outside it (blank ``cell.text`` and
    tail): the one line of the block's text. None for any other cell. (Blank pieces before
    the first visible one, which the walk skips, are only leading blanks that ``_collapse``
    strips.)"""
    text = _one_block_text(cell, child)
    if text is None:
        return None
    return [text] if text else []


def _one_block_text(cell: Any, child: Any) -> str | None:
    """``_one_block_cell``'s line as the cell's text ("" for none), or None for another shape."""
    text = _one_block_raw(cell, child)
    if text is None:
        return None
    if not text or text.isalnum():  # (a number, a word: nothing to collapse)
        return text
    return _collapse(text)


def _is_one_block(cell: Any, child: Any) -> bool:
    """Is ``child``, the only child of ``cell``, a block (not ``<pre>``) with no text outside it
    but blanks?"""
    tag = child.tag
    if tag.__class__ is not str or tag not in BLOCK_TAGS or tag in _NOT_SIMPLE:
        return False
    outside = cell.text
    if outside and not outside.isspace():
        return False
    outside = child.tail
    return not outside or outside.isspace()


def _one_block_raw(cell: Any, child: Any) -> str | None:
    """``_one_block_text`` before collapsing: the block's text ("" for none), or None for
    another shape. Its ``strip()`` is the stripped text of the whole cell (what is outside the
    block is blank)."""
    if not _is_one_block(cell, child):
        return None
    count = len(child)
    if count == 0:
        return child.text or ""
    if count == 1:
        inner = child[0]
        tag = inner.tag
        if tag.__class__ is not str or tag in BLOCK_TAGS or tag in _NOT_SIMPLE or len(inner):
            return None
        return (child.text or "") + (inner.text or "") + (inner.tail or "")
    return None


_NOT_SIMPLE = frozenset({"pre", "br"})


def _collapse(text: str) -> str:
    """HTML whitespace: runs become one space, except that a line break between two CJK
    characters disappears (CSS segment-break rule; a sentence wrapped in the source)."""

    if text.isalnum():  # (a number cell, a word) no whitespace at all: nothing to do
        return text
    if "\n" not in text:  # (nearly every cell) no line break: every run is one space
        return _WHITESPACE.sub(" ", text).strip()

    def replace(match: re.Match[str]) -> str:
        if "\n" in match.group(0):
            start, end = match.start(), match.end()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if before and after and is_cjk(before) and is_cjk(after):
                return ""
        return " "

    return _WHITESPACE.sub(replace, text).strip()


def _looks_like_title(text: str) -> bool:
    """A report title: short, names a 报告/年报, and is not a sentence."""
    return any(word in text for word in _REPORT_WORDS) and 4 <= len(text) <= 80 and "。" not in text


#: 报告 and 年报, and their Traditional forms: a page is read before OpenCC converts its lines.
_REPORT_WORDS = ("报告", "年报", "報告", "年報")


#: How a title ends: 报告 or 年报 (or their Traditional forms), perhaps with a bracketed note
#: (（全文）, (修订版)).
#: ``\s*+`` (possessive): two runs of optional spaces in a row were tried at every split.
_TITLE_END = re.compile(r"(?:报告|年报|報告|年報)\s*+(?:[(（【][^()（）【】]{0,20}[)）】]\s*+)?$")


#: What parts a page's ``<title>`` into the report's title and its site's name.
_SITE_SUFFIX = re.compile(r"_|\||｜|—++|--?|–")  # (the parts are stripped: no \s* to backtrack over)


def _is_title_line(text: str) -> bool:
    """Does the report element start with its title? Stricter than ``_looks_like_title``: a
    paragraph wrapped by ``<br>`` at a fixed width gives lines such as ``本报告依据《…条例》和
    国家规定的年度`` or ``制本年度报告，内容涵盖…``, pieces of a sentence that name a 报告
    without being a title; a title ends with its 报告 and holds no comma."""
    return _looks_like_title(text) and not any(mark in text for mark in "，,；;") and _TITLE_END.search(text) is not None


def _own_text(node: Any) -> list[str]:
    return [t for t in node.itertext() if t]


class _CJKCounts:
    """CJK characters per subtree, not counting link text (menus and "related articles" lists
    are links; report text is not), taken on demand: ``get(node)`` as a dict of every
    element's count answered, of the few dozen elements a page asks about (the furniture
    candidates, the body, the path down to the report and its siblings).

    A count is the subtree's text as libxml2 serialises it (the text nodes: the same as
    ``itertext``) less that of the outermost links inside, counted on the UTF-8 bytes
    (``_cjk_in_utf8``); an element inside a link counts nothing. Counting every node of the
    page bottom-up in Python, twice, was a fifth of reading a page."""

    def __init__(self, body: Any, anchors: list[Any] | None = None) -> None:
        """``anchors``: ``list(body.iter("a"))`` or a superset of it (links since dropped: the
        survey's), to spare a walk of the page."""
        from lxml import etree

        self.tostring = etree.tostring
        self.memo: dict[Any, int] = {}
        #: Each outermost link's own count, asked once for all the elements around it (a
        #: page's menus: ~120 links asked ~390 times).
        self.linked: dict[Any, int] = {}
        self.body = body
        self.anchors = list(body.iter("a")) if anchors is None else anchors
        #: Links inside links: their text is in the outer link's already.
        self.nested = {anchor for anchor in self.anchors if next(anchor.iterancestors("a"), None) is not None}

    def get(self, node: Any, default: int = 0) -> int:
        if node.tag.__class__ is not str:
            return default
        found = self.memo.get(node)
        if found is None:
            found = self.memo[node] = self._count(node)
        return found

    def remove(self, victims: list[Any]) -> bool:
        """Take ``victims`` (disjoint elements about to be dropped) out of the counts of their
        ancestors, as counting again once they are gone would: an element's count falls by
        the count of each element dropped inside it (dropping moves only its tail, which stays
        inside). False, changing nothing, unless every victim was counted already."""
        memo = self.memo
        if len(victims) > _FEW_TO_CLIMB or any(victim not in memo for victim in victims):
            return False  # (a climb from each costs its depth: libxml2 nests up to 255 levels)
        self.linked.clear()  # (a victim inside a link changes the link's text)
        for victim in victims:
            held = memo.pop(victim)
            if held:
                for above in victim.iterancestors():
                    if above in memo:
                        memo[above] -= held
        return True

    def _text(self, node: Any) -> bytes:
        text: bytes = self.tostring(node, method="text", encoding="utf-8", with_tail=False)
        return text

    def _count(self, node: Any) -> int:
        if node.tag == "a" or next(node.iterancestors("a"), None) is not None:
            return 0
        total = _cjk_in_utf8(self._text(node))
        if total:
            nested = self.nested
            linked = self.linked
            for anchor in node.iter("a") if node is not self.body else self._body_anchors():
                if anchor not in nested:  # (not in a link: neither is ``node``)
                    held = linked.get(anchor)
                    if held is None:
                        held = linked[anchor] = _cjk_in_utf8(self._text(anchor))
                    total -= held
        return total

    def _body_anchors(self) -> Any:
        """``body.iter("a")`` (the HTML parser lower-cases tag names): of a few links, those
        of ``anchors`` still in the page (reaching ``body``)."""
        body = self.body
        if len(self.anchors) > _FEW_TO_CLIMB:
            return body.iter("a")
        return [anchor for anchor in self.anchors if any(above is body for above in anchor.iterancestors())]


def _cjk_counts(body: Any) -> dict[Any, int]:
    """``_CJKCounts`` for every node at once, bottom-up: one pass whatever the page's shape
    (for pages over ``LAZY_COUNTS_MAX_ELEMENTS``)."""
    order = list(body.iter())
    linked: set[Any] = set()
    for anchor in body.iter("a"):  # the HTML parser lower-cases tag names
        if anchor not in linked:
            linked.update(anchor.iter())
    find = _CJK_IDEOGRAPH.findall
    counts: dict[Any, int] = {}
    for node in reversed(order):  # children before their parent
        if node.tag.__class__ is not str:
            counts[node] = 0
            continue
        if node in linked:  # all its descendants are linked too: nothing counts
            counts[node] = 0
            continue
        text = node.text
        total = len(find(text)) if text and not text.isascii() else 0
        for child in node:
            total += counts[child]
            tail = child.tail
            if tail and not tail.isascii():  # (``isascii`` is a flag: no scan)
                total += len(find(tail))
        counts[node] = total
    return counts


#: In UTF-8, ``_CJK_IDEOGRAPH``'s characters (U+3400-U+4DBF, U+4E00-U+9FFF) are three bytes led
#: by E3 90-BF (U+3400-U+3FFF), E4 but not E4 B7 (U+4DC0-U+4DFF, hexagram symbols), E5-E9.
_EXTENSION_A = re.compile(rb"\xe3[\x90-\xbf]")


def _cjk_in_utf8(text: bytes) -> int:
    """``count_cjk`` of UTF-8 bytes, counted in C with no decoding: the lead bytes E4-E9 are
    the bytes one ``translate`` deletes (a pass; six ``bytes.count`` passes cost six times as
    much on a page's text), less the hexagram symbols (E4 B7), plus Extension A (E3 90-BF)."""
    if not text:
        return 0
    total = len(text) - len(text.translate(None, _CJK_LEADS)) - text.count(b"\xe4\xb7")
    # (E3 leads punctuation too, 。、「」 as E3 80: only other E3 sequences need the regex)
    if text.count(b"\xe3") != text.count(b"\xe3\x80"):
        total += len(_EXTENSION_A.findall(text))
    return total


#: UTF-8 lead bytes of U+4000-U+9FFF (``_cjk_in_utf8``).
_CJK_LEADS = bytes(range(0xE4, 0xEA))


def _choose_report(body: Any, counts: _CJKCounts | dict[Any, int], holders: set[Any], markers: list[Any]) -> Any:
    """The smallest element holding most of the page's text, widened while its siblings hold
    report material. When that element misses most numbered headings and number tables (a
    short report on a busy page), the smallest element holding them all instead."""
    total = counts.get(body, 0)
    if not total:
        return body
    node = body
    need = BODY_SHARE * total
    while True:
        # the first child holding ``need``; a child holds at most what its parent holds less
        # what its siblings hold, so the children after the parent's share is spent on those
        # asked (most of the content element's paragraphs) are not counted
        left = counts.get(node, 0)
        nxt = None
        for child in node:
            if left < need:
                break
            if child.tag.__class__ is str:
                held = counts.get(child, 0)
                if held >= need:
                    nxt = child
                    break
                left -= held
        if nxt is None:
            break
        node = nxt
    inside = sum(1 for m in markers if m is node or any(a is node for a in m.iterancestors()))
    if markers and 2 * inside <= len(markers):
        # Most of the text is elsewhere than the headings and tables: a short report on a
        # busy page. Trust the headings and tables. A single one (a statistics table beside
        # the text, whose headings sit in inline elements no heading test sees: a page
        # written by Word wraps its paragraphs in <P><SPAN>) is the report with that text:
        # their common ancestor, not the whole page with its menus.
        node = _common_ancestor(markers if len(markers) >= 2 else [node, markers[0]], body)
    while node is not body:
        parent = node.getparent()
        if parent is None:
            break
        if not _only_wraps(parent, node) and not _siblings_hold_report(parent, node, counts, total, holders):
            break
        node = parent
    return node


def _only_wraps(parent: Any, node: Any) -> bool:
    """Does ``parent`` hold nothing but ``node`` (no other element, no text but blanks)? Such a
    wrapper (``<P><SPAN>…</SPAN></P>`` around a whole report, as Word writes it) adds nothing to
    the report, and the search for the report's siblings goes on above it."""
    if (parent.text and not parent.text.isspace()) or (node.tail and not node.tail.isspace()):
        return False
    return all(child is node or (not _is_element(child) and not (child.tail and not child.tail.isspace()))
               for child in parent)


def _siblings_hold_report(parent: Any, node: Any, counts: _CJKCounts | dict[Any, int], total: int,
                          holders: set[Any]) -> bool:
    """Does ``parent`` hold report material besides ``node``: a numbered heading, a sentence of
    prose (not link text), a number table, or a sizeable share of the page's text? Page
    furniture around a CMS content element (publication date, share buttons, link lists)
    has none of these."""
    if _is_report_text(parent.text):
        return True
    for sibling in parent:
        if _is_report_text(sibling.tail):
            return True
        if sibling is node or not _is_element(sibling):
            continue
        if counts.get(sibling, 0) >= SIBLING_SHARE * total or sibling in holders:
            return True
        if any(_is_report_text(t) for t in _plain_texts(sibling)):
            return True
    return False


def _is_report_text(text: str | None) -> bool:
    if not text or not text.strip():
        return False
    return bool(_SECTION_START.match(text)) or ("。" in text and count_cjk(text) >= 10)


def _plain_texts(node: Any) -> list[str]:
    """Text chunks of a subtree outside links and comments."""
    found: list[str] = []
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        current, linked = stack.pop()
        if not _is_element(current):
            continue
        inside = linked or _tag(current) == "a"
        if not inside and current.text:
            found.append(current.text)
        for child in current:
            stack.append((child, inside))
            if not inside and child.tail:
                found.append(child.tail)
    return found


class _Ancestry:
    """Questions about an element's ancestors up to ``body``, answered once per element:
    ``holds(node)`` — does ``node`` reach ``body`` (is it not in a dropped subtree)?;
    ``above(node)`` — does ``test`` hold for an element strictly between ``node`` and ``body``?
    Each element's answer is remembered, so asking about many elements costs the elements
    walked once, not their depth each (libxml2 nests up to 255 levels)."""

    def __init__(self, body: Any, test: Callable[[Any], bool]) -> None:
        self.body = body
        self.test = test
        self.reaches: dict[Any, bool] = {body: True}
        self.below: dict[Any, bool] = {body: False}  # test holds for it or an ancestor below body

    def holds(self, node: Any) -> bool:
        path, top = _climb(node, self.reaches)
        result = False if top is None else self.reaches[top]
        for each in path:
            self.reaches[each] = result
        return result

    def above(self, node: Any) -> bool:
        parent = node.getparent()
        return False if parent is None else self._marked(parent)

    def _marked(self, node: Any) -> bool:
        path, top = _climb(node, self.below)
        result = False if top is None else self.below[top]
        for each in reversed(path):  # from the top down
            result = result or self.test(each)
            self.below[each] = result
        return result


def _climb(node: Any, known: dict[Any, bool]) -> tuple[list[Any], Any]:
    """The elements from ``node`` up that ``known`` lacks, and the first one it has (None when
    the climb ends at a detached subtree's top)."""
    path = []
    current = node
    while current not in known:
        path.append(current)
        current = current.getparent()
        if current is None:
            break
    return path, current


def _common_ancestor(nodes: list[Any], body: Any) -> Any:
    """The deepest element (at most ``body``) containing every node."""
    path = [nodes[0]]
    for ancestor in nodes[0].iterancestors():
        path.append(ancestor)
        if ancestor is body:
            break
    path.reverse()  # body ... nodes[0]
    depth = len(path)
    for other in nodes[1:]:
        chain = [other, *other.iterancestors()]
        while depth > 1 and not any(link is path[depth - 1] for link in chain):
            depth -= 1
    return path[depth - 1]


def _data_table_holders(root: Any, lines: dict[Any, str] | None = None, cells: list[Any] | None = None) -> set[Any]:
    """Every element holding a number table, the table itself included: a table whose cells
    (its nested tables' cells too) include at least four numbers. ``lines`` is given the
    line (``_one_block_text``) of each cell of the commonest shape, read here anyway, so that
    ``_Page.table`` need not read it again.

    One pass: each number cell counts for the tables around it, and each number table marks
    its ancestors. Asking element by element, table by table, re-read nested tables once per
    level: a page of tables nested a hundred deep took seconds per 100 KB. ``cells``: those
    of ``root`` (``root.iter("td", "th")``) when known already."""
    from lxml import etree

    tostring = etree.tostring
    counts: dict[Any, int] = {}
    around: dict[Any, list[Any]] = {}  # a row's tables, shared by its cells
    for cell in root.iter("td", "th") if cells is None else cells:
        # the cell's text: of the commonest shape its one block's (the rest is blank), else
        # ``"".join(cell.itertext())``, serialised by libxml2 (5x faster)
        text = _one_block_raw(cell, cell[0]) if len(cell) == 1 else None
        if text is None:
            text = tostring(cell, method="text", encoding=str, with_tail=False)
        elif lines is not None:
            lines[cell] = text if not text or text.isalnum() else _collapse(text)
        if _NUMBER_CELL.match(text.strip()):
            parent = cell.getparent()
            tables = around.get(parent)
            if tables is None:
                tables = around[parent] = list(cell.iterancestors("table"))
            for table in tables:
                counts[table] = counts.get(table, 0) + 1
    holders: set[Any] = set()
    for table, numbers in counts.items():
        node = table
        while numbers >= 4 and node is not None and node not in holders:
            holders.add(node)
            node = node.getparent()
    return holders


def _drop_tree(node: Any) -> None:
    """Remove ``node`` with its children and text; its tail joins the previous element or the
    parent (lxml.html's ``drop_tree``, for plain elements)."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        joined = ((parent.text if previous is None else previous.tail) or "") + node.tail
        try:
            _set_text(parent, previous, joined)
        except ValueError:
            # libxml2 reads some character references (``&#1;``) as C0 controls that lxml then
            # refuses to set (after clearing the old text): a space each, as ``_prepare`` does
            # for the page's own controls.
            _set_text(parent, previous, joined.translate(_CONTROLS_TO_SPACES))
    parent.remove(node)


def _set_text(parent: Any, previous: Any, text: str) -> None:
    if previous is None:
        parent.text = text
    else:
        previous.tail = text


#: C0 controls other than tab and line ends, and the code points XML cannot hold, as spaces.
_CONTROLS_TO_SPACES = {code: " " for code in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]}


#: ``_with_id_or_class``'s query, compiled once.
_ID_OR_CLASS: Any = None


def _with_id_or_class(body: Any) -> set[Any]:
    """The elements of ``body`` (itself included) with a non-empty ``id`` or ``class``: those
    of which ``get("id") or get("class")`` holds, found by one XPath query in C."""
    global _ID_OR_CLASS
    if _ID_OR_CLASS is None:
        from lxml import etree

        _ID_OR_CLASS = etree.XPath("descendant-or-self::*/@id | descendant-or-self::*/@class")
    return {value.getparent() for value in _ID_OR_CLASS(body) if value}


#: ``_hidden_in``'s queries, compiled once.
_STYLED: Any = None
_HIDDEN_ATTRIBUTE: Any = None
_NOTHING: frozenset[Any] = frozenset()


def _hidden_in(body: Any) -> set[Any]:
    """The elements of ``body`` (itself included) a page hides: those with a ``hidden``
    attribute, and those whose ``style`` matches ``_STYLE_HIDDEN``, found by two XPath queries
    in C and the regex asked of the styles alone. (Reading ``hidden`` and ``style`` of every
    element in Python was a third of the survey of a real CMS page: their headers hide a
    search box, so the page may hide elements, and Word styles half their elements.)"""
    global _STYLED, _HIDDEN_ATTRIBUTE
    if _STYLED is None:
        from lxml import etree

        _STYLED = etree.XPath("descendant-or-self::*/@style")
        _HIDDEN_ATTRIBUTE = etree.XPath("descendant-or-self::*[@hidden]")
    search = _STYLE_HIDDEN.search
    hidden = {style.getparent() for style in _STYLED(body) if _may_hide(style) and search(style)}
    hidden.update(_HIDDEN_ATTRIBUTE(body))
    return hidden


def _may_hide(style: str) -> bool:
    """False when ``_STYLE_HIDDEN`` cannot match ``style``: as ``_maybe_hidden`` of a page, it
    needs "play" and "none", or "dden", in some case, and no character but an ASCII letter
    matches those case-insensitively. (The case-insensitive regex itself took 2-3 µs on a
    style of a page written by Word, ``str.lower`` and three searches a fraction of it.)"""
    lower = style.lower()
    return ("none" in lower and "play" in lower) or "dden" in lower


def _has_junk_name(node: Any) -> bool:
    names = f"{node.get('id', '')} {node.get('class', '')}"
    found = _JUNK_NAMED.get(names)
    if found is None:
        lower = names.lower()
        found = any(word in lower for word in JUNK_NAMES)
        if len(_JUNK_NAMED) < 4096:
            _JUNK_NAMED[names] = found
    return found


#: ``_has_junk_name`` of an id and class: a page written by Word gives every paragraph the
#: same class (``MsoNormal``). Bounded: a hostile page may invent any number of names.
_JUNK_NAMED: dict[str, bool] = {}


def _is_furniture(line: SourceLine) -> bool:
    """A footer/toolbar line inside the content element (prose only, never a table cell)."""
    return not line.place and len(line.text) <= _FURNITURE_MAX and bool(_FURNITURE.search(line.text))


def _rows(table: Any) -> list[Any]:
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if _tag(r) == "tr")
    return rows


def _is_layout_table(table: Any, found: list[Any] | None = None) -> bool:
    """A table used for page layout rather than data: cells holding tables or headings, or a
    single cell framing several blocks or much text. Its cells are walked as ordinary blocks.
    ``found``: the tables and headings inside it (``_Page.tables_and_headings_in``), if known."""
    cells = [c for row in _rows(table) for c in row if c.tag in _CELL_TAGS or _tag(c) in _CELL_TAGS]
    if not cells:
        return True
    # the tables and headings anywhere in the table, found by libxml2 (nearly always none but
    # the table itself), then asked whether a cell holds them: a Python look at every node of
    # every cell was a tenth of reading a page (the parser lower-cases tag names)
    if found is None:
        found = [inner for inner in table.iter("table", "h1", "h2", "h3") if inner is not table]
    if found:
        inside = set(cells)
        for inner in found:
            for above in inner.iterancestors():
                if above is table:
                    break
                if above in inside:
                    return True
    if len(cells) == 1:  # a frame around content, unless it holds one short piece of text
        blocks = sum(1 for inner in cells[0].iter() if inner is not cells[0] and _tag(inner) in BLOCK_TAGS)
        return blocks >= 2 or len("".join(cells[0].itertext())) > 200
    return False


#: Leading digits of a span, matched after the leading white space is stripped: a pattern
#: opening with ``\s*`` costs a scan to the end of a run of spaces at every start position.
_SPAN = re.compile(r"\d{1,6}")
#: A cell's place ends "{column}列": the first columns' endings made once.
_COLUMNS = tuple(f"{column}列" for column in range(1, 65))
_CELL_TAGS = ("td", "th")


def _span(cell: Any, name: str) -> int:
    """rowspan/colspan as browsers read them: leading digits, default 1; rowspan 0 means
    "to the end of the table" (returned as 0)."""
    match = _SPAN.match((cell.get(name, "") or "").lstrip())
    if not match:
        return 1
    value = int(match.group(0))
    if value == 0:
        return 0 if name == "rowspan" else 1
    return value
