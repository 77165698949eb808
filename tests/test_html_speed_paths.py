"""The HTML reader's shortcuts read every page as their long ways do (issue 15).

Each shortcut of ``gaolint/read/html.py`` (docs/performance.md) stands in for a longer way
that is still there: the long ways are forced here (by patching the shortcut away) and the
reader must hand on the same lines, places, damage and suppressions for ordinary, odd and
hostile pages.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gaolint.read import html as reader  # noqa: E402
from gaolint.read.base import UnreadableFile  # noqa: E402
from gaolint.read.decode import decode_bytes  # noqa: E402
from tests.builder.html import render_html  # noqa: E402
from tests.builder.wordhtml import render_word_html  # noqa: E402

TABLE = "<table><tr><td>项目</td><td>数量</td></tr>" + "".join(
    f"<tr><td><p>（{c}）行政许可</p></td><td><p><span>{i}</span></p></td></tr>" for i, c in enumerate("一二三四五六")
) + "</table>"
PAGES = {
    "kelvin": f"<html><body><div class=nav>首页</div><lin\u212a>隐藏链接文字报告</lin\u212a>"
              f"<bloc\u212aquote>一、总体情况</bloc\u212aquote><div id=zoom><h2>一、总体情况</h2>"
              f"<p>本年度。本年度主动公开信息很多很多很多条。</p>{TABLE}"
              f"<table><tr><td>a<bloc\u212aquote>b</bloc\u212aquote>c</td><td>1</td></tr></table></div></body></html>",
    "cells": "<html><body><div id=zoom><h2>二、主动公开</h2><p>本年度主动公开信息很多很多很多条。</p><table>" + "".join(
        f"<tr><td><p><!--c-->{i}</p></td><td><p>{i}<br>{i}</p></td><td><pre>{i}\n{i}</pre></td><td>x<p>{i}</p></td>"
        f"<td><p><b><i>{i}</i></b></p></td><td><p>{i}</p><p>{i}</p></td><td rowspan=2 colspan=0>{i}</td>"
        f"<td><p>1，\n，{i}</p></td><td> <p>\u3000{i}\u3000</p> </td><td><p><span>{i}</span>.5</p></td></tr>"
        for i in range(8)) + "</table></div></body></html>",
    "junk in cells": "<html><body><div class=nav>首页 导航</div><div id=zoom><h2>一、总体情况</h2>"
                     "<p>本年度主动公开信息很多很多很多条。</p><table>" + "".join(
                         f"<tr><td><p>{i}<script>x</script>2</p></td><td><div class=share>分享到</div>{i}</td>"
                         f"<td>{i}</td><td>{i}</td></tr>" for i in range(6)) +
                     "</table><script><table><tr><td>1</td></tr></table></script></div></body></html>",
    "links": "<html><body><div><a href=#>链接一二三四五六七八九十<a>嵌套链接文字</a></a></div><div id=zoom>"
             "<h2>一、总体情况</h2><p>本年度主动公开信息很多很多很多条<a>链接文本</a>。</p>" + "".join(
                 f"<p>第{i}段。这里是正文正文正文正文正文正文。</p>" for i in range(30)) +
             "</div><div class=footer><a>关于我们的链接</a>版权所有</div>"
             "<div><p>（一）旁边的内容。还有一些正文文字在这里。</p></div></body></html>",
    "nested tables": "<html><body><div id=zoom><h2>一、总体情况</h2><p>本年度主动公开信息很多很多很多条。</p>"
                     "<table><tr><td><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table></td>"
                     "<td>5</td></tr></table><table><tr><td><h3>三、标题</h3></td><td>8</td></tr></table>"
                     "<table><tr><td><div class=share>分享到</div>7</td><td>8</td><td>9</td><td>10</td></tr></table>"
                     "</div></body></html>",
    "many tables": "<html><body><div id=zoom><h2>一、总体情况</h2>" + "".join(
        f"<table><tr><td>{i}</td><td>{i}</td></tr><tr><td><h2>标题</h2>{i}</td><td>{i}</td></tr></table>"
        for i in range(80)) + "</div></body></html>",
    "no body": "<p>一、总体情况</p><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>",
    "after body": "<html><body><div id=zoom><h2>一、总体情况</h2><p>本年度主动公开信息很多很多很多条。</p></div>"
                  "</body><!-- gaolint-disable GAO101 --><p>二、尾</p></html><!-- x -->",
    "hidden": "<html><body><div style='DISPLAY: NONE'>一、隐藏</div><div hidden>二、隐藏</div>"
              "<p style='visibility:h&#105;dden'>三、x</p><div id=zoom><h2>一、总体情况</h2>"
              "<p>本年度主动公开信息很多很多很多条。</p></div></body></html>",
    "word cells": "<html><body><div class=WordSection1><p class=MsoNormal>一、总体情况<o:p></o:p></p><table>" + "".join(
        f"<tr><td>\n  <p class=MsoNormal align=center><span lang=EN-US>{i}</span><span><o:p></o:p></span></p>\n  </td>"
        f"<td><p><span><b>行政\n许可</b><!-- c --></span>{i}<span><o:p>&nbsp;</o:p></span></p></td>"
        f"<td><p><span><span>\u3000\n{i}</span> <i> x </i></span></p></td><td><p><span>a<br>b</span></p></td>"
        f"<td><p><span><p>{i}</p></span></p></td><td><div><span>x</span><span>{i}</span></div>y</td>"
        f"<td><li><span>一</span><span>{i}</span></li></td><td><p><span><bloc\u212aquote>{i}</bloc\u212aquote></span></p></td>"
        f"<td><pre><span>{i}</span><span>\n{i}</span></pre></td><td><p><span>中\n</span><span>\n文</span></p></td></tr>"
        for i in range(8)) + "</table></div></body></html>",
    "hidden, spelled otherwise": "<html><body><div style='border:none'>一、可见</div>"
                                 "<div style='di\u017fplay:none'>二、隐藏</div><p style='DISPLAY&nbsp;:NONE'>三、x</p>"
                                 "<p style='vis\u0131bility:h\u0131dden'>四、y</p><div id=zoom><h2>一、总体情况</h2>"
                                 "<p>本年度主动公开信息很多很多很多条。</p></div></body></html>",
    "furniture in links": "<html><body><div class=menu><a href=#>栏目导航链接<span class=share>分享到微信朋友圈</span></a>"
                          "<a>另一个链接<i class=share>分享</i></a></div><div id=zoom><h2>一、总体情况</h2>"
                          "<p>本年度主动公开信息很多<a>正文里的链接<b class=share>分享这段文字</b></a>条。</p>"
                          + "".join(f"<p>第{i}段。正文正文正文正文。</p>" for i in range(12)) +
                          "<div class=share><a>分享到</a></div></div></body></html>",
    "crlf": "<html>\r\n<body>\r\n<div id=zoom>\r\n<h2>一、总体情况</h2>\r\n<p>本年度\r\n主动公开。</p>\x0c</div></body></html>",
}


def _dump(extracted: object) -> object:
    lines = [(line.text, line.line, line.column, line.place) for line in extracted.lines]  # type: ignore[attr-defined]
    damage = [((s.text, s.line, s.place), m) for s, m in extracted.damage]  # type: ignore[attr-defined]
    return lines, damage, extracted.suppressions, extracted.encoding  # type: ignore[attr-defined]


def _read(data: bytes) -> object:
    try:
        return _dump(reader.read_html(data, "page.html"))
    except UnreadableFile as refusal:
        return str(refusal)


def _long_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shortcut patched away: the reader takes its long ways."""
    monkeypatch.setattr(reader, "_plain_utf8", lambda data: None)
    monkeypatch.setattr(reader, "_FEW_TO_CLIMB", -1)  # links and tables walked by libxml2
    monkeypatch.setattr(reader._Page, "_kept_cells", lambda self, junk: None)
    monkeypatch.setattr(reader._CJKCounts, "remove", lambda self, victims: False)
    monkeypatch.setattr(reader, "_with_id_or_class", lambda body: set(body.iter()))
    monkeypatch.setattr(reader, "_maybe_hidden", lambda raw: True)  # every element's style read
    monkeypatch.setattr(reader, "_hidden_in", _hidden_elements)  # ... by Python, each one asked
    monkeypatch.setattr(reader, "_may_hide", lambda style: True)  # the regex asked of every style
    monkeypatch.setattr(reader, "_one_deep_block_lines", lambda cell: None)  # a walker per such cell
    monkeypatch.setattr(reader, "_JUNK_NAMED", _Forgetful())  # every id and class asked afresh

    original = reader._data_table_holders

    def holders(root, lines=None, cells=None):  # type: ignore[no-untyped-def]
        return original(root, None, None)  # no lines kept: ``_Page.table`` reads every cell

    monkeypatch.setattr(reader, "_data_table_holders", holders)


def _hidden_elements(body: object) -> set[object]:
    """``_hidden_in``'s long way: every element's ``hidden`` and ``style`` read and asked."""
    return {node for node in body.iter()  # type: ignore[attr-defined]
            if node.get("hidden") is not None or reader._STYLE_HIDDEN.search(node.get("style") or "")}


class _Forgetful(dict):  # type: ignore[type-arg]
    """A memo that remembers nothing."""

    def __len__(self) -> int:
        return 1 << 30


def _pages() -> list[bytes]:
    from bench import corpus  # noqa: PLC0415

    pages = [page.encode("utf-8") for page in PAGES.values()]
    pages += [page.encode("gb18030") for page in PAGES.values()]
    for index in range(6):
        document = corpus.report_document(index)
        pages.append(render_html(document, ("utf-8", "gbk")[index % 2], title_outside=index % 3 != 0))
        pages.append(render_word_html(document, pasted=index % 2 == 1))
    return pages


def test_the_long_ways_read_every_page_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages()
    short = [_read(page) for page in pages]
    _long_ways(monkeypatch)
    assert [_read(page) for page in pages] == short


@pytest.mark.parametrize("data", [
    b"<p>\xe4\xb8\xad</p>", b"\xef\xbb\xbf<p>x</p>", b"<p>\r\n\x0c</p>", b"<p>\x0b</p>", b"<p>\x00</p>",
    "<p>\ue000</p>".encode(), "<p>\uf8ff</p>".encode(), "<p>\uf900\uff0c\uffe0</p>".encode(),
    "<p>\ufffd</p>".encode(), "<p>中文</p>".encode("gbk"), b"<p>\xff\xfe</p>", "<p>\ufeff</p>".encode(), b"",
])
def test_plain_utf8_is_what_decode_bytes_says(data: bytes) -> None:
    got = reader._plain_utf8(data)
    if got is not None:
        assert decode_bytes(data, declared=reader.sniff_charset(data)) == (got, "utf-8")


_PIECES = ["中文报告", "abc", "\r\n", "\x0c", "\x0b", "\x00", "\x1f", "\t", "\ue000", "\uf8ff", "\uf900",
           "\ufffd", "\uffe0", "\uff0c", "\u3000", "é", "😀", "<meta charset=gbk>", "\ufeff"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20), st.sampled_from(["utf-8", "gb18030"]),
       st.integers(0, 255), st.integers(0, 400))
def test_plain_utf8_agrees_with_decode_bytes(pieces: list[str], encoding: str, byte: int, at: int) -> None:
    data = "".join(pieces).encode(encoding)
    if data and at < len(data):
        data = data[:at] + bytes([byte]) + data[at + 1:]
    got = reader._plain_utf8(data)
    if got is None:
        return
    assert not data.startswith(codecs.BOM_UTF8)
    assert decode_bytes(data, declared=reader.sniff_charset(data)) == (got, "utf-8")


@pytest.mark.parametrize("style", [
    "display:none", "DISPLAY : NONE", "di\u017fplay:none", "d\u0131splay:\tnone", "display&nbsp;:none",
    "visibility:hidden", "VISIBILITY:HIDDEN", "vis\u0131bility:h\u0131dden", "d&#105;splay:none",
])
def test_a_page_that_hides_an_element_may_hide_one(style: str) -> None:
    """``_maybe_hidden`` is True of every page on which the survey could find a hidden element."""
    data = f"<html><body><p style='{style}'>一、隐藏</p><p hidden>x</p></body></html>".encode()
    assert reader._maybe_hidden(data)
    assert reader._maybe_hidden(b"<p HIDDEN>x</p>")
    assert not reader._maybe_hidden(b"<p style='border:none; mso-border-alt:none'>x</p>")


def test_counts_after_a_drop_inside_a_link_are_counted_afresh() -> None:
    """``_CJKCounts.remove`` of an element inside a link forgets the link's own count: the
    elements around the link asked about later count what is left, as a fresh count does."""
    from lxml import etree

    body = etree.fromstring("<html><body><div><p>正文文字<a>链接文字<b>分享到微信</b></a></p></div></body></html>",
                            etree.HTMLParser()).find("body")
    counts = reader._CJKCounts(body)
    victim = body.find(".//b")
    assert counts.get(body) == 4 and counts.get(victim) == 0
    assert counts.remove([victim])
    reader._drop_tree(victim)
    paragraph = body.find(".//p")
    assert counts.get(paragraph) == reader._CJKCounts(body).get(paragraph) == 4


_STYLE_PIECES = ["display", "DISPLAY", "Display", "di\u017fplay", "d\u0131splay", "none", "NONE", "nOnE", "visibility",
                 "VISIBILITY", "vis\u0131bility", "hidden", "HIDDEN", "h\u0131dden", "h\u0130dden", ":", " : ", "\t",
                 ";", "border", "\u212a", "\xa0", "\u3000", "x", "play", "dden", "n", "o"]


@given(st.lists(st.sampled_from(_STYLE_PIECES), max_size=8))
@settings(max_examples=300, deadline=None)
def test_a_style_that_hides_may_hide(pieces: list[str]) -> None:
    """``_may_hide`` is True of every style ``_STYLE_HIDDEN`` finds (re.I reads "\u017f" as s and
    "\u0131" as i; the test asks for neither)."""
    style = "".join(pieces)
    if reader._STYLE_HIDDEN.search(style):
        assert reader._may_hide(style)
    assert not reader._may_hide("border:none; mso-border-alt:none; font-family:宋体")


_WORD_PIECES = ["", " ", "\n", "\u3000", "\xa0", "中", "文\n", "\n字", "12", "a b", "<!-- c -->", "&nbsp;"]
_INLINE = ["span", "b", "font", "o:p", "a", "i", "u", "sup"]
_OTHERS = ["p", "div", "br", "pre", "li", "table", "bloc\u212aquote", "h2"]


@st.composite
def _word_cells(draw: st.DrawFn) -> str:
    """A cell of one block (or something else) holding runs nested up to four deep."""

    def run(depth: int) -> str:
        tag = draw(st.sampled_from(_INLINE + (_OTHERS if draw(st.integers(0, 9)) == 0 else [])))
        inner = "".join(run(depth + 1) + draw(st.sampled_from(_WORD_PIECES))
                        for _ in range(draw(st.integers(0, 2 if depth < 4 else 0))))
        return f"<{tag}>{draw(st.sampled_from(_WORD_PIECES))}{inner}</{tag}>"

    block = draw(st.sampled_from(["p", "div", "li", "center", "h3", "pre", "span"]))
    runs = "".join(run(1) + draw(st.sampled_from(_WORD_PIECES)) for _ in range(draw(st.integers(0, 3))))
    outside = draw(st.sampled_from(["", "\n  ", " x "]))
    return f"<table><tr><td>{outside}<{block}>{draw(st.sampled_from(_WORD_PIECES))}{runs}</{block}>{outside}</td></tr></table>"


@settings(max_examples=400, deadline=None)
@given(html=_word_cells())
def test_word_cells_read_as_the_walk_reads_them(html: str) -> None:
    from lxml import etree

    cell = etree.fromstring(f"<html><body>{html}</body></html>", etree.HTMLParser()).find(".//td")
    read = reader._one_deep_block_lines(cell)
    if read is not None:
        assert read == _walked(cell)


def _walked(cell: object) -> list[str]:
    """The lines of a cell as the walker reads them (cell mode)."""
    walker = reader._Walker(None, table_mode=False)
    walker.run(cell)
    return [line for line, _, _ in walker.collected]


def test_junk_names_remembered_are_junk_names_asked() -> None:
    from lxml import etree

    page = "".join(f"<p id='{i}' class='{c}'>x</p>" for i in ("", "Nav1", "zoom") for c in ("MsoNormal", "SHARE", "bt"))
    root = etree.fromstring(f"<html><body>{page * 2}</body></html>", etree.HTMLParser())
    for node in root.iter("p"):
        names = f"{node.get('id', '')} {node.get('class', '')}".lower()
        assert reader._has_junk_name(node) == any(word in names for word in reader.JUNK_NAMES)
