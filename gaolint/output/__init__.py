"""Outputs: each format is a small module that turns findings into text. Outputs know only
findings (and the rule catalog for SARIF), never reports or files."""

from __future__ import annotations

from importlib import import_module

#: --format name → module holding ``render(findings, context) -> str`` (or ``bytes`` for a
#: binary format such as xlsx, which the command writes as it is).
FORMATS = {
    "text": "gaolint.output.text",
    "json": "gaolint.output.json_output",
    "sarif": "gaolint.output.sarif",
    "github": "gaolint.output.github",
    "jsonl": "gaolint.output.jsonl",  # streamed as results arrive (gaolint.stream)
    "parquet": "gaolint.output.parquet",  # streamed, one row per finding (needs pyarrow)
    "xlsx": "gaolint.output.xlsx",  # bytes: a workbook (needs openpyxl)
}


def render(name: str, findings, context) -> str | bytes:
    return import_module(FORMATS[name]).render(findings, context)
