"""Readers: one module per container, each turning bytes into ``Extracted`` lines.

Heavy libraries (lxml, python-docx, pdfplumber) are imported only by the reader that needs
them, so linting a .txt file never pays for PDF support.
"""

from __future__ import annotations

import os
from importlib import import_module

from .base import Extracted, SourceLine, UnreadableFile
from .limits import MAX_FILE_BYTES

#: File extension → (module, function) reading that container.
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("gaolint.read.text", "read_text"),
    ".md": ("gaolint.read.text", "read_markdown"),
    ".markdown": ("gaolint.read.text", "read_markdown"),
    ".html": ("gaolint.read.html", "read_html"),
    ".htm": ("gaolint.read.html", "read_html"),
    ".docx": ("gaolint.read.docx", "read_docx"),
    ".pdf": ("gaolint.read.pdf", "read_pdf"),
}

REPORT_EXTENSIONS = frozenset(READERS)


def read_path(path: str) -> Extracted:
    """Read one report file. Raises UnreadableFile for anything that cannot become text."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in READERS:
        raise UnreadableFile(f"不支持的文件类型 {extension or '(无扩展名)'} / unsupported file type")
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_FILE_BYTES // (1024 * 1024)} MB）"
                f" / file too large ({size} bytes)"
            )
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UnreadableFile(f"无法打开文件 / cannot open the file: {error.strerror or error}") from None
    return read_bytes(data, path)


def read_bytes(data: bytes, path: str) -> Extracted:
    extension = os.path.splitext(path)[1].lower()
    module_name, function_name = READERS[extension]
    reader = getattr(import_module(module_name), function_name)
    return reader(data, path)


__all__ = ["Extracted", "SourceLine", "UnreadableFile", "read_path", "read_bytes", "REPORT_EXTENSIONS"]
