"""Benchmark corpora: N distinct, internally consistent reports in every text shape.

Reports come from the test builder (``tests/builder``), so every figure adds up; one report in
four carries one planted defect so the output path is exercised as well. Shapes rotate through
``SHAPES`` (the Markdown shape is written as ``.md``), and a few encodings real repositories
hold are mixed in (UTF-8, UTF-8 with BOM, GB18030 with CRLF, full-width digits). Traditional
script is left out by default because it pulls in OpenCC, which a simplified report never pays
for; ``traditional=True`` adds it.

Each agency-year appears once: agency ``index // 7`` reports for 2019-2025 (cn-2019 format
for 2019-2020), so repository rules (GAO601/GAO602, consecutive years of one agency) see a
realistic repository rather than hundreds of files claiming the same agency and year. The
years chain as a real agency's do (``sample_spec(previous=…)``): each year's 上年结转 is the
year before's 结转下年度, and 现行有效 follows from last year's + 本年制发 − 本年废止, so
repository rules fire only around planted defects.

A corpus is written once per (size, options) into a folder with a ``.complete`` marker, so
reruns of the benchmark reuse it.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Encodings mixed into a corpus: (variant, one file in how many).
ENCODINGS = (("gb18030-crlf", 10), ("utf-8-sig", 10), ("fullwidth-digits", 20))
TRADITIONAL = (("big5-traditional", 25), ("traditional-pinyin", 50))


def _builder():
    try:
        from tests import builder
    except ImportError as error:  # pragma: no cover - the builder is someone else's work
        raise SystemExit(f"bench: cannot import the test builder (tests/builder): {error}") from None
    return builder


#: Cities put in front of the builder's counties and districts, so a corpus of thousands holds
#: thousands of agencies (the builder alone has a few hundred names).
CITIES = ("江州市", "临海市", "云川市", "北平市", "南岭市", "西宁州", "东湖市", "青山市", "白水市", "石门市",
          "金城市", "玉溪州", "长乐市", "永安市", "平阳市", "安庆州")
#: Each agency reports for these years, one report a year, as a real repository holds them.
YEARS = (2019, 2020, 2021, 2022, 2023, 2024, 2025)


def agency_for(index: int) -> tuple[str, str]:
    """(agency name, kind) of report ``index``: agency number index // len(YEARS)."""
    from tests.builder import names

    number = index // len(YEARS)
    place = names.PLACES[number % len(names.PLACES)]
    city = CITIES[(number // len(names.PLACES)) % len(CITIES)]
    departments = (None,) + tuple(names.DEPARTMENTS)
    department = departments[(number // (len(names.PLACES) * len(CITIES))) % len(departments)]
    if department is None:
        return f"{city}{place}人民政府", "government"
    return f"{city}{place}{department}", "department"


@functools.lru_cache(maxsize=2 * len(YEARS))
def spec_for(index: int):
    """A consistent spec for report ``index``: agency index // 7, year 2019 + index % 7; each
    agency-year appears once, and each year follows from the agency's year before (repository
    rules compare consecutive years of one agency). Corpora are built in index order, so the
    small cache makes the chain cost one spec per report."""
    b = _builder()
    agency, kind = agency_for(index)
    year = YEARS[index % len(YEARS)]
    version = "cn-2019" if year < 2021 else "cn-2021"
    previous = spec_for(index - 1) if index % len(YEARS) else None
    return b.sample_spec(index, version=version, year=year, kind=kind, agency=agency, previous=previous)


def report_text(index: int, shape: str | None = None, defects: bool = True) -> tuple[str, str]:
    """(text, shape) of report number ``index``: the same index gives the same report."""
    b = _builder()
    spec = spec_for(index)
    shape = shape or b.SHAPES[index % len(b.SHAPES)]
    if defects and index % 4 == 3:
        names = b.defects_for(spec)
        planted = b.plant(spec, names[(index // 4) % len(names)], index)
        document = planted.document
    else:
        document = b.build_document(spec)
    return b.render_text(document, shape), shape


def variant_for(index: int, traditional: bool = False) -> str:
    table = ENCODINGS + (TRADITIONAL if traditional else ())
    for variant, every in table:
        if index % every == every - 1:
            return variant
    return "utf-8"


def report_bytes(index: int, traditional: bool = False, defects: bool = True) -> tuple[bytes, str]:
    """(bytes, file name) of report ``index`` as it would sit in a repository."""
    b = _builder()
    text, shape = report_text(index, defects=defects)
    variant = variant_for(index, traditional)
    extension = ".md" if shape == "markdown" else ".txt"
    return b.encode(text, variant), f"r{index:05d}-{shape}-{variant}{extension}"


def _reuse_or_empty(folder: Path, stamp: str, suffixes: tuple[str, ...]) -> list[Path] | None:
    """The corpus already in ``folder`` (sorted) when it was built with ``stamp``; else None,
    with ``folder`` made and emptied of files for a new build."""
    marker = folder / ".complete"
    if marker.exists() and marker.read_text() == stamp:
        return sorted(p for p in folder.iterdir() if p.suffix in suffixes)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    return None


def build(folder: Path, count: int, traditional: bool = False, defects: bool = True) -> list[Path]:
    """Write ``count`` reports into ``folder`` (reused when already complete); return their
    paths in the order gaolint discovers them (sorted)."""
    stamp = f"{count} {traditional} {defects} v3"
    kept = _reuse_or_empty(folder, stamp, (".txt", ".md"))
    if kept is not None:
        return kept
    paths = []
    for index in range(count):
        data, name = report_bytes(index, traditional, defects)
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    (folder / ".complete").write_text(stamp)
    return sorted(paths)


# --- containers: the same reports as web pages, Word files and PDFs --------------------------

#: Container corpora: extension -> (renderer module, function name) in tests/builder.
RENDERERS = {".html": ("html", "render_html"), ".docx": ("docx", "render_docx"), ".pdf": ("pdf", "render_pdf")}


def report_document(index: int, defects: bool = True):
    """The builder ``Document`` of report ``index`` (one in four with a planted defect), as
    ``report_text`` renders it."""
    b = _builder()
    spec = spec_for(index)
    if defects and index % 4 == 3:
        names = b.defects_for(spec)
        return b.plant(spec, names[(index // 4) % len(names)], index).document
    return b.build_document(spec)


def render(document, extension: str) -> bytes:
    import importlib

    module, name = RENDERERS[extension]
    return getattr(importlib.import_module(f"tests.builder.{module}"), name)(document)


def build_containers(folder: Path, count: int, extension: str, defects: bool = True) -> list[Path]:
    """Write reports 0..count-1 rendered as ``extension`` (.html, .docx or .pdf) into ``folder``
    (reused when already complete); their paths, sorted."""
    stamp = f"{count} {extension} {defects} v3"
    kept = _reuse_or_empty(folder, stamp, (extension,))
    if kept is not None:
        return kept
    paths = []
    for index in range(count):
        path = folder / f"r{index:05d}{extension}"
        path.write_bytes(render(report_document(index, defects), extension))
        paths.append(path)
    (folder / ".complete").write_text(stamp)
    return sorted(paths)


# --- scale: one very large report ----------------------------------------------------------

def big_report(target_bytes: int = 1024 * 1024, seed: int = 7) -> str:
    """A report padded to ``target_bytes`` of UTF-8 with realistic prose: section 一 grows by
    repeating the builder's own paragraphs (numbers, dates, phones, fee words included), as a
    report that pastes a long work summary does."""
    b = _builder()
    text, _ = report_text(seed, "pipe", defects=False)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    body = [line for line in lines[start + 1 : end] if line.strip()]
    extra: list[str] = []
    size = len(text.encode("utf-8"))
    counter = 0
    while size < target_bytes:
        line = body[counter % len(body)]
        # Vary the numbers so nothing is trivially deduplicated.
        line = line.replace("年度", f"年度（第{counter}批）", 1) if "年度" in line else f"{counter}. {line}"
        extra.append(line)
        size += len(line.encode("utf-8")) + 1
        counter += 1
    del b
    return "\n".join(lines[: end] + extra + lines[end:])


def many_rows_report(rows: int = 5000, seed: int = 11) -> str:
    """A report whose table 3 has ``rows`` extra rows: the result rows repeated with varied
    labels (some exact, some damaged, some unknown), the worst case for row matching."""
    text, _ = report_text(seed, "pipe", defects=False)
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "（一）予以公开" in line or "(一)予以公开" in line)
    last = next(i for i, line in enumerate(lines) if "（七）总计" in line or "(七)总计" in line)
    block = lines[first + 1 : last]
    extra = []
    for index in range(rows):
        line = block[index % len(block)]
        if index % 3 == 1:
            line = line.replace("申请", "申 请", 1)  # a damaged label
        elif index % 3 == 2:
            line = f"补充说明事项{index} | " + " | ".join(["0"] * 7) + " |"  # an unknown label
        extra.append(line)
    return "\n".join(lines[:last] + extra + lines[last:])


def scale_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "1 MB report": (folder / "big-1mb.txt", big_report),
        # 4,000 rows, not 5,000: 5,000 rows cut into more than parse.cells.MAX_TABLE_TOKENS
        # (50,000) tokens, so the table was refused unread and the case timed the skip path.
        "4,000 table rows": (folder / "rows-4000.txt", lambda: many_rows_report(4000)),
    }
    out = {}
    for name, (path, make) in files.items():
        if not path.exists():
            path.write_text(make(), encoding="utf-8")
        out[name] = path
    return out


if __name__ == "__main__":  # pragma: no cover
    import argparse

    parser = argparse.ArgumentParser(description="write a benchmark corpus")
    parser.add_argument("folder")
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--traditional", action="store_true")
    options = parser.parse_args()
    written = build(Path(options.folder), options.reports, options.traditional)
    print(f"{len(written)} reports in {options.folder} ({sum(p.stat().st_size for p in written) / 1e6:.1f} MB)")
    os._exit(0)
