"""Impossible to crash: mangled reports never raise, give the same answer twice and are never
written to; a rule that raises becomes GAO000 while everything else still runs; a command-line
run over hundreds of damaged files of every kind answers for each of them.

Hypothesis runs derandomized (the same examples every run) with modest example counts.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaolint.engine import FileResult, Settings, lint_file
from tests.builder import SHAPES, build_document, defects_for, encode, plant, render_text, sample_spec

ROOT = Path(__file__).resolve().parents[1]
ROBUST = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _signature(result: FileResult) -> list[tuple]:
    return sorted(
        (f.rule, f.severity.value, f.location.line, f.location.column, f.location.end_column, f.location.place,
         f.message.zh, f.message.en, f.source_line)
        for f in result.findings
    )


def _lint_twice(path: Path) -> FileResult:
    """Lint ``path`` twice: no exception, the same findings, the file's bytes untouched."""
    before = path.read_bytes()
    first = lint_file(str(path), Settings())
    second = lint_file(str(path), Settings())
    assert _signature(first) == _signature(second)
    assert path.read_bytes() == before
    internal = [f.message.en for f in first.findings if f.rule == "GAO000"]
    assert not internal, internal  # a rule or the parser crashed: a bug, even though caught
    overflowed = [f.message.zh for f in first.findings if _NOT_A_SUM.search(f.message.zh)]
    assert not overflowed, overflowed  # a sum or difference that is not a number
    return first


#: "之和为 inf（差 inf）": arithmetic on a value no float holds.
_NOT_A_SUM = re.compile(r"(?:为|差|=) -?(?:inf|nan)\b")


# --- mutations ------------------------------------------------------------------------------------

#: Characters that break naive text handling: bidi controls, zero-width characters, NUL and
#: other controls, line separators Python splits on but editors do not, BOM, combining marks,
#: full-width digits, astral characters, and lone surrogates (written with surrogatepass).
NASTY = ["\u200f", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\x00", "\x0b", "\x0c", "\x1c", "\x85",
         "\u2028", "\u2029", "\r", "\t", "\u0301", "０", "９", "\U0001f600", "\U00020000", "\ud800", "\udfff",
         "\ufffd", "|", "｜", "\u3000", "—", "《", "》", "年", "月", "日", "电话", "@"]


@st.composite
def base_reports(draw) -> tuple[str, str]:
    seed = draw(st.integers(0, 5_000))
    spec = sample_spec(seed, version=draw(st.sampled_from(["cn-2021", "cn-2019", "cn-2008"])))
    if draw(st.booleans()):
        defect = draw(st.sampled_from(defects_for(spec)))
        document = plant(spec, defect, seed).document
    else:
        document = build_document(spec)
    shape = draw(st.sampled_from(SHAPES))
    return render_text(document, shape), ".md" if shape == "markdown" else ".txt"


def _mutate_lines(draw, lines: list[str]) -> list[str]:
    kind = draw(st.sampled_from(["drop", "shuffle", "duplicate", "numbers", "unicode", "join", "blank"]))
    lines = list(lines)
    if not lines:
        return lines
    if kind == "drop":
        count = draw(st.integers(1, max(1, len(lines) // 3)))
        for _ in range(count):
            if lines:
                del lines[draw(st.integers(0, len(lines) - 1))]
    elif kind == "shuffle":
        start = draw(st.integers(0, len(lines) - 1))
        end = draw(st.integers(start, len(lines)))
        chunk = lines[start:end]
        random.Random(draw(st.integers(0, 2**16))).shuffle(chunk)
        lines[start:end] = chunk
    elif kind == "duplicate":
        start = draw(st.integers(0, len(lines) - 1))
        end = draw(st.integers(start, min(len(lines), start + 40)))
        lines[end:end] = lines[start:end] * draw(st.integers(1, 3))
    elif kind == "numbers":
        rng = random.Random(draw(st.integers(0, 2**16)))
        replacements = ["0", "-1", "1.5", "99999999999999999999", "9" * 400, "1,234", "３", "一", "", "—", "NaN", "1e9", "٣"]

        def change(line: str) -> str:
            return "".join(rng.choice(replacements) if ch.isdigit() and rng.random() < 0.3 else ch for ch in line)

        lines = [change(line) for line in lines]
    elif kind == "unicode":
        for _ in range(draw(st.integers(1, 30))):
            index = draw(st.integers(0, len(lines) - 1))
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(NASTY)) * draw(st.integers(1, 3)) + line[at:]
    elif kind == "join":
        lines = ["".join(lines)]
    elif kind == "blank":
        lines = [line if draw(st.integers(0, 3)) else " " * draw(st.integers(0, 50)) for line in lines[:200]]
    return lines


@st.composite
def mangled_files(draw) -> tuple[bytes, str]:
    text, extension = draw(base_reports())
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        lines = _mutate_lines(draw, lines)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"]))
    if encoding in ("gb18030", "big5"):
        data = text.encode(encoding, errors="replace")
    elif encoding.startswith("utf-16"):
        data = text.encode(encoding, errors="surrogatepass")
    else:
        data = text.encode(encoding, errors="surrogatepass")  # lone surrogates as CESU-like bytes
    byte_mutation = draw(st.sampled_from(["none", "none", "truncate", "random-bytes", "insert-bytes"]))
    if byte_mutation == "truncate" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif byte_mutation == "random-bytes" and data:
        rng = random.Random(draw(st.integers(0, 2**16)))
        buffer = bytearray(data)
        for _ in range(draw(st.integers(1, 200))):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        data = bytes(buffer)
    elif byte_mutation == "insert-bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=300)) + data[at:]
    return data, extension


@pytest.mark.slow
@ROBUST
@given(case=mangled_files())
def test_mangled_reports_never_raise_and_answer_the_same_twice(case: tuple[bytes, str]) -> None:
    data, extension = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{extension}"
        path.write_bytes(data)
        _lint_twice(path)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(data=st.binary(max_size=4000), extension=st.sampled_from([".txt", ".md", ".html", ".htm", ".docx", ".pdf"]))
def test_arbitrary_bytes_under_every_extension(data: bytes, extension: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{extension}"
        path.write_bytes(data)
        _lint_twice(path)


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_arbitrary_unicode_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_bytes(text.encode("utf-8"))
        _lint_twice(path)


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    # an empty or blank file is not a report and is told so on its first line; NUL bytes are not text
    for name, data, rule in [("empty.txt", b"", "GAO002"), ("blank.md", b"\n\n\n", "GAO002"),
                             ("bom.txt", b"\xef\xbb\xbf", "GAO002"), ("nul.txt", b"\x00" * 1000, "GAO001"),
                             ("spaces.txt", b" " * 100_000, "GAO002"), ("crs.txt", b"\r" * 50_000, "GAO002")]:
        path = tmp_path / name
        path.write_bytes(data)
        result = _lint_twice(path)
        assert [(f.rule, f.location.line) for f in result.findings] == [(rule, 1)], name


# --- a rule that raises ---------------------------------------------------------------------------

def _defective(tmp_path: Path, name: str = "defective.txt", seed: int = 4) -> Path:
    path = tmp_path / name
    path.write_text(render_text(plant(sample_spec(seed), "table3_leaf_changed", seed).document, "pipe"), encoding="utf-8")
    return path


def _boom(self, context):
    raise ZeroDivisionError("boom in the rule")


def _half_boom(self, context):
    yield from ()
    raise KeyError("half way")


@pytest.fixture
def broken_rule(monkeypatch):
    from gaolint.checks import RULES

    monkeypatch.setattr(RULES["GAO303"], "check", _boom)
    return RULES["GAO303"]


def test_a_raising_rule_becomes_gao000_and_the_rest_still_run(tmp_path: Path, monkeypatch) -> None:
    path = _defective(tmp_path)
    healthy = {f.rule for f in lint_file(str(path), Settings()).findings}
    assert {"GAO302", "GAO303"} <= healthy
    from gaolint.checks import RULES

    monkeypatch.setattr(RULES["GAO303"], "check", _boom)
    findings = lint_file(str(path), Settings()).findings
    internal = [f for f in findings if f.rule == "GAO000"]
    assert len(internal) == 1
    assert "GAO303" in internal[0].message.zh and "GAO303" in internal[0].message.en
    assert "ZeroDivisionError" in internal[0].message.en and "boom in the rule" in internal[0].message.en
    assert internal[0].severity.value == "error"
    assert {f.rule for f in findings} == (healthy - {"GAO303"}) | {"GAO000"}


def test_a_rule_raising_half_way_through_its_findings(tmp_path: Path, monkeypatch) -> None:
    from gaolint.checks import RULES

    monkeypatch.setattr(RULES["GAO302"], "check", _half_boom)
    findings = lint_file(str(_defective(tmp_path)), Settings()).findings
    assert any(f.rule == "GAO000" and "GAO302" in f.message.en and "KeyError" in f.message.en for f in findings)
    assert "GAO303" in {f.rule for f in findings}


@pytest.mark.parametrize("jobs", [1, 2])
def test_other_files_still_run_with_a_raising_rule(tmp_path: Path, broken_rule, jobs: int) -> None:
    from gaolint.lintloop import lint_files

    paths = [str(_defective(tmp_path, f"r{i}.txt", seed=i + 4)) for i in range(3)]
    clean = tmp_path / "clean.txt"
    clean.write_text(render_text(build_document(sample_spec(9)), "cells"), encoding="utf-8")
    paths.append(str(clean))
    results = lint_files(paths, Settings(), jobs)
    assert [Path(r.path).name for r in results] == ["r0.txt", "r1.txt", "r2.txt", "clean.txt"]
    for result in results:
        rules = {f.rule for f in result.findings}
        assert "GAO000" in rules  # the broken rule was tried on every file
        if result.path.endswith(("r0.txt", "r1.txt", "r2.txt")):
            assert "GAO302" in rules  # and the others still ran


def _dies_on_the_killer(job: tuple[str, Settings]) -> FileResult:
    """Lints like gaolint.lintloop._lint_one, but its process dies on a file named killer.txt."""
    if job[0].endswith("killer.txt"):
        os._exit(70)
    return lint_file(*job)


@pytest.mark.skipif(sys.platform != "linux", reason="workers inherit the patch by fork")
def test_a_worker_that_dies_costs_one_file_not_the_run(tmp_path: Path, monkeypatch) -> None:
    """A crash inside a C library (or the OOM killer) kills a worker and breaks the pool: the
    file that kills its process gets GAO000, every other file its findings."""
    import gaolint.lintloop as run_module
    import gaolint.workers

    monkeypatch.setattr(run_module, "_lint_one", _dies_on_the_killer)  # the pool where there is no fork
    monkeypatch.setattr(gaolint.workers, "lint_file", lambda path, settings: _dies_on_the_killer((path, settings)))
    paths = [str(_defective(tmp_path, f"r{i}.txt", seed=i + 4)) for i in range(6)]
    killer = tmp_path / "killer.txt"
    killer.write_text(render_text(build_document(sample_spec(9)), "cells"), encoding="utf-8")
    paths.insert(3, str(killer))
    results = run_module.lint_files(paths, Settings(), 2)
    assert [Path(r.path).name for r in results] == [Path(p).name for p in paths]
    for result in results:
        rules = {f.rule for f in result.findings}
        if result.path.endswith("killer.txt"):
            assert rules == {"GAO000"} and not result.repeatable
            assert "died" in result.findings[0].message.en
        else:
            assert "GAO000" not in rules and "GAO302" in rules


def test_exit_code_is_non_zero_when_a_rule_raises(tmp_path: Path, broken_rule, monkeypatch, capsys) -> None:
    from gaolint.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    clean = tmp_path / "clean.txt"
    clean.write_text(render_text(build_document(sample_spec(9)), "pipe"), encoding="utf-8")
    code = main(["check", "--no-progress", "--format", "json", str(clean)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [f["rule"] for f in out] == ["GAO000"]


def test_command_line_with_a_raising_rule(tmp_path: Path) -> None:
    """The installed command line, in a child process whose GAO303 raises."""
    paths = [_defective(tmp_path, "a.txt", 5), _defective(tmp_path, "b.txt", 6)]
    script = (
        "import sys\n"
        "from gaolint.checks import RULES\n"
        "def boom(self, context):\n"
        "    raise RuntimeError('rule exploded')\n"
        "RULES['GAO303'].check = boom\n"
        "from gaolint.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, "check", "--format", "json", "--jobs", "2", *map(str, paths)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path,
                          env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache")))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)
    for name in ("a.txt", "b.txt"):
        rules = {f["rule"] for f in findings if f["path"] == name}
        assert {"GAO000", "GAO302"} <= rules, (name, rules)
        assert any("GAO303" in f["message"] and "rule exploded" in f["message"] for f in findings if f["path"] == name and f["rule"] == "GAO000")


# --- one run over hundreds of damaged files of every kind ----------------------------------------

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def _damage(data: bytes, rng: random.Random) -> bytes:
    how = rng.choice(["truncate", "flip", "insert", "zero", "swap"])
    if not data:
        return data
    if how == "truncate":
        return data[: rng.randrange(len(data))]
    buffer = bytearray(data)
    if how == "flip":
        for _ in range(rng.randint(1, 50)):
            buffer[rng.randrange(len(buffer))] ^= 1 << rng.randrange(8)
    elif how == "insert":
        at = rng.randrange(len(buffer))
        buffer[at:at] = rng.randbytes(rng.randint(1, 500))
    elif how == "zero":
        at = rng.randrange(len(buffer))
        buffer[at : at + rng.randint(1, 4000)] = b"\x00" * min(4000, len(buffer) - at)
    else:
        a, b = sorted(rng.randrange(len(buffer)) for _ in range(2))
        buffer = buffer[:a] + buffer[b:] + buffer[a:b]
    return bytes(buffer)


def _rezip(data: bytes, rng: random.Random) -> bytes:
    """A valid .docx whose document text is damaged (digits changed, text cut)."""
    from tests.builder.docx import with_document_xml

    def damage(text: str) -> str:
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        chars = list(text)
        for i in rng.sample(digits, min(len(digits), rng.randint(1, 20))):
            chars[i] = str(rng.randrange(10))
        text = "".join(chars)
        if rng.random() < 0.3:
            text = text[: rng.randrange(len(text))]  # malformed XML
        return text

    return with_document_xml(data, damage)


def _build_folder(folder: Path, count: int = 400) -> None:
    from tests.builder.docx import render_docx
    from tests.builder.html import render_html

    pdf = None
    try:
        from tests.builder.pdf import render_pdf

        pdf = render_pdf
    except ImportError:  # pragma: no cover - reportlab missing
        pass
    bases_docx = [render_docx(build_document(sample_spec(s))) for s in range(3)]
    bases_pdf = [pdf(build_document(sample_spec(s))) for s in range(4)] if pdf else []
    for index in range(count):
        rng = random.Random(index)
        extension = EXTENSIONS[index % len(EXTENSIONS)]
        spec = sample_spec(1000 + index)
        # Every file carries a planted defect or damage, so every one deserves a finding.
        document = plant(spec, rng.choice(defects_for(spec)), index).document
        if extension in (".txt", ".md"):
            data = encode(render_text(document, rng.choice(SHAPES)), rng.choice(["utf-8", "utf-8-sig", "gb18030-crlf"]))
        elif extension in (".html", ".htm"):
            data = render_html(document, rng.choice(["utf-8", "gb18030"]))
        elif extension == ".docx":
            data = _rezip(bases_docx[index % len(bases_docx)], rng)
        else:
            if not bases_pdf:
                continue
            data = bases_pdf[index % len(bases_pdf)]
        if extension != ".docx" and rng.random() < 0.75:
            data = _damage(data, rng)
        elif extension == ".pdf":
            data = _damage(data, rng)
        (folder / f"f{index:03d}{extension}").write_bytes(data)


@pytest.mark.slow
def test_command_line_over_hundreds_of_damaged_files(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _build_folder(folder)
    files = sorted(folder.iterdir())
    assert len(files) >= 380
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", "--jobs", "2", "--no-progress", "--format", "json", "reports"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path,
                          env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache")))
    seconds = time.perf_counter() - started
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    findings = json.loads(done.stdout)
    with_findings = {Path(f["path"]).name for f in findings}
    assert len(with_findings) >= 0.9 * len(files), len(with_findings)
    internal = [f for f in findings if f["rule"] == "GAO000"]
    assert not internal, internal[:5]
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())} == digests
    assert seconds < 60, seconds


# --- results stream -------------------------------------------------------------------------------

def test_no_report_outlives_its_file(tmp_path: Path) -> None:
    """A run keeps findings and the few facts repository rules need, never the parsed reports
    (memory stays flat over thousands of files)."""
    import gc

    from gaolint.model import Line, Report
    from gaolint.lintloop import lint_files

    paths = []
    for index in range(12):
        path = tmp_path / f"r{index}.txt"
        path.write_text(render_text(build_document(sample_spec(index)), SHAPES[index % len(SHAPES)]), encoding="utf-8")
        paths.append(str(path))
    results = lint_files(paths, Settings(), 1)
    gc.collect()
    assert len(results) == 12
    alive = [o for o in gc.get_objects() if isinstance(o, (Report, Line))]
    assert not alive, f"{len(alive)} Report/Line objects kept after the run"
    for result in results:
        for name in result.__slots__:
            assert not isinstance(getattr(result, name), (Report, Line))


@pytest.mark.slow
def test_a_folder_nested_deeper_than_the_recursion_limit_is_walked(tmp_path: Path) -> None:
    """os.walk recurses once per level; a report folder nested past Python's recursion limit
    must still be walked (outside git, where gaolint walks folders itself)."""
    from gaolint.discover import discover

    depth = sys.getrecursionlimit() + 100
    before = os.getcwd()
    try:
        os.chdir(tmp_path)  # relative steps all the way down
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        Path("report.txt").write_text(render_text(build_document(sample_spec(1)), "pipe"), encoding="utf-8")
        Path(".hidden").mkdir()
        Path(".hidden", "skipped.txt").write_text("x", encoding="utf-8")
        os.chdir(before)
        files, missing = discover([str(tmp_path)])
        assert missing == []
        assert [os.path.basename(f) for f in files] == ["report.txt"]
        assert files[0].count(os.sep + "d") == depth
    finally:
        _remove_chain(tmp_path, "d")
        os.chdir(before)


def _remove_chain(top: Path, name: str) -> None:
    """Remove ``top/name/name/…`` bottom up, one level at a time: shutil.rmtree (and so
    pytest's clean-up of old temporary folders) recurses once per level as os.walk does."""
    import shutil

    os.chdir(top)
    levels = 0
    while os.path.isdir(name):
        os.chdir(name)
        levels += 1
    for entry in os.listdir("."):
        shutil.rmtree(entry) if os.path.isdir(entry) else os.remove(entry)
    for _ in range(levels):
        os.chdir("..")
        os.rmdir(name)


@pytest.mark.parametrize("count", [999, 1000, 1001, 2500])
def test_one_rule_lists_at_most_a_thousand_findings_per_file_then_counts(tmp_path: Path, monkeypatch, count: int) -> None:
    """A file of 90,000 contradicting sentences made 270,000 findings and 700 MB: past the
    cap the rest are counted in one closing finding of the same rule."""
    from gaolint.checks import RULES
    from gaolint.engine import MAX_FINDINGS_PER_RULE
    from gaolint.model import Finding, Location, Message, Severity

    def many(self, context):
        for index in range(count):
            yield Finding("GAO303", "total-mismatch", Severity.ERROR, Message(f"第{index}个", f"number {index}"),
                          context.report.path, Location(index + 1, 1))

    monkeypatch.setattr(RULES["GAO303"], "check", many)
    path = _defective(tmp_path)
    listed = [f for f in lint_file(str(path), Settings()).findings if f.rule == "GAO303"]
    if count <= MAX_FINDINGS_PER_RULE:
        assert [f.message.en for f in listed] == [f"number {i}" for i in range(count)]
        return
    assert len(listed) == MAX_FINDINGS_PER_RULE + 1
    assert [f.message.en for f in listed[:-1]] == [f"number {i}" for i in range(MAX_FINDINGS_PER_RULE)]
    closing = listed[-1]
    assert f"{count - MAX_FINDINGS_PER_RULE} more findings of this rule" in closing.message.en
    assert closing.location == Location(MAX_FINDINGS_PER_RULE + 1, 1) and closing.severity == Severity.ERROR
