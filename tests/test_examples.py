"""The reports in ``examples/`` give exactly the findings written next to them in
``tests/data/examples-expected.json`` (rule and line): the two clean ones none, each defective one the
defects it was written to show. A README reader who runs gaolint on them sees what we promise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _expected() -> dict[str, list[list]]:
    return json.loads((Path(__file__).parent / "data" / "examples-expected.json").read_text(encoding="utf-8"))


def _found() -> dict[str, list[list]]:
    done = subprocess.run(
        [sys.executable, "-m", "gaolint", "check", "--no-cache", "--format", "json", "--fail-on", "never", "."],
        cwd=EXAMPLES, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, list[list]] = {}
    for finding in json.loads(done.stdout):
        found.setdefault(Path(finding["path"]).name, []).append([finding["rule"], finding["line"]])
    return found


def test_every_example_has_its_expected_findings_written_down():
    reports = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    assert reports and sorted(_expected()) == reports


def test_examples_give_exactly_the_expected_findings():
    expected = _expected()
    found = _found()
    for name, wanted in expected.items():
        assert sorted(found.get(name, [])) == sorted(wanted), name
    assert set(found) <= set(expected)


def test_clean_examples_give_no_finding_and_defective_ones_do():
    for name, wanted in _expected().items():
        assert bool(wanted) == ("defective" in name), name
