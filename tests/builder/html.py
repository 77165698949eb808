"""Render a generated report as the kind of page a government CMS publishes.

The report body sits in ``div#zoom.TRS_Editor`` inside a page with a site header, a nav menu,
a breadcrumb, an inline script, a "related reports" link list, share buttons and a footer with
the site's 网站标识码 / ICP / 公网安备 numbers: everything the HTML reader must leave out.
Tables are real ``<table>`` elements with rowspan/colspan taken from the ``Cell`` merges, one
``<td>`` per source line (so a cell's source line is unambiguous), cell text wrapped in
Word-style ``<p><span>`` and ``\\n`` as ``<br>``. Long paragraphs are wrapped in the source
between two CJK characters, which browsers (and the reader) join without a space.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from .blocks import Cell, Document, Heading, Paragraph, Table

#: Python codec → the label a page would declare.
_LABELS = {"utf-8": "UTF-8", "gbk": "GBK", "gb2312": "GB2312", "gb18030": "GB18030", "big5": "Big5"}
_WRAP = 60


def render_html(document: Document, encoding: str = "utf-8", *, title_outside: bool = True,
                list_headings: str = "") -> bytes:
    """The whole page as bytes in ``encoding`` (declared in a ``<meta http-equiv>``).

    With ``title_outside`` a leading level-0 heading (the report title) goes in the page's
    article header, outside the content element, as most CMS templates place it.

    ``list_headings`` numbers the headings as list items instead of typing their numbers:
    ``"nested"`` as LibreOffice writes a Word report whose headings Word numbered (each heading
    its own ``<ol start=N><li><h2>``, sub-headings in an ``<ol>`` nested in an ``<ol>``, both
    drawn 1. 2. … by the browser); ``"cjk"`` the top level in ``list-style-type:
    cjk-ideographic`` lists (drawn 一、二、…), sub-headings typed."""
    blocks = list(document.blocks)
    title = ""
    if title_outside and blocks and isinstance(blocks[0], Heading) and blocks[0].level == 0:
        title = blocks.pop(0).text
    body = "\n".join(_listed(block, list_headings) if list_headings else _block(block) for block in blocks)
    label = _LABELS.get(encoding.lower(), encoding)
    page = _PAGE.format(
        charset=label,
        title=escape(title or "政府信息公开工作年度报告"),
        title_block=f'<div class="article-title"><h1>{escape(title)}</h1></div>' if title else "",
        body=body,
    )
    return page.encode(encoding, errors="xmlcharrefreplace")


def _block(block: Heading | Paragraph | Table) -> str:
    if isinstance(block, Heading):
        if block.level == 0:
            return f'<p style="text-align:center"><strong>{_inline(block.text)}</strong></p>'
        if block.level == 1:
            return f"<h2>{_inline(block.text)}</h2>"
        return f'<p style="text-indent:2em"><strong>{_inline(block.text)}</strong></p>'
    if isinstance(block, Paragraph):
        return f'<p style="text-indent:2em">{_inline(block.text, wrap=True)}</p>'
    return _table(block)


_TOP_NUMBER = re.compile(r"^([一二三四五六七八九十]+)、")
_SUB_NUMBER = re.compile(r"^（([一二三四五六七八九十]+)）")
_COUNTS = "一二三四五六七八九十"


def _listed(block: Heading | Paragraph | Table, style: str) -> str:
    if not isinstance(block, Heading):
        return _block(block)
    top, sub = _TOP_NUMBER.match(block.text), _SUB_NUMBER.match(block.text)
    if top is not None:
        start = _COUNTS.index(top.group(1)) + 1
        kind = ' style="list-style-type: cjk-ideographic"' if style == "cjk" else ""
        return f'<ol{kind} start="{start}">\n\t<li><h2>{_inline(block.text[top.end():])}</h2>\n</ol>'
    if sub is not None and style == "nested":
        start = _COUNTS.index(sub.group(1)) + 1
        return (f'<ol>\n\t<ol start="{start}">\n\t\t<li><p><strong>{_inline(block.text[sub.end():])}'
                "</strong></p>\n\t</ol>\n</ol>")
    return _block(block)


def _inline(text: str, wrap: bool = False) -> str:
    """Escape, turn the text's own line breaks into ``<br>``, and (for paragraphs) wrap long
    source lines between two CJK ideographs with a plain newline, as an editor might."""
    return "<br>\n".join(escape(_wrap(part) if wrap else part) for part in text.split("\n"))


def _wrap(text: str) -> str:
    out, run = [], 0
    for index, ch in enumerate(text):
        out.append(ch)
        run += 1
        nxt = text[index + 1] if index + 1 < len(text) else ""
        if run >= _WRAP and _ideograph(ch) and _ideograph(nxt):
            out.append("\n")
            run = 0
    return "".join(out)


def _ideograph(ch: str) -> bool:
    return bool(ch) and 0x4E00 <= ord(ch) <= 0x9FFF


def _table(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = "\n".join(_cell(cell) for cell in row)
        rows.append(f"<tr>\n{cells}\n</tr>")
    inner = "\n".join(rows)
    return (
        '<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">\n'
        f"<tbody>\n{inner}\n</tbody>\n</table>"
    )


def _cell(cell: Cell) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    content = _inline(cell.text) if cell.text else "&nbsp;"
    return f'<td{attrs} valign="middle"><p align="center"><span style="font-size:12px">{content}</span></p></td>'


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_某某市人民政府门户网站</title>
<link rel="stylesheet" href="/css/common.css">
<style type="text/css">body {{ font-family: "宋体"; }} .main-nav li {{ float: left; }}</style>
<script type="text/javascript">var siteName = "某某市人民政府门户网站"; var column = "一、总体情况";</script>
</head>
<body>
<div class="top-header">
<div class="logo"><img src="/images/logo.png" alt="某某市人民政府"></div>
<ul class="main-nav">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政府信息公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li>
</ul>
</div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 政府信息公开年报</div>
<div class="main">
<div class="article">
{title_block}
<div class="info">发布时间：2025-01-20　来源：某某市人民政府办公室　浏览次数：<span id="hits">1024</span></div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="share-box">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="related">
<h3>相关报告</h3>
<ul>
<li><a href="/a.html">某某市2023年政府信息公开工作年度报告</a></li>
<li><a href="/b.html">某某市2022年政府信息公开工作年度报告</a></li>
</ul>
</div>
</div>
<div id="footer">
<p>主办：某某市人民政府办公室　承办：某某市大数据发展管理局</p>
<p>网站标识码：3301000001　浙ICP备12345678号　浙公网安备 33010002000001号</p>
</div>
<script type="text/javascript">document.getElementById("hits").innerHTML = "访问量：1024";</script>
</body>
</html>
"""
