"""Lay a `ReportSpec` out as a `Document`: headings, prose and the national tables with merges.

The table builders are public so defects can redraw one table (a changed cell, a missing row)
and swap it into an otherwise untouched document.
"""

from __future__ import annotations

import random
from typing import Callable, Iterable, Mapping, Sequence

from . import wording
from .blocks import Block, Cell, Document, Heading, Paragraph, Table
from .labels import (
    BALANCE_HEADER,
    SECTION_TITLES,
    SECTION_TITLES_2008,
    TABLE3_ROWS,
    TABLE4_GROUPS,
    TABLE4_OUTCOMES,
)
from .spec import ReportSpec

_HALFWIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})

CellValue = int | str


def punctuate(spec: ReportSpec, text: str) -> str:
    """The text as this spec's document spells punctuation (full- or half-width)."""
    return text.translate(_HALFWIDTH) if spec.halfwidth else text


def title(spec: ReportSpec) -> str:
    return f"{spec.agency}{spec.year}年政府信息公开工作年度报告"


def section_titles(spec: ReportSpec) -> tuple[str, ...]:
    if spec.version == "cn-2008":
        return SECTION_TITLES_2008
    return tuple(t.format(title=spec.section5_title) for t in SECTION_TITLES)


# --- tables ---------------------------------------------------------------------------------

def _c(value: CellValue, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(str(value), rowspan, colspan)


def _row(label: str, values: Sequence[CellValue], width: int = 4) -> tuple[Cell, ...]:
    """A label and its numbers; a single number spans the rest of the row, as drawn nationally."""
    if len(values) == 1:
        return (_c(label), _c(values[0], colspan=width - 1))
    return (_c(label), *(_c(v) for v in values))


def _band(name: str, width: int = 4) -> tuple[Cell, ...]:
    return (_c(name, colspan=width),)


def table2_block(spec: ReportSpec) -> Table:
    """Table 2 (主动公开政府信息情况) in the spec's format version."""
    t = spec.table2
    if spec.version == "cn-2019":
        return _table2_2019(spec)
    rows = [
        _band("第二十条第（一）项"),
        (_c("信息内容"), _c("本年制发件数"), _c("本年废止件数"), _c("现行有效件数")),
        _row("规章", (t.rules_issued, t.rules_repealed, t.rules_valid)),
        _row("行政规范性文件", (t.normative_issued, t.normative_repealed, t.normative_valid)),
        _band("第二十条第（五）项"),
        _row("信息内容", ("本年处理决定数量",)),
        _row("行政许可", (t.licensing,)),
        _band("第二十条第（六）项"),
        _row("信息内容", ("本年处理决定数量",)),
        _row("行政处罚", (t.penalties,)),
        _row("行政强制", (t.enforcement,)),
        _band("第二十条第（八）项"),
        _row("信息内容", ("本年收费金额（单位：万元）",)),
        _row("行政事业性收费", (t.fees_wan,)),
    ]
    return _finish(spec, rows, "table2")


def _table2_2019(spec: ReportSpec) -> Table:
    t = spec.table2
    last, change = t.items_last_year, t.items_change
    items = ("上一年项目数量", "本年增/减", "处理决定数量")
    rows = [
        _band("第二十条第（一）项"),
        (_c("信息内容"), _c("本年新制作数量"), _c("本年新公开数量"), _c("对外公开总数量")),
        _row("规章", (t.rules_issued, t.rules_published, t.rules_valid)),
        _row("规范性文件", (t.normative_issued, t.normative_published, t.normative_valid)),
        _band("第二十条第（五）项"),
        _row("信息内容", items),
        _row("行政许可", (last[0], change[0], t.licensing)),
        _row("其他对外管理服务事项", (last[1], change[1], t.other_services)),
        _band("第二十条第（六）项"),
        _row("信息内容", items),
        _row("行政处罚", (last[2], change[2], t.penalties)),
        _row("行政强制", (last[3], change[3], t.enforcement)),
        _band("第二十条第（八）项"),
        (_c("信息内容"), _c("上一年项目数量"), _c("本年增/减", colspan=2)),
        (_c("行政事业性收费"), _c(last[4]), _c(change[4], colspan=2)),
        _band("第二十条第（九）项"),
        (_c("信息内容"), _c("采购项目数量"), _c("采购总金额", colspan=2)),
        (_c("政府集中采购"), _c(t.procurement_items), _c(t.procurement_wan, colspan=2)),
    ]
    return _finish(spec, rows, "table2")


def table3_block(
    spec: ReportSpec,
    values: Mapping[str, Sequence[CellValue]] | None = None,
    omit: Iterable[str] = (),
) -> Table:
    """Table 3 with the national merges; `values` overrides numbers, `omit` drops rows.

    Row spans of 三、本年度办理结果 and of （三）…（六） are counted from the rows present, so a
    dropped row still leaves a well-formed table, as a real report missing that row would.
    """
    values = values if values is not None else spec.table3
    skipped = set(omit)
    present = [r for r in TABLE3_ROWS[spec.version] if r.key not in skipped]
    rows: list[tuple[Cell, ...]] = [
        (_c(BALANCE_HEADER, rowspan=3, colspan=3), _c("申请人情况", colspan=7)),
        (_c("自然人", rowspan=2), _c("法人或其他组织", colspan=5), _c("总计", rowspan=2)),
        tuple(_c(n) for n in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")),
    ]
    for i, row in enumerate(present):
        cells: list[Cell] = []
        for depth, label in enumerate(row.labels):
            before = present[i - 1].labels if i else ()
            if len(before) > depth and before[: depth + 1] == row.labels[: depth + 1]:
                continue  # covered by the merged cell drawn in an earlier row
            last = depth == len(row.labels) - 1
            span = sum(1 for _ in _same_prefix(present, i, depth + 1)) if not last else 1
            cells.append(_c(label, rowspan=span, colspan=3 - depth if last else 1))
        cells += [_c(v) for v in values[row.key]]
        rows.append(tuple(cells))
    return _finish(spec, rows, "table3")


def _same_prefix(rows: Sequence, start: int, depth: int) -> Iterable[int]:
    """Indices of the consecutive rows from `start` that share its first `depth` labels."""
    prefix = rows[start].labels[:depth]
    for j in range(start, len(rows)):
        if rows[j].labels[:depth] != prefix:
            return
        yield j


def table4_block(spec: ReportSpec, values: Sequence[CellValue] | None = None) -> Table:
    """Table 4: 行政复议 over its five outcomes; 行政诉讼 over two groups of five.

    Both drawings seen in published reports are supported (spec.review_header_rowspan): the
    five 行政复议 outcome headers beside 未经复议直接起诉/复议后起诉 (rowspan 2 each), or
    行政复议 itself spanning two rows with all fifteen outcome headers on the third.
    """
    values = values if values is not None else spec.table4
    litigation = (_c(TABLE4_GROUPS[1], colspan=5), _c(TABLE4_GROUPS[2], colspan=5))
    if spec.review_header_rowspan == 2:
        rows = [
            (_c(TABLE4_GROUPS[0], rowspan=2, colspan=5), _c("行政诉讼", colspan=10)),
            litigation,
            tuple(_c(o) for o in TABLE4_OUTCOMES * 3),
        ]
    else:
        rows = [
            (_c(TABLE4_GROUPS[0], colspan=5), _c("行政诉讼", colspan=10)),
            (*(_c(o, rowspan=2) for o in TABLE4_OUTCOMES), *litigation),
            tuple(_c(o) for o in TABLE4_OUTCOMES * 2),
        ]
    rows.append(tuple(_c(v) for v in values))
    return _finish(spec, rows, "table4")


def _finish(spec: ReportSpec, rows: Sequence[tuple[Cell, ...]], kind: str) -> Table:
    if spec.halfwidth:
        rows = [tuple(Cell(punctuate(spec, c.text), c.rowspan, c.colspan) for c in r) for r in rows]
    return Table(rows=tuple(rows), kind=kind)


# --- the document ---------------------------------------------------------------------------

_SUBSECTIONS = (
    ("（一）主动公开", "（一）主动公开情况", "（一）主动公开政府信息"),
    ("（二）依申请公开", "（二）依申请公开情况", "（二）依申请公开办理"),
    ("（三）政府信息管理", "（三）政府信息管理情况", "（三）加强政府信息管理"),
    ("（四）政府信息公开平台建设", "（四）平台建设情况", "（四）政府信息公开平台建设情况"),
    ("（五）监督保障", "（五）监督保障情况", "（五）强化监督保障"),
)


def build_document(spec: ReportSpec) -> Document:
    """The whole report as blocks; a pure function of the spec (wording comes from spec.wording)."""
    rng = random.Random(spec.wording)
    blocks: list[Block] = [Heading(title(spec), level=0),
                           Paragraph(wording.intro(spec, rng)),
                           Paragraph(wording.contact(spec, rng))]
    build = _body_2008 if spec.version == "cn-2008" else _body_national
    blocks += build(spec, rng)
    blocks += [Paragraph(spec.signer), Paragraph(wording.cn_date(spec.signed_on))]  # type: ignore[arg-type]
    if spec.halfwidth:
        blocks = [_punctuated(spec, b) for b in blocks]
    return Document(blocks=blocks)


def _punctuated(spec: ReportSpec, block: Block) -> Block:
    if isinstance(block, Heading):
        return Heading(punctuate(spec, block.text), block.level)
    if isinstance(block, Paragraph):
        return Paragraph(punctuate(spec, block.text))
    return block  # tables are punctuated when drawn


def _body_national(spec: ReportSpec, rng: random.Random) -> list[Block]:
    heads = section_titles(spec)
    sub: Callable[[int], Heading] = lambda i: Heading(rng.choice(_SUBSECTIONS[i]), level=2)
    blocks: list[Block] = [Heading(heads[0])]
    if rng.random() < 0.6:
        blocks.append(Paragraph(wording.overview(spec, rng)))
    blocks += [
        sub(0), Paragraph(wording.active(rng)),
        sub(1), Paragraph(wording.on_request(spec, rng)), Paragraph(wording.review(spec, rng)),
        sub(2), Paragraph(wording.management(spec, rng)),
        sub(3), Paragraph(wording.platforms(rng)),
        sub(4), Paragraph(wording.oversight(spec, rng)),
        Heading(heads[1]), table2_block(spec),
        Heading(heads[2]), table3_block(spec),
        Heading(heads[3]), table4_block(spec),
        Heading(heads[4]),
        *(Paragraph(p) for p in wording.problems_and_measures(spec, rng)),
        Heading(heads[5]),
    ]
    fee, other = Paragraph(spec.fee_sentence), Paragraph(wording.other_matters(spec, rng))
    blocks += [fee, other] if rng.random() < 0.7 else [other, fee]
    return blocks


def _body_2008(spec: ReportSpec, rng: random.Random) -> list[Block]:
    heads = SECTION_TITLES_2008
    active, requests, reviews = wording.summary_2008(spec, rng)
    return [
        Heading(heads[0]), Paragraph(wording.overview(spec, rng)),
        Heading(heads[1]), Paragraph(active), Paragraph(wording.active(rng)),
        Heading(heads[2]), Paragraph(requests),
        Heading(heads[3]), Paragraph(spec.fee_sentence),
        Heading(heads[4]), Paragraph(reviews),
        Heading(heads[5]), *(Paragraph(p) for p in wording.problems_and_measures(spec, rng)),
        Heading(heads[6]), Paragraph(wording.other_matters(spec, rng)),
    ]
