"""The logical shape of a generated report: what every renderer (text shapes, HTML, .docx, PDF)
lays out in its own container.

A report is a list of blocks. Tables carry merged cells the way the national format draws them
(rowspan/colspan), so each renderer can show merging as its container does.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A section heading such as 一、总体情况, or the report title (level 0)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    """Rows of cells as drawn: a cell covered by a merge above or to the left is simply absent
    from the later row, exactly as in HTML."""

    rows: tuple[tuple[Cell, ...], ...]
    #: Which national table this is: "table2", "table3" or "table4".
    kind: str = ""


Block = Heading | Paragraph | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)


def expand(table: Table) -> list[list[str]]:
    """The table as a full grid: every merged cell's text repeated over the area it covers."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, c + dc)] = cell.text
            c += cell.colspan
    if not grid:
        return []
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
