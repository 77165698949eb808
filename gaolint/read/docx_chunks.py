"""Alternative-format chunks (``w:altChunk``): another document stored in a .docx package,
which Word renders in place of the element.

Export tools of web sites and document systems write reports so: the body of the .docx is a
single ``w:altChunk`` naming an HTML page (or an .mht web archive, another .docx, a text)
stored beside ``word/document.xml``. Word and WPS show the whole report; read as nothing, such
a file was "not a report" (GAO002). Each chunk is read by the reader of what it is, and its
lines take the chunk's place among the body's lines; a chunk that cannot be read is a note of
damage (GAO003), never the file's refusal. A .docx chunk's own chunks are read to
``MAX_CHUNK_DEPTH`` levels, so a package naming itself is read once more at most.
"""

from __future__ import annotations

from typing import Any

from .base import Extracted, UnreadableFile

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_AF_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
_RELATIONSHIPS = "word/_rels/document.xml.rels"
#: Levels of .docx chunks inside .docx chunks read.
MAX_CHUNK_DEPTH = 2


class Chunks:
    """The chunks of one package (``xmlsafe.DocxArchive``): ``read(node)`` gives a chunk's lines."""

    def __init__(self, archive: Any, path: str, depth: int = 0) -> None:
        self.archive = archive
        self.path = path
        self.depth = depth
        self._targets: dict[str, str] | None = None

    def read(self, node: Any) -> tuple[list[tuple[str, str]], list[str]]:
        """(text, place) of each line of the chunk ``node`` names, and the notes of damage its
        reading made: its reader's, or that it could not be read (no such part, a kind no
        reader reads, the reader's refusal)."""
        name = self.targets().get(node.get(R_ID) or "")
        if name is None or name not in self.archive.names:
            return [], ["嵌入的文档（altChunk）找不到 / an embedded document (altChunk) is missing"]
        try:
            data = self.archive.read(name)
            extracted = self._extract(name, data)
        except UnreadableFile as error:
            return [], [f"嵌入的文档 {name} 无法读取 / the embedded document {name} cannot be read: {error}"]
        if extracted is None:
            return [], [f"嵌入的文档 {name} 的格式不能读取 / the embedded document {name} is of a kind not read"]
        return [(line.text, line.place) for line in extracted.lines], [note for _, note in extracted.damage]

    def targets(self) -> dict[str, str]:
        """Relationship id → part name of every chunk the main document names."""
        if self._targets is None:
            self._targets = {}
            if _RELATIONSHIPS in self.archive.names:
                from lxml import etree

                parser = etree.XMLParser(resolve_entities=False, no_network=True)
                try:
                    rels = etree.fromstring(self.archive.read(_RELATIONSHIPS), parser)
                except Exception:  # noqa: BLE001 - a broken part: no chunk can be found
                    return self._targets
                for rel in rels.iter(_RELS_NS + "Relationship"):
                    target = rel.get("Target") or ""
                    if rel.get("Type") == _AF_CHUNK and rel.get("TargetMode", "Internal") == "Internal":
                        self._targets[rel.get("Id") or ""] = _part_name(target)
        return self._targets

    def _extract(self, name: str, data: bytes) -> Extracted | None:
        """The chunk read as what its name or its first bytes say it is."""
        kind = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if kind in ("mht", "mhtml") or start.startswith(b"mime-version"):
            from .mhtml import html_of_archive

            data = html_of_archive(data)
            kind = "html"
        if kind in ("htm", "html", "xhtml") or start.startswith((b"<!doctype html", b"<html")):
            from .html import read_html

            return read_html(data, self.path)
        if kind == "docx" or data.startswith(b"PK\x03\x04"):
            if self.depth >= MAX_CHUNK_DEPTH:
                return None
            from .docx import read_docx

            return read_docx(data, self.path, chunk_depth=self.depth + 1)
        if kind == "txt":
            from .text import read_text

            return read_text(data, self.path)
        return None


def _part_name(target: str) -> str:
    """The zip member a relationship of ``word/document.xml`` targets (relative to ``word/``,
    or absolute from the package's root)."""
    if target.startswith("/"):
        return target[1:]
    parts: list[str] = ["word"]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)
