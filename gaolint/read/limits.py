"""Size limits that keep one hostile or absurd file from exhausting time or memory.

Every reader checks these before doing expensive work; going over one is a GAO001 finding,
never an exception that escapes.
"""

#: Largest file gaolint reads at all (bytes on disk).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Largest decoded text handed to the parser (characters). A real report is well under 1 MB.
#: Every copy of the text the pipeline makes (lines, normalised lines, cells) costs about its
#: size again: at 16 M characters a text file took 200-340 MB.
MAX_TEXT_CHARS = 4 * 1024 * 1024
#: Bytes of a text or Markdown file decoded at all: no encoding needs more than four bytes a
#: character, so the bytes past this never reach MAX_TEXT_CHARS; cut at a line end, they are
#: never decoded (a 60 MB file was decoded whole, to be cut afterwards).
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS
#: Total inflated size allowed for the members of a .docx (zip bomb guard).
MAX_INFLATED_BYTES = 96 * 1024 * 1024
#: Total bytes a PDF's Flate streams may inflate to (content, fonts, object streams), all kept
#: in memory by pdfminer: a real report needs a few MB, a bomb gigabytes.
MAX_PDF_INFLATED_BYTES = 96 * 1024 * 1024
#: XML elements in a .docx's parts, all parsed into memory at once by python-docx (about
#: 500 bytes each): a 50 MB document.xml of a million short paragraphs, within the size and
#: ratio limits, took 1.3 GB. A real report has a few thousand; a run per character, 200,000.
MAX_XML_ELEMENTS = 250_000
#: Largest compression ratio accepted for one zip member before it is treated as a bomb.
MAX_COMPRESSION_RATIO = 200
#: Pages read from a PDF; later pages are ignored with a note.
MAX_PDF_PAGES = 200
#: Lines handed to the parser; the rest of a longer file is not read (with a note). A real
#: report has a few hundred; each line costs about 450 bytes through the pipeline, so 15 MB of
#: newlines (15 million lines) took 65 s and 6.5 GB before this limit.
MAX_LINES = 100_000
#: Longest line kept whole; longer lines are cut (regexes stay linear on them anyway).
MAX_LINE_CHARS = 20_000
#: Pictures placed among one document's lines (``Extracted.images``); a report has a few.
MAX_PICTURES = 1_000
#: A picture this small in either dimension (in pixels) is an icon, a bullet or a spacer, not
#: one that could show a table.
ICON_PIXELS = 64

#: ``time.monotonic()`` by which a conversion by LibreOffice (``soffice``) must have ended, or
#: None: a worker under a wall-clock budget sets it for each file (``set_conversion_deadline``).
_conversion_deadline: float | None = None


def set_conversion_deadline(at: float | None) -> None:
    """Make LibreOffice conversions end by ``at`` (``time.monotonic()``; None: only their own
    limit, ``soffice.SOFFICE_TIMEOUT``). A converter left waiting past the worker's own
    deadline was orphaned when the worker was killed (LibreOffice kept running, its temporary
    folder and profile left behind), since its limit, longer than the worker's, never came.
    Here, not in ``soffice``, so that a worker sets it without importing anything."""
    global _conversion_deadline
    _conversion_deadline = at


def conversion_deadline() -> float | None:
    return _conversion_deadline
