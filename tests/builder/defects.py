"""Plant exactly one known defect in an otherwise clean report and name the rules it must trip.

`expected` are the rule IDs a correct gaolint must report; `allowed` are rules that may also
fire as a legitimate consequence (a changed 总计 makes the prose disagree, a removed section
takes its table with it). Anything else a linter reports on a planted document is a false
positive, which is what the benchmark measures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from .blocks import Block, Document, Heading, Paragraph, Table
from .document import (
    build_document,
    punctuate,
    section_titles,
    table3_block,
    table4_block,
)
from .labels import TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_OUTCOMES, TOTAL_COLUMN, result_leaves
from .names import EMPTY_SECTION
from .spec import ReportSpec


@dataclass(frozen=True)
class Planted:
    """A document with one defect, the rules that must fire and those that may."""

    document: Document
    expected: frozenset[str]
    allowed: frozenset[str] = frozenset()
    description: str = ""
    defect: str = ""
    spec: ReportSpec | None = None  # the clean spec the document was built from


Planter = Callable[[ReportSpec, Document, random.Random], Planted]


def _planted(doc: Document, expected: set[str], allowed: set[str], description: str) -> Planted:
    return Planted(doc, frozenset(expected), frozenset(allowed - expected), description)


# --- locating things in a document ----------------------------------------------------------

def _sections(spec: ReportSpec, doc: Document) -> list[tuple[int, int]]:
    """(heading index, end index) per mandated section, in order; the signature (last two
    paragraphs) belongs to no section."""
    heads = {punctuate(spec, t) for t in section_titles(spec)}
    starts = [i for i, b in enumerate(doc.blocks)
              if isinstance(b, Heading) and b.level == 1 and b.text in heads]
    ends = starts[1:] + [len(doc.blocks) - 2]
    return list(zip(starts, ends))


def _paragraph_index(doc: Document, test: Callable[[str], bool]) -> int:
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph) and test(b.text):
            return i
    raise LookupError("paragraph not found")


def _with(doc: Document, index: int, *new: Block) -> Document:
    blocks = list(doc.blocks)
    blocks[index : index + 1] = new
    return Document(blocks=blocks)


def _table_index(doc: Document, kind: str) -> int:
    return next(i for i, b in enumerate(doc.blocks) if isinstance(b, Table) and b.kind == kind)


def _delta(rng: random.Random, value: int) -> int:
    """A non-zero change that keeps the value non-negative."""
    step = rng.choice((1, 1, 2, 3, 10, 100))
    return step if value < step or rng.random() < 0.5 else -step


# --- the defects ----------------------------------------------------------------------------

_SECTION_CONSEQUENCES = ({"GAO108"}, {"GAO103", "GAO104"}, {"GAO103", "GAO104"},
                         {"GAO103", "GAO104"}, set(), {"GAO401"})


def missing_section(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    which = rng.randrange(6)
    start, end = _sections(spec, doc)[which]
    removed = doc.blocks[start].text  # type: ignore[union-attr]
    blocks = doc.blocks[:start] + doc.blocks[end:]
    return _planted(Document(blocks), {"GAO101"}, _SECTION_CONSEQUENCES[which],
                    f"section {removed} removed with its content")


def period_wrong_year(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    shift = rng.choice((-1, 1))
    start, end = spec.period_start, spec.period_end
    assert start and end
    bad = replace(spec, period_start=start.replace(year=start.year + shift),
                  period_end=end.replace(year=end.year + shift))
    return _planted(build_document(bad), {"GAO202"}, {"GAO203"},
                    f"statistics period moved {shift:+d} year")


def period_mid_year(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    month, day = rng.choice(((6, 30), (9, 30), (11, 30), (3, 31)))
    bad = replace(spec, period_end=date(spec.year, month, day))
    return _planted(build_document(bad), {"GAO202"}, set(),
                    f"statistics period ends {month}月{day}日")


def _table3_values(spec: ReportSpec) -> dict[str, list[int | str]]:
    return {k: list(v) for k, v in spec.table3.items()}


def _leaf_keys(spec: ReportSpec) -> list[str]:
    return list(result_leaves(spec.version))


def _swap(doc: Document, table: Table) -> Document:
    return _with(doc, _table_index(doc, table.kind), table)


def table3_leaf_changed(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    key, col = rng.choice(_leaf_keys(spec)), rng.randrange(TOTAL_COLUMN)
    values = _table3_values(spec)
    old = spec.table3[key][col]
    values[key][col] = old + _delta(rng, old)
    return _planted(_swap(doc, table3_block(spec, values)), {"GAO302", "GAO303"}, set(),
                    f"表三 {key} {TABLE3_COLUMNS[col]}: {old} -> {values[key][col]}")


def table3_new_total_changed(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    values = _table3_values(spec)
    old = spec.total("new")
    values["new"][TOTAL_COLUMN] = old + _delta(rng, old)
    return _planted(_swap(doc, table3_block(spec, values)), {"GAO301", "GAO302"}, {"GAO305"},
                    f"表三 一、本年新收 总计: {old} -> {values['new'][TOTAL_COLUMN]}")


def table4_cell_changed(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    index = rng.randrange(15)
    values = list(spec.table4)
    old = values[index]
    values[index] = old + _delta(rng, old)
    where = f"{TABLE4_GROUPS[index // 5]} {TABLE4_OUTCOMES[index % 5]}"
    return _planted(_swap(doc, table4_block(spec, values)), {"GAO304"}, {"GAO305"},
                    f"表四 {where}: {old} -> {values[index]}")


def table3_bad_value(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    key, col = rng.choice(_leaf_keys(spec)), rng.randrange(TOTAL_COLUMN)
    text = rng.choice(("—", "-3", "1.5", "/"))
    values = _table3_values(spec)
    values[key][col] = text
    return _planted(_swap(doc, table3_block(spec, values)), {"GAO106"},
                    {"GAO105", "GAO301", "GAO302", "GAO303", "GAO305"},
                    f"表三 {key} {TABLE3_COLUMNS[col]}: {spec.table3[key][col]} -> {text}")


def fee_statement_missing(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    index = _paragraph_index(doc, lambda t: t == punctuate(spec, spec.fee_sentence))
    if spec.version == "cn-2008":  # there the statement has its own section: drop both
        return _planted(Document(doc.blocks[: index - 1] + doc.blocks[index + 1 :]),
                        {"GAO401"}, {"GAO101", "GAO107"}, "收费及减免 section removed")
    return _planted(_with(doc, index), {"GAO401"}, set(), "fee sentence removed from 六")


def contact_missing(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    index = _paragraph_index(doc, lambda t: spec.contact.telephone in t)
    return _planted(_with(doc, index), {"GAO501"}, set(), "contact paragraph removed")


def telephone_malformed(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    phone = spec.contact.telephone
    area, local = phone.split("-")
    bad = rng.choice((
        f"{area}-{local[:4]}",  # too few digits
        f"{area}-{local}{rng.randint(10, 99)}",  # too many digits
        f"{area[1:]}-{local}",  # area code without its leading 0
    ))
    index = _paragraph_index(doc, lambda t: phone in t)
    text = doc.blocks[index].text.replace(phone, bad)  # type: ignore[union-attr]
    # With no address or e-mail beside it, a linter may see no usable contact at all.
    allowed = set() if spec.contact.address or spec.contact.email else {"GAO501"}
    return _planted(_with(doc, index, Paragraph(text)), {"GAO502"}, allowed,
                    f"telephone {phone} -> {bad}")


def fee_contradiction(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    amount = rng.choice(("120", "35.5", "800", "2600"))
    sentence = rng.choice((
        f"本年度未收取信息处理费，全年共收取信息处理费{amount}元。",
        f"本年度未收取信息处理费。本年度共发出收费通知{rng.randint(1, 5)}件，收取信息处理费{amount}元。",
        f"{spec.year}年度本机关未收取信息处理费，实际收取信息处理费{amount}元。",
    ))
    index = _paragraph_index(doc, lambda t: t == punctuate(spec, spec.fee_sentence))
    return _planted(_with(doc, index, Paragraph(punctuate(spec, sentence))), {"GAO402"}, set(),
                    f"fee statement says none charged and {amount}元 charged")


def carryover_year_wrong(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    right, wrong = f"结转{spec.next_year}年度", f"结转{spec.year}年度"
    index = _paragraph_index(doc, lambda t: right in t)
    text = doc.blocks[index].text.replace(right, wrong)  # type: ignore[union-attr]
    return _planted(_with(doc, index, Paragraph(text)), {"GAO203"}, set(), f"{right} -> {wrong}")


def table_missing(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    kind = rng.choice(("table2", "table3", "table4"))
    return _planted(_with(doc, _table_index(doc, kind)), {"GAO103"}, {"GAO104", "GAO107"},
                    f"{kind} removed")


def table3_row_missing(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    leaves = _leaf_keys(spec)
    empty = [k for k in leaves if not any(spec.table3[k])]
    key = rng.choice(empty or leaves)
    # A row with numbers in it also leaves （七）总计 larger than the rows still shown.
    allowed = set() if key in empty else {"GAO303"}
    return _planted(_swap(doc, table3_block(spec, omit={key})), {"GAO104"}, allowed,
                    f"表三 row {key} removed")


def section5_empty(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    start, end = _sections(spec, doc)[4]
    blocks = doc.blocks[: start + 1] + [Paragraph(rng.choice(EMPTY_SECTION))] + doc.blocks[end:]
    return _planted(Document(blocks), {"GAO107"}, set(), "section 五 says only 无")


def narrative_new_mismatch(spec: ReportSpec, doc: Document, rng: random.Random) -> Planted:
    new = spec.total("new")
    right = f"新收政府信息公开申请{new}件"
    wrong_number = new + _delta(rng, new)
    index = _paragraph_index(doc, lambda t: right in t)
    text = doc.blocks[index].text.replace(right, f"新收政府信息公开申请{wrong_number}件")  # type: ignore[union-attr]
    return _planted(_with(doc, index, Paragraph(text)), {"GAO305"}, set(),
                    f"prose 新收 {new} -> {wrong_number}")


DEFECTS: dict[str, Planter] = {
    "missing_section": missing_section,  # GAO101
    "period_wrong_year": period_wrong_year,  # GAO202 (+GAO203 allowed)
    "period_mid_year": period_mid_year,  # GAO202
    "table3_leaf_changed": table3_leaf_changed,  # GAO302 + GAO303
    "table3_new_total_changed": table3_new_total_changed,  # GAO301 + GAO302
    "table4_cell_changed": table4_cell_changed,  # GAO304
    "table3_bad_value": table3_bad_value,  # GAO106
    "fee_statement_missing": fee_statement_missing,  # GAO401
    "contact_missing": contact_missing,  # GAO501
    "carryover_year_wrong": carryover_year_wrong,  # GAO203
    "table_missing": table_missing,  # GAO103
    "table3_row_missing": table3_row_missing,  # GAO104
    "section5_empty": section5_empty,  # GAO107
    "telephone_malformed": telephone_malformed,  # GAO502
    "fee_contradiction": fee_contradiction,  # GAO402
    "narrative_new_mismatch": narrative_new_mismatch,  # GAO305
}

#: Defects that make sense in a free-form cn-2008 report (no national tables or sections).
DEFECTS_2008 = ("period_wrong_year", "period_mid_year", "fee_statement_missing",
                "contact_missing", "telephone_malformed")


def defects_for(spec: ReportSpec) -> tuple[str, ...]:
    """Names of the defects that can be planted in this spec's format version."""
    if spec.version == "cn-2008":
        return DEFECTS_2008
    if spec.version == "cn-2019":  # no 信息处理费 statement is required before the 2021 reports
        return tuple(name for name in DEFECTS if name != "fee_statement_missing")
    return tuple(DEFECTS)


def plant(spec: ReportSpec, defect: str, rng_or_seed: random.Random | int = 0) -> Planted:
    """Build `spec` and plant `defect` in it; deterministic for a given seed."""
    if defect not in DEFECTS:
        raise KeyError(f"unknown defect {defect!r}; expected one of {sorted(DEFECTS)}")
    if defect not in defects_for(spec):
        raise ValueError(f"defect {defect!r} does not apply to a {spec.version} report")
    rng = rng_or_seed if isinstance(rng_or_seed, random.Random) else random.Random(rng_or_seed)
    planted = DEFECTS[defect](spec, build_document(spec), rng)
    return replace(planted, defect=defect, spec=spec)


def clean_or_planted(seed: int):
    """The document of ``sample_spec(seed)``: clean for an even seed, with one of the defects its
    format allows planted for an odd one — the pair a container test compares across shapes."""
    from .document import build_document
    from .spec import sample_spec

    spec = sample_spec(seed)
    if seed % 2 == 0:
        return build_document(spec)
    names = defects_for(spec)
    return plant(spec, names[seed % len(names)], seed).document
