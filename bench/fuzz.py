"""Fuzz gaolint through its command line: mutated reports of every container, each answered
within the per-file budget, without a traceback, an internal error (GAO000) or a changed input.

    python -m bench.fuzz --seconds 60                  # a smoke run (what CI runs, via a test)
    python -m bench.fuzz --seconds 3600 --jobs 2 --out /tmp/fuzz   # a campaign (docs/fuzzing.md)
    python -m bench.fuzz --replay pdf:ref_chain:3:4000  # one recipe, as a regression test builds it

Why through the command line: what users run is the installed ``gaolint check``, with its
workers, deadlines and cache; an in-process call would not see a hung worker or a traceback
printed by the run layer. Inputs are linted in batches (one ``gaolint check`` per folder of a
few dozen files) so start-up does not dominate; a failing batch is re-run file by file to name
the file.

Every case is a *recipe*: container, mutator, seed and size, written ``container:mutator:seed:
size``. The seed report is rendered by the test builder (tests/builder) from the seed, and the
mutator is deterministic given the recipe, so a failure is reproduced from its recipe alone:
the regression tests (tests/test_fuzz_regressions.py) list recipes, not binary files. A failure
is minimised by shrinking the size while it still fails the same way, and saved under
``--out`` (recipe, failure, the minimised input, the command's output).

Failures: ``traceback`` (Python's, on stderr), ``internal-error`` (GAO000), ``over-budget``
(GAO001 naming the time or memory limit: answered in bounded time, but the cheap checks or the
reader should have answered sooner), ``exit`` (an exit code other than 0/1), ``hang`` (the
batch ran past its own wall-clock limit), ``input-modified``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EXTENSIONS = {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}


# --- seeds -----------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def seed_bytes(container: str, seed: int) -> bytes:
    """A report rendered by the test builder: the same bytes for the same (container, seed)."""
    from tests.builder import SHAPES, build_document, render_text, sample_spec

    document = build_document(sample_spec(seed))
    if container == "txt":
        return render_text(document, sorted(SHAPES)[seed % len(SHAPES)]).encode("utf-8")
    if container == "md":
        return render_text(document, "markdown" if "markdown" in SHAPES else "pipe").encode("utf-8")
    if container == "html":
        from tests.builder.html import render_html

        return render_html(document)
    if container == "docx":
        from tests.builder.docx import render_docx

        return render_docx(document)
    from tests.builder.pdf import render_pdf

    return render_pdf(document)


# --- byte mutators (every container) ---------------------------------------------------------

def flip(data: bytes, rng: random.Random, size: int) -> bytes:
    out = bytearray(data)
    for _ in range(max(1, size)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random, size: int) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def splice(data: bytes, rng: random.Random, size: int) -> bytes:
    """A slice of the file copied elsewhere into it, ``size`` times."""
    out = data
    for _ in range(max(1, size)):
        if len(out) < 2:
            break
        a = rng.randrange(len(out))
        b = min(len(out), a + rng.randrange(1, 4096))
        at = rng.randrange(len(out))
        out = out[:at] + out[a:b] + out[at:]
    return out


def junk(data: bytes, rng: random.Random, size: int) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(max(1, size)) + data[at:]


BYTE_MUTATORS = {"flip": flip, "truncate": truncate, "splice": splice, "junk": junk}


# --- text mutators (.txt, .md; also the text inside .html) -----------------------------------

_ODD = ["\u200b", "\u202e", "\ufeff", "\u0301" * 50, "\ud800", "\U0001f600", "\x00", "\x1b[31m", "\r", "\u2028", "\uffff"]


def encoding(data: bytes, rng: random.Random, size: int) -> bytes:
    text = data.decode("utf-8", "replace")
    name = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "big5", "utf-8-sig"][size % 7]
    return text.encode(name, "replace")


def unicode_odd(data: bytes, rng: random.Random, size: int) -> bytes:
    text = data.decode("utf-8", "replace")
    for _ in range(max(1, size)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(_ODD) + text[at:]
    return text.encode("utf-8", "surrogatepass")


def long_lines(data: bytes, rng: random.Random, size: int) -> bytes:
    """One line made ``size`` thousand characters long: blanks, digits or separators."""
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    lines[at] += rng.choice([" ", "1 ", "|", "\t", "，", "-"]) * (size * 1000)
    return "\n".join(lines).encode("utf-8")


def table_lines(data: bytes, rng: random.Random, size: int) -> bytes:
    """``size`` thousand table-like lines appended: the shape that made text slow."""
    row = rng.choice(["| 收到申请数 | {} | {} | {} |", "（{}）申请数\t{}\t{}\t{}", "{} {} {} {} {} {} {}"])
    lines = [row.format(*(rng.randrange(1000) for _ in range(7))) for _ in range(size * 1000)]
    return data + ("\n".join(lines)).encode("utf-8")


TEXT_MUTATORS = {"encoding": encoding, "unicode_odd": unicode_odd, "long_lines": long_lines, "table_lines": table_lines}


# --- PDF structural mutators -----------------------------------------------------------------

_OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)


def _pdf_parts(data: bytes) -> tuple[dict[int, bytes], bytes]:
    objects = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}
    trailer = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.S)
    return objects, trailer.group(1) if trailer else b"<< >>"


def _pdf_write(objects: dict[int, bytes], trailer: bytes) -> bytes:
    """Objects and a trailer as a PDF with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\x93\x8c\x8b\x9e\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj" % number + objects[number] + b"endobj\n")
    size = max(objects) + 1
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        if number in offsets:
            out.write(b"%010d 00000 n \n" % offsets[number])
        else:
            out.write(b"0000000000 00000 f \n")
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer)
    out.write(b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % start)
    return out.getvalue()


def _first(objects: dict[int, bytes], marker: bytes) -> int:
    return min(n for n, body in objects.items() if marker in body)


def ref_chain(data: bytes, rng: random.Random, size: int) -> bytes:
    """The catalog's /Pages reached through ``size`` objects that only refer to the next."""
    objects, trailer = _pdf_parts(data)
    catalog = _first(objects, b"/Catalog")
    pages = int(re.search(rb"/Pages (\d+) 0 R", objects[catalog]).group(1))
    top = max(objects) + 1
    chain = list(range(top, top + max(1, size)))
    for here, there in zip(chain, chain[1:] + [pages]):
        objects[here] = b" %d 0 R " % there
    objects[catalog] = objects[catalog].replace(b"/Pages %d 0 R" % pages, b"/Pages %d 0 R" % chain[0])
    return _pdf_write(objects, trailer)


def parent_loop(data: bytes, rng: random.Random, size: int) -> bytes:
    """The page tree's root made its own /Parent (size odd), or a page its own parent."""
    objects, trailer = _pdf_parts(data)
    root = _first(objects, b"/Kids")
    if size % 2:
        objects[root] = objects[root].replace(b"/Type /Pages", b"/Type /Pages /Parent %d 0 R" % root, 1)
    else:
        page = _first(objects, b"/Type /Page\n")
        objects[page] = re.sub(rb"/Parent \d+ 0 R", b"/Parent %d 0 R" % page, objects[page])
    return _pdf_write(objects, trailer)


def kids_loop(data: bytes, rng: random.Random, size: int) -> bytes:
    """The page tree's root listed among its own /Kids."""
    objects, trailer = _pdf_parts(data)
    root = _first(objects, b"/Kids")
    objects[root] = objects[root].replace(b"/Kids [", b"/Kids [ %d 0 R" % root, 1)
    return _pdf_write(objects, trailer)


def recursive_form(data: bytes, rng: random.Random, size: int) -> bytes:
    """A form XObject that draws itself, drawn by the first page."""
    objects, trailer = _pdf_parts(data)
    page = _first(objects, b"/Type /Page\n")
    form, content = max(objects) + 1, max(objects) + 2
    drawing = b"q /Fx Do Q"
    objects[form] = (b" << /Type /XObject /Subtype /Form /BBox [ 0 0 100 100 ] /Resources << /XObject << /Fx %d 0 R >> >>"
                     b" /Length %d >>\nstream\n%s\nendstream\n" % (form, len(drawing), drawing))
    objects[content] = b" << /Length %d >>\nstream\n%s\nendstream\n" % (len(drawing), drawing)
    body = objects[page]
    body = re.sub(rb"/Contents (\d+) 0 R", lambda m: b"/Contents [ %s 0 R %d 0 R ]" % (m.group(1), content), body)
    body = body.replace(b"/Resources <<", b"/Resources << /XObject << /Fx %d 0 R >>" % form, 1)
    objects[page] = body
    return _pdf_write(objects, trailer)


def broken_xref(data: bytes, rng: random.Random, size: int) -> bytes:
    """Every cross-reference offset moved by ``size`` bytes, or startxref pointing nowhere."""
    if size % 3 == 0:
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % (len(data) * 7 + size), data)
    return re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % max(0, int(m.group(1)) + size), data)


def mediabox(data: bytes, rng: random.Random, size: int) -> bytes:
    """Every MediaBox given two numbers (or one, or six)."""
    box = [b"[ 595 842 ]", b"[ 0 ]", b"[ 0 0 595 842 1 1 ]", b"[ /a /b /c /d ]", b"[ 0 0 1e400 -1e400 ]"][size % 5]
    return re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox " + box, data)


def many_objects(data: bytes, rng: random.Random, size: int) -> bytes:
    """``size`` thousand extra (unreferenced) objects, and a trailer /Size to match."""
    objects, trailer = _pdf_parts(data)
    top = max(objects) + 1
    for number in range(top, top + size * 1000):
        objects[number] = b" null "
    return _pdf_write(objects, trailer)


def huge_count(data: bytes, rng: random.Random, size: int) -> bytes:
    """The page tree claiming a page count and an xref /Size of about 10^size."""
    data = re.sub(rb"/Count \d+", b"/Count " + b"9" * max(1, size), data)
    return re.sub(rb"/Size \d+", b"/Size " + b"9" * max(1, size), data)


def deep_array(data: bytes, rng: random.Random, size: int) -> bytes:
    """An object of ``size`` thousand nested arrays (or dictionaries) in the catalog."""
    objects, trailer = _pdf_parts(data)
    catalog = _first(objects, b"/Catalog")
    depth = size * 1000
    nested = b"[" * depth + b"]" * depth if size % 2 else b"<</A " * depth + b">>" * depth
    objects[catalog] = objects[catalog].replace(b"/Type /Catalog", b"/Type /Catalog /Junk " + nested, 1)
    return _pdf_write(objects, trailer)


PDF_MUTATORS = {
    "ref_chain": ref_chain, "parent_loop": parent_loop, "kids_loop": kids_loop, "recursive_form": recursive_form,
    "broken_xref": broken_xref, "mediabox": mediabox, "many_objects": many_objects, "huge_count": huge_count,
    "deep_array": deep_array,
}
#: The sizes a campaign draws for each structural PDF mutator.
PDF_SIZES = {"ref_chain": (10, 100, 1000, 5000), "many_objects": (1, 50, 300, 600), "huge_count": (3, 10, 19, 40),
             "deep_array": (1, 10, 100), "broken_xref": (1, 3, 17, 300, -5)}


# --- .docx mutators --------------------------------------------------------------------------

def _docx_edit(data: bytes, edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = edit(content)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=item.date_time), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


_TABLE = re.compile(rb"<w:tbl>.*?</w:tbl>", re.S)


def docx_utf16(data: bytes, rng: random.Random, size: int) -> bytes:
    def edit(xml: bytes) -> bytes:
        text = xml.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
        return text.encode("utf-16" if size % 2 else "utf-16-be")
    return _docx_edit(data, edit)


def docx_repeat_tables(data: bytes, rng: random.Random, size: int) -> bytes:
    def edit(xml: bytes) -> bytes:
        table = _TABLE.search(xml)
        if not table:
            return xml
        return xml[: table.end()] + table.group() * size + xml[table.end():]
    return _docx_edit(data, edit)


def docx_nested_tables(data: bytes, rng: random.Random, size: int) -> bytes:
    """A table inside a cell of a table inside a cell … ``size`` deep."""
    def edit(xml: bytes) -> bytes:
        table = _TABLE.search(xml)
        if not table:
            return xml
        inner = b"<w:p/>"
        for _ in range(size):
            inner = b"<w:tbl><w:tr><w:tc>" + inner + b"<w:p/></w:tc></w:tr></w:tbl>"
        first_cell_end = xml.find(b"</w:tc>", table.start())
        return xml[:first_cell_end] + inner + xml[first_cell_end:]
    return _docx_edit(data, edit)


def docx_spans(data: bytes, rng: random.Random, size: int) -> bytes:
    """Every cell given a huge gridSpan, or a vMerge continuing from nowhere."""
    value = [b"1000000", b"2147483647", b"-1", b"99999999999999999999", b"0"][size % 5]

    def edit(xml: bytes) -> bytes:
        if size % 2:
            return xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + value + b'"/>')
        return xml.replace(b"<w:tcPr>", b"<w:tcPr><w:vMerge/>")
    return _docx_edit(data, edit)


DOCX_MUTATORS = {"utf16": docx_utf16, "repeat_tables": docx_repeat_tables, "nested_tables": docx_nested_tables,
                 "spans": docx_spans}
DOCX_SIZES = {"repeat_tables": (10, 200, 2000), "nested_tables": (5, 50, 500), "spans": (1, 2, 3, 4, 5)}


# --- HTML mutators ---------------------------------------------------------------------------

def html_deep(data: bytes, rng: random.Random, size: int) -> bytes:
    tag = rng.choice([b"div", b"span", b"table", b"td", b"b", b"p"])
    depth = size * 1000
    at = data.find(b"<body>") + 6 if b"<body>" in data else 0
    return data[:at] + b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + data[at:]


def html_spans(data: bytes, rng: random.Random, size: int) -> bytes:
    value = [b"100000000", b"65535", b"-3", b"1e9", b"99999999999999999999"][size % 5]
    attribute = b"rowspan" if size % 2 else b"colspan"
    return re.sub(rb"<td", b"<td " + attribute + b'="' + value + b'"', data)


def html_repeat(data: bytes, rng: random.Random, size: int) -> bytes:
    match = re.search(rb"<table.*?</table>", data, re.S)
    if not match:
        return data
    return data[: match.end()] + match.group() * size + data[match.end():]


HTML_MUTATORS = {"deep": html_deep, "spans": html_spans, "repeat": html_repeat}
HTML_SIZES = {"deep": (1, 10, 100), "repeat": (10, 100, 1000)}

MUTATORS = {
    "txt": {**BYTE_MUTATORS, **TEXT_MUTATORS},
    "md": {**BYTE_MUTATORS, **TEXT_MUTATORS},
    "html": {**BYTE_MUTATORS, **HTML_MUTATORS, "unicode_odd": unicode_odd, "encoding": encoding},
    "docx": {**BYTE_MUTATORS, **DOCX_MUTATORS},
    "pdf": {**BYTE_MUTATORS, **PDF_MUTATORS},
}
SIZES = {**PDF_SIZES, **DOCX_SIZES, **HTML_SIZES, "long_lines": (1, 19, 200), "table_lines": (1, 20, 90)}


# --- recipes ---------------------------------------------------------------------------------

class Recipe:
    """container:mutator:seed:size — everything needed to make the same input again."""

    def __init__(self, container: str, mutator: str, seed: int, size: int) -> None:
        self.container, self.mutator, self.seed, self.size = container, mutator, seed, size

    @classmethod
    def parse(cls, text: str) -> "Recipe":
        container, mutator, seed, size = text.split(":")
        return cls(container, mutator, int(seed), int(size))

    def __str__(self) -> str:
        return f"{self.container}:{self.mutator}:{self.seed}:{self.size}"

    def build(self) -> bytes:
        rng = random.Random(f"{self}")
        return MUTATORS[self.container][self.mutator](seed_bytes(self.container, self.seed % 8), rng, self.size)

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.container]


def draw(rng: random.Random) -> Recipe:
    container = rng.choice(list(MUTATORS))
    mutator = rng.choice(list(MUTATORS[container]))
    size = rng.choice(SIZES.get(mutator, (1, 2, 3, 8, 64)))
    return Recipe(container, mutator, rng.randrange(1_000_000), size)


# --- running ---------------------------------------------------------------------------------

LIMIT_WORDS = ("per-file time limit", "per-file memory limit", "wall-clock limit")


class Failure:
    def __init__(self, recipe: Recipe, kind: str, detail: str) -> None:
        self.recipe, self.kind, self.detail = recipe, kind, detail

    def __repr__(self) -> str:
        return f"{self.kind}: {self.recipe} ({self.detail[:200]})"


def gaolint_command(jobs: int) -> list[str]:
    return [sys.executable, "-m", "gaolint", "check", "--no-cache", "--no-progress", "--format", "json",
            "--fail-on", "never", "--lang", "en", "--jobs", str(jobs)]


def run_batch(recipes: list[Recipe], folder: Path, jobs: int = 1, per_file: float = 20.0) -> list[Failure]:
    """Write the recipes' inputs into ``folder``, check them in one run, return the failures
    (a failing run as a whole is retried one file at a time to find the file)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files: dict[str, Recipe] = {}
    digests: dict[str, str] = {}
    for number, recipe in enumerate(recipes):
        try:
            data = recipe.build()
        except Exception:  # a mutator that does not apply to this seed: no case
            continue
        path = folder / f"{number:05d}-{recipe.container}-{recipe.mutator}{recipe.extension}"
        path.write_bytes(data)
        files[path.name] = recipe
        digests[path.name] = hashlib.sha256(data).hexdigest()
    if not files:
        return []
    failures, whole = _check(folder, list(files), files, jobs, per_file * len(files) + 30)
    if whole is not None:
        failures = []
        for name in files:
            single, whole_single = _check(folder, [name], files, 1, per_file + 30)
            failures.extend(single)
            if whole_single is not None:
                failures.append(Failure(files[name], whole_single[0], whole_single[1]))
    for name, recipe in files.items():
        path = folder / name
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digests[name]:
            failures.append(Failure(recipe, "input-modified", name))
    return failures


def _check(folder: Path, names: list[str], files: dict, jobs: int, limit: float):
    """(failures named by the output, None) or ([], (kind, detail)) when the run failed as a whole."""
    command = gaolint_command(jobs) + [str(folder / name) for name in names]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        done = subprocess.run(command, capture_output=True, timeout=limit, env=env, cwd=folder)
    except subprocess.TimeoutExpired:
        return [], ("hang", f"no answer within {limit:.0f} s")
    stderr = done.stderr.decode("utf-8", "replace")
    if "Traceback" in stderr:
        return [], ("traceback", stderr[-3000:])
    if done.returncode not in (0, 1):
        return [], ("exit", f"exit {done.returncode}: {stderr[-2000:]}")
    try:
        findings = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        return [], ("exit", "output is not JSON: " + done.stdout[:500].decode("utf-8", "replace"))
    failures = []
    for finding in findings:
        name = os.path.basename(finding.get("path", ""))
        recipe = files.get(name)
        if recipe is None:
            continue
        message = str(finding.get("message", ""))
        if finding.get("rule") == "GAO000":
            failures.append(Failure(recipe, "internal-error", message))
        elif finding.get("rule") == "GAO001" and any(word in message for word in LIMIT_WORDS):
            failures.append(Failure(recipe, "over-budget", message))
    return failures, None


def minimise(failure: Failure, folder: Path, jobs: int = 1) -> Failure:
    """The same failure with the smallest size that still shows it (halving, a few tries)."""
    best = failure
    size = failure.recipe.size
    for _ in range(8):
        smaller = size // 2 if size > 1 else 0
        if smaller == size or smaller < 1:
            break
        candidate = Recipe(best.recipe.container, best.recipe.mutator, best.recipe.seed, smaller)
        again = [f for f in run_batch([candidate], folder, jobs) if f.kind == failure.kind]
        if not again:
            break
        best, size = again[0], smaller
    return best


def save(failure: Failure, out: Path) -> Path:
    """The reproducer: the input, its recipe and the failure, in a folder of its own."""
    place = out / f"{failure.kind}-{str(failure.recipe).replace(':', '-')}"
    place.mkdir(parents=True, exist_ok=True)
    (place / f"input{failure.recipe.extension}").write_bytes(failure.recipe.build())
    (place / "reproducer.json").write_text(json.dumps({
        "recipe": str(failure.recipe), "kind": failure.kind, "detail": failure.detail,
        "replay": f"python -m bench.fuzz --replay {failure.recipe}",
        "regression": f"add \"{failure.recipe}\" to REGRESSIONS in tests/test_fuzz_regressions.py",
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    return place


def campaign(seconds: float, seed: int = 0, batch: int = 40, jobs: int = 1, out: Path | None = None,
             log=print) -> tuple[int, list[Failure]]:
    """Draw and check recipes until ``seconds`` have passed; (inputs checked, failures)."""
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="gaolint-fuzz-"))
    deadline = time.monotonic() + seconds
    checked, failures = 0, []
    try:
        while time.monotonic() < deadline:
            recipes = [draw(rng) for _ in range(batch)]
            found = run_batch(recipes, work / "batch", jobs)
            checked += len(recipes)
            for failure in found:
                failure = minimise(failure, work / "minimise", jobs) if time.monotonic() < deadline else failure
                failures.append(failure)
                where = save(failure, out) if out is not None else None
                log(f"FAIL {failure!r}" + (f" -> {where}" if where else ""))
            log(f"{checked} inputs, {len(failures)} failures, {max(0, deadline - time.monotonic()):.0f} s left")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return checked, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget of the campaign")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="random seed (printed)")
    parser.add_argument("--batch", type=int, default=40, help="inputs per gaolint run")
    parser.add_argument("--jobs", type=int, default=1, help="gaolint --jobs")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where reproducers go")
    parser.add_argument("--replay", metavar="RECIPE", nargs="+", help="check these recipes only")
    args = parser.parse_args(argv)
    if args.replay:
        with tempfile.TemporaryDirectory() as work:
            failures = run_batch([Recipe.parse(r) for r in args.replay], Path(work) / "replay", args.jobs)
        for failure in failures:
            print(f"FAIL {failure!r}")
        return 1 if failures else 0
    print(f"seed {args.seed}")
    checked, failures = campaign(args.seconds, args.seed, args.batch, args.jobs, args.out)
    print(f"{checked} inputs checked, {len(failures)} failures" + (f" (reproducers in {args.out})" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
