"""The body of a ``word/document.xml`` as one string of records, written by libxslt.

The .docx reader's walk (``docx._Body.extract``) touched every element of the body in Python:
~320 table cells a report at ~5 µs each, most of the reader's time. This stylesheet makes the
same walk in C and writes what the walk looks at, in document order, as records: each is
``\\r`` + a letter + a value (``docx._Body.extract_records`` reads them). It decides nothing
the Python walk decides — grid columns, merges, line splitting and joining stay in Python on
the strings written here — it only finds the elements the walk finds:

* ``P`` + text: a body paragraph (``w:p`` among the body's children, content controls, custom
  XML, smart tags and insertions unwrapped: ``docx._blocks``), its text as ``paragraph_text``
  gives it (runs, fields' results, insertions; ``w:tab`` a tab, ``w:br``/``w:cr`` a line
  break, ``w:noBreakHyphen`` a hyphen, a nested ``w:p`` a line break; deletions, field codes,
  ``mc:Fallback`` and properties left out; a ``w:t``'s own text only);
* ``T`` … ``E``: a body table; ``R``: one of its rows (``docx._rows``), then ``B`` + the
  ``w:val`` of each ``w:gridBefore`` in the row's own ``w:trPr`` children;
* ``C``: a cell of the row (``docx._cells``), then ``S``/``V``/``H`` + the ``w:val`` of each
  ``w:gridSpan``/``w:vMerge``/``w:hMerge`` in the cell's own ``w:tcPr`` children; a nested
  table's cells are ``N`` … ``n`` with their own ``V``/``H`` inside. Each paragraph of a cell
  (``docx._blocks`` of the cell) is a line feed + its text added to the record before it, so
  that a cell of one paragraph is one record: ``C`` + line feed + text. (A cell's lines are
  those of its paragraphs' texts joined by line feeds; a ``w:val`` holds no line feed.)
* ``X``: a ``w:t`` holding an element, comment or processing instruction: ``paragraph_text``
  reads only the text before it, which this stylesheet does not try to match — the caller
  walks the body in Python instead.

``\\r`` cannot come out of the text or the attribute values of a UTF-8 document that holds no
character reference (the parser turns every literal carriage return into a line feed, or in an
attribute a space): ``records`` is None for any other document, and the caller walks in Python.
"""

from __future__ import annotations

import re
from typing import Any

_WRAPPERS = "w:sdt|w:customXml|w:sdtContent|w:smartTag|w:ins|w:moveTo"

_STYLESHEET = f"""\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/"><xsl:apply-templates select="*/w:body[1]" mode="b"/></xsl:template>

<!-- b: the body's blocks (docx._blocks) -->
<xsl:template match="w:body|{_WRAPPERS}" mode="b"><xsl:apply-templates mode="b"/></xsl:template>
<xsl:template match="w:p" mode="b"><xsl:text>&#13;P</xsl:text><xsl:apply-templates mode="t"/></xsl:template>
<xsl:template match="w:tbl" mode="b"><xsl:text>&#13;T</xsl:text><xsl:apply-templates mode="r"/><xsl:text>&#13;E</xsl:text></xsl:template>
<xsl:template match="node()" mode="b"/>

<!-- r: a table's rows (docx._rows) -->
<xsl:template match="{_WRAPPERS}" mode="r"><xsl:apply-templates mode="r"/></xsl:template>
<xsl:template match="w:tr" mode="r"><xsl:text>&#13;R</xsl:text><xsl:apply-templates mode="r0"/></xsl:template>
<xsl:template match="node()" mode="r"/>

<!-- r0: a row's own children: its w:trPr, its cells (docx._cells) -->
<xsl:template match="w:trPr" mode="r0"><xsl:apply-templates mode="rp"/></xsl:template>
<xsl:template match="{_WRAPPERS}" mode="r0"><xsl:apply-templates mode="c"/></xsl:template>
<xsl:template match="w:tc" mode="r0"><xsl:text>&#13;C</xsl:text><xsl:apply-templates mode="c0"/></xsl:template>
<xsl:template match="node()" mode="r0"/>
<xsl:template match="w:gridBefore" mode="rp"><xsl:text>&#13;B</xsl:text><xsl:value-of select="@w:val"/></xsl:template>
<xsl:template match="node()" mode="rp"/>

<!-- c: cells inside a row's content controls -->
<xsl:template match="{_WRAPPERS}" mode="c"><xsl:apply-templates mode="c"/></xsl:template>
<xsl:template match="w:tc" mode="c"><xsl:text>&#13;C</xsl:text><xsl:apply-templates mode="c0"/></xsl:template>
<xsl:template match="node()" mode="c"/>

<!-- c0: a cell's own children: its w:tcPr, its blocks; cb: blocks inside its wrappers -->
<xsl:template match="w:tcPr" mode="c0"><xsl:apply-templates mode="cp"/></xsl:template>
<xsl:template match="w:p" mode="c0"><xsl:text>&#10;</xsl:text><xsl:apply-templates mode="t"/></xsl:template>
<xsl:template match="w:tbl" mode="c0"><xsl:apply-templates mode="nr"/></xsl:template>
<xsl:template match="{_WRAPPERS}" mode="c0"><xsl:apply-templates mode="cb"/></xsl:template>
<xsl:template match="node()" mode="c0"/>
<xsl:template match="w:gridSpan" mode="cp"><xsl:text>&#13;S</xsl:text><xsl:value-of select="@w:val"/></xsl:template>
<xsl:template match="w:vMerge" mode="cp"><xsl:text>&#13;V</xsl:text><xsl:value-of select="@w:val"/></xsl:template>
<xsl:template match="w:hMerge" mode="cp"><xsl:text>&#13;H</xsl:text><xsl:value-of select="@w:val"/></xsl:template>
<xsl:template match="node()" mode="cp"/>
<xsl:template match="w:p" mode="cb"><xsl:text>&#10;</xsl:text><xsl:apply-templates mode="t"/></xsl:template>
<xsl:template match="w:tbl" mode="cb"><xsl:apply-templates mode="nr"/></xsl:template>
<xsl:template match="{_WRAPPERS}" mode="cb"><xsl:apply-templates mode="cb"/></xsl:template>
<xsl:template match="node()" mode="cb"/>

<!-- nr, nc: a nested table's rows and cells (docx.cell_lines) -->
<xsl:template match="{_WRAPPERS}" mode="nr"><xsl:apply-templates mode="nr"/></xsl:template>
<xsl:template match="w:tr" mode="nr"><xsl:apply-templates mode="nc"/></xsl:template>
<xsl:template match="node()" mode="nr"/>
<xsl:template match="{_WRAPPERS}" mode="nc"><xsl:apply-templates mode="nc"/></xsl:template>
<xsl:template match="w:tc" mode="nc"><xsl:text>&#13;N</xsl:text><xsl:apply-templates mode="c0"/><xsl:text>&#13;n</xsl:text></xsl:template>
<xsl:template match="node()" mode="nc"/>

<!-- t: a paragraph's text (docx.paragraph_text); tt: inside a w:t -->
<xsl:template match="w:t" mode="t"><xsl:apply-templates mode="tt"/></xsl:template>
<xsl:template match="w:tab" mode="t"><xsl:text>&#9;</xsl:text></xsl:template>
<xsl:template match="w:br|w:cr" mode="t"><xsl:text>&#10;</xsl:text></xsl:template>
<xsl:template match="w:br[@w:type='page' or @w:type='column']" mode="t"><xsl:text>&#xE000;</xsl:text></xsl:template>
<xsl:template match="w:noBreakHyphen" mode="t"><xsl:text>-</xsl:text></xsl:template>
<xsl:template match="w:p" mode="t"><xsl:text>&#10;</xsl:text><xsl:apply-templates mode="t"/></xsl:template>
<xsl:template match="w:del|w:moveFrom|mc:Fallback|w:instrText|w:delText|w:pPr|w:rPr|w:sdtPr|w:rt" mode="t"/>
<xsl:template match="*" mode="t"><xsl:apply-templates mode="t"/></xsl:template>
<xsl:template match="text()|comment()|processing-instruction()" mode="t"/>
<xsl:template match="*|comment()|processing-instruction()" mode="tt"><xsl:text>&#13;X</xsl:text></xsl:template>
</xsl:stylesheet>
"""

_TRANSFORM: list[Any] = []

#: The XML declaration's encoding, if any (``EncName`` of the XML specification).
_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]*)[\"']")


def records(root: Any, xml: bytes) -> str | None:
    """The records of the body of ``root`` (parsed from ``xml``), or None when they could
    be ambiguous (see the module's docstring) or libxslt fails: walk the body in Python."""
    if not _plain_utf8(xml) or b"vanish" in xml or PAGE_BREAK_MARK.encode() in xml:
        return None  # (hidden runs: the Python walk leaves them out; U+E000: the break's mark)
    if not _TRANSFORM:
        from lxml import etree

        _TRANSFORM.append(etree.XSLT(etree.XML(_STYLESHEET.encode()), access_control=etree.XSLTAccessControl.DENY_ALL))
    try:
        out = str(_TRANSFORM[0](root))
    except Exception:  # libxslt's own limits (template depth...): the Python walk decides
        return None
    if "\rX" in out:
        return None
    return _PAGE_BREAK.sub(_page_break, out) if PAGE_BREAK_MARK in out else out


#: What the stylesheet writes for a page or column break (``w:br w:type="page"``): a private-use
#: character, so that a part holding one itself is walked in Python instead.
PAGE_BREAK_MARK = "\ue000"
#: A break and the text of its line before it (since the last line feed or record).
_PAGE_BREAK = re.compile("([^\n\r\ue000]*+)\ue000")


def _page_break(match: re.Match[str]) -> str:
    """A page or column break ends its line after text (…均已办结。<break>二、主动公开…: the
    heading starts the page) and is nothing before any (a break at a numbered heading's start
    must not leave its number alone on a line): ``docx.paragraph_text``'s rule."""
    before = match.group(1)
    return before + "\n" if before.strip() else before


def _plain_utf8(xml: bytes) -> bool:
    """True when ``xml`` is read as UTF-8 (or an ASCII superset declared as UTF-8) and holds
    no character reference: then no text or attribute value of its tree holds ``\\r``.
    Starting with ``<`` (after a UTF-8 byte-order mark) and no NUL byte in the first four rules
    out UTF-16, UTF-32 (with a byte-order mark or without: their ``<`` holds a NUL byte) and
    EBCDIC; a declared encoding must be UTF-8."""
    if b"&" in xml and b"&#" in xml:  # memchr first: 1 µs against 40 µs for a 40 KB part
        return False
    start = xml[3:] if xml.startswith(b"\xef\xbb\xbf") else xml
    if not start.startswith(b"<") or b"\0" in start[:4]:
        return False
    if start.startswith(b"<?xml"):
        declaration = start[: start.find(b"?>") + 2]
        found = _DECLARED.match(declaration)
        if found is not None and found.group(1).lower() not in (b"utf-8", b"utf8"):
            return False
    return True
