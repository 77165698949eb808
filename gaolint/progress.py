"""A rich progress bar on stderr for long runs: files done of all, files per second, time left.

Speed and time left are rich's own estimates over the last half-minute of updates, so a long
archive run whose PDFs slow it down shows the pace of now, not of its first minutes.
"""

from __future__ import annotations

import sys


def _speed_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        """``12.3 files/s`` (``–`` until rich has two updates to measure from)."""

        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            if speed is None:
                return Text("– files/s", style="progress.data.speed")
            return Text(f"{speed:,.1f} files/s", style="progress.data.speed")

    return FilesPerSecond()


class ProgressBar:
    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("gaolint"), BarColumn(), MofNCompleteColumn(), _speed_column(), TimeRemainingColumn(),
            console=Console(stderr=True), transient=True, speed_estimate_period=30.0,
        )
        self._task = self._progress.add_task("check", total=total)
        self._progress.start()

    def advance(self, count: int = 1) -> None:
        self._progress.advance(self._task, count)

    def stop(self) -> None:
        self._progress.stop()


def progress_bar(total: int, args):
    """A rich progress bar on stderr when stderr is a terminal and there are many files."""
    if args.no_progress or total <= 20:
        return None
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return ProgressBar(total)
