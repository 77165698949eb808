"""Lint builder reports transformed the way real published reports differ from them.

The test builder (tests/builder) shares our own assumptions; real reports do not. Each variant
below is one realistic difference (a table's zeros written as dashes, a page's paragraphs broken
by ``<br>``, an e-mail with a full-width ＠, a Word paragraph broken by soft line breaks, …),
applied at the level it lives at:

- ``spec``: the report's facts or fixed sentences (fee sentence, contact), rebuilt and planted;
- ``doc``: the builder's Document (headings, prose, table cells), rendered in every container;
- ``text``: the rendered text in every text shape (copied text);
- ``html``: the rendered page; ``docx``: the Word file, edited with python-docx.

For each variant it lints the clean report before and after (a finding gained after is a false
positive) and, for each defect the builder can plant, the planted report after (a defect's
expected rule missing is a miss; a rule neither expected nor allowed is an extra finding).

    python bench/variants.py                          # every variant, 12 seeds
    python bench/variants.py --seeds 40 --only zero-dash,email-fullwidth-at
    python bench/variants.py --containers text,html   # doc variants: which containers
    python bench/variants.py --pdf                    # doc variants also through render_pdf (slow)
    python bench/variants.py --list
    python bench/variants.py --show zero-dash --seed 3   # print one transformed text report
"""

from __future__ import annotations

import argparse
import collections
import copy
import dataclasses
import io
import random
import re
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gaolint import api  # noqa: E402
from tests.builder import (  # noqa: E402
    SHAPES, Cell, Document, Heading, Paragraph, Table, build_document, defects_for, plant, render_text,
    sample_spec, to_traditional,
)
from tests.builder.crawled import cells_as_paragraphs, indented_and_spaced  # noqa: E402
from tests.builder.docx import render_docx  # noqa: E402
from tests.builder.html import render_html  # noqa: E402
from tests.builder.names import DEPARTMENTS as _DEPARTMENTS  # noqa: E402
from tests.builder.text_shapes import hard_wrap  # noqa: E402

SETTINGS = api.Settings()
TEXT_SHAPES = ("pipe", "cells")


@dataclasses.dataclass(frozen=True)
class Variant:
    name: str
    kind: str  # spec | doc | text | html | docx
    fn: Callable
    note: str = ""
    #: Rules the spec (rules.md) says this difference deserves: gained findings of these rules
    #: are not false positives (a dash for a zero count is GAO106 by design).
    expect: frozenset[str] = frozenset()
    #: Defects not planted under this variant: the variant rewrites what the defect changes, so
    #: the pair is not a report anyone writes (a malformed number given an extension).
    skip: frozenset[str] = frozenset()
    #: Text variants: the shapes the difference can occur in (all by default).
    shapes: tuple[str, ...] = ()


VARIANTS: dict[str, Variant] = {}


def variant(name: str, kind: str, note: str = "", expect: str = "", skip: str = "", shapes: str = ""):
    def register(fn: Callable) -> Callable:
        VARIANTS[name] = Variant(name, kind, fn, note, frozenset(expect.split(",")) - {""},
                                 frozenset(skip.split(",")) - {""}, tuple(shapes.split(",")) if shapes else ())
        return fn
    return register


# --- helpers over the Document -----------------------------------------------------------------

def map_cells(doc: Document, fn: Callable[[Table, int, Cell], str]) -> Document:
    blocks = []
    for b in doc.blocks:
        if isinstance(b, Table):
            rows = tuple(tuple(Cell(fn(b, r, c), c.rowspan, c.colspan) for c in row)
                         for r, row in enumerate(b.rows))
            b = Table(rows=rows, kind=b.kind)
        blocks.append(b)
    return Document(blocks=blocks)


def map_blocks(doc: Document, heading: Callable[[Heading], str] | None = None,
               paragraph: Callable[[str], str] | None = None) -> Document:
    out = []
    for b in doc.blocks:
        if heading and isinstance(b, Heading):
            b = Heading(heading(b), b.level)
        elif paragraph and isinstance(b, Paragraph):
            b = Paragraph(paragraph(b.text))
        out.append(b)
    return Document(blocks=out)


def _number_cell(c: Cell) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?", c.text))


def _first_data_row(t: Table) -> int:
    for r, row in enumerate(t.rows):
        if any(_number_cell(c) for c in row):
            return r
    return len(t.rows)


# --- spec variants -------------------------------------------------------------------------------

def _fee(spec, sentences):
    if spec.version == "cn-2008" or "收取信息处理费" in spec.fee_sentence and re.search(r"\d+元", spec.fee_sentence):
        return spec
    rng = random.Random(spec.year)
    return dataclasses.replace(spec, fee_sentence=rng.choice(sentences).format(year=spec.year))


@variant("fee-wording", "spec", "no-fee sentences as agencies write them")
def fee_wording(spec):
    return _fee(spec, (
        "本年度未收取任何费用。",
        "本年度本机关未发生收取信息处理费情况。",
        "本年度本机关未收取信息处理费，收费金额为0元。",
        "本年度没有收取信息处理费。",
        "信息处理费：0元。",
        "{year}年度无收取信息处理费情况。",
        "本机关在政府信息公开工作中未收取信息处理费。",
    ))


@variant("fee-no-charge", "spec", "no-fee sentences that never name 信息处理费 (均未收费, 不涉及收费)")
def fee_no_charge(spec):
    return _fee(spec, (
        "本机关依申请公开政府信息均未收费。",
        "本年度我局无收费情况。",
        "政府信息公开工作中不涉及收费。",
        "本单位在政府信息公开工作中不存在收费情况。",
        "本年度未发生信息公开收费事项。",
    ))


def _contact(spec, **changes):
    return dataclasses.replace(spec, contact=dataclasses.replace(spec.contact, **changes))


@variant("email-fullwidth-at", "spec", "gkb＠abc.gov.cn")
def email_fullwidth(spec):
    e = spec.contact.email
    return _contact(spec, email=e.replace("@", "＠")) if e else spec


@variant("phone-extension", "spec", skip="telephone_malformed", note="0512-12345678转8001")
def phone_ext(spec):
    return _contact(spec, telephone=spec.contact.telephone + "转8001")


@variant("phone-two", "spec", skip="telephone_malformed", note="two numbers joined by 、")
def phone_two(spec):
    t = spec.contact.telephone
    area = t.split("-")[0]
    return _contact(spec, telephone=f"{t}、{area}-{'6' * (len(t) - len(area) - 1)}")


@variant("phone-dash-extension", "spec", skip="telephone_malformed", note="0512-12345678-8001")
def phone_dash_ext(spec):
    t = spec.contact.telephone
    return _contact(spec, telephone=t + "-8001") if "-" in t else spec


@variant("phone-mobile", "spec", skip="telephone_malformed", note="a mobile number beside the fixed line")
def phone_mobile(spec):
    return _contact(spec, telephone=spec.contact.telephone + "，13912345678")


@variant("phone-brackets", "spec", skip="telephone_malformed", note="（0512）12345678")
def phone_brackets(spec):
    area, _, number = spec.contact.telephone.partition("-")
    return _contact(spec, telephone=f"（{area}）{number}")


@variant("url-no-scheme", "spec", "www.abc.gov.cn")
def url_no_scheme(spec):
    w = spec.contact.website
    return _contact(spec, website=w.replace("https://", "")) if w else spec


# --- doc variants: tables ------------------------------------------------------------------------

@variant("format-early", "spec", "a 2020 report already in the 2021 format; a 2021 one still in the 2019 format")
def format_early(spec):
    if spec.version == "cn-2021":
        return sample_spec(spec.year, version="cn-2021", year=2020)
    if spec.version == "cn-2019":
        return sample_spec(spec.year, version="cn-2019", year=2021)
    return spec


@variant("thousands", "doc", "table and prose numbers ≥ 1000 written 1,234")
def thousands(doc):
    def cell(t, r, c):
        return f"{int(c.text):,}" if c.text.isdigit() and int(c.text) >= 1000 else c.text
    doc = map_cells(doc, cell)
    return map_blocks(doc, paragraph=lambda s: re.sub(r"(?<![\d年.-])(\d{4,})(?=[条件篇项次个])",
                                                         lambda m: f"{int(m.group(1)):,}", s))


def _zero(doc: Document, mark: str, kinds=("table2", "table3", "table4")) -> Document:
    def cell(t, r, c):
        return mark if t.kind in kinds and c.text == "0" else c.text
    return map_cells(doc, cell)


@variant("zero-dash", "doc", expect="GAO106", note="zeros in tables 2–4 as —")
def zero_dash(doc):
    return _zero(doc, "—")


@variant("zero-slash", "doc", expect="GAO106", note="zeros in table 2 as ／ (not applicable)")
def zero_slash(doc):
    return _zero(doc, "／", ("table2",))


@variant("zero-blank", "doc", expect="GAO106", note="zeros in table 3 left blank")
def zero_blank(doc):
    return _zero(doc, "", ("table3",))


@variant("zero-wu", "doc", expect="GAO106", note="zeros in table 2 as 无")
def zero_wu(doc):
    return _zero(doc, "无", ("table2",))


@variant("fullwidth-digits", "doc", "table digits full-width")
def fullwidth_digits(doc):
    tr = str.maketrans("0123456789.", "０１２３４５６７８９．")
    return map_cells(doc, lambda t, r, c: c.text.translate(tr) if _number_cell(c) else c.text)


@variant("cell-spaces", "doc", "numbers padded with spaces in cells")
def cell_spaces(doc):
    return map_cells(doc, lambda t, r, c: f" {c.text}\u3000" if _number_cell(c) else c.text)


@variant("unit-cells", "doc", "table 3/4 numbers with 件")
def unit_cells(doc):
    return map_cells(doc, lambda t, r, c: c.text + "件" if t.kind in ("table3", "table4") and c.text.isdigit()
                     else c.text)


@variant("table4-title-2019", "doc", "section 4 titled as 2019 reports: 因政府信息公开工作被申请行政复议、提起行政诉讼情况")
def table4_title(doc):
    return map_blocks(doc, heading=lambda h: re.sub(r"^四、.*行政复议.*$", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", h.text))


@variant("section-title-variants", "doc", "small wording differences in section titles")
def section_title_variants(doc):
    subs = (("、总体情况", "、政府信息公开工作的基本概况"),
            ("主动公开政府信息情况", "主动公开政府信息的情况"),
            ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况"),
            ("存在的主要问题及改进情况", "存在的主要问题和改进情况"),
            ("其他需要报告的事项", "其他需要报告事项"))

    def head(h):
        text = h.text
        for a, b in subs:
            text = text.replace(a, b)
        return text
    return map_blocks(doc, heading=head)


_LABEL_EDITS = (
    ("危及“三安全一稳定”", "危及\"三安全一稳定\""),
    ("（七）总计", "（七）总　计"),
    ("四、结转下年度继续办理", "四、结转下一年度继续办理"),
    ("1.属于国家秘密", "1. 属于国家秘密"),
    ("法人或其他组织", "法人或者其他组织"),
    ("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"),
    ("申请人情况", "申 请 人 情 况"),
    ("其他对外管理服务事项", "其他对外管理服务"),
)


@variant("table-label-variants", "doc", "small wording differences in table labels (总　计, 结转下一年度, 法人或者其他组织 …)")
def table_labels(doc):
    def cell(t, r, c):
        text = c.text
        for a, b in _LABEL_EDITS:
            text = text.replace(a, b)
        return text
    return map_cells(doc, cell)


@variant("table4-short-outcomes", "doc", "table 4 outcomes 维持/纠正 (without 结果)")
def table4_short(doc):
    return map_cells(doc, lambda t, r, c: c.text.replace("结果维持", "维持").replace("结果纠正", "纠正")
                     if t.kind == "table4" else c.text)


@variant("fee-decimals", "doc", "table 2 fee amount 0.00 / 4位小数")
def fee_decimals(doc):
    def cell(t, r, c):
        if t.kind == "table2" and re.fullmatch(r"\d+(\.\d+)?", c.text) and r == len(t.rows) - 1:
            return f"{float(c.text):.4f}"
        return c.text
    return map_cells(doc, cell)


_NEW = re.compile(r"新收政府信息公开申请(\d+)件")


@variant("narrative-extra-numbers", "doc", "the 新收 sentence with other figures around it (同比, 其中当面/网络)")
def narrative_extra(doc):
    def para(s):
        def sub(m):
            n = int(m.group(1))
            web = n // 2
            return (f"新收政府信息公开申请{n}件（其中当面申请{n - web}件、网上申请{web}件），"
                    f"较上年增加{n // 5 + 3}件")
        return _NEW.sub(sub, s, count=1)
    return map_blocks(doc, paragraph=para)


@variant("narrative-shouli", "doc", "共受理政府信息公开申请N件 instead of 新收")
def narrative_shouli(doc):
    return map_blocks(doc, paragraph=lambda s: _NEW.sub(lambda m: f"受理政府信息公开申请{m.group(1)}件", s, count=1))


# --- doc variants: headings, prose ---------------------------------------------------------------

_TOP = re.compile(r"^([一二三四五六七八九十]+)、")
_CN = "一二三四五六七八九十"


@variant("heading-brackets", "doc", "top headings in 【】")
def heading_brackets(doc):
    return map_blocks(doc, heading=lambda h: f"【{h.text}】" if h.level == 1 else h.text)


@variant("heading-part", "doc", "top headings 第一部分 总体情况")
def heading_part(doc):
    return map_blocks(doc, heading=lambda h: _TOP.sub(lambda m: f"第{m.group(1)}部分　", h.text) if h.level == 1 else h.text)


@variant("heading-part-colon", "doc", "top headings 一、总体情况 → （一）… subheads as 1.…")
def heading_arabic_sub(doc):
    def head(h):
        if h.level == 2:
            m = re.match(r"^（([一二三四五六七八九十])）", h.text)
            if m:
                return f"{_CN.index(m.group(1)) + 1}.{h.text[m.end():]}"
        return h.text
    return map_blocks(doc, heading=head)


@variant("extra-section", "doc", "fee sentence under its own 六、 and 其他需要报告的事项 becomes 七、")
def extra_section(doc):
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and b.level == 1 and b.text.startswith("六、"):
            blocks[i] = Heading("六、信息处理费收取情况", 1)
            rest = blocks[i + 1:]
            fee = [p for p in rest if isinstance(p, Paragraph) and "费" in p.text][:1]
            if not fee:
                return doc
            others = [p for p in rest if p is not fee[0]]
            tail = [p for p in others if isinstance(p, Paragraph)][-2:]  # signer, date
            body = [p for p in others if p not in tail]
            return Document(blocks=blocks[:i + 1] + fee + [Heading("七、其他需要报告的事项", 1)] + body + tail)
    return doc


@variant("fee-subheading", "doc", "section 六 with sub-headings （一）收取信息处理费情况 / （二）其他事项")
def fee_subheading(doc):
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph) and "信息处理费" in b.text and i > 0:
            head = Heading("（一）信息处理费收取情况", 2) if i % 2 else Heading("（一）收取信息处理费情况", 2)
            return Document(blocks=blocks[:i] + [head] + blocks[i:])
    return doc


@variant("fee-runin", "doc", "the fee sentence run in after a numbered topic: 1.信息处理费收取情况：本年度…")
def fee_runin(doc):
    return map_blocks(doc, paragraph=lambda s: "1.信息处理费收取情况：" + s if "信息处理费" in s and "依据" not in s else s)


@variant("date-iso", "doc", "signed 2024-01-15")
def date_iso(doc):
    blocks = list(doc.blocks)
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", blocks[-1].text) if isinstance(blocks[-1], Paragraph) else None
    if m:
        blocks[-1] = Paragraph(f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}")
    return Document(blocks=blocks)


@variant("accountability-subheading", "doc", "工作考核、社会评议和责任追究结果 as a sub-heading of its own in section 一")
def accountability_sub(doc):
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph) and "社会评议" in b.text:
            cut = b.text.find("工作考核") if "工作考核" in b.text else b.text.find("在工作考核")
            if cut <= 0:
                return doc
            return Document(blocks=blocks[:i] + [Paragraph(b.text[:cut]), Heading("（六）工作考核、社会评议和责任追究结果情况", 2),
                                                 Paragraph(b.text[cut:])] + blocks[i + 1:])
    return doc


@variant("traditional", "doc", "the whole report in Traditional characters")
def traditional(doc):
    def conv(s):
        return to_traditional(s)
    doc = map_blocks(doc, heading=lambda h: conv(h.text), paragraph=conv)
    return map_cells(doc, lambda t, r, c: conv(c.text))


@variant("signer-office", "doc", "signed by the agency's 办公室 on a line with the date")
def signer_office(doc):
    blocks = list(doc.blocks)
    signer, date = blocks[-2], blocks[-1]
    if not (isinstance(signer, Paragraph) and isinstance(date, Paragraph)):
        return doc
    name = signer.text if signer.text.endswith("办公室") else signer.text + "办公室"
    return Document(blocks=blocks[:-2] + [Paragraph(name + "\u3000\u3000" + date.text)])


@variant("prose-wrap", "doc", "prose hard-wrapped at 28 characters (newlines inside paragraphs)")
def prose_wrap(doc):
    return map_blocks(doc, paragraph=lambda s: hard_wrap(s, 28))


@variant("contact-own-lines", "doc", "the contact block as label lines")
def contact_lines(doc):
    def para(s):
        if "联系" in s and ("电话" in s):
            parts = re.split(r"[，；（）。]", s)
            return "\n".join(p for p in parts if p)
        return s
    return map_blocks(doc, paragraph=para)


def _cn_numeral_date(text: str) -> str:
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        return ("" if n < 20 else digits[n // 10]) + ("十" if n >= 10 else "") + (digits[n % 10] if n % 10 else "")

    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    if not m:
        return text
    year = "".join(digits[int(d)] for d in m.group(1))
    return f"{year}年{small(int(m.group(2)))}月{small(int(m.group(3)))}日"


@variant("signed-cn-numerals", "doc", "signing date in Chinese numerals: 二〇二四年一月十五日")
def signed_cn(doc):
    blocks = list(doc.blocks)
    last = blocks[-1]
    if isinstance(last, Paragraph):
        blocks[-1] = Paragraph(_cn_numeral_date(last.text))
    return Document(blocks=blocks)


_PERIOD = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(起?)至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


def _period_written(doc: Document, template: str) -> Document:
    """The period sentence's dates written as ``template``: {y1}/{m1}/{d1} the start, {y2}/{m2}/{d2}
    the end (its year given even where the report left it out), {qi} the 起 if the report wrote it."""
    def para(s):
        return _PERIOD.sub(lambda m: template.format(y1=m[1], m1=m[2], d1=m[3], qi=m[4], y2=m[5] or m[1], m2=m[6], d2=m[7]), s)
    return map_blocks(doc, paragraph=para)


@variant("period-comma", "doc", "period as 自2023年1月1日起，至2023年12月31日止")
def period_comma(doc):
    return _period_written(doc, "自{y1}年{m1}月{d1}日起，至{y2}年{m2}月{d2}日止")


@variant("period-dots", "doc", "period as 2023.1.1-2023.12.31")
def period_dots(doc):
    return _period_written(doc, "{y1}.{m1}.{d1}-{y2}.{m2}.{d2}")


@variant("period-dash", "doc", "period as 2023年1月1日—2023年12月31日")
def period_dash(doc):
    return _period_written(doc, "{y1}年{m1}月{d1}日{qi}—{y2}年{m2}月{d2}日")


def _title(doc: Document, fn: Callable[[str], str]) -> Document:
    blocks = list(doc.blocks)
    if isinstance(blocks[0], Heading) and blocks[0].level == 0:
        blocks[0] = Heading(fn(blocks[0].text), 0)
    return Document(blocks=blocks)


@variant("title-niandu", "doc", "title …2023年度政府信息公开工作年度报告")
def title_niandu(doc):
    return _title(doc, lambda t: re.sub(r"(\d{4})年政府", r"\1年度政府", t, count=1))


@variant("title-guanyu", "doc", "title …关于2023年政府信息公开工作的年度报告")
def title_guanyu(doc):
    return _title(doc, lambda t: re.sub(r"(\d{4}年)政府信息公开工作年度报告", r"关于\1政府信息公开工作的年度报告", t))


@variant("title-nianbao", "doc", "title …2023年政府信息公开年报")
def title_nianbao(doc):
    return _title(doc, lambda t: t.replace("政府信息公开工作年度报告", "政府信息公开年报"))


@variant("contents", "doc", "a table of contents below the title")
def contents(doc):
    heads = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    blocks = list(doc.blocks)
    return Document(blocks=blocks[:1] + [Paragraph("目　录")] + [Paragraph(f"{h}……{i + 1}") for i, h in enumerate(heads)]
                    + blocks[1:])


@variant("contact-table", "doc", "the contact details as a two-column table at the end")
def contact_table(doc):
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph) and "联系" in b.text and "电话" in b.text:
            pairs = re.findall(r"(地址|邮编|电话|电子邮箱|联系电话|通讯地址|邮政编码)[：:]([^，；,;（）()。]+)", b.text)
            if not pairs:
                return doc
            table = Table(rows=tuple((Cell(k), Cell(v)) for k, v in pairs))
            return Document(blocks=blocks[:i] + [Paragraph("政府信息公开工作机构联系方式：")] + [table] + blocks[i + 1:])
    return doc


@variant("phone-400", "spec", "a 400 service number", skip="telephone_malformed")
def phone_400(spec):
    return _contact(spec, telephone="400-123-4567")


@variant("phone-mobile-only", "spec", "a mobile number only", skip="telephone_malformed")
def phone_mobile_only(spec):
    return _contact(spec, telephone="13912345678")


@variant("phone-12345", "spec", "the 12345 hotline beside the office number", skip="telephone_malformed")
def phone_12345(spec):
    return _contact(spec, telephone=spec.contact.telephone + "、12345")


@variant("docx-numbered", "render", "Word headings numbered by a list (一、 drawn by Word)")
def docx_numbered(doc):
    return "docx", render_docx(doc, numbered=True), ".docx"


@variant("html-list-nested", "render", "LibreOffice page: headings in nested <ol>")
def html_nested(doc):
    return "html", render_html(doc, list_headings="nested"), ".html"


@variant("html-list-cjk", "render", "headings in cjk-ideographic lists")
def html_cjk(doc):
    return "html", render_html(doc, list_headings="cjk"), ".html"


@variant("html-title-inside", "render", "the title inside the content element")
def html_title_inside(doc):
    return "html", render_html(doc, title_outside=False), ".html"


def _around_tables(doc: Document, before: Callable[[Table], list] | None = None,
                   after: Callable[[Table], list] | None = None) -> Document:
    out: list = []
    for b in doc.blocks:
        if isinstance(b, Table) and before:
            out += before(b)
        out.append(b)
        if isinstance(b, Table) and after:
            out += after(b)
    return Document(blocks=out)


@variant("table-unit-lines", "doc", "a caption and 单位：件 above each table")
def table_units(doc):
    names = {"table2": "表一", "table3": "表二", "table4": "表三"}
    return _around_tables(doc, before=lambda t: [Paragraph(names.get(t.kind, "表")), Paragraph("单位：件" if t.kind != "table2" else "单位：件、万元")])


@variant("table-notes", "doc", "a note with a date below each table")
def table_notes(doc):
    year = next((m.group(1) for b in doc.blocks if isinstance(b, Heading)
                 for m in [re.search(r"(\d{4})年", b.text)] if m), "2023")
    return _around_tables(doc, after=lambda t: [Paragraph(f"注：本表数据统计截至{year}年12月31日，数据来源于依申请公开系统。")])


@variant("signature-tail", "doc", "（此件公开发布） and an attachment line below the date")
def signature_tail(doc):
    return Document(blocks=list(doc.blocks) + [Paragraph("（此件公开发布）"), Paragraph("附件：政府信息公开工作年度报告解读")])


@variant("date-month-only", "doc", "signed with year and month only (2024年1月)")
def date_month(doc):
    blocks = list(doc.blocks)
    last = blocks[-1]
    if isinstance(last, Paragraph):
        blocks[-1] = Paragraph(re.sub(r"(\d{4}年\d{1,2}月)\d{1,2}日$", r"\1", last.text))
    return Document(blocks=blocks)


@variant("heading-spaced", "doc", "short top headings letter-spaced (一、总 体 情 况)")
def heading_spaced(doc):
    def head(h):
        m = _TOP.match(h.text)
        if h.level == 1 and m and len(h.text) - m.end() <= 6:
            return m.group(0) + " ".join(h.text[m.end():])
        return h.text
    return map_blocks(doc, heading=head)


@variant("heading-space-numeral", "doc", "top headings with a space for 、 (一 总体情况)")
def heading_space_numeral(doc):
    def head(h):
        m = _TOP.match(h.text)
        return m.group(1) + " " + h.text[m.end():] if h.level == 1 and m else h.text
    return map_blocks(doc, heading=head)


@variant("heading-glued-numeral", "doc", "top headings whose numeral runs into the title (四政府信息公开…: a PDF text layer lost the space)")
def heading_glued_numeral(doc):
    def head(h):
        m = _TOP.match(h.text)
        return m.group(1) + h.text[m.end():] if h.level == 1 and m else h.text
    return map_blocks(doc, heading=head)


@variant("fee-amount-unit", "doc", "table 2's 行政事业性收费 amount written with 万元")
def fee_amount_unit(doc):
    return map_cells(doc, lambda t, r, c: c.text + "万元" if t.kind == "table2" and r == len(t.rows) - 1
                     and re.fullmatch(r"\d+(?:\.\d+)?", c.text) else c.text)


@variant("period-shi", "doc", "period as 自2023年1月1日始至2023年12月31日止")
def period_shi(doc):
    return _period_written(doc, "自{y1}年{m1}月{d1}日始至{y2}年{m2}月{d2}日止")


@variant("period-double-dash", "doc", "period as 2023年1月1日——2023年12月31日")
def period_double_dash(doc):
    return _period_written(doc, "{y1}年{m1}月{d1}日——{y2}年{m2}月{d2}日")


@variant("heading-first-unnumbered", "doc", "section 一's heading lost its number (总体情况 alone), 二–六 numbered")
def heading_first_unnumbered(doc):
    return map_blocks(doc, heading=lambda h: h.text[2:] if h.level == 1 and h.text.startswith("一、") else h.text)


@variant("title-year-after", "doc", "title as 某局政府信息公开工作2023年度报告 (the year after the work)")
def title_year_after(doc):
    def head(h):
        m = re.match(r"^(.+?)(\d{4})年(?:度)?政府信息公开工作年度报告$", h.text) if h.level == 0 else None
        return f"{m[1]}政府信息公开工作{m[2]}年度报告" if m else h.text
    return map_blocks(doc, heading=head)


@variant("zero-blank-table4", "doc", expect="GAO106", note="zeros in table 4 left blank (the whole row when the year had no review)")
def zero_blank_table4(doc):
    return _zero(doc, "", ("table4",))


@variant("signature-on-top", "doc", "signer and date right below the title instead of at the end")
def signature_top(doc):
    blocks = list(doc.blocks)
    if not (isinstance(blocks[-1], Paragraph) and isinstance(blocks[-2], Paragraph)):
        return doc
    return Document(blocks=blocks[:1] + [Paragraph(f"（{blocks[-1].text}）")] + blocks[1:-2])


@variant("notice-cover", "doc", "the report as the attachment of a 印发 notice with its own number, signer and date")
def notice_cover(doc):
    blocks = list(doc.blocks)
    title = blocks[0].text if isinstance(blocks[0], Heading) else "年度报告"
    signer, date = blocks[-2], blocks[-1]
    if not (isinstance(signer, Paragraph) and isinstance(date, Paragraph)):
        return doc
    cover = [Heading(f"关于印发《{title}》的通知", 0), Paragraph("某政办发〔2024〕3号"),
             Paragraph(f"各有关单位：现将《{title}》印发给你们，请结合实际认真贯彻落实。"),
             Paragraph(signer.text), Paragraph(date.text), Paragraph("附件")]
    return Document(blocks=cover + blocks)


@variant("printed-line", "doc", "a 印发 line after the date, as official documents end")
def printed_line(doc):
    blocks = list(doc.blocks)
    if isinstance(blocks[-1], Paragraph) and isinstance(blocks[-2], Paragraph):
        return Document(blocks=blocks + [Paragraph(f"{blocks[-2].text}　　　　{blocks[-1].text}印发")])
    return doc


_CN_DIGITS = "〇一二三四五六七八九"


def _cn_count(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        return ("" if n < 20 else _CN_DIGITS[n // 10]) + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


@variant("narrative-cn-numbers", "doc", "small counts in prose in Chinese numerals: 新收政府信息公开申请二十三件")
def narrative_cn(doc):
    return map_blocks(doc, paragraph=lambda s: re.sub(r"(申请|复议|诉讼|结转|办结)(\d{1,2})件",
                                                      lambda m: m.group(1) + _cn_count(int(m.group(2))) + "件", s))


# --- text variants (copied text) -----------------------------------------------------------------

def _lines_map(text: str, fn: Callable[[str], str], tables: bool = False) -> str:
    return "\n".join(line if (not tables and "|" in line) or not line.strip() else fn(line)
                     for line in text.split("\n"))


@variant("bold-md", "text", "top headings as **bold** Markdown")
def bold_md(text):
    return _lines_map(text, lambda s: f"**{s}**" if _TOP.match(s) else s)


@variant("indent", "text", "prose indented with ideographic spaces")
def indent(text):
    return _lines_map(text, lambda s: "\u3000\u3000" + s)


@variant("page-footers", "text", "第 N 页 共 M 页 every 25 lines, tables included")
def page_footers(text):
    out = []
    for i, line in enumerate(text.split("\n")):
        out.append(line)
        if i % 25 == 24:
            out.append(f"第 {i // 25 + 1} 页 共 9 页")
    return "\n".join(out)


def _table3_rows(lines: list[str]) -> tuple[int, int]:
    """Start (header's first line) and end of table 3 in pipe/cells text."""
    head = next((i for i, s in enumerate(lines) if "勾稽关系" in s or "申请人情况" in s), None)
    if head is None:
        return -1, -1
    end = next((i for i in range(head, len(lines)) if lines[i].startswith("四、结转") or "结转下年度" in lines[i]),
               len(lines) - 1)
    return head, end


@variant("header-repeat", "text", "table 3's header rows repeated after a page break (copied from a PDF)")
def header_repeat(text):
    lines = text.split("\n")
    head, end = _table3_rows(lines)
    if head < 0:
        return text
    first = next(i for i in range(head, end) if "本年新收" in lines[i])
    mid = next((i for i in range(first, end) if "（三）不予公开" in lines[i]), None)
    if mid is None:
        return text
    return "\n".join(lines[:mid] + ["- 3 -"] + lines[head:first] + lines[mid:])


def _continued(text: str, marks: list[str], at: str = "（四）无法提供") -> str:
    lines = text.split("\n")
    head, end = _table3_rows(lines)
    if head < 0:
        return text
    mid = next((i for i in range(head, end) if at in lines[i]), None)
    if mid is None:
        return text
    return "\n".join(lines[:mid] + [m.format(title=lines[head - 1]) for m in marks] + lines[mid:])


@variant("table-continued", "text", "table 3 split by a page footer and a 续表 line (copied from a PDF)")
def table_continued(text):
    return _continued(text, ["第 3 页 共 6 页", "续表"])


@variant("table-continued-title", "text", "table 3 split, its section title repeated with （续表）")
def table_continued_title(text):
    return _continued(text, ["- 3 -", "{title}（续表）"])


@variant("chrome", "text", "a web page's furniture copied with the report")
def chrome(text):
    return ("首页 > 政务公开 > 政府信息公开年报\n【字体：大 中 小】 打印本页 关闭窗口\n"
            "来源：本站 发布时间：2024-01-25 浏览次数：123\n" + text +
            "\n扫一扫在手机打开当前页\n上一篇：关于2023年度部门预算的公告\n"
            "主办单位：某某市人民政府办公室 版权所有 网站标识码：1234000012\n")


# Only in the shapes of text copied from a PDF (rows on one line): the one-cell-a-line shapes
# (cells, tabs) are copies of web pages, which have no running headers.
@variant("running-header", "text", "the title repeated as a running page header every 30 lines",
         shapes="pipe,markdown,merged")
def running_header(text):
    lines = text.split("\n")
    title = lines[0]
    out = []
    for i, line in enumerate(lines):
        if i and i % 30 == 0:
            out += [title, f"- {i // 30 + 1} -"]
        out.append(line)
    return "\n".join(out)


def _pipe_rows(text: str, fn: Callable[[list[str]], list[str]]) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        if "|" in line:
            out += fn([c.strip() for c in line.split("|") if c.strip()])
        else:
            out.append(line)
    return "\n".join(out)


@variant("pdf-space-rows", "text", "table rows with cells parted by spaces (copied from a PDF viewer)", shapes="pipe")
def pdf_space_rows(text):
    return _pipe_rows(text, lambda cells: [" ".join(cells)])


@variant("pdf-cell-lines", "text", "every cell on a line of its own, no row marks (pdftotext -raw)", shapes="pipe")
def pdf_cell_lines(text):
    return _pipe_rows(text, lambda cells: cells)


@variant("pdf-label-wrapped", "text", "space rows whose long labels wrap onto a second line below the numbers",
         shapes="pipe")
def pdf_label_wrapped(text):
    def row(cells):
        if len(cells) > 2 and len(cells[0]) > 14 and re.fullmatch(r"[\d.]+", cells[-1]):
            return [cells[0][:12] + " " + " ".join(cells[1:]), cells[0][12:]]
        return [" ".join(cells)]
    return _pipe_rows(text, row)


@variant("blank-between", "text", "a blank line between all lines")
def blank_between(text):
    return "\n\n".join(text.split("\n"))


@variant("cells-indented-spaced", "text", "one cell per line, indented, a line of spaces after each cell, rows opening with '| '",
         shapes="cells")
def cells_indented_spaced(text):
    return "\n".join(indented_and_spaced(text.split("\n")))


@variant("cells-blank-lines", "text", "each cell a paragraph: a blank line after it, no pipes, rows one after another",
         shapes="cells")
def cells_blank_lines(text):
    return "\n".join(cells_as_paragraphs(text.split("\n")))


@variant("email-fullstop", "text", expect="GAO502", note="e-mail written with 。 for . (gkb@abc。gov。cn)")
def email_fullstop(text):
    return re.sub(r"([A-Za-z0-9_]+@[A-Za-z0-9.]+)", lambda m: m.group(1).replace(".", "。"), text)


# --- html variants --------------------------------------------------------------------------------

def _html_paras(page: str, fn: Callable[[str], str]) -> str:
    def fix(m):
        inner = m.group(2)
        return m.group(0) if "<" in inner else m.group(1) + fn(inner) + m.group(3)
    return re.sub(r"(<p[^>]*>)(.*?)(</p>)", fix, page, flags=re.S)


@variant("html-br-wrap", "html", "paragraphs broken with <br> at 30 characters")
def html_br_wrap(page):
    return _html_paras(page, lambda s: hard_wrap(s.replace("\n", ""), 30).replace("\n", "<br>\n"))


@variant("html-nbsp-indent", "html", "paragraphs indented with &nbsp;&nbsp;&nbsp;&nbsp;")
def html_nbsp(page):
    return re.sub(r"(<p[^>]*>)", r"\1&nbsp;&nbsp;&nbsp;&nbsp;", page)


@variant("html-cell-nbsp", "html", "table cells padded with &nbsp;")
def html_cell_nbsp(page):
    return re.sub(r"(<td[^>]*><p[^>]*><span[^>]*>)", r"\1&nbsp;", page)


def _split_header_cells(page, pattern, join):
    """Header cells (text of more than six characters, no digit or markup) matched by
    ``pattern`` (groups: before, text, after), their text cut every 4 characters and joined
    back by ``join`` (a list of the pieces -> markup)."""
    def cell(m):
        text = m.group(2)
        if len(text) <= 6 or re.search(r"[<&\d]", text):
            return m.group(0)
        return m.group(1) + join([text[i:i + 4] for i in range(0, len(text), 4)]) + m.group(3)
    return re.sub(pattern, cell, page)


@variant("html-cell-br", "html", "header cells broken with <br> every 4 characters")
def html_cell_br(page):
    return _split_header_cells(page, r"(<td[^>]*><p[^>]*><span[^>]*>)(.*?)(</span>)", "<br>".join)


@variant("html-cell-p", "html", "header cells with a <p> for each 4 characters")
def html_cell_p(page):
    return _split_header_cells(page, r"(<td[^>]*>)<p[^>]*><span[^>]*>(.*?)</span></p>(</td>)",
                               lambda pieces: "".join(f"<p>{piece}</p>" for piece in pieces))


@variant("html-th", "html", "header cells as <th> in a <thead>")
def html_th(page):
    def table(m):
        body = m.group(0)
        rows = body.split("</tr>")
        out = []
        for row in rows:
            if "<td" in row and not re.search(r"<span[^>]*>\s*-?[\d.]+\s*</span>", row):
                row = row.replace("<td", "<th").replace("</td>", "</th>")
            out.append(row)
        return "</tr>".join(out)
    return re.sub(r"<table.*?</table>", table, page, flags=re.S)


@variant("html-table-split", "html", "table 3 split in two <table>s at a page break, a 续表 paragraph between")
def html_table_split(page):
    i = page.find("无法提供")
    if i < 0:
        return page
    row = page.rfind("<tr>", 0, i)
    return page[:row] + '</tbody></table>\n<p style="text-align:center">续表</p>\n<table border="1"><tbody>\n' + page[row:]


@variant("html-cell-empty-p", "html", "cells holding their value and an empty <p>&nbsp;</p> after it")
def html_cell_empty_p(page):
    return re.sub(r"(<td[^>]*><p[^>]*><span[^>]*>.*?</span></p>)(</td>)", r"\1<p>&nbsp;</p>\2", page)


@variant("html-bold-numbers", "html", "figures in prose in <strong>, headings split into two <strong> runs")
def html_bold_numbers(page):
    def para(s):
        return re.sub(r"(\d+)(件|条)", r"<strong>\1</strong>\2", s)
    page = _html_paras(page, para)
    return re.sub(r"<h2>([一二三四五六七八九十]、)(.*?)</h2>", r"<p><strong>\1</strong><strong>\2</strong></p>", page)


@variant("html-trailing-br", "html", "each paragraph ending with <br> and an empty paragraph between")
def html_trailing_br(page):
    return _html_paras(page, lambda s: s + "<br>").replace("</p>\n<p", "</p>\n<p>&nbsp;</p>\n<p")


@variant("html-cell-bare", "html", "cells holding bare text (no <p><span>)")
def html_cell_bare(page):
    return re.sub(r"(<td[^>]*>)<p[^>]*><span[^>]*>(.*?)</span></p>", r"\1\2", page)


@variant("html-layout-table", "html", "the report body inside a 1×1 layout table")
def html_layout(page):
    start = page.find('id="zoom"')
    open_end = page.find(">", start) + 1
    close = page.find('<div class="share-box">')
    close = page.rfind("</div>", open_end, close)
    return (page[:open_end] + '<table width="100%" border="0"><tr><td>' + page[open_end:close]
            + "</td></tr></table>" + page[close:])


@variant("html-div-headings", "html", "headings as <div><b>…</b></div> instead of <h2>")
def html_div_headings(page):
    return re.sub(r"<h2>(.*?)</h2>", r'<div style="font-weight:bold">\1</div>', page, flags=re.S)


@variant("html-font-spans", "html", "every paragraph wrapped in Word-export <span style> and <font>")
def html_spans(page):
    return _html_paras(page, lambda s: f'<span style="font-family:仿宋_GB2312;font-size:16pt"><font face="仿宋">{s}</font></span>')


# --- docx variants --------------------------------------------------------------------------------

def _docx_edit(data: bytes, fn: Callable) -> bytes:
    import docx
    d = docx.Document(io.BytesIO(data))
    fn(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@variant("docx-soft-breaks", "docx", "long paragraphs broken by soft line breaks (Shift+Enter) every 30 characters")
def docx_soft_breaks(data):
    def edit(d):
        for p in d.paragraphs:
            text = p.text
            if len(text) > 30 and not p.style.name.startswith(("Heading", "Title")):
                for r in p.runs[1:]:
                    r._r.getparent().remove(r._r)
                p.runs[0].text = hard_wrap(text, 30)
    return _docx_edit(data, edit)


@variant("docx-plain-headings", "docx", "headings as bold Normal paragraphs (no heading styles)")
def docx_plain_headings(data):
    def edit(d):
        for p in d.paragraphs:
            if p.style.name.startswith("Heading"):
                p.style = d.styles["Normal"]
                for r in p.runs:
                    r.bold = True
    return _docx_edit(data, edit)


@variant("docx-nested-table", "docx", "each table nested in the cell of a 1×1 layout table")
def docx_nested(data):
    def edit(d):
        for t in list(d.tables):
            outer = d.add_table(rows=1, cols=1)
            t._tbl.addprevious(outer._tbl)
            tc = outer.cell(0, 0)._tc
            p = tc.p_lst[0]
            tc.insert(tc.index(p), t._tbl)  # a cell ends with a paragraph
    return _docx_edit(data, edit)


@variant("docx-split-runs", "docx", "every paragraph's text in runs of 3 characters (as Word splits runs by edits)")
def docx_split_runs(data):
    def edit(d):
        paragraphs = list(d.paragraphs) + [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
        done = set()
        for p in paragraphs:
            if id(p._p) in done or len(p.runs) != 1:
                continue
            done.add(id(p._p))
            text = p.runs[0].text
            if "\n" in text or len(text) < 4:
                continue
            p.runs[0].text = text[:3]
            for i in range(3, len(text), 3):
                p.add_run(text[i:i + 3])
    return _docx_edit(data, edit)


@variant("docx-cell-empty-p", "docx", "table cells with an empty paragraph after the value")
def docx_cell_empty_p(data):
    def edit(d):
        seen = set()
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    if id(c._tc) not in seen:
                        seen.add(id(c._tc))
                        c.add_paragraph("")
    return _docx_edit(data, edit)


# --- variants added in session s12 (web chrome naming other years, 公文 furniture, headings,
# prose with other years, fee and contact wording, signing block) ----------------------------------

def _title_parts(text_or_doc) -> tuple[str, int]:
    """(agency, report year) from the title (a Document's level-0 heading or a text's first line)."""
    if isinstance(text_or_doc, Document):
        first = next((b.text for b in text_or_doc.blocks if isinstance(b, Heading) and b.level == 0), "")
    else:
        first = next((s for s in text_or_doc.split("\n") if s.strip()), "")
    m = re.search(r"^(.*?)(?:关于)?(\d{4})年", first.strip())
    return (m.group(1), int(m.group(2))) if m else ("某某局", 2023)


def _pick(key: str, options):
    """A choice that depends only on ``key`` (variants get no seed; the report text varies by seed)."""
    return options[sum(map(ord, key)) % len(options)]


@variant("chrome-other-years", "text",
         "web page furniture naming the SAME agency's reports of other years: 发布时间/来源/浏览次数/【字体：大 中 小】 "
         "above the title, 上一篇/下一篇 and a 相关阅读 list of its other years' reports below")
def chrome_other_years(text):
    agency, year = _title_parts(text)
    head = (f"发布时间：{year + 1}-01-25 10:32　来源：{agency}　浏览次数：357\n"
            "【字体：大 中 小】　【打印】　【关闭】\n")
    tail = (f"\n【打印本页】　【关闭窗口】\n"
            f"上一篇：{agency}{year - 1}年政府信息公开工作年度报告\n"
            f"下一篇：{agency}{year + 1}年政府信息公开工作年度报告\n"
            "相关阅读\n"
            f"· {agency}{year - 1}年政府信息公开工作年度报告　{year}-01-22\n"
            f"· {agency}{year - 2}年政府信息公开工作年度报告　{year - 1}-01-28\n"
            f"· {agency}{year - 3}年政府信息公开工作年度报告　{year - 2}-03-15\n")
    return head + text + tail


@variant("chrome-footer-contact", "text",
         "the site footer copied with the report: 主办单位, 网站标识码, ICP备案号, 公网安备号 and the WEBSITE's own "
         "联系电话/地址/邮编 (not the report's contact)")
def chrome_footer_contact(text):
    return (text + "\n分享到：微信 微博 QQ空间\n"
            "主办单位：某某市人民政府办公室　承办单位：某某市大数据管理局\n"
            "网站标识码：3302000012　浙ICP备05001234号-1　浙公网安备 33020302000123号\n"
            "地址：某某市中山东路1号　邮编：315000　联系电话：0574-89181234（网站运维）\n"
            "建议使用1920×1080分辨率 IE9.0以上浏览器\n")


@variant("html-chrome-other-years", "html",
         "HTML page whose 上一篇/下一篇 and 相关阅读 name the SAME agency's other years' reports, and whose footer "
         "gives the website's 联系电话/地址/邮编")
def html_chrome_other_years(page):
    m = re.search(r"<h1>(.*?)</h1>", page, re.S)
    agency, year = _title_parts(m.group(1) if m else "")
    nav = (f'<div class="fy"><p>上一篇：<a href="/p.html">{agency}{year - 1}年政府信息公开工作年度报告</a></p>'
           f'<p>下一篇：<a href="/n.html">{agency}{year + 1}年政府信息公开工作年度报告</a></p></div>\n')
    page = page.replace('<div class="share-box">', nav + '<div class="share-box">', 1)
    page = re.sub(r'(<div class="related">\s*<h3>)相关报告(</h3>\s*<ul>).*?(</ul>)',
                  lambda mm: mm.group(1) + "相关阅读" + mm.group(2) + "".join(
                      f'\n<li><a href="/r{i}.html">{agency}{year - i}年政府信息公开工作年度报告</a><span>{year - i + 1}-01-2{i}</span></li>'
                      for i in (1, 2, 3)) + "\n" + mm.group(3), page, count=1, flags=re.S)
    return page.replace('<div id="footer">', '<div id="footer">\n<p>地址：某某市中山东路1号　邮编：315000　'
                        '联系电话：0574-89181234　网站纠错：0574-89185678</p>', 1)


@variant("doc-number-line", "doc", "a 公文 document number line above the title (长政办〔2025〕3号)")
def doc_number_line(doc):
    agency, year = _title_parts(doc)
    abbr = agency[:1] + ("政办" if agency.endswith("人民政府") else "办发")
    return Document(blocks=[Paragraph(f"{abbr}〔{year + 1}〕{len(agency) % 9 + 2}号")] + list(doc.blocks))


@variant("page-number-dash", "text", "公文 page numbers '- 3 -' on a line of their own every 28 lines, tables included (PDF copy)")
def page_number_dash(text):
    out = []
    for i, line in enumerate(text.split("\n")):
        out.append(line)
        if i % 28 == 27:
            out.append(f"— {i // 28 + 1} —" if i % 56 == 27 else f"- {i // 28 + 1} -")
    return "\n".join(out)


@variant("title-two-lines", "text", "the title broken over two lines: the agency, then 2023年政府信息公开工作年度报告")
def title_two_lines(text):
    lines = text.split("\n")
    i = next((k for k, s in enumerate(lines) if s.strip()), 0)
    m = re.match(r"^(\s*)(.+?)((?:关于)?\d{4}年.*)$", lines[i])
    if not m or not m.group(2):
        return text
    lines[i:i + 1] = [m.group(1) + m.group(2), m.group(1) + m.group(3)]
    return "\n".join(lines)


@variant("heading-fullwidth-dot", "doc", "top headings numbered 一．总体情况 (full-width dot, as WPS numbering prints)")
def heading_fullwidth_dot(doc):
    return map_blocks(doc, heading=lambda h: _TOP.sub(lambda m: m.group(1) + "．", h.text) if h.level == 1 else h.text)


@variant("heading-trailing-punct", "doc", "top headings ending with ：, sub-headings ending with 。 (一、总体情况： / （一）主动公开。)")
def heading_trailing_punct(doc):
    def head(h):
        if h.level == 1 and _TOP.match(h.text):
            return h.text + "："
        if h.level == 2 and not h.text.endswith(("。", "：")):
            return h.text + "。"
        return h.text
    return map_blocks(doc, heading=head)


@variant("subhead-runin", "doc", "sub-headings run into their paragraph: （一）主动公开。全年通过门户网站…")
def subhead_runin(doc):
    blocks, out, i = list(doc.blocks), [], 0
    while i < len(blocks):
        b = blocks[i]
        if (isinstance(b, Heading) and b.level == 2 and i + 1 < len(blocks)
                and isinstance(blocks[i + 1], Paragraph)):
            sep = "" if b.text.endswith(("。", "：", ":")) else "。"
            out.append(Paragraph(b.text + sep + blocks[i + 1].text))
            i += 2
            continue
        out.append(b)
        i += 1
    return Document(blocks=out)


@variant("section6-runin", "doc", "section 六's heading with its text on the same line: 六、其他需要报告的事项：本年度未收取信息处理费。")
def section6_runin(doc):
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks[:-1]):
        if (isinstance(b, Heading) and b.level == 1 and re.match(r"^六、其他需要报告", b.text)
                and isinstance(blocks[i + 1], Paragraph)):
            return Document(blocks=blocks[:i] + [Paragraph(b.text + "：" + blocks[i + 1].text)] + blocks[i + 2:])
    return doc


_CARRIED = re.compile(r"上年结转(?:申请)?(\d+)件")


@variant("prose-other-years", "doc",
         "prose comparing with other years: 较2022年增长15%, 同比下降12.5%, 2022年度结转的N件已于2023年3月前办结")
def prose_other_years(doc):
    agency, year = _title_parts(doc)
    out = []
    for b in doc.blocks:
        out.append(b)
        if isinstance(b, Paragraph):
            m = _CARRIED.search(b.text)
            if m and "新收政府信息公开申请" in b.text:
                over = int(m.group(1))
                extra = f"新收申请数量较{year - 1}年同比下降12.5%，网上申请占比达到67%。"
                if over:
                    extra += f"{year - 1}年度结转的{over}件申请已于{year}年3月前全部办结。"
                out.append(Paragraph(extra))
            elif b.text.startswith(("全年通过门户网站", "围绕群众关注", "本年度共更新")):
                out.append(Paragraph(f"与{year - 1}年相比，主动公开信息数量增长15%，{year - 2}年以来累计公开政策解读"
                                     f"{len(agency) * 7 + 30}篇。"))
    return Document(blocks=out)


@variant("intro-format-notice", "doc",
         "intro citing the format notice with its year: 《…关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）")
def intro_format_notice(doc):
    blocks = list(doc.blocks)
    text = "\n".join(c.text for b in blocks if isinstance(b, Table) for row in b.rows for c in row)
    if "本年制发件数" in text:
        notice = ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
                  "（国办公开办函〔2021〕30号）")
    elif "本年新制作数量" in text:
        notice = ("《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
                  "（国办公开办函〔2019〕60号）")
    else:
        return doc
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph) and "统计" in b.text:
            blocks[i] = Paragraph(f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{notice}要求，"
                                  "结合本单位实际，编制本报告。" + b.text)
            return Document(blocks=blocks)
    return doc


@variant("shuoming-paragraph", "doc", "a 说明： paragraph after table 3 with dates (截至…12月31日, 结转下一年度)")
def shuoming_paragraph(doc):
    agency, year = _title_parts(doc)
    return _around_tables(doc, after=lambda t: [Paragraph(
        f"说明：本表数据统计截至{year}年12月31日；{year}年12月下旬收到的申请，答复期限跨年度的，"
        f"计入结转{year + 1}年度继续办理的数量。")] if t.kind == "table3" else [])


@variant("fee-wording-more", "spec", "more no-fee sentences: 未产生 / 未向申请人收取 / 未发出收费通知 / 信息处理费收取情况为零")
def fee_wording_more(spec):
    return _fee(spec, (
        "本年度本机关未产生信息处理费。",
        "{year}年度，本机关未向申请人收取信息处理费。",
        "本年度本机关未发出收费通知，未收取信息处理费。",
        "本机关{year}年政府信息公开信息处理费收取情况为零。",
        "本年度依申请公开政府信息未产生收费情况。",
        "按照《政府信息公开信息处理费管理办法》，本年度本机关没有收取信息处理费。",
    ))


@variant("contact-labels", "doc", "contact labels written 咨询电话 / 监督电话 / 联系方式 / 办公电话")
def contact_labels(doc):
    def para(s):
        if "联系" not in s or "电话" not in s:
            return s
        label = _pick(s, ("咨询电话：", "监督电话：", "联系方式：", "办公电话："))
        return re.sub(r"(?:联系)?电话：", label, s, count=1)
    return map_blocks(doc, paragraph=para)


@variant("contact-at-end", "doc", "the contact paragraph moved from the top to the end of section 六, above the signer")
def contact_at_end(doc):
    blocks = list(doc.blocks)
    idx = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and "联系" in b.text and "电话" in b.text), None)
    if idx is None or not (isinstance(blocks[-1], Paragraph) and isinstance(blocks[-2], Paragraph)):
        return doc
    contact = blocks.pop(idx)
    return Document(blocks=blocks[:-2] + [contact] + blocks[-2:])


_LABEL_PUNCT = (
    (re.compile(r"^(\d)\.(?=\S)"), r"\1．"),   # 1.属于国家秘密 -> 1．属于国家秘密
    (re.compile(r"^（([一二三四五六七])）"), r"(\1)"),  # （一）予以公开 -> (一)予以公开
)


@variant("table-label-punct", "doc", "table 3 labels numbered 1．/ (一) (full-width dot, half-width brackets), 2、 in 不予处理")
def table_label_punct(doc):
    def cell(t, r, c):
        if t.kind != "table3":
            return c.text
        text = c.text
        for pat, rep in _LABEL_PUNCT:
            text = pat.sub(rep, text)
        return re.sub(r"^(\d)．(重复申请|信访举报投诉类申请)", r"\1、\2", text)
    return map_cells(doc, cell)


_HEADER_BREAKS = {
    "社会公益组织": "社会公益\n组织", "法律服务机构": "法律服\n务机构", "商业企业": "商业\n企业",
    "科研机构": "科研\n机构", "结果维持": "结果\n维持", "结果纠正": "结果\n纠正", "其他结果": "其他\n结果",
    "尚未审结": "尚未\n审结", "未经复议直接起诉": "未经复议\n直接起诉", "本年制发件数": "本年制发\n件数",
}


@variant("header-label-breaks", "doc",
         "header labels with a line break inside (社会公益\\n组织, 结果\\n维持) as narrow Word/PDF columns wrap them")
def header_label_breaks(doc):
    return map_cells(doc, lambda t, r, c: _HEADER_BREAKS.get(c.text, c.text))


@variant("date-spaced", "doc", "signing date with spaces from a PDF text layer: 2024年 1月 15日 / 2024 年 1 月 15 日")
def date_spaced(doc):
    blocks = list(doc.blocks)
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", blocks[-1].text) if isinstance(blocks[-1], Paragraph) else None
    if m:
        blocks[-1] = Paragraph(_pick(m.group(0), (f"{m[1]}年 {m[2]}月 {m[3]}日", f"{m[1]} 年 {m[2]} 月 {m[3]} 日")))
    return Document(blocks=blocks)


@variant("signing-public-mode", "doc", "（公开方式：主动公开） on its own line below the signer and date")
def signing_public_mode(doc):
    return Document(blocks=list(doc.blocks) + [Paragraph("（公开方式：主动公开）")])


@variant("signing-joint", "doc", "a joint signature: the agency and its 政务公开领导小组办公室 on two lines, then the date")
def signing_joint(doc):
    blocks = list(doc.blocks)
    if not (isinstance(blocks[-1], Paragraph) and isinstance(blocks[-2], Paragraph)):
        return doc
    agency, _ = _title_parts(doc)
    return Document(blocks=blocks[:-2] + [Paragraph(blocks[-2].text), Paragraph(f"{agency}政务公开领导小组办公室"),
                                           blocks[-1]])



_GOV_PREFIXED = ("人民政府办公室", "人民政府国有资产监督管理委员会", "人民政府外事办公室", "人民政府研究室")


@variant("agency-gov-prefixed-dept", "spec",
         "a DEPARTMENT whose name holds 人民政府 (某县人民政府办公室, 某市人民政府国有资产监督管理委员会): not a people's "
         "government's report, so no 工作考核、社会评议和责任追究结果 paragraph is due")
def agency_gov_prefixed(spec):
    if spec.kind != "department":
        return spec
    place = next((spec.agency[:-len(d)] for d in _DEPARTMENTS if spec.agency.endswith(d)), None)
    if not place:
        return spec
    agency = place + _GOV_PREFIXED[spec.year % len(_GOV_PREFIXED)]
    return dataclasses.replace(spec, agency=agency, signer=agency,
                               contact=dataclasses.replace(spec.contact, office=agency))


@variant("title-year-first", "doc", "title with the year before the agency: 2023年度某某区教育局政府信息公开工作年度报告")
def title_year_first(doc):
    def head(h):
        m = re.match(r"^(.+?)(\d{4})年(?:度)?(政府信息公开工作年度报告)$", h.text) if h.level == 0 else None
        return f"{m[2]}年度{m[1]}{m[3]}" if m else h.text
    return map_blocks(doc, heading=head)


_RECEIVED = re.compile(r"新收政府信息公开申请(\d+)件(，另有|，)上年结转(申请)?(\d+)件")


@variant("narrative-received-total", "doc",
         "the 依申请 sentence counting carried-over applications in: 共受理政府信息公开申请N件，其中本年新收A件、上年结转B件")
def narrative_received_total(doc):
    def para(s):
        def sub(m):
            new, over = int(m.group(1)), int(m.group(4))
            return _pick(s, (f"共受理政府信息公开申请{new + over}件，其中本年新收{new}件、上年结转{over}件",
                             f"共收到政府信息公开申请{new + over}件（含上年结转{over}件），其中新收申请{new}件"))
        return _RECEIVED.sub(sub, s, count=1)
    return map_blocks(doc, paragraph=para)


@variant("table3-no-balance-header", "doc", "table 3's top-left cell left blank (no 勾稽关系 sentence), as many county reports draw it")
def table3_no_balance_header(doc):
    return map_cells(doc, lambda t, r, c: "" if t.kind == "table3" and "勾稽关系" in c.text else c.text)


@variant("section6-nothing-else", "doc", "section 六 closing with 本机关无其他需要报告的事项。 after the fee sentence")
def section6_nothing_else(doc):
    blocks = list(doc.blocks)
    if not (isinstance(blocks[-1], Paragraph) and isinstance(blocks[-2], Paragraph)):
        return doc
    return Document(blocks=blocks[:-2] + [Paragraph("除上述情况外，本机关无其他需要报告的事项。")] + blocks[-2:])


def _table(doc: Document, kind: str) -> Table | None:
    return next((b for b in doc.blocks if isinstance(b, Table) and b.kind == kind), None)


@variant("review-outcomes-prose", "doc",
         "the review sentence followed by table 4's outcomes in words: 其中结果维持A件、结果纠正B件、尚未审结C件")
def review_outcomes_prose(doc):
    t4 = _table(doc, "table4")
    if t4 is None:
        return doc
    nums = [int(c.text) for c in t4.rows[-1] if c.text.isdigit()]
    if len(nums) != 15:
        return doc
    kept, fixed, other, pending, total = nums[:5]
    if not total:
        return doc
    parts = [f"{w}{n}件" for w, n in (("结果维持", kept), ("结果纠正", fixed), ("其他结果", other), ("尚未审结", pending)) if n]
    extra = f"行政复议案件中，{'、'.join(parts)}。"

    def para(s):
        return s + extra if re.search(r"行政复议\d+件", s) else s
    return map_blocks(doc, paragraph=para)


@variant("active-figures-prose", "doc",
         "section 二 opened by a sentence giving table 2's 规范性文件 figures: 本年制发行政规范性文件A件、废止B件，现行有效C件")
def active_figures_prose(doc):
    t2 = _table(doc, "table2")
    if t2 is None:
        return doc
    row = next((r for r in t2.rows if r and r[0].text in ("行政规范性文件", "规范性文件")), None)
    if row is None or len(row) < 4 or not all(c.text.isdigit() for c in row[1:4]):
        return doc
    issued, repealed, valid = (c.text for c in row[1:4])
    head = "本年制发" if "本年制发件数" in "".join(c.text for r in t2.rows for c in r) else "本年新制作"
    out = []
    for b in doc.blocks:
        if isinstance(b, Table) and b.kind == "table2":
            if head == "本年制发":
                out.append(Paragraph(f"{head}行政规范性文件{issued}件，废止{repealed}件，现行有效{valid}件。"))
            else:
                out.append(Paragraph(f"本年新制作行政规范性文件{issued}件，新公开{repealed}件。"))
        out.append(b)
    return Document(blocks=out)


@variant("signed-march-government", "spec",
         "a people's government's report (county, 乡镇) signed in late March, within its 3月31日 deadline")
def signed_march_government(spec):
    if spec.kind != "government" or spec.version == "cn-2008":
        return spec
    return dataclasses.replace(spec, signed_on=spec.signed_on.replace(month=3, day=27))


@variant("plans-next-year", "doc", skip="section5_empty", note=
         "section 五 naming the next year's plans and the year after (2025年，我局将…；力争到2026年底…)")
def plans_next_year(doc):
    agency, year = _title_parts(doc)
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and b.level == 1 and re.match(r"^五、", b.text):
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], Paragraph):
                j += 1
            extra = Paragraph(f"{year + 1}年，我们将以贯彻落实《{year + 1}年政务公开工作要点》为主线，力争到{year + 2}年底"
                              f"完成{year - 4}年以来历史文件的清理和标注工作。")
            return Document(blocks=blocks[:j] + [extra] + blocks[j:])
    return doc


@variant("section6-rich", "doc",
         "section 六 in the 2021 format's full form: 落实年度工作要点, 人大代表建议和政协提案办理, 年度创新 sub-items with counts and dates")
def section6_rich(doc):
    agency, year = _title_parts(doc)
    blocks = list(doc.blocks)
    if not (isinstance(blocks[-1], Paragraph) and isinstance(blocks[-2], Paragraph)):
        return doc
    if not any(isinstance(b, Heading) and b.text.startswith("六、其他需要报告") for b in blocks):
        return doc
    extra = [
        Paragraph(f"（一）落实上级年度政务公开工作要点情况。对照《{year}年政务公开工作要点》，逐项分解任务23项，"
                  f"截至{year}年11月底已全部完成。"),
        Paragraph(f"（二）人大代表建议和政协提案办理结果公开情况。{year}年共承办人大代表建议16件、政协委员提案11件，"
                  "均在规定时限内办结，办理复文全文公开27件。"),
        Paragraph(f"（三）年度工作创新情况。{year}年6月起试行“政策明白卡”，编印解读材料1200余份。"),
    ]
    return Document(blocks=blocks[:-2] + extra + blocks[-2:])


@variant("url-deep-link", "spec", "the website given as a deep link with dates in its path (…/art/2024/1/20/art_1229_3456.html)")
def url_deep_link(spec):
    w = spec.contact.website
    if not w:
        return spec
    return _contact(spec, website=w.rstrip("/") + f"/art/{spec.year + 1}/1/20/art_1229_{spec.year}345.html")


@variant("email-with-digits", "spec", "an e-mail whose local part holds a year and digits (zfxxgk2023@163.com)")
def email_with_digits(spec):
    e = spec.contact.email
    return _contact(spec, email=f"zfxxgk{spec.year - 2}@163.com") if e else spec


@variant("phone-fullwidth-dash", "spec", skip="telephone_malformed", note="0512－12345678 (full-width minus, as Word's IME types it)")
def phone_fullwidth_dash(spec):
    return _contact(spec, telephone=spec.contact.telephone.replace("-", "－"))


@variant("date-zero-padded", "doc", "signing date with zero-padded month and day: 2024年01月05日")
def date_zero_padded(doc):
    blocks = list(doc.blocks)
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", blocks[-1].text) if isinstance(blocks[-1], Paragraph) else None
    if m:
        blocks[-1] = Paragraph(f"{m[1]}年{int(m[2]):02d}月{int(m[3]):02d}日")
    return Document(blocks=blocks)


_ACCOUNTABILITY_REAL = (
    "将政务公开工作纳入年度绩效考核，委托第三方开展社会评议，评议结果为优秀；全年未发生因政务公开工作不到位被追责问责的情况。",
    "政务公开工作在全市年度考核中位列第一档次，群众满意度测评为满意；本年度未发生政府信息公开责任追究情况。",
    "严格落实考核评议制度，本年度政务公开考核结果为优秀，未发生需要追究责任的情形。",
)


@variant("accountability-wording", "doc",
         "the 工作考核、社会评议和责任追究 results written as real reports word them (绩效考核…第三方社会评议…未被追责问责)")
def accountability_wording(doc):
    def para(s):
        m = re.search(r"(?:在)?工作考核、社会评议和责任追究(?:结果)?方面，", s)
        if not m:
            return s
        return s[:m.start()] + _pick(s, _ACCOUNTABILITY_REAL)
    return map_blocks(doc, paragraph=para)


@variant("extra-table-section1", "doc",
         "section 一 with small tables of its own: 主动公开 by category (公开类别 | 数量（条）) and applications by channel "
         "(申请方式 | 当面 | 网络 | 信函 | 合计)")
def extra_table_section1(doc):
    t3 = _table(doc, "table3")
    new = None
    if t3 is not None:
        row = next((r for r in t3.rows if r and "本年新收" in r[0].text), None)
        if row is not None and row[-1].text.isdigit():
            new = int(row[-1].text)
    out, done_active, done_request = [], False, False
    for b in doc.blocks:
        out.append(b)
        if not isinstance(b, Paragraph):
            continue
        if not done_active and b.text.startswith(("全年通过门户网站", "围绕群众关注", "本年度共更新")):
            done_active = True
            out += [Paragraph("表1　主动公开信息分类统计"),
                    Table(rows=((Cell("公开类别"), Cell("数量（条）")), (Cell("政策文件"), Cell("146")),
                                (Cell("人事信息"), Cell("23")), (Cell("财政资金"), Cell("41")),
                                (Cell("合计"), Cell("210"))))]
        elif not done_request and new is not None and "新收政府信息公开申请" in b.text:
            done_request = True
            web = new // 2
            letter = new // 4
            walk = new - web - letter
            out += [Paragraph("表2　依申请公开申请方式统计"),
                    Table(rows=((Cell("申请方式"), Cell("当面"), Cell("网络"), Cell("信函"), Cell("合计")),
                                (Cell("数量（件）"), Cell(str(walk)), Cell(str(web)), Cell(str(letter)), Cell(str(new)))))]
    return Document(blocks=out)


@variant("fee-after-table3", "doc",
         "the fee sentence placed right after table 3 (收到和处理申请), section 六 keeping only other matters")
def fee_after_table3(doc):
    blocks = list(doc.blocks)
    six = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("六、其他需要报告")), None)
    t3 = next((i for i, b in enumerate(blocks) if isinstance(b, Table) and b.kind == "table3"), None)
    if six is None or t3 is None:
        return doc
    fee = next((i for i in range(six + 1, len(blocks) - 2) if isinstance(blocks[i], Paragraph)
                and "费" in blocks[i].text), None)
    if fee is None or fee + 1 >= len(blocks) - 2 and fee - 1 == six:
        return doc  # 六 would be left empty
    moved = blocks.pop(fee)
    return Document(blocks=blocks[:t3 + 1] + [moved] + blocks[t3 + 1:])


@variant("section5-subheads", "doc", "section 五 with sub-headings （一）存在的主要问题 / （二）改进措施")
def section5_subheads(doc):
    blocks = list(doc.blocks)
    five = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1 and b.text.startswith("五、")), None)
    if five is None or five + 2 >= len(blocks) or not all(isinstance(b, Paragraph) for b in blocks[five + 1:five + 3]):
        return doc
    return Document(blocks=blocks[:five + 1] + [Heading("（一）存在的主要问题", 2), blocks[five + 1],
                                                Heading("（二）改进措施", 2), blocks[five + 2]] + blocks[five + 3:])


@variant("agency-street-full-name", "spec",
         "a 街道办事处 named in full with its district government: 某区人民政府城关街道办事处 (not a people's government)")
def agency_street_full_name(spec):
    if spec.kind != "department":
        return spec
    place = next((spec.agency[:-len(d)] for d in _DEPARTMENTS if spec.agency.endswith(d)), None)
    if not place or not place.endswith(("区", "县", "市")):
        return spec
    agency = place + "人民政府城关街道办事处"
    return dataclasses.replace(spec, agency=agency, signer=agency,
                               contact=dataclasses.replace(spec.contact, office="城关街道党政办公室"))



# --- docx variants: the XML Word and WPS write that the builder does not --------------------------
# Each keeps the report's text as Word shows it (only the structure changes): a finding gained is
# the reader's error. The edits work on python-docx's lxml tree (``_docx_edit``).

_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NSDECL = (f'xmlns:w="{_WNS}" xmlns:r="{_RNS}" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return "{%s}%s" % ({"w": _WNS, "r": _RNS, "w14": "http://schemas.microsoft.com/office/word/2010/wordml"}[prefix], name)


def _x(xml: str):
    """One element from WordprocessingML text (prefixes w, r, mc, wp, a, wps, v, o, w14)."""
    from lxml import etree
    return etree.fromstring(f'<root {_NSDECL}>{xml}</root>')[0]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr and "<w:rPr>" + rpr + "</w:rPr>"}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def _body(d):
    return d.element.body


def _tables(d):
    return [t for t in _body(d).iter(_q("w:tbl"))]


def _ptext(p) -> str:
    return "".join(t.text or "" for t in p.iter(_q("w:t")))


def _plain_p(p) -> bool:
    """A paragraph of plain runs (w:rPr and w:t only): the builder's, safe to rebuild."""
    for r in p:
        if r.tag == _q("w:pPr"):
            continue
        if r.tag != _q("w:r") or any(c.tag not in (_q("w:t"), _q("w:rPr")) for c in r):
            return False
    return True


def _rebuild(p, pieces) -> None:
    """Replace a plain paragraph's runs by ``pieces``: str (a plain run) or XML text."""
    for r in [c for c in p if c.tag != _q("w:pPr")]:
        p.remove(r)
    for piece in pieces:
        if isinstance(piece, str) and not piece.startswith("<"):
            if piece:
                p.append(_x(_run(piece)))
        else:
            p.append(_x(piece) if isinstance(piece, str) else piece)


def _wrap_matches(d, pattern: str, make: Callable[[str], str], cells: bool = True, several: bool = False) -> None:
    """Every match of ``pattern`` in a plain paragraph put in the XML ``make(match)`` (one
    element, or ``several`` siblings)."""
    rx = re.compile(pattern)
    for p in list(_body(d).iter(_q("w:p"))):
        if not cells and any(a.tag == _q("w:tc") for a in p.iterancestors()):
            continue
        text = _ptext(p)
        if not _plain_p(p) or not rx.search(text):
            continue
        pieces, at = [], 0
        for m in rx.finditer(text):
            made = make(m.group(0))
            pieces += [text[at:m.start()], *(_fragment(made) if several else [made])]
            at = m.end()
        pieces.append(text[at:])
        _rebuild(p, pieces)


def _cells(tbl):
    return [tc for tc in tbl.iter(_q("w:tc"))]


def _tc_pr(tc):
    pr = tc.find(_q("w:tcPr"))
    if pr is None:
        pr = _x("<w:tcPr/>")
        tc.insert(0, pr)
    return pr


def _tr_pr(tr):
    pr = tr.find(_q("w:trPr"))
    if pr is None:
        pr = _x("<w:trPr/>")
        ex = tr.find(_q("w:tblPrEx"))
        tr.insert(0 if ex is None else 1, pr)
    return pr


def _cell_text(tc) -> str:
    return "".join(_ptext(p) for p in tc.iter(_q("w:p")))


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?", text.strip()))


def _table3(d):
    return next((t for t in _tables(d) if "勾稽" in "".join(x.text or "" for x in t.iter(_q("w:t")))), None)


@variant("docx-tbl-header", "docx", "header rows marked to repeat on each page (w:tblHeader) and rows kept whole (w:cantSplit)")
def docx_tbl_header(data):
    def edit(d):
        for tbl in _tables(d):
            for tr in tbl.iterchildren(_q("w:tr")):
                pr = _tr_pr(tr)
                pr.append(_x("<w:cantSplit/>"))
                if any(_is_number(_cell_text(tc)) for tc in tr.iterchildren(_q("w:tc"))):
                    break
                pr.append(_x("<w:tblHeader/>"))
                pr.append(_x('<w:jc w:val="center"/>'))
    return _docx_edit(data, edit)


def _widen_grid(tbl, at_start: bool) -> None:
    grid = tbl.find(_q("w:tblGrid"))
    col = _x('<w:gridCol w:w="113"/>')
    if at_start:
        grid.insert(0, col)
    else:
        grid.append(col)


def _grid_edge(data: bytes, at_start: bool) -> bytes:
    """Every table row one narrow grid column in (``at_start``: w:gridBefore + w:wBefore) or
    one short (w:gridAfter + w:wAfter), the grid one column wider."""
    side = "Before" if at_start else "After"

    def edit(d):
        for tbl in _tables(d):
            _widen_grid(tbl, at_start)
            for tr in tbl.iterchildren(_q("w:tr")):
                pr = _tr_pr(tr)
                pr.insert(0, _x(f'<w:w{side} w:w="113" w:type="dxa"/>'))
                pr.insert(0, _x(f'<w:grid{side} w:val="1"/>'))
    return _docx_edit(data, edit)


@variant("docx-grid-before", "docx", "every table row starting one narrow grid column in (w:gridBefore + w:wBefore), as Word writes an indented or Excel-pasted table")
def docx_grid_before(data):
    return _grid_edge(data, True)


@variant("docx-grid-after", "docx", "every table row ending one grid column short (w:gridAfter + w:wAfter)")
def docx_grid_after(data):
    return _grid_edge(data, False)


@variant("docx-grid-before-ragged", "docx", "table 3's header rows drawn one column in (w:gridBefore=1 on the rows above the first figures, the grid one column wider, the data rows' label cell one column wider)")
def docx_grid_before_ragged(data):
    # Word writes this when the header's left edge is dragged right of the body's: the body
    # rows' first cell spans the extra grid column.
    def edit(d):
        tbl = _table3(d)
        if tbl is None:
            return
        _widen_grid(tbl, True)
        header = True
        for tr in tbl.iterchildren(_q("w:tr")):
            if any(_is_number(_cell_text(tc)) for tc in tr.iterchildren(_q("w:tc"))):
                header = False
            if header:
                _tr_pr(tr).insert(0, _x('<w:gridBefore w:val="1"/>'))
            else:
                tc = tr.find(_q("w:tc"))
                pr = _tc_pr(tc)
                span = pr.find(_q("w:gridSpan"))
                if span is None:
                    pr.append(_x('<w:gridSpan w:val="2"/>'))
                else:
                    span.set(_q("w:val"), str(int(span.get(_q("w:val"))) + 1))
    return _docx_edit(data, edit)


@variant("docx-hmerge", "docx", "horizontal merges written the old way (w:hMerge restart/continue cells) instead of w:gridSpan")
def docx_hmerge(data):
    def edit(d):
        for tc in [tc for tbl in _tables(d) for tc in _cells(tbl)]:
            pr = tc.find(_q("w:tcPr"))
            span = None if pr is None else pr.find(_q("w:gridSpan"))
            if span is None:
                continue
            n = int(span.get(_q("w:val")))
            pr.remove(span)
            vm = pr.find(_q("w:vMerge"))
            pr.append(_x('<w:hMerge w:val="restart"/>'))
            after = tc
            for _ in range(n - 1):
                vm_xml = "" if vm is None else ("<w:vMerge/>" if vm.get(_q("w:val")) != "restart" else '<w:vMerge w:val="restart"/>')
                cont = _x(f'<w:tc><w:tcPr><w:tcW w:w="864" w:type="dxa"/>{vm_xml}<w:hMerge/></w:tcPr><w:p/></w:tc>')
                after.addnext(cont)
                after = cont
    return _docx_edit(data, edit)


@variant("docx-vmerge-continue", "docx", "vertical merge continuations written w:vMerge w:val=\"continue\" (WPS, LibreOffice)")
def docx_vmerge_continue(data):
    def edit(d):
        for vm in _body(d).iter(_q("w:vMerge")):
            if vm.get(_q("w:val")) is None:
                vm.set(_q("w:val"), "continue")
    return _docx_edit(data, edit)


@variant("docx-vertical-text", "docx", "vertically merged label cells with vertical text (w:textDirection tbRlV / btLr, w:vAlign)")
def docx_vertical_text(data):
    def edit(d):
        for i, vm in enumerate(list(_body(d).iter(_q("w:vMerge")))):
            if vm.get(_q("w:val")) == "restart":
                pr = vm.getparent()
                pr.append(_x(f'<w:textDirection w:val="{"tbRlV" if i % 2 else "btLr"}"/>'))
                pr.append(_x('<w:vAlign w:val="center"/>'))
    return _docx_edit(data, edit)


@variant("docx-label-char-lines", "docx", "vertically merged label cells written one character a paragraph (a narrow column typed with Enter)")
def docx_label_char_lines(data):
    def edit(d):
        for vm in list(_body(d).iter(_q("w:vMerge"))):
            tc = vm.getparent().getparent()
            text = _cell_text(tc)
            if vm.get(_q("w:val")) != "restart" or len(text) > 12 or len(text) < 2 or "勾稽" in text:
                continue
            for p in tc.findall(_q("w:p")):
                tc.remove(p)
            for ch in text:
                tc.append(_x(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{_run(ch)}</w:p>'))
    return _docx_edit(data, edit)


@variant("docx-label-wrapped", "docx", "long table labels wrapped by hand with Enter: a cell of several paragraphs of 10 characters")
def docx_label_wrapped(data):
    def edit(d):
        for tbl in _tables(d):
            for tc in _cells(tbl):
                ps = tc.findall(_q("w:p"))
                text = _cell_text(tc)
                if len(ps) != 1 or len(text) <= 12 or not _plain_p(ps[0]):
                    continue
                tc.remove(ps[0])
                for i in range(0, len(text), 10):
                    tc.append(_x(f"<w:p>{_run(text[i:i + 10])}</w:p>"))
    return _docx_edit(data, edit)


_SDT = '<w:sdt><w:sdtPr><w:alias w:val="{0}"/><w:tag w:val="{0}"/><w:id w:val="{1}"/>{2}</w:sdtPr><w:sdtEndPr/><w:sdtContent/></w:sdt>'


def _sdt_around(node, n: int, extra: str = ""):
    sdt = _x(_SDT.format(f"ctl{n}", 1000 + n, extra))
    node.addprevious(sdt)
    sdt.find(_q("w:sdtContent")).append(node)
    return sdt


@variant("docx-sdt", "docx", "content controls (w:sdt) around table 3, around each row of table 4, around table 2's figures, around runs of the contact and around the date paragraph")
def docx_sdt(data):
    def edit(d):
        tables = _tables(d)
        n = 0
        t3 = _table3(d)
        if t3 is not None:
            _sdt_around(t3, n := n + 1)
        if len(tables) >= 3:
            for tr in list(tables[-1].iterchildren(_q("w:tr"))):
                _sdt_around(tr, n := n + 1)
        for tc in list(_cells(tables[0]) if tables else []):
            if _is_number(_cell_text(tc)):
                _sdt_around(tc, n := n + 1, "<w:text/>")
        for p in list(_body(d).iterchildren(_q("w:p"))):
            text = _ptext(p)
            if ("联系电话" in text or "电话" in text) and _plain_p(p):
                runs = [r for r in p if r.tag == _q("w:r")]
                for r in runs:
                    _sdt_around(r, n := n + 1, "<w:text/>")
            elif re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text.strip()):
                _sdt_around(p, n := n + 1, '<w:date w:fullDate="2025-01-01T00:00:00Z"><w:dateFormat w:val="yyyy年M月d日"/><w:lid w:val="zh-CN"/></w:date>')
    return _docx_edit(data, edit)


_EMAIL = r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
_URL = r"(?:https?://)?www\.[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/[A-Za-z0-9./_-]*)?"


@variant("docx-hyperlink", "docx", "the e-mail and URL in the prose as Word's hyperlinks (w:hyperlink r:id, Hyperlink character style)")
def docx_hyperlink(data):
    def edit(d):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        def link(text: str) -> str:
            target = ("mailto:" + text) if "@" in text else (text if text.startswith("http") else "http://" + text)
            rid = d.part.relate_to(target, RT.HYPERLINK, is_external=True)
            return (f'<w:hyperlink r:id="{rid}" w:history="1">'
                    + _run(text, '<w:rStyle w:val="Hyperlink"/><w:color w:val="0000FF"/><w:u w:val="single"/>')
                    + "</w:hyperlink>")
        _wrap_matches(d, f"{_EMAIL}|{_URL}", link)
    return _docx_edit(data, edit)


def _complex_field(instr: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {_esc(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _run(result) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _fragment(xml: str):
    """Several elements from WordprocessingML text."""
    from lxml import etree
    return list(etree.fromstring(f'<root {_NSDECL}>{xml}</root>'))


def _wrap_matches_multi(d, pattern: str, make: Callable[[str], str], cells: bool = True) -> None:
    """``_wrap_matches`` where ``make`` gives several sibling elements."""
    _wrap_matches(d, pattern, make, cells, several=True)


@variant("docx-fields", "docx", "fields: the e-mail and URL as HYPERLINK fields (w:fldChar/w:instrText), the signing date as a CREATEDATE w:fldSimple, the document's title as a TITLE field")
def docx_fields(data):
    def edit(d):
        def hyper(text: str) -> str:
            target = ("mailto:" + text) if "@" in text else text
            return _complex_field(f'HYPERLINK "{target}"', text)
        _wrap_matches_multi(d, f"{_EMAIL}|{_URL}", hyper, cells=False)
        for p in list(_body(d).iterchildren(_q("w:p"))):
            text = _ptext(p).strip()
            if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text) and _plain_p(p):
                _rebuild(p, [f'<w:fldSimple w:instr=" CREATEDATE  \\@ &quot;yyyy年M月d日&quot; "><w:r><w:rPr><w:noProof/></w:rPr><w:t>{text}</w:t></w:r></w:fldSimple>'])
        first = next(_body(d).iterchildren(_q("w:p")))
        if _plain_p(first):
            _rebuild(first, _fragment(_complex_field("TITLE  \\* MERGEFORMAT", _ptext(first))))
    return _docx_edit(data, edit)


@variant("docx-formula-cells", "docx", "table 3's 总计 column as Word formula fields ({ =SUM(LEFT) }: w:fldChar/w:instrText, the result shown) and the （七）总计 row as w:fldSimple =SUM(ABOVE)")
def docx_formula_cells(data):
    def edit(d):
        tbl = _table3(d)
        if tbl is None:
            return
        for tr in tbl.iterchildren(_q("w:tr")):
            tcs = list(tr.iterchildren(_q("w:tc")))
            label = _cell_text(tcs[0]) + (_cell_text(tcs[1]) if len(tcs) > 1 else "")
            total_row = "总计" in label and "（七）" in label
            for i, tc in enumerate(tcs):
                text = _cell_text(tc)
                if not _is_number(text):
                    continue
                p = tc.find(_q("w:p"))
                if total_row:
                    _rebuild(p, [f'<w:fldSimple w:instr=" =SUM(ABOVE) "><w:r><w:t>{text}</w:t></w:r></w:fldSimple>'])
                elif i == len(tcs) - 1:
                    _rebuild(p, _fragment(_complex_field("=SUM(LEFT)", text)))
    return _docx_edit(data, edit)


@variant("docx-proof-marks", "docx", "runs split by Word's marks: w:proofErr, bookmarks (_GoBack, _Toc…) and w:lastRenderedPageBreak inside figures, labels and prose (1<proofErr/>2 is 12)")
def docx_proof_marks(data):
    def edit(d):
        n = 0
        for p in list(_body(d).iter(_q("w:p"))):
            text = _ptext(p)
            if len(text) < 2 or not _plain_p(p):
                continue
            n += 1
            cut = len(text) // 2
            mark = ('<w:proofErr w:type="spellStart"/>', f'<w:bookmarkStart w:id="{n}" w:name="_Toc{n:08d}"/>',
                    '<w:proofErr w:type="gramEnd"/>')[n % 3]
            pieces = [text[:cut], mark, '<w:r><w:lastRenderedPageBreak/><w:t>' + _esc(text[cut:]) + "</w:t></w:r>"]
            if n % 3 == 1:
                pieces.append(f'<w:bookmarkEnd w:id="{n}"/>')
            _rebuild(p, pieces)
    return _docx_edit(data, edit)


@variant("docx-smarttag-dates", "docx", "dates in Word 2003 smart tags (w:smartTag chsdate with w:smartTagPr attributes)")
def docx_smarttag_dates(data):
    def tag(text: str) -> str:
        m = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
        y, mo, day = m.groups() if m else ("2024", "1", "1")
        return ('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
                f'<w:smartTagPr><w:attr w:name="Year" w:val="{y}"/><w:attr w:name="Month" w:val="{mo}"/>'
                f'<w:attr w:name="Day" w:val="{day}"/><w:attr w:name="IsLunarDate" w:val="False"/>'
                f'<w:attr w:name="IsROCDate" w:val="False"/></w:smartTagPr>{_run(text)}</w:smartTag>')

    def edit(d):
        _wrap_matches(d, r"\d{4}年\d{1,2}月\d{1,2}日", tag)
    return _docx_edit(data, edit)


@variant("docx-nobreak-hyphen", "docx", "hyphens in telephone numbers and dates typed as non-breaking hyphens (w:noBreakHyphen, Ctrl+Shift+-)")
def docx_nobreak_hyphen(data):
    def edit(d):
        _wrap_matches_multi(d, r"(?<=\d)-(?=\d)", lambda s: "<w:r><w:noBreakHyphen/></w:r>")
    return _docx_edit(data, edit)


@variant("docx-label-tabs", "docx", "table labels' item numbers followed by a tab (1.<w:tab/>属于国家秘密: Word's numbering converted to text)")
def docx_label_tabs(data):
    def edit(d):
        _wrap_matches_multi(d, r"^(?:\d{1,2}\.|（[一二三四五六七八]）)(?=\D)",
                            lambda s: _run(s) + "<w:r><w:tab/></w:r>")
    return _docx_edit(data, edit)


@variant("docx-list-labels", "docx", "table 3's （一）… and 1.… labels numbered by a Word list (w:numPr in the cells), not typed")
def docx_list_labels(data):
    def edit(d):
        numbering = d.part.numbering_part.element
        numbering.insert(0, _x(
            '<w:abstractNum w:abstractNumId="91"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl>'
            "</w:abstractNum>"))
        numbering.append(_x('<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
        tbl = _table3(d)
        if tbl is None:
            return
        for p in tbl.iter(_q("w:p")):
            text = _ptext(p)
            m = re.match(r"(?:（[一二三四五六七]）|(\d)\.)(?=\D)", text)
            if not m or not _plain_p(p):
                continue
            level = 1 if m.group(1) else 0
            _rebuild(p, [text[m.end():]])
            p.insert(0, _x(f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="91"/></w:numPr></w:pPr>'))
    return _docx_edit(data, edit)


@variant("docx-landscape-section", "docx", "tables 3 and 4 in a landscape section: section breaks (w:sectPr in a paragraph's w:pPr) before and after them")
def docx_landscape(data):
    def edit(d):
        tables = _tables(d)
        if len(tables) < 3:
            return
        portrait = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" '
                    'w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/>'
                    '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>')
        landscape = portrait.replace('w:w="11906" w:h="16838"/>', 'w:w="16838" w:h="11906" w:orient="landscape"/>')
        t3, t4 = tables[-2], tables[-1]
        before = t3.getprevious()  # the heading of section 三: the break goes in the paragraph before it
        before = before.getprevious() if before is not None and before.tag == _q("w:p") else before
        for node, sect in ((before, portrait), (t4.getnext(), landscape)):
            if node is None or node.tag != _q("w:p"):
                continue
            ppr = node.find(_q("w:pPr"))
            if ppr is None:
                ppr = _x("<w:pPr/>")
                node.insert(0, ppr)
            ppr.append(_x(sect))
    return _docx_edit(data, edit)


def _png(size: int = 160) -> bytes:
    from PIL import Image, ImageDraw
    img = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    ImageDraw.Draw(img).ellipse((4, 4, size - 4, size - 4), outline=(220, 0, 0, 255), width=6)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


@variant("docx-seal-picture", "docx", "the agency's seal (a 4 cm picture, w:drawing) over the signer's name, and a red line drawn by WPS (mc:AlternateContent: wps shape, VML fallback) under the title")
def docx_seal(data):
    def edit(d):
        from docx.shared import Cm
        paras = [p for p in d.paragraphs if p.text.strip()]
        date = next((i for i in range(len(paras) - 1, -1, -1) if re.search(r"\d{4}年\d{1,2}月(\d{1,2}日)?$", paras[i].text.strip())), None)
        if date is not None and date > 0:
            paras[date - 1].add_run().add_picture(io.BytesIO(_png()), width=Cm(4))
        line = ('<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" '
                'distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
                '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
                '<wp:positionV relativeFrom="paragraph"><wp:posOffset>300000</wp:posOffset></wp:positionV>'
                '<wp:extent cx="5600000" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
                '<wp:docPr id="2" name="直线 2"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
                'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvCnPr/>'
                '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5600000" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
                '<a:ln w="38100"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
                '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
                '<v:line id="直线 2" o:spid="_x0000_s1026" from="0,23.6pt" to="441pt,23.6pt" strokecolor="red" strokeweight="3pt"/>'
                '</w:pict></mc:Fallback></mc:AlternateContent>')
        title = d.paragraphs[0]._p
        title.append(_x(f"<w:r>{line}</w:r>"))
    return _docx_edit(data, edit)


def _signature(d):
    """(signer paragraph, date paragraph, the two as a text box's paragraphs) of the last
    signing date and the line above it, or None."""
    paras = [p for p in d.element.body.iterchildren(_q("w:p")) if _ptext(p).strip()]
    date = next((i for i in range(len(paras) - 1, -1, -1) if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", _ptext(paras[i]).strip())), None)
    if not date:
        return None
    signer, when = paras[date - 1], paras[date]
    inner = "".join(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{_run(_ptext(p))}</w:p>' for p in (signer, when))
    return signer, when, inner


@variant("docx-textbox-signature", "docx", "signer and date in a text box (mc:AlternateContent: wps:txbx, VML v:textbox fallback holding the same paragraphs)")
def docx_textbox_signature(data):
    def edit(d):
        found = _signature(d)
        if found is None:
            return
        signer, when, inner = found
        box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" '
               'distR="114300" simplePos="0" relativeHeight="251660288" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
               '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3000000</wp:posOffset></wp:positionH>'
               '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
               '<wp:extent cx="2400000" cy="700000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
               '<wp:docPr id="3" name="文本框 3"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
               'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
               '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2400000" cy="700000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
               f'<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
               '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
               f'<v:shape id="文本框 3" o:spid="_x0000_s1027" type="#_x0000_t202" style="position:absolute;width:189pt;height:55pt" filled="f" stroked="f"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape>'
               '</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
        new = _x(f"<w:p>{box}</w:p>")
        signer.addprevious(new)
        signer.getparent().remove(signer)
        when.getparent().remove(when)
    return _docx_edit(data, edit)


@variant("docx-hidden-text", "docx", "hidden text (w:vanish) Word neither shows nor prints: a template's filling notes in prose and headings, a hidden note paragraph in table cells, hidden paragraph marks on empty paragraphs")
def docx_hidden_text(data):
    def edit(d):
        hidden = '<w:vanish/><w:color w:val="FF0000"/>'
        for p in list(_body(d).iterchildren(_q("w:p"))):
            if _plain_p(p) and _ptext(p).strip():
                p.append(_x(_run("（填报说明：本段据实填写，数字使用阿拉伯数字，如2023年1月1日、12件）", hidden)))
            elif not _ptext(p).strip():
                ppr = p.find(_q("w:pPr"))
                if ppr is None:
                    ppr = _x("<w:pPr/>")
                    p.insert(0, ppr)
                ppr.append(_x(f"<w:rPr>{hidden}</w:rPr>"))
        for tbl in _tables(d):
            for tc in _cells(tbl):
                if _is_number(_cell_text(tc)):
                    tc.append(_x(f'<w:p><w:pPr><w:rPr>{hidden}</w:rPr></w:pPr>{_run("填写数字，无则填0", hidden)}</w:p>'))
    return _docx_edit(data, edit)


@variant("docx-track-changes", "docx", "tracked changes never accepted: figures and words replaced as w:del (w:delText) + w:ins, the final text as Word shows it")
def docx_track_changes(data):
    def edit(d):
        n = 0
        for tbl in _tables(d):
            for tc in _cells(tbl):
                text = _cell_text(tc)
                p = tc.find(_q("w:p"))
                if _is_number(text) and p is not None and _plain_p(p):
                    n += 1
                    old = str(int(float(text)) + 1) if n % 2 else "0"
                    _rebuild(p, [f'<w:del w:id="{n}" w:author="user" w:date="2025-01-10T09:00:00Z"><w:r><w:delText>{old}</w:delText></w:r></w:del>',
                                 f'<w:ins w:id="{n + 5000}" w:author="user" w:date="2025-01-10T09:00:00Z">{_run(text)}</w:ins>'])
        for p in list(_body(d).iterchildren(_q("w:p"))):
            text = _ptext(p)
            if len(text) > 20 and _plain_p(p):
                n += 1
                _rebuild(p, [text[:10], f'<w:del w:id="{n}" w:author="user" w:date="2025-01-10T09:00:00Z"><w:r><w:delText>进一步</w:delText></w:r></w:del>',
                             f'<w:ins w:id="{n + 5000}" w:author="user" w:date="2025-01-10T09:00:00Z">{_run(text[10:14])}</w:ins>', text[14:]])
    return _docx_edit(data, edit)


@variant("docx-wps-markup", "docx", "WPS's markup: w14:paraId/textId and rsid attributes, w:rFonts w:hint=\"eastAsia\" in every run, a _GoBack bookmark, cells with w:tcW auto and w:vAlign, the wpsCustomData namespace")
def docx_wps_markup(data):
    def edit(d):
        n = 0
        for p in _body(d).iter(_q("w:p")):
            n += 1
            p.set(_q("w14:paraId"), f"{n:08X}")
            p.set(_q("w14:textId"), "77777777")
            p.set(_q("w:rsidR"), "00A1B2C3")
            for r in p.iterchildren(_q("w:r")):
                rpr = r.find(_q("w:rPr"))
                if rpr is None:
                    rpr = _x("<w:rPr/>")
                    r.insert(0, rpr)
                rpr.insert(0, _x('<w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/>'))
        for tc in _body(d).iter(_q("w:tc")):
            pr = _tc_pr(tc)
            w = pr.find(_q("w:tcW"))
            if w is not None:
                w.set(_q("w:type"), "auto")
                w.set(_q("w:w"), "0")
            pr.append(_x('<w:vAlign w:val="center"/>'))
        last = [p for p in _body(d).iterchildren(_q("w:p")) if _ptext(p).strip()][-1]
        last.append(_x('<w:bookmarkStart w:id="0" w:name="_GoBack"/>'))
        last.append(_x('<w:bookmarkEnd w:id="0"/>'))
    raw = _docx_edit(data, edit)
    from tests.builder.docx import with_document_xml
    return with_document_xml(raw, lambda x: x.replace(
        "<w:document ", '<w:document xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
        'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" ', 1).replace(
        'mc:Ignorable="w14 wp14"', 'mc:Ignorable="w14 w15 wp14"'))


@variant("docx-footnote", "docx", "footnote references (w:footnoteReference) after the title and section 三's heading, the notes in word/footnotes.xml")
def docx_footnote(data):
    def edit(d):
        for p in _body(d).iterchildren(_q("w:p")):
            text = _ptext(p)
            if p is next(_body(d).iterchildren(_q("w:p"))) or text.startswith("三、"):
                p.append(_x('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>'
                            f'<w:footnoteReference w:id="{1 if text.startswith("三") else 2}"/></w:r>'))
    raw = _docx_edit(data, edit)
    import zipfile
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_NSDECL}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 表中数据截至12月31日，来源于本机关依申请公开登记台账。</w:t></w:r></w:p></w:footnote>'
             '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 本报告电子版可在本机关门户网站下载。</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            elif item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            z.writestr(item, content)
        z.writestr("word/footnotes.xml", notes.encode("utf-8"))
    return out.getvalue()


@variant("docx-vmerge-unmerged", "docx", "merged label cells drawn unmerged: the label in its first row, the rows below an empty cell with the border between hidden (w:tcBorders nil)")
def docx_vmerge_unmerged(data):
    def edit(d):
        for vm in list(_body(d).iter(_q("w:vMerge"))):
            pr = vm.getparent()
            pr.remove(vm)
            pr.append(_x('<w:tcBorders><w:top w:val="nil"/></w:tcBorders>' if vm.get(_q("w:val")) != "restart"
                         else '<w:tcBorders><w:bottom w:val="nil"/></w:tcBorders>'))
    return _docx_edit(data, edit)



def _title_split(data: bytes, split) -> bytes:
    """``split(title paragraph, its text, where its year starts)`` on the first paragraph when
    the year does not open it and its runs are plain."""
    def edit(d):
        first = next(_body(d).iterchildren(_q("w:p")))
        text = _ptext(first)
        m = re.search(r"\d{4}", text)
        if m and m.start() and _plain_p(first):
            split(first, text, m.start())
    return _docx_edit(data, edit)


@variant("docx-title-two-lines", "docx", "the title in two Title paragraphs: the agency's name, then the rest (the way most reports set a long title)")
def docx_title_two_lines(data):
    def split(first, text, at):
        second = copy.deepcopy(first)
        _rebuild(first, [text[:at]])
        _rebuild(second, [text[at:]])
        first.addnext(second)
    return _title_split(data, split)


@variant("docx-title-br", "docx", "the title broken after the agency's name by a line break (w:br, Shift+Enter)")
def docx_title_br(data):
    return _title_split(data, lambda first, text, at: _rebuild(first, [text[:at], "<w:r><w:br/></w:r>", text[at:]]))


@variant("docx-empty-paragraphs", "docx", "an empty paragraph after every paragraph (spacing typed with Enter), some holding only spaces")
def docx_empty_paragraphs(data):
    def edit(d):
        for i, p in enumerate(list(_body(d).iterchildren(_q("w:p")))):
            p.addnext(_x("<w:p/>" if i % 2 else f"<w:p>{_run('　　 ')}</w:p>"))
    return _docx_edit(data, edit)


@variant("docx-toc", "docx", "Word's table of contents below the title: a TOC field in a content control, entries as w:hyperlink w:anchor with a tab and a PAGEREF page number (w:webHidden), _Toc bookmarks on the headings")
def docx_toc(data):
    def edit(d):
        body = _body(d)
        heads = [p for p in body.iterchildren(_q("w:p"))
                 if re.match(r"[一二三四五六七八九十]+、", _ptext(p)) and p.find(_q("w:pPr")) is not None]
        if not heads:
            return
        entries = []
        for i, p in enumerate(heads):
            name = f"_Toc{1000 + i}"
            p.insert(1, _x(f'<w:bookmarkStart w:id="{900 + i}" w:name="{name}"/>'))
            p.append(_x(f'<w:bookmarkEnd w:id="{900 + i}"/>'))
            wh = "<w:rPr><w:webHidden/></w:rPr>"
            begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if i == 0 else ""
            entries.append(
                '<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs></w:pPr>'
                f'{begin}<w:hyperlink w:anchor="{name}" w:history="1">{_run(_ptext(p))}<w:r>{wh}<w:tab/></w:r>'
                f'<w:r>{wh}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{wh}<w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
                f'<w:r>{wh}</w:r><w:r>{wh}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{wh}<w:t>{1 + i // 2}</w:t></w:r>'
                f'<w:r>{wh}<w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>')
        sdt = _x('<w:sdt><w:sdtPr><w:id w:val="-1"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>'
                 '<w:sdtEndPr/><w:sdtContent><w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>' + _run("目录") + "</w:p>"
                 + "".join(entries) + '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>')
        next(body.iterchildren(_q("w:p"))).addnext(sdt)
    return _docx_edit(data, edit)


@variant("docx-track-row-deleted", "docx", "a tracked deletion never accepted: a duplicated row of table 3 deleted (w:trPr/w:del, its text in w:delText), invisible in Word's final view")
def docx_track_row_deleted(data):
    def edit(d):
        tbl = _table3(d)
        if tbl is None:
            return
        rows = [tr for tr in tbl.iterchildren(_q("w:tr")) if any(_is_number(_cell_text(tc)) for tc in tr.iterchildren(_q("w:tc")))]
        row = rows[0] if rows else None
        if row is None:
            return
        dup = copy.deepcopy(row)
        _tr_pr(dup).append(_x('<w:del w:id="7001" w:author="user" w:date="2025-01-10T09:00:00Z"/>'))
        for r in list(dup.iter(_q("w:r"))):
            for t in r.findall(_q("w:t")):
                t.tag = _q("w:delText")
            wrap = _x('<w:del w:id="7002" w:author="user" w:date="2025-01-10T09:00:00Z"/>')
            r.addprevious(wrap)
            wrap.append(r)
        row.addnext(dup)
    return _docx_edit(data, edit)


@variant("docx-vml-textbox", "docx", "signer and date in an old-style VML text box (w:pict/v:shape/v:textbox, no mc:AlternateContent: Word 2003/2007)")
def docx_vml_textbox(data):
    def edit(d):
        found = _signature(d)
        if found is None:
            return
        signer, when, inner = found
        new = _x('<w:p><w:r><w:pict><v:shape id="_x0000_s1030" type="#_x0000_t202" style="position:absolute;margin-left:250pt;width:180pt;height:50pt" '
                 f'filled="f" stroked="f"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
        signer.addprevious(new)
        signer.getparent().remove(signer)
        when.getparent().remove(when)
    return _docx_edit(data, edit)


@variant("docx-ruby", "docx", "a rare character of the agency's name given its pinyin by Word's phonetic guide (w:ruby: w:rt over w:rubyBase)")
def docx_ruby(data):
    def edit(d):
        first = next(_body(d).iterchildren(_q("w:p")))
        text = _ptext(first)
        if len(text) < 3 or not _plain_p(first):
            return
        ruby = ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="18"/><w:hpsRaise w:val="34"/>'
                '<w:hpsBaseText w:val="36"/><w:lid w:val="zh-CN"/></w:rubyPr><w:rt><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
                f'<w:t>pīn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>{text[1]}</w:t></w:r></w:rubyBase></w:ruby></w:r>')
        _rebuild(first, [text[:1], ruby, text[2:]])
    return _docx_edit(data, edit)


# --- running ---------------------------------------------------------------------------------------

def _lint(data: bytes, suffix: str) -> list[str]:
    return sorted(f.rule for f in api.lint_bytes(data, "r" + suffix, SETTINGS).findings)


def renderings(v: Variant, doc: Document, containers: tuple[str, ...], transformed: bool):
    """(label, bytes, suffix) of the document in each container the variant applies to."""
    t = v.fn if transformed else (lambda x: x)
    if v.kind in ("spec", "doc"):
        d = t(doc) if v.kind == "doc" else doc
        for c in containers:
            if c in TEXT_SHAPES:
                yield c, render_text(d, c).encode("utf-8"), ".txt"
            elif c == "html":
                yield c, render_html(d), ".html"
            elif c == "docx":
                yield c, render_docx(d), ".docx"
            elif c == "pdf":
                from tests.builder.pdf import render_pdf
                yield c, render_pdf(d), ".pdf"
    elif v.kind == "text":
        for c in v.shapes or SHAPES:
            yield c, t(render_text(doc, c)).encode("utf-8"), ".txt"
    elif v.kind == "html":
        yield "html", t(render_html(doc).decode("utf-8")).encode("utf-8"), ".html"
    elif v.kind == "docx":
        yield "docx", t(render_docx(doc)), ".docx"
    elif v.kind == "render":  # the builder's own options: (container, bytes, suffix)
        yield v.fn(doc) if transformed else _plain(v.fn(doc)[0], doc)


def _plain(container: str, doc: Document) -> tuple[str, bytes, str]:
    if container == "docx":
        return "docx", render_docx(doc), ".docx"
    return "html", render_html(doc), ".html"


_BEFORE: dict[tuple[int, str, str], list[str]] = {}


def _spec(seed: int, versions: tuple[str, ...]):
    return sample_spec(seed, version=versions[seed % len(versions)])


def run(v: Variant, seeds: range, containers: tuple[str, ...], planted_every: int, verbose: bool,
        versions: tuple[str, ...] = ("cn-2021",)) -> dict:
    runs = fps = 0
    fp_rules: collections.Counter = collections.Counter()
    p_runs = misses = extras = 0
    miss_rules: collections.Counter = collections.Counter()
    extra_rules: collections.Counter = collections.Counter()
    examples: list[str] = []
    for seed in seeds:
        spec = _spec(seed, versions)
        tspec = v.fn(spec) if v.kind == "spec" else spec
        before = {}
        for c, b, s in renderings(v, build_document(spec), containers, False):
            key = (seed, spec.version, c)
            if key not in _BEFORE:
                _BEFORE[key] = _lint(b, s)
            before[c] = _BEFORE[key]
        for c, data, suffix in renderings(v, build_document(tspec), containers, True):
            runs += 1
            got = _lint(data, suffix)
            gained = collections.Counter(r for r in got if r not in v.expect) - collections.Counter(before[c])
            if gained:
                fps += 1
                fp_rules.update(gained)
                if len(examples) < 6:
                    examples.append(f"  FP seed {seed} {c}: +{sorted(gained.elements())}")
        names = defects_for(tspec)
        for i, defect in enumerate(names):
            if (seed + i) % planted_every or defect in v.skip:
                continue
            try:
                p = plant(tspec, defect, seed)
            except (ValueError, LookupError):  # the defect cannot be planted in this variant's spec
                continue
            for c, data, suffix in renderings(v, p.document, containers, True):
                p_runs += 1
                got = set(_lint(data, suffix))
                missed, extra = p.expected - got, got - p.expected - p.allowed - v.expect
                if missed:
                    misses += 1
                    miss_rules.update((defect, r) for r in missed)
                    if len(examples) < 12:
                        examples.append(f"  MISS seed {seed} {c} {defect}: {sorted(missed)}")
                if extra:
                    extras += 1
                    extra_rules.update((defect, r) for r in extra)
                    if len(examples) < 12:
                        examples.append(f"  EXTRA seed {seed} {c} {defect}: {sorted(extra)}")
    return dict(runs=runs, fps=fps, fp_rules=fp_rules, p_runs=p_runs, misses=misses, miss_rules=miss_rules,
                extras=extras, extra_rules=extra_rules, examples=examples)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=12)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--only", default="")
    ap.add_argument("--containers", default="pipe,cells,html",
                    help="containers of doc and spec variants (also docx, pdf: slow to render)")
    ap.add_argument("--pdf", action="store_true", help="doc and spec variants also as PDF")
    ap.add_argument("--planted-every", type=int, default=3,
                    help="plant every Nth defect of a spec (1: all; default 3 keeps runs short)")
    ap.add_argument("--versions", default="cn-2021,cn-2019,cn-2008",
                    help="format versions of the builder reports, in turn by seed")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--show", default="")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true", help="print example seeds")
    a = ap.parse_args(argv)
    if a.list:
        for v in VARIANTS.values():
            print(f"{v.name:24} {v.kind:5} {v.note}")
        return 0
    if a.show:
        v = VARIANTS[a.show]
        spec = _spec(a.seed, tuple(a.versions.split(",")))
        doc = build_document(v.fn(spec) if v.kind == "spec" else spec)
        for c, data, _ in renderings(v, doc, ("pipe",), True):
            print(f"--- {c}")
            print(data.decode("utf-8", "replace") if c != "docx" else f"{len(data)} bytes")
            break
        return 0
    containers = tuple(c for c in a.containers.split(",") if c) + (("pdf",) if a.pdf else ())
    chosen = [VARIANTS[n] for n in a.only.split(",")] if a.only else list(VARIANTS.values())
    seeds = range(a.first_seed, a.first_seed + a.seeds)
    print(f"{'variant':24} {'kind':5} {'runs':>5} {'FP':>4}  {'planted':>7} {'miss':>4} {'extra':>5}  rules")
    worst = 0
    for v in chosen:
        t0 = time.perf_counter()
        r = run(v, seeds, containers, a.planted_every, a.verbose, tuple(a.versions.split(",")))
        rules = []
        if r["fp_rules"]:
            rules.append("FP " + ",".join(f"{k}×{n}" for k, n in r["fp_rules"].most_common(4)))
        if r["miss_rules"]:
            rules.append("miss " + ",".join(f"{d}:{k}×{n}" for (d, k), n in r["miss_rules"].most_common(4)))
        if r["extra_rules"]:
            rules.append("extra " + ",".join(f"{d}:{k}×{n}" for (d, k), n in r["extra_rules"].most_common(4)))
        print(f"{v.name:24} {v.kind:5} {r['runs']:5} {r['fps']:4}  {r['p_runs']:7} {r['misses']:4} {r['extras']:5}  "
              f"{'; '.join(rules)}  ({time.perf_counter() - t0:.0f}s)", flush=True)
        if a.verbose:
            print("\n".join(r["examples"]))
        worst += r["fps"] + r["misses"] + r["extras"]
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
