"""The run's configuration: the engine's ``Settings`` plus what the run itself decides
(``fail-on``, language, per-file ignores, ``exclude``, per-file limits), and the filter that
applies them to findings."""

from __future__ import annotations

from ..engine import Settings
from ..model import Record
from .globs import glob_matches


class RunConfig(Record):
    __slots__ = ("settings", "fail_on", "lang", "sources", "file_ignores", "exclude", "budget")

    def __init__(
        self,
        settings: Settings,
        fail_on: str = "error",
        lang: str = "zh",
        sources: list[str] | None = None,
        file_ignores: list[tuple[list[str], tuple[str, ...]]] | None = None,
        exclude: list[str] | None = None,
    ) -> None:
        self.settings = settings
        #: ``exclude`` globs of the file and of ``--exclude``, as fnmatch patterns for displayed
        #: paths (gaolint.discover.excluded).
        self.exclude = [] if exclude is None else exclude
        self.fail_on = fail_on
        self.lang = lang
        #: The configuration file used, if any (shown by ``--verbose``).
        self.sources = [] if sources is None else sources
        #: per-file-ignores as (fnmatch patterns for displayed paths, rule IDs or prefixes).
        self.file_ignores = [] if file_ignores is None else file_ignores
        #: Per-file limits (gaolint.workers.Budget); None: the defaults.
        self.budget = None

    def ignored_in(self, path: str, code: str) -> bool:
        """Whether ``code`` is switched off for the file shown as ``path``."""
        if not self.settings.enabled(code):
            return True
        for patterns, ids in self.file_ignores:
            if any(code.startswith(i) for i in ids) and glob_matches(path, patterns):
                return True
        return False

    def filter(self, findings, results):
        """Drop findings switched off by configuration or inline comments, apply severity
        overrides, and report inline suppressions that silenced nothing (GAO010)."""
        from ..suppress import apply_suppressions

        kept = [f for f in findings if not self.ignored_in(f.path, f.rule)]
        _apply_severity(kept, self.settings.severity)
        kept, unused = apply_suppressions(kept, results, self.ignored_in)
        _apply_severity(unused, self.settings.severity)
        return kept + unused


def _apply_severity(findings, overrides: dict[str, str]) -> None:
    """The most specific matching ID or prefix wins (``GAO303: note`` over ``GAO3: warning``)."""
    if not overrides:
        return
    from ..model import Severity

    ordered = sorted(overrides.items(), key=lambda item: len(item[0]), reverse=True)
    for finding in findings:
        for prefix, level in ordered:
            if finding.rule.startswith(prefix):
                finding.severity = Severity(level)
                break
