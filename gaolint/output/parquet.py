"""``--format parquet``: one row per finding, for DuckDB, pandas or any Parquet reader.

Columns: path, agency, agency_kind, year, format_version, rule, name, severity, line, column,
end_column, place, message. Rows are written in row groups as results arrive (memory flat in
the number of files); the file is complete once the run ends (Parquet's footer is written
last, so a killed run leaves no readable file: use ``--format jsonl --resume`` for archives
that may be interrupted). Needs pyarrow: ``pip install 'gaolint[parquet]'``.

    duckdb -c "select agency, year, count(*) from 'findings.parquet' where severity = 'error' group by all"
"""

from __future__ import annotations

from ..model import Finding
from .context import OutputContext

#: Rows buffered before a row group is written.
ROW_GROUP = 50_000

COLUMNS = ("path", "agency", "agency_kind", "year", "format_version", "rule", "name", "severity",
           "line", "column", "end_column", "place", "message")


def _schema():
    import pyarrow as pa

    text = pa.string()
    return pa.schema([
        ("path", text), ("agency", text), ("agency_kind", text), ("year", pa.int32()),
        ("format_version", text), ("rule", text), ("name", text), ("severity", text),
        ("line", pa.int32()), ("column", pa.int32()), ("end_column", pa.int32()),
        ("place", text), ("message", text),
    ], metadata={"gaolint": "findings, one row each"})


def render(findings: list[Finding], context: OutputContext) -> str:  # pragma: no cover - contract
    raise TypeError("parquet is binary and streamed: gaolint check --format parquet --output FILE")


class Writer:
    def __init__(self, target: str | None, lang: str, header: dict, resume_offset: int | None = None) -> None:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            from ..errors import UsageError

            raise UsageError("--format parquet 需要 pyarrow / --format parquet needs pyarrow: "
                             "pip install 'gaolint[parquet]'") from None
        self.lang = lang
        self._schema = _schema()
        self._writer = pq.ParquetWriter(target, self._schema, compression="zstd")
        self._rows: dict[str, list] = {name: [] for name in COLUMNS}
        self._count = 0

    def _add(self, finding: Finding, info: dict) -> None:
        rows = self._rows
        location = finding.location
        rows["path"].append(finding.path)
        rows["agency"].append(info.get("agency", ""))
        rows["agency_kind"].append(info.get("agency_kind", ""))
        rows["year"].append(info.get("year"))
        rows["format_version"].append(info.get("format_version", ""))
        rows["rule"].append(finding.rule)
        rows["name"].append(finding.name)
        rows["severity"].append(finding.severity.value)
        rows["line"].append(location.line)
        rows["column"].append(location.column)
        rows["end_column"].append(location.end_column if location.end_column is not None else location.column)
        rows["place"].append(location.place)
        rows["message"].append(finding.message.text(self.lang))
        self._count += 1
        if self._count >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self._count:
            return
        import pyarrow as pa

        self._writer.write_table(pa.table(self._rows, schema=self._schema))
        self._rows = {name: [] for name in COLUMNS}
        self._count = 0

    def file(self, path: str, info: dict, findings: list[Finding], facts: dict | None,
             deferred: bool = False) -> None:
        for finding in findings:
            self._add(finding, info)

    def findings(self, findings: list[Finding], info_of) -> None:
        for finding in findings:
            self._add(finding, info_of(finding.path))

    def close(self, summary: dict) -> None:
        self._flush()
        self._writer.close()

    def abort(self) -> None:
        try:
            self._flush()
            self._writer.close()
        except Exception:
            pass
