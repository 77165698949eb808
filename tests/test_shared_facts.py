"""A run keeps every report's repository facts to the end (GAO601/602 compare them), so the lint
loop makes equal locations one object and interns the facts' strings (``lintloop.share_facts``):
what a result holds halves, and the findings do not change."""

from __future__ import annotations

import shutil
from pathlib import Path

from gaolint.cache import ResultCache
from gaolint.engine import Settings
from gaolint.lintloop import lint_files

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "qinghe-county-2025.txt"


def _copies(folder: Path, count: int) -> list[str]:
    paths = []
    for index in range(count):
        path = folder / f"county-{index}.txt"
        shutil.copyfile(EXAMPLE, path)
        paths.append(str(path))
    return paths


def _locations(result) -> list:
    return [location for locations in result.facts.locations.values() for location in locations]


def test_equal_locations_of_two_reports_are_one_object(tmp_path: Path) -> None:
    first, second = lint_files(_copies(tmp_path, 2), Settings(), 1)
    ours, theirs = _locations(first), _locations(second)
    assert ours and ours == theirs
    assert all(a is b for a, b in zip(ours, theirs))
    assert first.facts.agency is second.facts.agency


def test_sharing_changes_no_finding_and_holds_for_cached_results(tmp_path: Path) -> None:
    paths = _copies(tmp_path, 3)
    cache = ResultCache(Settings(), str(tmp_path / "cache"))
    cold = lint_files(paths, Settings(), 1, cache=cache)
    warm = lint_files(paths, Settings(), 1, cache=ResultCache(Settings(), str(tmp_path / "cache")))
    assert [r.findings for r in cold] == [r.findings for r in warm]
    assert [r.facts for r in cold] == [r.facts for r in warm]
    assert all(a is b for a, b in zip(_locations(warm[0]), _locations(warm[2])))
