"""Cheap checks before a PDF is handed to PDFium, and the limits on what it may build.

A PDF is a container of compressed streams, so it can be a bomb like a .docx: 1.5 MB of Flate
data inflating to 1.5 GB of blank content stream took PDFium 21 s and 2.5 GB (pdfminer 19 s
and 3 GB). PDFium has no budget a caller can set, so before it sees the file:

- ``check_inflation`` walks the file's streams (``stream`` … ``endstream``) and inflates every
  one PDFium would decode to read text — content streams, fonts, CMaps, object and
  cross-reference streams; not images, which text extraction never decodes — counting the
  bytes and discarding them, through Flate (zlib, in C), LZW and RunLength (lengths only),
  after ASCIIHex/ASCII85. Past ``MAX_PDF_INFLATED_BYTES`` in all it raises ``InflationBomb``
  (the reader answers GAO001). The scan costs a few milliseconds on a real report.
- after PDFium has parsed a page, ``MAX_PAGE_OBJECTS`` caps the objects (glyph runs, paths,
  images, form contents) the reader will look at: past it the page is skipped with
  ``PageTooBusy``. One page can draw 300,000 glyphs (a 7 MB file): PDFium parses it in about a
  second, pdfminer took 21 s and 770 MB.

What this does not cover, and who does: an encrypted file's streams cannot be scanned before
PDFium decrypts them (the reader scans PDFium's decrypted copy instead, see pdf.py); a crash or
a hang inside PDFium's C code is contained by the worker process that reads the file
(gaolint/run.py) and its per-file budget, not here.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

from .limits import MAX_PDF_INFLATED_BYTES

#: Glyph runs, paths, images and form contents on one page before the page is given up: a
#: dense real report page has a few thousand.
MAX_PAGE_OBJECTS = 30_000

_CHUNK = 1024 * 1024
#: Where a stream's data starts; ``endstream`` matches too and is skipped.
_STREAM = re.compile(rb"stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
#: Filters of image data only (PDFium decodes them to draw, never to read text).
_IMAGE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"JBIG2Decode", b"CCITTFaxDecode", b"CCF"}


class PdfTooLarge(Exception):
    """A stream or a page past the limits; the message says which, in both languages."""


class InflationBomb(PdfTooLarge):
    """The document's streams inflate past the budget: the whole file is refused."""


class PageTooBusy(PdfTooLarge):
    """One page draws too much: that page is skipped."""


class _Budget:
    """Bytes the document's streams may still inflate to."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, produced: int) -> None:
        self.left -= produced
        if self.left < 0:
            raise InflationBomb(
                f"PDF 的压缩数据流解压后超过 {MAX_PDF_INFLATED_BYTES // (1024 * 1024)} MB，可能是压缩炸弹"
                f" / the PDF's compressed streams inflate past {MAX_PDF_INFLATED_BYTES // (1024 * 1024)} MB"
                f" (possible decompression bomb)"
            )


def _inflate(data: bytes, budget: _Budget, keep: bool) -> bytes:
    """Flate-decode ``data`` a megabyte at a time, each piece counted (and kept only when a
    further filter needs it). A damaged stream counts what inflated before the damage, as
    PDFium keeps that much."""
    inflater = zlib.decompressobj()
    pieces: list[bytes] = []
    pending = data
    try:
        while pending:
            piece = inflater.decompress(pending, _CHUNK)
            budget.spend(len(piece))
            if keep:
                pieces.append(piece)
            pending = inflater.unconsumed_tail
            if inflater.eof or (not piece and not pending):
                break
        while not inflater.eof:
            piece = inflater.decompress(b"", _CHUNK)
            if not piece:
                break
            budget.spend(len(piece))
            if keep:
                pieces.append(piece)
    except zlib.error:
        pass
    return b"".join(pieces)


def lzw_length(data: bytes, budget: _Budget, early: int = 1) -> int:
    """The decoded length of LZW data (PDF 32000 §7.4.4), counting without building the bytes:
    an entry's length is its parent's plus one."""
    lengths: list[int] = []
    width, total, previous = 9, 0, -1
    bits = value = 0
    for byte in data:
        value = (value << 8) | byte
        bits += 8
        while bits >= width:
            bits -= width
            code = (value >> bits) & ((1 << width) - 1)
            value &= (1 << bits) - 1
            if code == 256:  # clear table
                lengths, width, previous = [], 9, -1
                continue
            if code == 257:  # end of data
                return total
            if code < 256:
                size = 1
            elif code - 258 < len(lengths):
                size = lengths[code - 258]
            elif previous >= 0:  # the KwKwK case: the entry being defined
                size = (1 if previous < 256 else lengths[previous - 258]) + 1
            else:
                return total  # damaged: PDFium stops here too
            if previous >= 0:
                lengths.append((1 if previous < 256 else lengths[previous - 258]) + 1)
            previous = code
            total += size
            budget.spend(size)
            next_code = 258 + len(lengths) + early
            if next_code >= 512 and width < 12 and next_code >= (1 << width):
                width += 1
    return total


def run_length_length(data: bytes, budget: _Budget) -> int:
    """The decoded length of RunLengthDecode data (PDF 32000 §7.4.5), counted as it goes: two
    bytes can stand for 128."""
    index, size, total = 0, len(data), 0
    while index < size:
        length = data[index]
        if length == 128:
            break
        if length < 128:  # a literal run, perhaps cut short by the end of the data
            produced = min(length + 1, size - index - 1)
            index += length + 2
        else:  # one byte repeated
            produced = 257 - length if index + 1 < size else 0
            index += 2
        total += produced
        budget.spend(produced)
    return total


def _filters(dictionary: bytes) -> list[bytes]:
    found = _FILTER.search(dictionary)
    return _NAME.findall(found.group(1)) if found else []


def check_inflation(data: bytes, limit: int = MAX_PDF_INFLATED_BYTES) -> int:
    """Raise ``InflationBomb`` when the streams PDFium would decode to read the text inflate
    past ``limit`` bytes in all; otherwise return how many bytes they inflate to."""
    budget = _Budget(limit)
    for match in _STREAM.finditer(data):
        begin = match.start()
        if data[begin - 3 : begin] == b"end":
            continue
        head = data[max(0, begin - 4096) : begin]
        dictionary = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
        filters = _filters(dictionary)
        if not filters or _IMAGE.search(dictionary) or _IMAGE_FILTERS.intersection(filters):
            continue
        end = data.find(b"endstream", match.end())
        payload = data[match.end() : end if end >= 0 else len(data)]
        _decode_chain(payload, filters, budget)
    return limit - budget.left


def _decode_chain(payload: bytes, filters: list[bytes], budget: _Budget) -> None:
    for position, name in enumerate(filters):
        last = position == len(filters) - 1
        try:
            if name in (b"ASCIIHexDecode", b"AHx"):
                text = re.sub(rb"\s+", b"", payload.split(b">", 1)[0])
                payload = binascii.unhexlify(text + b"0" * (len(text) % 2))
            elif name in (b"ASCII85Decode", b"A85"):
                body = payload.strip()
                body = body[2:] if body.startswith(b"<~") else body
                payload = base64.a85decode(body.split(b"~>", 1)[0] + b"~>", adobe=True)
            elif name in (b"FlateDecode", b"Fl"):
                payload = _inflate(payload, budget, keep=not last)
            elif name in (b"LZWDecode", b"LZW"):
                lzw_length(payload, budget)
                return
            elif name in (b"RunLengthDecode", b"RL"):
                run_length_length(payload, budget)
                return
            else:
                return
        except (ValueError, binascii.Error):
            return
