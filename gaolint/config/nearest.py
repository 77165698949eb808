"""Which configuration applies to which report: the one nearest to it, as ruff does.

Without ``--config``, each report is checked with the configuration file found by searching
upward from the report's own folder (``config.find_config``); a report with none above it
takes the run's configuration (the one found from the current folder). The run's own options —
``fail-on``, ``lang``, the output — come from the run's configuration; rules, severities,
per-file ignores, deadlines, agencies and ``exclude`` come from each report's. Command-line
options (``--select``, ``--ignore``, ``--exclude``…) apply to every group, over each file.

``--config FILE`` switches the search off: that one file applies to every report.
"""

from __future__ import annotations

import os
from argparse import Namespace

from .files import find_config
from .merge import load_settings
from .run_config import RunConfig


def config_groups(files: list[str], args, primary: RunConfig, skipped: list | None = None) -> list[tuple[RunConfig, list[str]]]:
    """``files`` grouped by the configuration that applies to each, the run's own group first,
    files in their given order within a group. One group (the common case) when every report
    sits under the run's configuration. A nearer configuration's ``exclude`` removes files of its
    group (added to ``skipped``, a list of gaolint.discover.Skipped)."""
    if getattr(args, "config", None) or not files:
        return [(primary, files)]
    own = os.path.abspath(primary.sources[0]) if primary.sources else None
    nearest: dict[str, str | None] = {}
    grouped: dict[str | None, list[str]] = {}
    for path in files:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in nearest:
            found = find_config(folder)
            nearest[folder] = os.path.abspath(found) if found else None
        key = nearest[folder] or own
        grouped.setdefault(key, []).append(path)
    if list(grouped) == [own]:
        return [(primary, files)]
    groups: list[tuple[RunConfig, list[str]]] = []
    if own in grouped:
        groups.append((primary, grouped.pop(own)))
    for config_path, members in grouped.items():
        assert config_path is not None  # files without a configuration of their own joined ``own``
        config = _load(args, config_path)
        kept = _not_excluded(members, config, skipped)
        if kept:
            groups.append((config, kept))
    return groups


def _not_excluded(members: list[str], config: RunConfig, skipped: list | None) -> list[str]:
    from ..discover import Skipped, excluded

    kept = []
    for path in members:
        if excluded(path, config.exclude):
            if skipped is not None:
                skipped.append(Skipped(path, "excluded", "已按 exclude 排除", "excluded by an exclude glob"))
        else:
            kept.append(path)
    return kept


def _load(args, path: str) -> RunConfig:
    """The run's command line over the configuration file at ``path``."""
    options = Namespace(**vars(args))
    options.config = path
    return load_settings(options)


__all__ = ["config_groups"]
