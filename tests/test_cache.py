"""The result cache (gaolint/cache.py): a warm run answers exactly what a cold run answers, in
every output format, without reading the reports again; any change to a file's bytes, its path
or the settings is a miss; a broken, missing or unwritable cache is only slower, never an error.

Every test gets its own cache folder from the autouse fixture in conftest.py
(``GAOLINT_CACHE_DIR``, initially absent).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gaolint import cache, engine
from gaolint.cli import main
from gaolint.engine import FileResult, ReportFacts, Settings, display_path, lint_file
from gaolint.model import Finding, Location, Message, Severity
from gaolint.lintloop import lint_files
from gaolint.suppress import Suppression
from tests.builder import build_document, plant, render_text, sample_spec
from tests.conftest import write_report
from tests.test_config import NO_FEE_MD
from tests.test_repository import _base, _six, next_year

FORMATS = ("json", "sarif", "text", "github")


# --- helpers ---------------------------------------------------------------------------------

def _shards(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("??.jsonl") if p.is_file())


def _entries(folder: Path) -> list[str]:
    """The keys stored in every shard."""
    keys = []
    for shard in _shards(folder):
        assert shard.read_bytes().startswith(cache.HEADER)
        keys.extend(_shard_entries(shard))
    return sorted(keys)


def _shard_entries(shard: Path) -> dict:
    """key -> entry (plain lists) of every line of a shard whose digest matches."""
    lines = cache._read_shard(str(shard))
    return {key: cache._decode(key, line) for key, line in lines.items() if cache._decode(key, line) is not None}


def _write_shard(shard: Path, entries: dict, header: bytes = cache.HEADER) -> None:
    shard.write_bytes(header + b"".join(cache._encode(key, entry) for key, entry in entries.items()))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", "--no-progress", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def _write_reports(folder: Path) -> list[str]:
    """Reports with something for every part of a result: a clean one, a defective one, a
    cross-year pair (GAO601/GAO602 from FileResult.facts), Markdown with an inline suppression
    that silences a finding and one that silences nothing (GAO010, FileResult.suppressions),
    an HTML report (locations with places)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "clean.txt").write_text(render_text(build_document(sample_spec(1)), "pipe"), encoding="utf-8")
    planted = plant(sample_spec(3), "table3_leaf_changed", 3)
    (folder / "defective.md").write_text(render_text(planted.document, "markdown"), encoding="utf-8")
    last = _base()
    wrong = list(_six(last.table3["carried_forward"]))
    wrong[0] += 3
    this = next_year(last, 12, carried_over=wrong, valid_delta=5)
    write_report(folder, build_document(last), "txt", "agency-2023")
    write_report(folder, build_document(this), "txt", "agency-2024")
    (folder / "suppressed.md").write_text("<!-- gaolint: disable=GAO401 -->\n" + NO_FEE_MD, encoding="utf-8")
    (folder / "unused.md").write_text(
        NO_FEE_MD.replace("## 五、", "<!-- gaolint: disable=GAO401 -->\n## 五、"), encoding="utf-8")
    write_report(folder, build_document(sample_spec(5)), "html", "web")
    return sorted(str(p) for p in folder.iterdir())


@pytest.fixture
def reports(tmp_path: Path, monkeypatch) -> Path:
    """A folder of reports, with the current folder its parent (paths shown as reports/…)."""
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    _write_reports(tmp_path / "reports")
    return tmp_path / "reports"


@pytest.fixture
def folder(result_cache_dir: Path) -> Path:
    return result_cache_dir


def _no_reading(monkeypatch) -> None:
    """From now on reading any report fails the test: only cache hits can answer."""

    def refuse(path, shown):
        raise AssertionError(f"{shown} was read although the cache holds it")

    monkeypatch.setattr(engine, "read_report", refuse)


# --- the answer is the same ------------------------------------------------------------------

def test_warm_output_is_byte_identical_to_cold_in_every_format(reports: Path, folder: Path, capsys, monkeypatch):
    cold = {fmt: run(capsys, "--no-cache", "--format", fmt, "reports") for fmt in FORMATS}
    assert not folder.exists()
    rules = cold["json"][1]
    for rule in ("GAO601", "GAO602", "GAO010", "GAO30"):
        assert f'"{rule}' in rules, rule
    assert '"reports/suppressed.md"' not in rules  # its GAO401 is silenced by the comment
    assert cold["text"][2]  # the summary on stderr is compared too

    assert run(capsys, "--format", "json", "reports") == cold["json"]  # fills the cache
    assert len(_entries(folder)) == len(list(reports.iterdir()))
    _no_reading(monkeypatch)
    for fmt in FORMATS:
        assert run(capsys, "--format", fmt, "reports") == cold[fmt], fmt


def test_parallel_runs_store_and_hit_the_same(reports: Path, folder: Path, capsys, monkeypatch):
    cold = run(capsys, "--no-cache", "--jobs", "1", "--format", "sarif", "reports")
    assert run(capsys, "--jobs", "2", "--format", "sarif", "reports") == cold  # stored from the pool
    assert len(_entries(folder)) == len(list(reports.iterdir()))
    _no_reading(monkeypatch)
    assert run(capsys, "--jobs", "2", "--format", "sarif", "reports") == cold


def test_lint_files_keeps_order_and_reports_progress_for_hits_and_misses(reports: Path, folder: Path):
    files = sorted(str(p) for p in reports.iterdir())
    settings = Settings()
    for round_ in range(3):
        if round_ == 2:  # one miss among hits
            Path(files[3]).write_text(Path(files[3]).read_text(encoding="utf-8") + "\n", encoding="utf-8")
        ticks = []
        results = lint_files(files, settings, 1, progress=lambda: ticks.append(1), cache=cache.ResultCache(settings))
        assert [r.path for r in results] == [display_path(f) for f in files]
        assert len(ticks) == len(files)
        assert [r.findings for r in results] == [lint_file(f, settings).findings for f in files]


def test_one_changed_byte_changes_the_findings(reports: Path, capsys):
    path = reports / "clean.txt"
    before = run(capsys, "--format", "json", str(path))
    assert before[0] == 0
    data = path.read_bytes()
    stamp = path.stat()
    edited = data.replace("12月31日".encode(), "12月30日".encode(), 1)
    assert len(edited) == len(data) and edited != data
    path.write_bytes(edited)
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same mtime: only bytes differ
    after = run(capsys, "--format", "json", str(path))
    assert after == run(capsys, "--no-cache", "--format", "json", str(path))
    assert after[0] == 1 and after[1] != before[1]


def test_settings_are_part_of_the_key(reports: Path, folder: Path, capsys):
    """A narrower run first, a wider one after: a hit ignoring the settings would lose findings
    (the run's filter can only drop findings, never restore them)."""
    narrow = run(capsys, "--select", "GAO3", "--format", "json", "reports")
    assert narrow == run(capsys, "--no-cache", "--select", "GAO3", "--format", "json", "reports")
    stored = len(_entries(folder))
    wide = run(capsys, "--format", "json", "reports")
    assert wide == run(capsys, "--no-cache", "--format", "json", "reports")
    assert '"GAO401"' in wide[1] and '"GAO401"' not in narrow[1]
    assert len(_entries(folder)) > stored

    config = reports.parent / ".gaolint.yaml"
    config.write_text("ignore: [GAO4]\ndeadlines:\n  department: \"02-28\"\n", encoding="utf-8")
    configured = run(capsys, "--format", "json", "reports")
    assert configured == run(capsys, "--no-cache", "--format", "json", "reports")
    config.unlink()
    assert run(capsys, "--format", "json", "reports") == wide
    assert '"GAO401"' not in configured[1]


def test_settings_fingerprint_sees_every_attribute():
    base = cache.settings_fingerprint(Settings())
    assert cache.settings_fingerprint(Settings()) == base
    changed = [
        Settings(select=("GAO3",)), Settings(ignore=("GAO4",)), Settings(severity={"GAO303": "note"}),
        Settings(per_file_ignores={"*.md": ("GAO1",)}), Settings(deadlines={"department": "02-28"}),
        Settings(agencies={"*.txt": {"kind": "government"}}), Settings(verbose=True),
    ]
    prints = {cache.settings_fingerprint(s) for s in changed}
    assert base not in prints and len(prints) == len(changed)


def test_the_same_bytes_under_two_paths_keep_their_own_paths(reports: Path, folder: Path, capsys, monkeypatch):
    for name in ("a", "b"):
        (reports / name).mkdir()
        shutil.copy(reports / "defective.md", reports / name / "r.md")
    targets = ["reports/a/r.md", "reports/b/r.md"]
    cold = run(capsys, "--format", "json", *targets)
    assert '"reports/a/r.md"' in cold[1] and '"reports/b/r.md"' in cold[1]
    assert len(_entries(folder)) == 2
    _no_reading(monkeypatch)
    assert run(capsys, "--format", "json", *targets) == cold


@pytest.mark.parametrize("damage", ["garbage", "brackets", "truncated", "empty", "other-version", "other-path", "other-shape",
                                    "edited", "named-pipe"])
def test_a_damaged_shard_is_a_miss(reports: Path, folder: Path, capsys, damage: str):
    cold = run(capsys, "--format", "json", "reports")
    shards = _shards(folder)
    assert shards
    for shard in shards:
        data = shard.read_bytes()
        if damage == "garbage":
            shard.write_bytes(b"\x00garbage" * 50)
        elif damage == "brackets":  # marshal spun for 53 s on 20 bytes of this
            shard.write_bytes(cache.HEADER + b"[" * 20)
        elif damage == "edited":  # an entry's JSON changed, its digest not: a miss
            shard.write_bytes(data.replace(b'"reports/', b'"elsewhere/'))
        elif damage == "truncated":
            shard.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            shard.write_bytes(b"")
        elif damage == "other-version":
            shard.write_bytes(data.replace(cache.HEADER, b"gaolint-result-cache %d\n" % (cache.FORMAT + 1), 1))
        elif damage == "named-pipe":  # reading it would wait for a writer for ever
            shard.unlink()
            os.mkfifo(shard)
        elif damage == "other-path":
            moved = {key: ("elsewhere.txt", *result[1:]) for key, result in _shard_entries(shard).items()}
            _write_shard(shard, moved)
        else:
            _write_shard(shard, {key: ("too", "short") for key in _shard_entries(shard)})
    assert run(capsys, "--format", "json", "reports") == cold
    for shard in shards:  # written again, whole
        entries = _shard_entries(shard)
        assert shard.read_bytes().startswith(cache.HEADER) and entries
        assert all(cache.result_from_plain(result).path.startswith("reports/") for result in entries.values())


def test_shards_keep_the_newest_entries_up_to_the_limit(reports: Path, folder: Path, capsys, monkeypatch):
    monkeypatch.setattr(cache, "SHARD_LIMIT", 1)
    run(capsys, "--format", "json", "reports")
    shards = _shards(folder)
    assert shards and all(len(_shard_entries(s)) == 1 for s in shards)
    assert len(_entries(folder)) == len(shards)


def test_a_long_run_writes_as_it_goes(reports: Path, folder: Path, capsys, monkeypatch):
    """Results are written every FLUSH_EVERY files, not all held until the end."""
    monkeypatch.setattr(cache, "FLUSH_EVERY", 2)
    writes = []
    real_replace = os.replace
    monkeypatch.setattr(cache.os, "replace", lambda a, b: (writes.append(b), real_replace(a, b))[1])
    cold = run(capsys, "--format", "json", "reports")
    count = len(list(reports.iterdir()))
    assert len(_entries(folder)) == count
    assert len(writes) >= count // 2  # one flush (at least one shard) per two results
    _no_reading(monkeypatch)
    assert run(capsys, "--format", "json", "reports") == cold


def test_keys_spread_over_64_shards_named_by_two_hex_digits():
    shards = {cache.shard_of(f"{first:02x}" + "0" * 30) for first in range(256)}
    assert len(shards) == 64 and all(len(s) == 2 and int(s, 16) % 4 == 0 for s in shards)


def test_runs_merge_into_a_shard(reports: Path, folder: Path, capsys):
    """Two runs over different files: the second run's shard keeps the first run's entries."""
    names = sorted(p.name for p in reports.iterdir())
    first, rest = names[0], names[1:]
    run(capsys, f"reports/{first}")
    kept = set(_entries(folder))
    run(capsys, *[f"reports/{name}" for name in rest])
    assert kept < set(_entries(folder))
    assert len(_entries(folder)) == len(names)


def test_no_cache_option_and_environment_leave_no_folder(reports: Path, folder: Path, capsys, monkeypatch):
    run(capsys, "--no-cache", "reports")
    assert not folder.exists()
    monkeypatch.setenv("GAOLINT_NO_CACHE", "1")
    run(capsys, "reports")
    assert not folder.exists()
    monkeypatch.setenv("GAOLINT_NO_CACHE", "0")  # "0" means on
    run(capsys, "reports")
    assert _entries(folder)


def test_a_subprocess_uses_the_folder_from_the_environment(reports: Path, folder: Path):
    command = [sys.executable, "-m", "gaolint", "check", "--format", "json", "reports/defective.md"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=reports.parent)
    assert first.returncode == 1 and "Traceback" not in first.stderr
    assert len(_entries(folder)) == 1
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=reports.parent)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    off = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=reports.parent,
                         env=dict(os.environ, GAOLINT_NO_CACHE="1", GAOLINT_CACHE_DIR=str(folder.parent / "off")))
    assert off.stdout == first.stdout and not (folder.parent / "off").exists()


def test_default_folder_follows_xdg_and_home(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("GAOLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == str(tmp_path / "xdg" / "gaolint" / "results")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == str(tmp_path / "home" / ".cache" / "gaolint" / "results")


# --- a cache that cannot be used is only slower ----------------------------------------------

def test_a_cache_folder_that_is_a_file(reports: Path, tmp_path: Path, capsys, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    cold = run(capsys, "--no-cache", "--format", "json", "reports")
    for where in (blocker, blocker / "below"):
        monkeypatch.setenv("GAOLINT_CACHE_DIR", str(where))
        assert run(capsys, "--format", "json", "reports") == cold
    assert blocker.read_text() == "not a folder"


def test_an_unwritable_cache_folder(reports: Path, folder: Path, capsys, monkeypatch):
    """A read-only folder (emulated: the tests may run as root, whom permissions do not stop):
    every write fails, the run answers the same, and gives up writing after the first failure."""
    cold = run(capsys, "--no-cache", "--format", "json", "reports")
    attempts = []

    def read_only(*args, **kwargs):
        attempts.append(args)
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr(cache.os, "replace", read_only)
    assert run(capsys, "--format", "json", "reports") == cold
    assert len(attempts) == 1 and not _shards(folder)
    assert not [p for p in folder.rglob("*.tmp")]  # the temporary file is removed


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_cache_folder(reports: Path, folder: Path, capsys):
    cold = run(capsys, "--no-cache", "--format", "json", "reports")
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        assert run(capsys, "--format", "json", "reports") == cold
    finally:
        folder.chmod(0o700)
    assert not _entries(folder)


def test_missing_home_is_harmless(reports: Path, capsys, monkeypatch, tmp_path: Path):
    cold = run(capsys, "--no-cache", "--format", "json", "reports")
    monkeypatch.delenv("GAOLINT_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "no" / "such" / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-is-a-file"))
    (tmp_path / "xdg-is-a-file").write_text("x")
    assert run(capsys, "--format", "json", "reports") == cold


# --- what is never stored -----------------------------------------------------------------------

def test_unreadable_files_and_internal_errors_are_not_stored(reports: Path, folder: Path, capsys, monkeypatch):
    (reports / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    code, out, _ = run(capsys, "--format", "json", "reports/broken.docx")
    assert '"GAO001"' in out and not _entries(folder)
    run(capsys, "--select", "GAO3", "--format", "json", "reports/broken.docx")  # GAO001 hidden: still a failure
    assert not _entries(folder)

    from gaolint.checks import RULES

    def boom(self, context):
        raise RuntimeError("rule exploded")
        yield  # pragma: no cover

    monkeypatch.setattr(RULES["GAO303"], "check", boom)
    code, out, _ = run(capsys, "--format", "json", "reports/defective.md")
    assert '"GAO000"' in out and not _entries(folder)


def test_a_file_changed_while_being_checked_is_not_stored(reports: Path, folder: Path, monkeypatch):
    import gaolint.workers

    path = reports / "clean.txt"

    def edit_then_lint(target, settings):
        path.write_text(path.read_text(encoding="utf-8") + "\n追加的一行\n", encoding="utf-8")
        return lint_file(target, settings)

    monkeypatch.setattr(gaolint.workers, "lint_file", edit_then_lint)
    lint_files([str(path)], Settings(), 1, cache=cache.ResultCache(Settings()))
    assert not _entries(folder)


# --- gaolint clean ------------------------------------------------------------------------------

def test_clean_removes_the_folder_and_says_so(reports: Path, folder: Path, capsys):
    run(capsys, "reports")
    count = len(_entries(folder))
    assert count and (folder / "CACHEDIR.TAG").exists()
    capsys.readouterr()
    assert main(["clean"]) == 0
    out = capsys.readouterr().out
    assert str(folder) in out and f"removed {count} cache entries" in out
    assert not folder.exists()
    assert main(["clean"]) == 0
    assert "no result cache" in capsys.readouterr().out


def test_clean_never_removes_what_gaolint_did_not_write(folder: Path, capsys):
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine")
    (folder / "x.marshal").write_text("mine, not a shard name")
    (folder / "ab").mkdir()
    (folder / "ab" / "mine.txt").write_text("mine too")
    (folder / "cd").mkdir()
    (folder / "cd" / ("0" * 30)).write_bytes(b"entry")  # the per-entry layout of earlier versions
    _write_shard(folder / "3c.jsonl", {"3c" + "0" * 30: (), "3d" + "1" * 30: ()})
    (folder / "3c.jsonl.123.tmp").write_bytes(b"interrupted")
    (folder / "3c.marshal").write_bytes(b"a shard of an earlier version")
    assert main(["clean"]) == 0
    out = capsys.readouterr().out
    assert "removed 3 cache entries" in out and "notes.txt" in out
    assert (folder / "notes.txt").read_text() == "mine" and (folder / "ab" / "mine.txt").exists()
    assert (folder / "x.marshal").exists()
    assert not (folder / "cd").exists() and not (folder / "3c.jsonl").exists() and not (folder / "3c.marshal").exists()
    assert not (folder / "3c.jsonl.123.tmp").exists()


# --- serialisation: every type, through constructors and attributes --------------------------

#: The attributes each serialised type is rebuilt from (its constructor's arguments).
ATTRIBUTES = {
    Location: ("line", "column", "end_column", "place"),
    Message: ("zh", "en"),
    Finding: ("rule", "name", "severity", "message", "path", "location", "source_line", "related"),
    ReportFacts: ("path", "agency", "agency_kind", "year", "format_version", "carried_over", "carried_forward",
                  "documents", "locations", "source_lines"),
    Suppression: ("line", "kind", "ids", "first", "last", "source", "column", "span", "target"),
    FileResult: ("path", "findings", "facts", "suppressions", "repeatable"),
}


def _shape(value):
    """A structural picture of a value: types (list vs tuple, int vs float) included, so a
    round trip that changed any of them shows, whatever equality the classes define."""
    kind = type(value)
    if kind in ATTRIBUTES:
        return (kind.__name__, tuple((name, _shape(getattr(value, name))) for name in ATTRIBUTES[kind]))
    if isinstance(value, Severity):
        return ("Severity", value.value)
    if kind in (list, tuple):
        return (kind.__name__, tuple(_shape(v) for v in value))
    if kind is dict:
        return ("dict", tuple((k, _shape(v)) for k, v in value.items()))
    assert kind in (str, int, float, bool, type(None)), kind
    return (kind.__name__, value)


def _through_shard(value, to_tuple, from_tuple):
    """Through a shard line and back, as the cache stores it (JSON since issue 18)."""
    key = "ab" + "0" * 30
    return from_tuple(cache._decode(key, cache._encode(key, to_tuple(value))))


def _plain(value):
    return cache._records().encode(value)


def _from(kind):
    return lambda data: cache._records().decode(kind, data)


SAMPLES = [
    (Location(3, 4, 9, "表3 第5行 第2列"), _plain, _from(Location)),
    (Location(1), _plain, _from(Location)),
    (Message("中文", "English"), _plain, _from(Message)),
    *[(s, _plain, _from(Severity)) for s in Severity],
    (Finding("GAO601", "carry-over", Severity.WARNING, Message("甲", "a"), "r/b.md", Location(7, 2, 5),
             "| 7 | 2 |", [(Location(3, 1, None, "第2页"), "上年"), (Location(4), "")]),
     _plain, _from(Finding)),
    (Finding("GAO101", "x", Severity.ERROR, Message("", ""), "a.txt", Location(1)),
     _plain, _from(Finding)),
    (ReportFacts("a.txt", "某县人民政府", "government", 2024, "cn-2021", [1.0, None, 3.5, 0.0, -0.0, 2.0, 7.0],
                 None, {"regulations": [1.0, 0.0, 4.0]}, {"regulations": [Location(9, 3), Location(9, 5, 6, "p")]},
                 {"regulations": ["| 1 | 0 | 4 |"] * 3}),
     _plain, _from(ReportFacts)),
    (ReportFacts("b.txt"), _plain, _from(ReportFacts)),
    (Suppression(2, "next-line", ("GAO303", "GAO1"), 3, 5, "<!-- gaolint: disable-next-line=GAO303 -->", 1),
     _plain, _from(Suppression)),
    (Suppression(1, "file", (), 1, 90), _plain, _from(Suppression)),
    (Suppression(4, "row", ("GAO301",), 4, 4, "<!-- gaolint: disable-row=GAO301 -->", 3, (2, 9), "（一）"),
     _plain, _from(Suppression)),
]


@pytest.mark.parametrize("value,to_tuple,from_tuple", SAMPLES)
def test_every_type_round_trips(value, to_tuple, from_tuple):
    back = _through_shard(value, to_tuple, from_tuple)
    assert back is not value or isinstance(value, Severity)  # enum members are singletons
    assert _shape(back) == _shape(value)


def test_file_results_round_trip(tmp_path: Path):
    finding = next(v for v, _, _ in SAMPLES if isinstance(v, Finding) and v.related)
    facts = next(v for v, _, _ in SAMPLES if isinstance(v, ReportFacts) and v.locations)
    suppression = next(v for v, _, _ in SAMPLES if isinstance(v, Suppression))
    for result in (FileResult("a.txt", []), FileResult("a.txt", [finding, finding], facts, [suppression])):
        back = _through_shard(result, _plain, _from(FileResult))
        assert _shape(back) == _shape(result)
    # and what the engine really produces, facts and suppressions included
    seen = set()
    for path in _write_reports(tmp_path / "reports"):
        result = lint_file(path, Settings())
        seen.update(name for name in ("facts", "suppressions", "findings") if getattr(result, name))
        back = _through_shard(result, _plain, _from(FileResult))
        assert _shape(back) == _shape(result), path
    assert seen == {"facts", "suppressions", "findings"}


def test_the_code_fingerprint_covers_the_package_and_the_formats(monkeypatch, tmp_path: Path):
    assert len(cache.code_fingerprint()) == 16 and cache.code_fingerprint() is cache.code_fingerprint()  # once
    assert any(name.endswith(".yaml") for name in os.listdir(cache._formats_folder(os.path.dirname(cache.__file__))))

    # a memo of its own, put back after the test, so later tests see the real fingerprint
    monkeypatch.setattr(cache, "code_fingerprint", functools.cache(cache.code_fingerprint.__wrapped__))

    def fresh() -> bytes:
        cache.code_fingerprint.cache_clear()
        return cache.code_fingerprint()

    before = fresh()  # now: the package may have been edited since this process started
    assert fresh() == before
    module = Path(cache.__file__)  # a code change: here, a later mtime of this module
    stamp = module.stat()
    try:
        os.utime(module, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
        assert fresh() != before
    finally:
        os.utime(module, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert fresh() == before

    formats = tmp_path / "formats"
    formats.mkdir()
    (formats / "cn-2021.yaml").write_text("version: cn-2021\n")
    monkeypatch.setattr(cache, "_formats_folder", lambda package: str(formats))
    with_yaml = fresh()
    assert with_yaml != before
    (formats / "cn-2021.yaml").write_text("version: cn-2021 \n")
    assert fresh() != with_yaml


def test_installing_a_library_changes_the_code_fingerprint(monkeypatch, tmp_path: Path):
    """A new, upgraded or removed distribution in site-packages changes that folder's mtime."""
    import site

    packages = tmp_path / "site-packages"
    packages.mkdir()
    monkeypatch.setattr(site, "getsitepackages", lambda: [str(packages)])
    monkeypatch.setattr(site, "getusersitepackages", lambda: str(tmp_path / "no-user-site"))

    # a memo of its own, put back after the test, so later tests see the real fingerprint
    monkeypatch.setattr(cache, "code_fingerprint", functools.cache(cache.code_fingerprint.__wrapped__))

    def fresh() -> bytes:
        cache.code_fingerprint.cache_clear()
        return cache.code_fingerprint()

    before = fresh()
    assert fresh() == before
    stamp = packages.stat()
    (packages / "python_docx-1.2.0.dist-info").mkdir()  # what pip install --upgrade does
    os.utime(packages, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    assert fresh() != before


def test_a_result_json_cannot_write_is_not_stored(reports: Path, folder: Path, monkeypatch):
    import gaolint.workers

    path = str(reports / "clean.txt")

    def odd_result(target, settings):
        result = lint_file(target, settings)
        result.suppressions.append(object())  # not plain data
        return result

    monkeypatch.setattr(gaolint.workers, "lint_file", odd_result)
    results = lint_files([path], Settings(), 1, cache=cache.ResultCache(Settings()))
    assert len(results) == 1 and not _entries(folder)


def test_verbose_says_how_many_results_came_from_the_cache(reports: Path, folder: Path, capsys):
    count = len(list(reports.iterdir()))
    _, _, cold = run(capsys, "--verbose", "reports")
    assert f"{folder}: 0 unchanged file(s)" in cold
    _, _, warm = run(capsys, "--verbose", "reports")
    assert f"{folder}: {count} unchanged file(s)" in warm
    _, _, quiet = run(capsys, "reports")
    assert "result cache" not in quiet


def test_a_cell_suppression_answers_the_same_from_the_cache(tmp_path: Path, folder: Path, capsys, monkeypatch):
    """A ``disable-cell`` comment covers only its cell's columns (Suppression.span): an entry
    that dropped the span silenced the whole line on a warm run (cache format 2)."""
    from tests.test_suppress import _gfm_report

    monkeypatch.chdir(tmp_path)
    _gfm_report(tmp_path, before_table="<!-- gaolint: disable-cell=GAO302; 行=6.属于四类过程性信息; 列=2 -->")
    cold = run(capsys, "--format", "json", "r.md")
    assert _entries(folder)
    assert run(capsys, "--format", "json", "r.md") == cold
    assert '"GAO302"' in cold[1] and '"GAO010"' in cold[1]
