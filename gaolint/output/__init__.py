"""Outputs: each format is a small module that turns findings into text (or bytes). Outputs
know only findings and the plain data of their ``OutputContext`` (gaolint/output/context.py),
never reports, file results or the rule registry.

``FORMATS`` is the one list of formats: ``gaolint check --format`` takes its choices from it,
``gaolint.run`` fills the context and writes what ``render`` returns by its flags, and
``tests/test_walls.py`` keeps the table of docs/getting-started.md equal to it. A new format is
its module, one entry here, its tests and a row in that table.
"""

from __future__ import annotations

from importlib import import_module

from ..model import Value


class OutputFormat(Value):
    """One ``--format``: the module holding
    ``render(findings: Sequence[Finding], context: OutputContext) -> str | bytes`` and what the
    run must do for it (a ``Value``, not a NamedTuple: ``typing`` stays off the start-up path)."""

    __slots__ = ("module", "binary", "streamed", "resumable", "console", "catalog", "reports")

    def __init__(self, module: str, *, binary: bool = False, streamed: bool = False, resumable: bool = False,
                 console: bool = False, catalog: bool = False, reports: bool = False) -> None:
        self.module = module
        #: ``render`` returns bytes, written as they are; never printed to a terminal.
        self.binary = binary
        #: Written one file's findings at a time by ``gaolint.stream`` (the module has a ``Writer``).
        self.streamed = streamed
        #: ``--resume`` may continue a file this format wrote.
        self.resumable = resumable
        #: For people at a terminal: the console's encoding, ``print_rich`` on a terminal, the
        #: summary on stderr.
        self.console = console
        #: The context carries the rule catalog (``context.catalog``).
        self.catalog = catalog
        #: The context carries one plain record per file (``context.reports``: agency, year,
        #: format) and the agency × year table (``context.overview``).
        self.reports = reports


#: --format name → its module and flags; the first is the default.
FORMATS: dict[str, OutputFormat] = {
    "text": OutputFormat("gaolint.output.text", console=True),
    "json": OutputFormat("gaolint.output.json_output"),
    "sarif": OutputFormat("gaolint.output.sarif", catalog=True),
    "github": OutputFormat("gaolint.output.github"),
    "gitlab": OutputFormat("gaolint.output.gitlab"),
    "html": OutputFormat("gaolint.output.html", catalog=True, reports=True),
    "jsonl": OutputFormat("gaolint.output.jsonl", streamed=True, resumable=True),
    "parquet": OutputFormat("gaolint.output.parquet", binary=True, streamed=True),  # needs pyarrow
    "xlsx": OutputFormat("gaolint.output.xlsx", binary=True, catalog=True, reports=True),  # needs openpyxl
}


def load(name: str):
    """The module of the format ``name`` (imported now: a format's libraries load only when used)."""
    return import_module(FORMATS[name].module)


def render(name: str, findings, context) -> str | bytes:
    return load(name).render(findings, context)


__all__ = ["FORMATS", "OutputFormat", "load", "render"]
