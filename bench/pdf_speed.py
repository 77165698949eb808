"""PDF pages per second: gaolint against bare pypdfium2 on the same files, side by side.

    python bench/pdf_speed.py [FOLDER_OR_PDF ...]      # default: the bench's 200 generated PDFs
                                                       # and ../shared/corpus/*.pdf

Three figures, each over the same files, on one core:

* floor: bare pypdfium2 text extraction — open the file, and for every page build the text
  page and take its text (``get_text_range``);
* floor + boxes: the same plus what the reader needs beyond text: every glyph's box and a walk
  of the page's objects (the rules of its tables);
* gaolint: ``gaolint check --jobs 1 --no-cache --no-progress`` over the files in a child
  process (start-up, reading, tables, parsing, rules, output), and, in this process,
  ``read_pdf`` alone.

The generated corpus is written by bench/corpus.py (``build_containers``) under
``$TMPDIR/gaolint-bench/pdf-200``.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))


def _files(arguments: list[str]) -> list[Path]:
    if not arguments:
        import corpus

        generated = corpus.build_containers(Path(tempfile.gettempdir()) / "gaolint-bench" / "pdf-200", 200, ".pdf")
        real = sorted((ROOT.parent / "shared" / "corpus").glob("*.pdf"))
        return [*generated, *real]
    found: list[Path] = []
    for argument in map(Path, arguments):
        found.extend(sorted(argument.rglob("*.pdf")) if argument.is_dir() else [argument])
    return found


def floor(files: list[Path], boxes: bool) -> tuple[float, int]:
    import pypdfium2
    import pypdfium2.raw as c

    pages = 0
    box = c.FS_RECTF()
    started = time.process_time()
    for path in files:
        try:
            document = pypdfium2.PdfDocument(path.read_bytes())
        except pypdfium2.PdfiumError:
            continue
        for page in document:
            text = page.get_textpage()
            text.get_text_range()
            if boxes:
                raw = text.raw
                for index in range(c.FPDFText_CountChars(raw)):
                    c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(box))
                for index in range(c.FPDFPage_CountObjects(page.raw)):
                    c.FPDFPageObj_GetType(c.FPDFPage_GetObject(page.raw, index))
            text.close()
            page.close()
            pages += 1
        document.close()
    return time.process_time() - started, pages


def reader(files: list[Path]) -> float:
    from gaolint.read.base import UnreadableFile
    from gaolint.read.pdf import read_pdf

    started = time.process_time()
    for path in files:
        try:
            read_pdf(path.read_bytes(), str(path))
        except UnreadableFile:
            pass
    return time.process_time() - started


def gaolint(files: list[Path]) -> float:
    """CPU seconds (user + system) of ``gaolint check --jobs 1`` over the files."""
    command = [sys.executable, "-m", "gaolint", "check", "--jobs", "1", "--no-cache", "--no-progress",
               *map(str, files)]
    before = os.times()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> int:
    files = _files(sys.argv[1:])
    bare, pages = floor(files, boxes=False)
    boxed, _ = floor(files, boxes=True)
    read = reader(files)
    whole = gaolint(files)
    print(f"{len(files)} PDFs, {pages} pages; CPU seconds on one core, pages per second (load {os.getloadavg()[0]:.1f})")
    for name, seconds in (("bare pypdfium2: text", bare), ("bare pypdfium2: text + glyph boxes + objects", boxed),
                          ("gaolint read_pdf (reading only)", read),
                          ("gaolint check --jobs 1 --no-cache (everything)", whole)):
        print(f"  {name:48} {seconds:7.2f} s  {pages / seconds:7.1f} pages/s  {seconds / bare:5.1f}x the floor")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
