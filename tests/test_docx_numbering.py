"""Word's automatic list numbers (gaolint/read/docx_numbering.py): a heading numbered with
Word's list button keeps only its title in the text; its ``一、`` comes from
``word/numbering.xml``. Without it a good report loses every section (GAO101 ×6, GAO103)."""

from __future__ import annotations


import pytest

from gaolint.read.base import UnreadableFile
from gaolint.read.docx import read_docx
from gaolint.read.listnumbers import format_number
from tests.builder import build_document, sample_spec
from tests.builder.defects import clean_or_planted
from tests.builder.docx import render_docx
from tests.test_read_docx import W_NS, minimal_docx
from tests.findings import findings_apart_from_places

_NUMBERING_TYPE = ('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.numbering+xml"/>')
_STYLES_TYPE = ('<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.styles+xml"/>')


@pytest.mark.parametrize("seed", [1, 4, 9])
def test_a_report_numbered_by_word_reads_as_one_typed(tmp_path, seed):
    document = clean_or_planted(seed)
    typed, numbered = tmp_path / "typed.docx", tmp_path / "numbered.docx"
    typed.write_bytes(render_docx(document))
    numbered.write_bytes(render_docx(document, numbered=True))
    assert ">一、总体情况<" not in _document_xml(numbered) and ">总体情况<" in _document_xml(numbered)
    assert findings_apart_from_places(numbered) == findings_apart_from_places(typed)


def test_numbered_headings_carry_their_numbers():
    document = build_document(sample_spec(4))
    lines = [line.text for line in read_docx(render_docx(document, numbered=True), "x.docx").lines]
    typed = [line.text for line in read_docx(render_docx(document), "x.docx").lines]
    assert lines == typed
    assert "一、总体情况" in lines and lines.count("（一）主动公开") == 1


def _with_deleted_heading(xml: str, mark: str, text: str) -> str:
    """A numbered heading deleted with tracked changes on, left in before 主动公开政府信息情况 (a
    published file whose changes nobody accepted): its mark deleted (``mark``), its runs ``text``."""
    at = xml.find(">主动公开政府信息情况<")
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    deleted = ('<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'
               f'<w:rPr>{mark}</w:rPr></w:pPr>{text}</w:p>')
    return xml[:start] + deleted + xml[start:]


_GONE = '<w:del w:id="901" w:author="x" w:date="2024-01-01T00:00:00Z"/>'
_GONE_RUNS = '<w:del w:id="902" w:author="x" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>工作亮点</w:delText></w:r></w:del>'


@pytest.mark.parametrize("mark", [_GONE, _GONE.replace("w:del ", "w:moveFrom ")])
def test_a_numbered_heading_deleted_with_tracked_changes_takes_no_number(mark):
    """Counted, the deleted heading showed as a bare 二、 and every later section came one number
    late (三、主动公开政府信息情况 …)."""
    from tests.builder.docx import with_document_xml

    data = render_docx(build_document(sample_spec(4)), numbered=True)
    edited = with_document_xml(data, lambda xml: _with_deleted_heading(xml, mark, _GONE_RUNS))
    assert [line.text for line in read_docx(edited, "x.docx").lines] == [
        line.text for line in read_docx(data, "x.docx").lines]


def test_a_heading_whose_mark_alone_was_deleted_keeps_its_number():
    """Its text is still there (the mark deleted joins it to the next paragraph in Word's view):
    it is still counted."""
    from tests.builder.docx import with_document_xml

    data = render_docx(build_document(sample_spec(4)), numbered=True)
    edited = with_document_xml(data, lambda xml: _with_deleted_heading(xml, _GONE, "<w:r><w:t>工作亮点</w:t></w:r>"))
    lines = [line.text for line in read_docx(edited, "x.docx").lines]
    assert "二、工作亮点" in lines and "三、主动公开政府信息情况" in lines


def _document_xml(path) -> str:
    import zipfile

    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


def _list(abstract_id: str, levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'


def _lvl(index: int, fmt: str, text: str, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def _num(num_id: str, abstract_id: str, override: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'


def _numbered(text: str, num_id: str, level: int = 0) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
            f'<w:r><w:t>{text}</w:t></w:r></w:p>')


def _read(body: str, numbering: str, styles: str = "") -> list[str]:
    members = {"word/numbering.xml": f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'.encode()}
    types = _NUMBERING_TYPE
    if styles:
        members["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'.encode()
        types += _STYLES_TYPE
    return [line.text for line in read_docx(minimal_docx(body, members=members, extra_types=types), "x.docx").lines]


def test_counting_as_word_counts():
    numbering = (
        _list("1", _lvl(0, "chineseCounting", "%1、") + _lvl(1, "chineseCounting", "（%2）")
              + _lvl(2, "decimal", "%3.", '<w:isLgl/>') )
        + _list("2", _lvl(0, "decimalEnclosedCircle", "%1", '<w:suff w:val="nothing"/>'))
        + _list("3", _lvl(0, "bullet", "\uf06c"))
        + _num("1", "1") + _num("5", "1")  # two lists over one abstract list continue each other
        + _num("2", "2") + _num("4", "2", '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
        + _num("3", "3")
    )
    body = "".join([
        _numbered("总体情况", "1"), _numbered("主动公开", "1", 1), _numbered("依申请公开", "1", 1),
        _numbered("细项", "1", 2),
        _numbered("主动公开政府信息情况", "5"),  # 二、 (continues list 1), and （一） starts again
        _numbered("新的一项", "1", 1),
        _numbered("甲", "2"), _numbered("乙", "2"), _numbered("重新开始", "4"),
        _numbered("要点", "3"),
        '<w:p><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>',
        _numbered("没有这个列表", "77"),
    ])
    assert _read(body, numbering) == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "1.细项",
        "二、主动公开政府信息情况", "（一）新的一项",
        "①甲", "②乙", "①重新开始", "要点", "不编号", "没有这个列表",
    ]


def test_a_heading_style_tied_to_a_list_level_is_numbered():
    numbering = _list("1", _lvl(0, "chineseCounting", "%1、", '<w:pStyle w:val="Heading1"/>')) + _num("7", "1")
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>')

    def styled(text: str, style: str) -> str:
        return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'

    body = styled("总体情况", "Heading1") + _numbered_plain("正文") + styled("主动公开政府信息情况", "MyHeading")
    assert _read(body, numbering, styles) == ["一、总体情况", "正文", "二、主动公开政府信息情况"]


def _numbered_plain(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_document_without_lists_is_read_as_before():
    numbering = _list("1", _lvl(0, "chineseCounting", "%1、")) + _num("1", "1")
    assert _read(_numbered_plain("一、总体情况") + _numbered_plain("正文"), numbering) == ["一、总体情况", "正文"]


def test_a_hostile_numbering_part_is_refused():
    members = {"word/numbering.xml": (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                                      f'<w:numbering xmlns:w="{W_NS}"/>').encode()}
    data = minimal_docx(_numbered("总体情况", "1"), members=members, extra_types=_NUMBERING_TYPE)
    with pytest.raises(UnreadableFile, match="DOCTYPE"):
        read_docx(data, "x.docx")


def test_a_broken_numbering_part_leaves_the_text_unnumbered():
    members = {"word/numbering.xml": b"<w:numbering xmlns:w='nope'><unclosed>"}
    data = minimal_docx(_numbered("总体情况", "1"), members=members, extra_types=_NUMBERING_TYPE)
    assert [line.text for line in read_docx(data, "x.docx").lines] == ["总体情况"]


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (23, "chineseCountingThousand", "二十三"),
    (3, "chineseLegalSimplified", "叁"), (2, "ideographTraditional", "乙"), (3, "decimalEnclosedCircle", "③"),
    (4, "upperRoman", "IV"), (2, "lowerLetter", "b"), (27, "upperLetter", "AA"), (7, "decimalFullWidth", "７"),
    (5, "decimalZero", "05"), (12, "decimal", "12"), (3, "somethingNew", "3"),
    (10**11, "upperLetter", "100000000000"), (10**11, "upperRoman", "100000000000"),
    (10**11, "chineseCounting", "一〇〇〇〇〇〇〇〇〇〇〇"), (-3, "chineseCounting", "-3"),
])
def test_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_a_page_break_at_the_start_of_a_numbered_heading_keeps_it_one_line():
    """Ctrl+Enter typed at the start of 三、收到和处理… leaves ``<w:br w:type="page"/>`` in the
    heading's paragraph: the number drawn before the text and the title were two lines (三、 /
    收到和处理…: a false GAO101). A page or column break starts a page, not a line."""
    numbering = _list("1", _lvl(0, "chineseCounting", "%1、")) + _num("1", "1")
    breaking = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                '<w:r><w:br w:type="page"/></w:r><w:r><w:t>收到和处理政府信息公开申请情况</w:t></w:r></w:p>')
    body = _numbered("总体情况", "1") + breaking + '<w:p><w:r><w:t>上</w:t><w:br/><w:t>下</w:t></w:r></w:p>'
    assert _read(body, numbering) == ["一、总体情况", "二、收到和处理政府信息公开申请情况", "上", "下"]


@pytest.mark.parametrize("vanish", ["<w:vanish/>", '<w:vanish w:val="true"/>'])
def test_hidden_text_is_not_read(vanish):
    """A run formatted hidden (``w:vanish``) is neither shown nor printed by Word: a hidden draft
    sentence (本年度共收取信息处理费0.2万元。) gave a false GAO402."""
    body = (f'<w:p><w:r><w:t>本年度未收取信息处理费。</w:t></w:r><w:r><w:rPr>{vanish}</w:rPr>'
            '<w:t>本年度共收取信息处理费0.2万元。</w:t></w:r></w:p>'
            '<w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示的文字</w:t></w:r></w:p>')
    lines = [line.text for line in read_docx(minimal_docx(body), "x.docx").lines]
    assert lines == ["本年度未收取信息处理费。", "显示的文字"]
