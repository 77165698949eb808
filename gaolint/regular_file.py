"""Reading a file that may not be a file: a named pipe, a device, or something huge.

Opened without blocking and checked on the open descriptor, so a FIFO named as a report or a
configuration file is refused at once instead of hanging the run (reading a pipe nobody
writes to waits for ever), and an oversized file is refused before it is read.
"""

from __future__ import annotations

import os
import stat


class NotRegularFile(OSError):
    """A pipe, device, socket: never read."""


class FileTooLarge(OSError):
    """Larger than the caller's limit; ``size`` says by how much."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular_file(path: str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit`` + 1 of them, if it grows while
    read). Raises NotRegularFile, FileTooLarge, or the OSError of opening or reading."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"not a regular file: {path}")
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        return handle.read(limit + 1)

