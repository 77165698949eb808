"""The report model the builder renders: one agency's figures for one year, always consistent.

Tests and the benchmark draw thousands of these; a defect is planted afterwards, so a spec
itself must satisfy every identity of the national format (see `check_identities`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from . import names
from .labels import (
    KINDS,
    SECTION5_TITLES,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TOTAL_COLUMN,
    VERSIONS,
    result_leaves,
)

#: Seven numbers: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
Row7 = tuple[int, ...]


@dataclass(frozen=True)
class Contact:
    """Who answers questions about the report; `address`, `postcode`, `email` may be absent."""

    office: str
    telephone: str
    address: str | None = None
    postcode: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class ActiveDisclosure:
    """Table 2 (主动公开政府信息情况) of cn-2021; cn-2019 reads the same figures differently."""

    rules_issued: int  # 规章 本年制发件数 (cn-2019: 本年新制作数量)
    rules_repealed: int  # 规章 本年废止件数
    rules_valid: int  # 规章 现行有效件数 (cn-2019: 对外公开总数量)
    normative_issued: int  # 行政规范性文件 本年制发件数
    normative_repealed: int
    normative_valid: int
    licensing: int  # 行政许可 本年处理决定数量
    penalties: int  # 行政处罚
    enforcement: int  # 行政强制
    fees_wan: Decimal  # 行政事业性收费 本年收费金额（单位：万元）
    # cn-2019 only: 本年新公开数量, the 其他对外管理服务事项 row, 上一年项目数量 / 本年增/减
    # for the item rows, and the 第二十条第（九）项 政府集中采购 row.
    rules_published: int = 0
    normative_published: int = 0
    other_services: int = 0
    items_last_year: tuple[int, ...] = (0, 0, 0, 0, 0)  # 许可, 其他服务, 处罚, 强制, 收费
    items_change: tuple[int, ...] = (0, 0, 0, 0, 0)  # 本年增/减 (may be negative)
    procurement_items: int = 0
    procurement_wan: Decimal = Decimal("0")


@dataclass(frozen=True)
class ReportSpec:
    """One report: identity, dates, contact, wording choices and the three tables' figures."""

    agency: str
    kind: str  # "government" | "department"
    year: int
    contact: Contact
    fee_sentence: str
    table2: ActiveDisclosure
    table3: Mapping[str, Row7]  # row key (labels.TABLE3_ROWS) -> 7 numbers
    table4: tuple[int, ...]  # 15: 行政复议, 未经复议直接起诉, 复议后起诉 × 5 outcomes
    version: str = "cn-2021"
    period_start: date | None = None  # None: 1 January of `year`
    period_end: date | None = None  # None: 31 December of `year`
    signed_on: date | None = None  # None: 20 January of year+1
    signer: str = ""  # "": the agency (its 办公室 for a government)
    section5_title: str = SECTION5_TITLES[0]
    #: Seed for wording choices, so `build_document` stays a pure function of the spec.
    wording: int = 0
    #: 1: 行政复议's outcome headers sit beside the 行政诉讼 groups; 2: 行政复议 spans two rows.
    review_header_rowspan: int = 1
    #: Half-width punctuation （）：，； -> ():,; as in text copied through some web tools.
    halfwidth: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}: {self.kind!r}")
        if self.version not in VERSIONS:
            raise ValueError(f"version must be one of {VERSIONS}: {self.version!r}")
        if self.review_header_rowspan not in (1, 2):
            raise ValueError("review_header_rowspan must be 1 or 2")
        if len(self.table4) != 15:
            raise ValueError("table4 needs 15 numbers")
        keys = {r.key for r in TABLE3_ROWS[self.version]}
        if set(self.table3) != keys:
            raise ValueError(f"table3 rows differ from {self.version}: {set(self.table3) ^ keys}")
        defaults = {
            "period_start": date(self.year, 1, 1),
            "period_end": date(self.year, 12, 31),
            "signed_on": date(self.year + 1, 1, 20),
            "signer": self.agency + ("办公室" if self.kind == "government" else ""),
        }
        for name, value in defaults.items():
            if not getattr(self, name):
                object.__setattr__(self, name, value)

    @property
    def next_year(self) -> int:
        return self.year + 1

    def total(self, row: str) -> int:
        """The 总计 column of a table-3 row."""
        return self.table3[row][TOTAL_COLUMN]

    def review_total(self, group: int) -> int:
        """总计 of table-4 group 0 (行政复议), 1 (未经复议直接起诉) or 2 (复议后起诉)."""
        return self.table4[group * 5 + 4]


def check_identities(spec: ReportSpec) -> list[str]:
    """Every identity of tables 3 and 4 that fails, in words; empty when the spec is consistent.

    Kept beside the model (not in the tests) so defects can assert what they broke.
    """
    problems = []
    t3 = spec.table3
    for key, row in t3.items():
        if len(row) != 7 or any(not isinstance(v, int) or v < 0 for v in row):
            problems.append(f"{key}: not 7 non-negative integers")
        elif sum(row[:TOTAL_COLUMN]) != row[TOTAL_COLUMN]:
            problems.append(f"{key}: row total")
    leaves = result_leaves(spec.version)
    for col, name in enumerate(TABLE3_COLUMNS):
        results = sum(t3[k][col] for k in leaves)
        if results != t3["results_total"][col]:
            problems.append(f"{name}: results total")
        if t3["new"][col] + t3["carried_over"][col] != (
            t3["results_total"][col] + t3["carried_forward"][col]
        ):
            problems.append(f"{name}: balance")
    for g in range(3):
        outcomes = spec.table4[g * 5 : g * 5 + 4]
        if any(v < 0 for v in spec.table4[g * 5 : g * 5 + 5]) or sum(outcomes) != spec.review_total(g):
            problems.append(f"table4 group {g}: total")
    return problems


# --- sampling -------------------------------------------------------------------------------

#: Per-leaf chance of being non-zero and relative weight: most requests are granted or the
#: information does not exist; many leaves stay zero in real reports.
_LEAF_WEIGHT = {
    "result.1": 8, "result.2": 2, "result.4.1": 5, "result.6.3": 2, "result.6": 2,
    "result.5.1": 1, "result.5.2": 1, "result.4.2": 1, "result.3.4": 1, "result.3.7": 1,
}


def table3_from_parts(
    version: str,
    leaves: Mapping[str, tuple[int, ...]],
    carried_over: tuple[int, ...],
    carried_forward: tuple[int, ...],
) -> dict[str, Row7]:
    """Complete table 3 from six-column leaves and carry-overs, deriving every total.

    新收 is what balances the column (一 = 七 + 四 − 二); `carried_over` is clipped so it never
    goes negative. Shared by `sample_spec` and the hypothesis strategy.
    """

    def with_total(six: tuple[int, ...]) -> Row7:
        return (*six, sum(six))

    table: dict[str, Row7] = {k: with_total(tuple(v)) for k, v in leaves.items()}
    results = tuple(sum(leaves[k][c] for k in leaves) for c in range(6))
    over = tuple(min(carried_over[c], results[c] + carried_forward[c]) for c in range(6))
    new = tuple(results[c] + carried_forward[c] - over[c] for c in range(6))
    table["new"] = with_total(new)
    table["carried_over"] = with_total(over)
    table["results_total"] = with_total(results)
    table["carried_forward"] = with_total(tuple(carried_forward))
    order = [r.key for r in TABLE3_ROWS[version]]
    return {k: table[k] for k in order}


def table4_from_outcomes(outcomes: tuple[int, ...]) -> tuple[int, ...]:
    """Fifteen table-4 numbers from twelve outcomes (4 per group), adding each 总计."""
    out: list[int] = []
    for g in range(3):
        four = outcomes[g * 4 : g * 4 + 4]
        out += [*four, sum(four)]
    return tuple(out)


def _count(rng: random.Random, scale: int) -> int:
    """A count that is often zero and sometimes large, like real per-cell figures."""
    roll = rng.random()
    if scale <= 0 or roll < 0.45:
        return 0
    if roll < 0.9:
        return rng.randint(1, max(1, scale // 10))
    return rng.randint(1, scale)


def _sample_table3(rng: random.Random, version: str) -> dict[str, Row7]:
    scale = rng.choice((0, 3, 20, 200, 3000))
    leaves: dict[str, tuple[int, ...]] = {}
    for key in result_leaves(version):
        weight = _LEAF_WEIGHT.get(key, 0.2)
        six = []
        for col in range(6):
            share = 1.0 if col == 0 else (0.3 if col in (1, 5) else 0.05)
            chance = min(1.0, weight * share)
            six.append(_count(rng, int(scale * weight * share)) if rng.random() < chance else 0)
        leaves[key] = tuple(six)
    forward = tuple(_count(rng, scale // 5) if rng.random() < 0.3 else 0 for _ in range(6))
    over = tuple(_count(rng, scale // 5) if rng.random() < 0.3 else 0 for _ in range(6))
    return table3_from_parts(version, leaves, over, forward)


def _fee_wan(rng: random.Random) -> Decimal:
    if rng.random() < 0.3:
        return Decimal(0)
    places = rng.choice((0, 1, 2, 2, 3, 4))
    return Decimal(rng.randint(1, 10**7)).scaleb(-places)


def _sample_table2(rng: random.Random, kind: str) -> ActiveDisclosure:
    big = 10 if kind == "government" else 1
    rules_valid = rng.choice((0, 0, 0, rng.randint(1, 40)))
    normative_issued = rng.randint(0, 12 * big)
    normative_repealed = rng.randint(0, 8 * big)
    return ActiveDisclosure(
        rules_issued=rng.randint(0, min(3, rules_valid)),
        rules_repealed=rng.choice((0, 0, rng.randint(0, 2))),
        rules_valid=rules_valid,
        normative_issued=normative_issued,
        normative_repealed=normative_repealed,
        normative_valid=normative_issued + rng.randint(0, 100 * big),
        licensing=rng.choice((0, rng.randint(0, 2000 * big), rng.randint(0, 500000))),
        penalties=rng.choice((0, rng.randint(0, 300 * big), rng.randint(0, 60000))),
        enforcement=rng.choice((0, rng.randint(0, 50 * big))),
        fees_wan=_fee_wan(rng),
        rules_published=0,
        normative_published=rng.randint(0, normative_issued),
        other_services=rng.randint(0, 5000),
        items_last_year=tuple(rng.randint(0, 300) for _ in range(5)),
        items_change=tuple(rng.randint(-5, 12) for _ in range(5)),
        procurement_items=rng.randint(0, 80),
        procurement_wan=Decimal(rng.randint(0, 10**6)).scaleb(-2),
    )


def _sample_contact(rng: random.Random, place: str, agency: str, kind: str) -> Contact:
    area = rng.choice(names.AREA_CODES)
    digits = 8 if len(area) == 3 or rng.random() < 0.7 else 7
    telephone = f"{area}-{rng.randint(2, 8)}{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"
    office = agency + (rng.choice(names.OFFICE_SUFFIXES) if kind == "government" else "办公室")
    domain = "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(2, 4)))
    return Contact(
        office=office,
        telephone=telephone,
        address=f"{place}{rng.choice(names.ROADS)}{rng.randint(1, 300)}号" if rng.random() < 0.8 else None,
        postcode=f"{rng.randint(1, 8)}{rng.randrange(10**5):05d}" if rng.random() < 0.7 else None,
        email=f"{rng.choice(names.EMAIL_USERS)}@{domain}.gov.cn" if rng.random() < 0.6 else None,
        website=f"https://www.{domain}.gov.cn" if rng.random() < 0.4 else None,
    )


def _fee_sentence(rng: random.Random, version: str, year: int) -> str:
    if version == "cn-2008":
        return rng.choice(names.FEE_2008).format(year=year)
    if rng.random() < 0.15:
        amount = rng.choice(("100", "150", "260", "1200", "85.5"))
        return rng.choice(names.FEE_CHARGED).format(
            year=year, notices=rng.randint(1, 6), amount=amount
        )
    return rng.choice(names.FEE_NONE).format(year=year)


_YEARS = {"cn-2021": (2021, 2025), "cn-2019": (2019, 2020), "cn-2008": (2009, 2018)}


def sample_spec(seed: int = 0, *, previous: ReportSpec | None = None, **overrides: Any) -> ReportSpec:
    """A random but fully consistent spec, the same for the same seed and overrides.

    `version`, `year`, `kind` and `agency` steer the drawing (dates, tables and names follow
    them); any other field is replaced afterwards as given.

    `previous` (optional): the same agency's report for the year before. The new report then
    follows from it (`follow_previous`): `year`, `agency` and `kind` default to the next year
    and the same agency, table 3's 二（上年结转） is `previous`'s 四（结转下年度）, and, when both
    are cn-2021, table 2's 现行有效 is `previous`'s 现行有效 + 本年制发 − 本年废止. Without it,
    nothing changes.
    """
    if previous is not None:
        overrides.setdefault("year", previous.year + 1)
        overrides.setdefault("agency", previous.agency)
        overrides.setdefault("kind", previous.kind)
        return follow_previous(sample_spec(seed, **overrides), previous)
    rng = random.Random(seed)
    version = overrides.pop("version", "cn-2021")
    low, high = _YEARS[version]
    year = overrides.pop("year", rng.randint(low, high))
    kind = overrides.pop("kind", rng.choice(("government", "department")))
    place = rng.choice(names.PLACES)
    default_agency = f"{place}人民政府" if kind == "government" else place + rng.choice(names.DEPARTMENTS)
    agency = overrides.pop("agency", default_agency)
    t4 = tuple(rng.choice((0, 0, 0, rng.randint(0, 3), rng.randint(0, 40))) for _ in range(12))
    spec = ReportSpec(
        agency=agency,
        kind=kind,
        year=year,
        version=version,
        contact=_sample_contact(rng, place, agency, kind),
        fee_sentence=_fee_sentence(rng, version, year),
        table2=_sample_table2(rng, kind),
        table3=_sample_table3(rng, version),
        table4=table4_from_outcomes(t4),
        signed_on=date(year + 1, 1, rng.randint(5, 30)),
        section5_title=rng.choice(SECTION5_TITLES),
        wording=rng.randrange(2**31),
        halfwidth=rng.random() < 0.25,
        review_header_rowspan=rng.choice((1, 2)),
    )
    unknown = set(overrides) - {f.name for f in fields(ReportSpec)}
    if unknown:
        raise TypeError(f"unknown ReportSpec fields: {sorted(unknown)}")
    return replace(spec, **overrides) if overrides else spec


def follow_previous(spec: ReportSpec, previous: ReportSpec) -> ReportSpec:
    """``spec`` made consistent across years with ``previous`` (the year before), keeping its
    own result leaves and issued/repealed counts where it can:

    - table 3: 二（上年结转） = ``previous``'s 四（结转下年度）, column by column; 四 grows where
      needed so the carried-over applications are all either decided or carried on
      (二 ≤ 七（办理结果） + 四, so `table3_from_parts` clips nothing); 一（新收） balances.
    - table 2 (both cn-2021): 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 for 规章 and
      行政规范性文件, with 本年废止 cut to last year's 现行有效 (nothing is repealed that was not
      in force, so 现行有效 ≥ 本年制发 still holds).
    """
    six = lambda row: tuple(row[:TOTAL_COLUMN])  # noqa: E731
    leaves = {key: six(spec.table3[key]) for key in result_leaves(spec.version)}
    over = six(previous.table3["carried_forward"])
    results = [sum(leaves[key][c] for key in leaves) for c in range(TOTAL_COLUMN)]
    forward = tuple(max(f, o - r) for f, o, r in zip(six(spec.table3["carried_forward"]), over, results))
    table3 = table3_from_parts(spec.version, leaves, over, forward)
    table2 = spec.table2
    if spec.version == "cn-2021" and previous.version == "cn-2021":
        last = previous.table2
        rules_repealed = min(table2.rules_repealed, last.rules_valid)
        normative_repealed = min(table2.normative_repealed, last.normative_valid)
        table2 = replace(
            table2,
            rules_repealed=rules_repealed,
            rules_valid=last.rules_valid + table2.rules_issued - rules_repealed,
            normative_repealed=normative_repealed,
            normative_valid=last.normative_valid + table2.normative_issued - normative_repealed,
        )
    return replace(spec, table3=table3, table2=table2)
