"""Repository-level rules: checks across reports of one agency in different years."""

from __future__ import annotations


def check_repository(facts, settings):
    """Findings of repository rules (GAO601, GAO602) over every report in the run."""
    return []
