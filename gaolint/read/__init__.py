"""Readers: one module per container, each turning bytes into ``Extracted`` lines.

Heavy libraries (lxml, python-docx, pypdfium2, olefile) are imported only by the reader that needs
them, so linting a .txt file never pays for PDF support.
"""

from __future__ import annotations

import os
from importlib import import_module

from ..regular_file import FileTooLarge, NotRegularFile, read_regular_file
from .base import Extracted, SourceLine, UnreadableFile
from .limits import MAX_FILE_BYTES

#: File extension → (module, function) reading that container.
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("gaolint.read.text", "read_text"),
    ".md": ("gaolint.read.text", "read_markdown"),
    ".markdown": ("gaolint.read.text", "read_markdown"),
    ".html": ("gaolint.read.html", "read_html"),
    ".htm": ("gaolint.read.html", "read_html"),
    # Web pages as a crawler or a browser saves them under their address: CMSs serve reports
    # as …/t20250120_123456.shtml, and XHTML pages are HTML to libxml2's HTML parser.
    ".shtml": ("gaolint.read.html", "read_html"),
    ".xhtml": ("gaolint.read.html", "read_html"),
    ".docx": ("gaolint.read.docx", "read_docx"),
    ".doc": ("gaolint.read.doc", "read_doc"),
    ".wps": ("gaolint.read.doc", "read_doc"),  # WPS Writer: the Word 97 binary format
    ".pdf": ("gaolint.read.pdf", "read_pdf"),
}

REPORT_EXTENSIONS = frozenset(READERS)


def read_path(path: str) -> Extracted:
    """Read one report file. Raises UnreadableFile for anything that cannot become text."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in READERS:
        raise UnreadableFile(f"不支持的文件类型 {extension or '(无扩展名)'} / unsupported file type")
    data = _file_bytes(path)
    return read_bytes(data, path)


def _file_bytes(path: str) -> bytes:
    """The bytes of a regular file, refused before reading when over the size limit: a named
    pipe or a device named on the command line would otherwise hang the run or read without
    end."""
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except NotRegularFile:
        raise UnreadableFile("不是普通文件（管道、设备或套接字） / not a regular file (a pipe, device or socket)") from None
    except FileTooLarge as error:
        raise UnreadableFile(
            f"文件过大（{error.size // (1024 * 1024)} MB，上限 {MAX_FILE_BYTES // (1024 * 1024)} MB）"
            f" / file too large ({error.size} bytes)"
        ) from None
    except OSError as error:
        raise UnreadableFile(f"无法打开文件 / cannot open the file: {error.strerror or error}") from None


def read_bytes(data: bytes, path: str) -> Extracted:
    extension = os.path.splitext(path)[1].lower()
    module_name, function_name = READERS[extension]
    reader = getattr(import_module(module_name), function_name)
    return reader(data, path)


__all__ = ["Extracted", "SourceLine", "UnreadableFile", "read_path", "read_bytes", "REPORT_EXTENSIONS"]
