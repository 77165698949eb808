"""Exit codes and the error a bad option or configuration raises.

A module of its own, importing nothing, so every part of the run (the command line, the run,
the configuration, the catalog, the baseline, the outputs) can raise or return them without
importing the command line — and without importing each other in a circle."""

from __future__ import annotations

#: No finding at or above --fail-on (or --exit-zero).
EXIT_OK = 0
#: Findings at or above --fail-on, or a rule that crashed (GAO000).
EXIT_FINDINGS = 1
#: A bad option, configuration, path or baseline: nothing was checked.
EXIT_USAGE = 2
#: Stopped with Ctrl-C.
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """A bad option or configuration: exit code 2 with this message."""


__all__ = ["EXIT_OK", "EXIT_FINDINGS", "EXIT_USAGE", "EXIT_INTERRUPTED", "UsageError"]
