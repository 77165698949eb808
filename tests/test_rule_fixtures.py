"""Every rule's fixture reports under tests/rules/, with the expected findings written in them.

A case is one report file, or a folder of reports linted as one run (the repository rules
GAO601/602 compare two years). Its name starts with ``good`` (no finding at all) or ``bad``
(exactly the findings its markers name). A marker is an HTML comment at the end of the line
the finding points at, one per finding, with an optional fragment of the message (Chinese or
English) in double quotes::

    | 四、结转下年度继续办理 |  |  | 5 | … | 5 | <!-- expect: GAO301 "差 1" -->

or, alone on a line, for the next line with text (where a comment at the end of the line
would be out of place)::

    <!-- expect-next-line: GAO101 "五、存在的主要问题" -->

Each case is linted as ``gaolint check`` does (``api.lint_path`` then ``api.finish``: repository
rules, suppressions, GAO010), and the exact set of (file, line, code) is compared. A second test
lints every case with its markers removed and requires the same findings, so a marker can
never be what a rule reacts to. tests/rules/README.md says how to add a case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from gaolint import api
from gaolint.checks import RULES

HERE = Path(__file__).resolve().parent / "rules"
REPORT_SUFFIXES = (".md", ".txt", ".html", ".htm")

#: ``<!-- expect: GAO301 "差 1" -->`` or ``<!-- expect-next-line: GAO101 -->``
MARKER = re.compile(r"\s*<!--\s*expect(-next-line)?:\s*(GAO\d{3})(?:\s+\"([^\"]*)\")?\s*-->")

#: Rules whose failing case a report file cannot hold, and where that case is tested instead.
NO_BAD_FIXTURE = {
    "GAO000": "a rule must raise: tests/test_robustness.py breaks one on purpose",
    "GAO001": "an unreadable file: made at test time by test_unreadable_file below",
}


@dataclass(frozen=True)
class Expect:
    file: str  # the report's name inside the case
    line: int
    code: str
    fragment: str | None


def case_files(case: Path) -> list[Path]:
    if case.is_dir():
        return sorted(p for p in case.iterdir() if p.suffix in REPORT_SUFFIXES)
    return [case]


def cases() -> list[Path]:
    return sorted(p for folder in HERE.glob("GAO*") for p in folder.iterdir()
                  if p.name.startswith(("good", "bad")) and (p.is_dir() or p.suffix in REPORT_SUFFIXES))


def case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def markers(path: Path) -> tuple[list[Expect], str, list[int]]:
    """The expectations in ``path``; its text without markers; for each line of that text, the
    line of ``path`` it came from (a marker alone on its line is removed with its line)."""
    expects: list[Expect] = []
    pending: list[tuple[str, str | None]] = []
    kept: list[str] = []
    origin: list[int] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        found = list(MARKER.finditer(line))
        stripped = MARKER.sub("", line)
        if found and not stripped.strip() and all(m.group(1) for m in found):
            pending.extend((m.group(2), m.group(3)) for m in found)
            continue
        for match in found:
            assert not match.group(1), f"{path}:{number}: expect-next-line must stand alone on its line"
            expects.append(Expect(path.name, number, match.group(2), match.group(3)))
        if stripped.strip():
            expects.extend(Expect(path.name, number, code, fragment) for code, fragment in pending)
            pending = []
        kept.append(stripped)
        origin.append(number)
    assert not pending, f"{path}: expect-next-line at the end of the file"
    return expects, "\n".join(kept), origin


def lint_case(files: dict[str, Path], where: Path, monkeypatch) -> list[tuple[str, int, str, str, str]]:
    """(file, line, code, Chinese message, English message) of every finding of one run over
    ``files`` (shown name → path), as ``gaolint check`` reports them with no configuration."""
    monkeypatch.chdir(where)
    settings = where / "defaults.yaml"  # named, so no .gaolint.yaml or pyproject.toml found elsewhere applies
    settings.write_text("# the defaults: every rule, no ignores\n", encoding="utf-8")
    config = api.load_config(str(settings))
    results = [api.lint_path(str(path), config.settings, shown) for shown, path in files.items()]
    return sorted((f.path, f.location.line, f.rule, f.message.zh, f.message.en)
                  for f in api.finish(results, config))


def test_every_rule_has_a_good_and_a_bad_case():
    for code in RULES:
        folder = HERE / code
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        assert any(n.startswith("good") for n in names), f"tests/rules/{code}/ has no good case"
        assert code in NO_BAD_FIXTURE or any(n.startswith("bad") for n in names), f"tests/rules/{code}/ has no bad case"


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_fixture_gives_exactly_its_marked_findings(case, tmp_path, monkeypatch):
    files = {p.name: p for p in case_files(case)}
    expects = [e for p in files.values() for e in markers(p)[0]]
    found = lint_case(files, tmp_path, monkeypatch)
    if case.name.startswith("good"):
        assert not expects, "a good case has no markers"
        assert found == [], found
        return
    assert any(e.code == case.parent.name for e in expects), f"no marker for {case.parent.name}"
    assert {(e.file, e.line, e.code) for e in expects} == {f[:3] for f in found}, found
    assert len(expects) == len(found), found  # one marker per finding, two findings on a line: two markers
    for e in expects:
        if e.fragment is not None:
            messages = [f[3] + " | " + f[4] for f in found if f[:3] == (e.file, e.line, e.code)]
            assert any(e.fragment in m for m in messages), (e, messages)


@pytest.mark.parametrize("case", [c for c in cases() if c.name.startswith("bad")], ids=case_id)
def test_markers_change_nothing(case, tmp_path, monkeypatch):
    """The same findings, line for line, when every marker is taken out of the fixture (a good
    case has none)."""
    files = {p.name: p for p in case_files(case)}
    plain: dict[str, Path] = {}
    origins: dict[str, list[int]] = {}
    (tmp_path / "plain").mkdir()
    for name, path in files.items():
        _, text, origins[name] = markers(path)
        plain[name] = tmp_path / "plain" / name
        plain[name].write_text(text, encoding="utf-8")
    with_markers = lint_case(files, tmp_path, monkeypatch)
    without = [(f, origins[f][line - 1] if line else line, code, zh, en)
               for f, line, code, zh, en in lint_case(plain, tmp_path, monkeypatch)]
    assert sorted(without) == with_markers


def test_unreadable_file(tmp_path, monkeypatch):
    """GAO001's bad case: a .docx that is not a zip archive, made here rather than committed."""
    path = tmp_path / "report.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 this is not a zip archive " * 40)
    found = lint_case({"report.docx": path}, tmp_path, monkeypatch)
    assert [f[2] for f in found] == ["GAO001"], found


def test_markers_are_read_as_written(tmp_path):
    report = tmp_path / "r.md"
    report.write_text("# 标题\n<!-- expect-next-line: GAO101 \"五、\" -->\n\n正文 <!-- expect: GAO305 -->"
                      " <!-- expect: GAO302 \"差 1\" -->\n", encoding="utf-8")
    expects, text, origin = markers(report)
    assert sorted(expects, key=str) == sorted([Expect("r.md", 4, "GAO101", "五、"), Expect("r.md", 4, "GAO305", None),
                                               Expect("r.md", 4, "GAO302", "差 1")], key=str)
    assert text == "# 标题\n\n正文\n" and origin == [1, 3, 4, 5]
