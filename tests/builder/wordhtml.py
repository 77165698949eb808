"""Render a generated report as Microsoft Word writes HTML, the shape most CMS report pages have.

Staff draft the report in Word and either save it "as a web page" or paste it into the CMS's
editor, which keeps Word's markup. Either way the page carries Word's habits, none of which the
plain builder page (``html.py``) has:

- paragraphs ``<p class=MsoNormal>`` with every run in its own ``<span>`` (a run per change of
  font, so digits and Latin sit in ``<span lang=EN-US>`` inside Chinese text), ``<o:p></o:p>``
  markers at paragraph ends and ``<o:p>&nbsp;</o:p>`` in empty paragraphs and table cells;
- list numbering (``一、``, ``（一）``) written by Word, not typed: the number between
  ``<![if !supportLists]>`` and ``<![endif]>`` (a saved page) or the comments
  ``<!--[if !supportLists]-->`` / ``<!--[endif]-->`` (a pasted one), followed by a run of
  ``&nbsp;`` in a tiny "Times New Roman" span;
- ``MsoNormalTable`` tables whose cells have widths and ``mso-`` border styles, centred
  paragraphs inside every cell;
- source lines wrapped at about 76 columns, inside attributes and between CJK characters;
- the document's conditional ``<xml>`` settings block, ``<style>`` in a comment.

``render_word_html(document, pasted=False)`` is the saved page (``charset=gb2312``, a
``WordSection1`` div); ``pasted=True`` puts the same markup inside a CMS page's
``div.TRS_Editor`` with the site's furniture around it, in UTF-8.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from .blocks import Cell, Document, Heading, Paragraph, Table

_LIST_NUMBER = re.compile(r"^((?:[一二三四五六七八九十]+、)|(?:（[一二三四五六七八九十]+）)|(?:\d+[.．、]))")
_DIGITS = re.compile(r"([0-9A-Za-z.%@:/-]+)")
_WRAP = 76


def render_word_html(document: Document, pasted: bool = False) -> bytes:
    body = "\n\n".join(_block(block, pasted) for block in document.blocks)
    if pasted:
        return _PASTED.format(body=_wrap_source(body)).encode("utf-8")
    return _SAVED.format(body=_wrap_source(body)).encode("gb18030", errors="xmlcharrefreplace")


def _block(block: Heading | Paragraph | Table, pasted: bool) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Heading) and block.level == 0:
        return ("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt'>"
                f"<b><span style='font-size:22.0pt;font-family:方正小标宋简体'>{_runs(block.text)}</span></b>"
                "<b><span lang=EN-US style='font-size:22.0pt'><o:p></o:p></span></b></p>")
    text = block.text
    number = _LIST_NUMBER.match(text)
    style = "text-indent:32.0pt;line-height:28.0pt"
    font = "黑体" if isinstance(block, Heading) and block.level == 1 else "仿宋_GB2312"
    if number is None:
        inner = _runs(text, font)
        return f"<p class=MsoNormal style='{style}'>{_bold(inner, block)}<span lang=EN-US><o:p></o:p></span></p>"
    label, rest = number.group(1), text[number.end():]
    opening, closing = ("<!--[if !supportLists]-->", "<!--[endif]-->") if pasted else ("<![if !supportLists]>", "<![endif]>")
    marker = (f"{opening}<span style='font-family:{font}'><span style='mso-list:Ignore'>{escape(label)}"
              "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span></span>"
              f"{closing}")
    return (f"<p class=MsoListParagraph style='margin-left:0cm;{style};mso-list:l0 level1 lfo1'>"
            f"{marker}{_bold(_runs(rest, font), block)}<span lang=EN-US><o:p></o:p></span></p>")


def _bold(inner: str, block: Heading | Paragraph) -> str:
    return f"<b>{inner}</b>" if isinstance(block, Heading) else inner


def _runs(text: str, font: str = "仿宋_GB2312") -> str:
    """Word's runs: Chinese in one span, digits and Latin in ``lang=EN-US`` spans; a line break
    of the text is a ``<br>`` inside the run."""
    out = []
    for piece in _DIGITS.split(text):
        if not piece:
            continue
        content = "<br>\n".join(escape(part) for part in piece.split("\n"))
        if _DIGITS.fullmatch(piece):
            out.append(f"<span lang=EN-US style='font-family:{font}'>{content}</span>")
        else:
            out.append(f"<span style='font-family:{font}'>{content}</span>")
    return "".join(out)


def _table(table: Table) -> str:
    rows = []
    for index, row in enumerate(table.rows):
        cells = "\n".join(_cell(cell) for cell in row)
        rows.append(f" <tr style='mso-yfti-irow:{index};height:20.0pt'>\n{cells}\n </tr>")
    inner = "\n".join(rows)
    return ("<div align=center>\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=600 "
            "style='width:450.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
            "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"
            f"{inner}\n</table>\n</div>")


def _cell(cell: Cell) -> str:
    attrs = ""
    if cell.colspan > 1:
        attrs += f" colspan={cell.colspan}"
    if cell.rowspan > 1:
        attrs += f" rowspan={cell.rowspan}"
    if cell.text:
        paragraphs = "".join(
            "<p class=MsoNormal align=center style='text-align:center'>"
            f"{_runs(part, '宋体')}<span lang=EN-US><o:p></o:p></span></p>"
            for part in cell.text.split("\n")
        )
    else:
        paragraphs = "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    return (f"  <td width=75{attrs} valign=center style='width:56.25pt;border:solid windowtext 1.0pt;"
            f"mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:20.0pt'>\n  {paragraphs}\n  </td>")


def _wrap_source(html: str) -> str:
    """Word's writer wraps source lines near 76 columns: at a space outside text, or between two
    CJK characters of text (which the reader joins without a space)."""
    out = []
    for line in html.split("\n"):
        while len(line) > _WRAP:
            cut = _cut(line)
            if cut is None:
                break
            out.append(line[:cut])
            line = line[cut:].lstrip(" ")
        out.append(line)
    return "\n".join(out)


def _cut(line: str) -> int | None:
    in_tag = False
    best = None
    for index, ch in enumerate(line):
        if index > _WRAP and best is not None:
            return best
        if ch == "<":
            in_tag = True
        elif ch == ">":
            in_tag = False
        elif in_tag and ch == " " and index > 20 and "'" not in line[line.rfind("<", 0, index):index].replace("''", ""):
            best = index
        elif not in_tag and index > 20 and _ideograph(ch) and _ideograph(line[index - 1]):
            best = index
    return best if best is not None and best < len(line) - 1 else None


def _ideograph(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF


_SAVED = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>政府信息公开工作年度报告</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>办公室</o:Author>
  <o:Pages>5</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:仿宋_GB2312;
	panose-1:2 1 6 9 3 1 1 1 1 1;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;
	text-align:justify;
	font-size:10.5pt;
	font-family:等线;}}
@page WordSection1
	{{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;}}
div.WordSection1
	{{page:WordSection1;}}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>

{body}

</div>

</body>

</html>
"""

_PASTED = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>政府信息公开工作年度报告_某某区人民政府</title>
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div></div>
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">年度报告</a></div>
<div class="content">
<div class="info">发布日期：2025-01-15　　信息来源：区政府办公室　　【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor"><style type="text/css">
.TRS_Editor P{{margin-top:0;margin-bottom:12px;line-height:2;font-family:宋体;font-size:12pt;}}
</style>
<div class="Custom_UnionStyle">
{body}
</div></div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="footer">版权所有：某某区人民政府　网站标识码：1101050001　京ICP备05060933号　京公网安备11010502000001号</div>
</body>
</html>
"""
