"""Bounds on what pdfminer may build from a PDF: inflated stream bytes and objects per page.

A PDF is a container of compressed streams, so it can be a bomb like a .docx: 1.5 MB of
Flate data inflating to 1.5 GB of blank content stream took pdfminer 19 s and 3 GB. And one
page can draw 300,000 glyphs (a 7 MB file took 21 s and 770 MB). pdfminer has no limits of its
own, so while gaolint reads a PDF:

- ``bounded_inflation`` stands in for the ``zlib`` module and the LZW and RunLength decoders
  pdfminer's stream decoder calls, and stops once the document's streams have inflated past
  ``MAX_PDF_INFLATED_BYTES`` in all;
- ``bounded_layout`` lays a page out with a device that stops after ``MAX_PAGE_OBJECTS``
  glyphs, lines and images.

They raise ``InflationBomb`` (the reader answers GAO001) and ``PageTooBusy`` (the page is
skipped with a note).
"""

from __future__ import annotations

import zlib
from contextlib import contextmanager
from typing import Any, Iterator

from .limits import MAX_PDF_INFLATED_BYTES

#: Glyphs, lines and images laid out on one page before the page is given up: a dense real
#: report page has a few thousand.
MAX_PAGE_OBJECTS = 30_000


_CHUNK = 1024 * 1024


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


class _BoundedDecompressor:
    """``zlib.decompressobj()`` whose output counts against the budget (pdfminer feeds it one
    byte at a time to recover corrupted streams)."""

    def __init__(self, budget: _Budget, *args: Any, **kwargs: Any) -> None:
        self._inner = zlib.decompressobj(*args, **kwargs)
        self._budget = budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        limit = max(self._budget.left, 0) + 1
        out = self._inner.decompress(data, min(max_length, limit) if max_length else limit)
        self._budget.spend(len(out))
        return out

    def flush(self, *args: Any) -> bytes:
        out = self._inner.flush(*args)
        self._budget.spend(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """The part of the ``zlib`` module pdfminer's stream decoder uses, under a budget."""

    error = zlib.error

    def __init__(self, budget: _Budget) -> None:
        self._budget = budget

    def decompress(self, data: bytes, *args: Any) -> bytes:
        """As ``zlib.decompress``: the whole stream, or ``zlib.error`` when it is damaged or cut
        short (pdfminer then tries its recovery), but never more than the budget allows."""
        inflater = zlib.decompressobj(*args[:1])  # (wbits); the buffer size does not matter
        # A megabyte at a time, so a bomb is stopped with one budget's worth in memory, not
        # the twice that one big call holds while it assembles its result.
        pieces = [inflater.decompress(data, _CHUNK)]
        self._budget.spend(len(pieces[-1]))
        while not inflater.eof and (inflater.unconsumed_tail or len(pieces[-1]) == _CHUNK):
            piece = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
            if not piece:
                break
            self._budget.spend(len(piece))
            pieces.append(piece)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return b"".join(pieces)

    def decompressobj(self, *args: Any, **kwargs: Any) -> _BoundedDecompressor:
        return _BoundedDecompressor(self._budget, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_lzw(budget: _Budget) -> Any:
    """pdfminer's LZW decoder, its pieces counted as they come (one code can stand for
    thousands of bytes)."""
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    def lzwdecode(data: bytes) -> bytes:
        pieces = []
        for piece in LZWDecoder(BytesIO(data)).run():
            budget.spend(len(piece))
            pieces.append(piece)
        return b"".join(pieces)

    return lzwdecode


def _bounded_run_length(budget: _Budget) -> Any:
    """RunLengthDecode (PDF 32000 §7.4.5) into a bytearray under the budget: two bytes can
    stand for 128, and pdfminer's decoder holds its output as a list of ints (eight bytes of
    memory per byte)."""

    def rldecode(data: bytes) -> bytes:
        out = bytearray()
        index, size = 0, len(data)
        while index < size:
            length = data[index]
            index += 1
            if length == 128:  # end of data
                break
            if length < 128:
                if index + length + 1 > size:
                    raise ValueError("RunLengthDecode: a literal run is cut short")
                out += data[index : index + length + 1]
                index += length + 1
                budget.spend(length + 1)
            else:
                if index >= size:
                    raise ValueError("RunLengthDecode: a repeated run is cut short")
                out += data[index : index + 1] * (257 - length)
                index += 1
                budget.spend(257 - length)
        return bytes(out)

    return rldecode


@contextmanager
def bounded_inflation(limit: int = MAX_PDF_INFLATED_BYTES) -> Iterator[None]:
    """While open, pdfminer's Flate, LZW and RunLength decoders produce at most ``limit``
    bytes in all."""
    from pdfminer import pdftypes

    budget = _Budget(limit)
    originals = (pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode)
    pdftypes.zlib = _BoundedZlib(budget)  # type: ignore[assignment]
    pdftypes.lzwdecode = _bounded_lzw(budget)
    pdftypes.rldecode = _bounded_run_length(budget)
    try:
        yield
    finally:
        pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode = originals


def bounded_layout(pdf: Any, page_object: Any, number: int) -> Any:
    """pdfminer's layout of one page, as pdfplumber makes it, given up after
    ``MAX_PAGE_OBJECTS`` objects. Assign it to the pdfplumber page's ``_layout``."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):
        placed = 0

        def _count(self) -> None:
            self.placed += 1
            if self.placed > MAX_PAGE_OBJECTS:
                raise PageTooBusy(
                    f"第{number}页的字符和图形超过 {MAX_PAGE_OBJECTS} 个，未读取 / page {number} draws more "
                    f"than {MAX_PAGE_OBJECTS} glyphs and shapes; it was not read"
                )

        def render_char(self, *args: Any, **kwargs: Any) -> float:  # type: ignore[override]
            self._count()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            self._count()
            super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            self._count()
            super().render_image(*args, **kwargs)

    device = Device(pdf.rsrcmgr, pageno=number, laparams=pdf.laparams)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page_object)
    return device.get_result()
