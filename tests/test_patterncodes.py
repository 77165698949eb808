"""The shipped compiled patterns (gaolint/patterncodes.py): every entry is exactly what ``re``'s
compiler makes of its pattern on this interpreter, a clean report compiles nothing the table
lacks, and the table is never used where it was not written for.

Where the table is for another interpreter (its stamp differs), the tests that compare with it
skip, and the tests that it is ignored still run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from gaolint import patterncodes
from gaolint.format_data import alternatives
from tests.builder import build_document, render_text, sample_spec

REPO = Path(__file__).resolve().parents[1]
#: Lines of the kind reports have, to run every shipped pattern over.
SAMPLES = (
    "一、总体情况", "（二）依申请公开", "本年度新收政府信息公开申请 12 件，上年结转 3 件。",
    "统计期限为2025年1月1日至2025年12月31日", "联系电话：0571-87051234", "2.其他法律行政法规禁止公开",
    "| 行政复议 | 1 | 0 | 2 |", "第3页 共12页", "關於印發2025年度政府信息公開工作年度報告", "",
    "收取信息处理费 0 元", "<!-- gaolint: disable=GAO301 -->", "abc 123 xyz", "\x00\ue000\t",
)


def _shipped():
    shipped = patterncodes.table()
    if shipped is None:
        pytest.skip(f"the shipped table is for another interpreter (this one: {patterncodes.stamp()})")
    return shipped


def test_every_entry_is_what_re_compiles_today() -> None:
    """A table written by another compiler, or edited by hand, fails here before it reaches the
    engine: flags, groups, group names and every opcode word are compared."""
    entries, words = _shipped()
    assert len(entries) > 150
    for pattern, flags, compiled_flags, groups, names, first, count in entries:
        expected = patterncodes.compiled(pattern, flags)
        shipped = (compiled_flags, groups, names, words[first:first + count].tolist())
        assert shipped == expected, f"stale entry for {pattern!r}: run python -m gaolint.patterncodes_write"


def test_built_patterns_match_as_re_compiled_ones() -> None:
    from re import _compiler  # type: ignore[attr-defined]

    entries, words = _shipped()
    for item in entries:
        pattern, flags = item[0], item[1]
        built, fresh = patterncodes.build(item, words), _compiler.compile(pattern, flags)
        assert (built.pattern, built.flags, built.groups, built.groupindex) == \
               (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        for sample in SAMPLES:
            text = sample.encode("utf-8") if isinstance(pattern, bytes) else sample
            assert [m.span() for m in built.finditer(text)] == [m.span() for m in fresh.finditer(text)], pattern


def test_re_compile_returns_the_seeded_pattern(monkeypatch) -> None:
    """In a fresh cache (a long test session fills re's own and pushes the seeded ones out)."""
    entries, words = _shipped()
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(patterncodes, "_seeded", False)
    assert patterncodes.seed() == len(entries)
    pattern, flags = next((item[0], item[1]) for item in entries if isinstance(item[0], str) and "\\u3400" in item[0])
    assert re.compile(pattern, flags) is re._cache[str, pattern, flags]  # type: ignore[attr-defined]


def _compiled_at_run_time(paths: list[str], tmp_path: Path, **env: str) -> list[str]:
    """Patterns ``re`` compiled while ``gaolint check`` linted ``paths`` in a fresh process."""
    script = textwrap.dedent("""
        import sys
        from re import _compiler
        import gaolint
        from gaolint.cli import main
        compiled = []
        original = _compiler.compile
        def record(pattern, flags=0):
            compiled.append(repr(pattern)[:120])
            return original(pattern, flags)
        _compiler.compile = record
        main(["check", "--no-cache", "--format", "json", "--output", sys.argv[1], *sys.argv[2:]])
        print("\\n".join(compiled))
    """)
    environment = {k: v for k, v in os.environ.items() if k != "GAOLINT_NO_PATTERN_TABLE"}
    environment.update(env)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out.json"), *paths], cwd=REPO,
                          env=environment, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert (tmp_path / "out.json").read_text(encoding="utf-8").startswith(("{", "["))  # it really linted
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize("seed", ["0", "1"])
def test_a_report_compiles_nothing_the_table_lacks(tmp_path: Path, seed: str) -> None:
    """The start-up budget depends on it: a pattern added or changed since the table was written
    is compiled on every run. Two hash seeds: a pattern joined from a set would differ."""
    _shipped()
    report = tmp_path / "clean.txt"
    report.write_text(render_text(build_document(sample_spec(5)), "pipe"), encoding="utf-8")
    paths = [str(report), *(str(p) for p in sorted((REPO / "examples").iterdir()))]
    missing = _compiled_at_run_time(paths, tmp_path, PYTHONHASHSEED=seed)
    assert not missing, (f"{len(missing)} pattern(s) not in gaolint/patterncodes_table.py, e.g. {missing[:3]}: "
                         "run GAOLINT_NO_PATTERN_TABLE=1 python -m gaolint.patterncodes_write")


def test_turned_off_by_the_environment(tmp_path: Path) -> None:
    report = tmp_path / "clean.txt"
    report.write_text(render_text(build_document(sample_spec(5)), "pipe"), encoding="utf-8")
    compiled = _compiled_at_run_time([str(report)], tmp_path, GAOLINT_NO_PATTERN_TABLE="1")
    assert len(compiled) > 100  # everything compiled as before


def test_a_table_for_another_interpreter_is_ignored(monkeypatch) -> None:
    monkeypatch.setattr(patterncodes, "stamp", lambda: "cpython 3.99.0 magic=1 codesize=4 maxunicode=1114111 little")
    monkeypatch.setattr(patterncodes, "_seeded", False)
    assert patterncodes.table() is None
    assert patterncodes.seed() == 0


def test_seeding_never_fills_res_cache(monkeypatch) -> None:
    """re drops its oldest entries one by one once its cache is full: the shipped patterns are
    kept only while it is under three quarters full, and returned all the same."""
    entries, _ = _shipped()
    cache: dict = {}
    monkeypatch.setattr(re, "_cache", cache)
    monkeypatch.setattr(re, "_MAXCACHE", 40)
    monkeypatch.setattr(patterncodes, "_seeded", False)
    assert patterncodes.seed() == len(entries)
    for item in entries[:50]:
        assert re.compile(item[0], item[1]).pattern == item[0]
    assert len(re._cache) == 30  # type: ignore[attr-defined]


def test_only_the_patterns_looked_up_are_built(monkeypatch) -> None:
    """A result-cache hit uses ~20 of the ~290 patterns: building the rest cost ~2 ms of its
    start-up. Seeding builds none; each is built the first time re looks it up."""
    entries, _ = _shipped()
    monkeypatch.setattr(re, "_cache", {("kept",): "kept"})
    monkeypatch.setattr(patterncodes, "_seeded", False)
    built: list[str | bytes] = []
    build = patterncodes.build
    monkeypatch.setattr(patterncodes, "build", lambda item, words: built.append(item[0]) or build(item, words))
    assert patterncodes.seed() == len(entries)
    assert dict(re._cache) == {("kept",): "kept"} and built == []  # type: ignore[attr-defined]
    pattern, flags = entries[-1][0], entries[-1][1]
    first = re.compile(pattern, flags)
    assert built == [pattern] and re.compile(pattern, flags) is first and len(built) == 1
    assert re.compile("not(?: in)? the table") .match("not the table")
    assert built == [pattern]


def test_a_words_file_that_does_not_fit_the_entries_is_ignored(monkeypatch, tmp_path: Path) -> None:
    """The opcodes are trusted by the engine: a words file cut short or from another table is
    never used, and patterns compile as they always did."""
    entries, words = _shipped()
    short = tmp_path / "patterncodes_table.words"
    short.write_bytes(words.tobytes()[:-4])
    monkeypatch.setattr(patterncodes, "words_file", lambda: str(short))
    assert patterncodes.table() is None
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(patterncodes, "_seeded", False)
    built: list[object] = []
    monkeypatch.setattr(patterncodes, "build", lambda item, words: built.append(item))
    patterncodes.seed()
    pattern, flags = entries[-1][0], entries[-1][1]
    assert re.compile(pattern, flags).pattern == pattern and built == []  # compiled by re, not built


def test_alternatives_have_one_text_in_every_process() -> None:
    """Patterns built from a set of words were in the set's order, which differs between
    processes; the shipped table is keyed by a pattern's text."""
    words = ("截止", "截至", "统计期限", "数据期限")
    assert alternatives(words).pattern == alternatives(tuple(reversed(words))).pattern
    assert alternatives(words).pattern.startswith(r"数\s*据\s*期\s*限|统\s*计\s*期\s*限|")


def test_inline_lint_off_the_main_thread_runs_without_an_alarm(tmp_path: Path) -> None:
    """The processor-time alarm needs the main thread; a program that lints from another
    thread gets its result (without the alarm), not an error."""
    from gaolint.engine import Settings
    from gaolint.workers import Budget, lint_inline

    report = tmp_path / "clean.txt"
    report.write_text(render_text(build_document(sample_spec(5)), "pipe"), encoding="utf-8")
    results = []
    worker = threading.Thread(target=lambda: results.append(lint_inline(str(report), Settings(), Budget(timeout=30))))
    worker.start()
    worker.join(60)
    assert len(results) == 1 and results[0].facts is not None
    assert not [f for f in results[0].findings if f.rule_id in ("GAO000", "GAO001")]
