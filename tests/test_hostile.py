"""Hostile input: files built to exhaust time or memory, and regular expressions driven into
their worst cases. Every file gets an answer (GAO001, or ordinary findings) in bounded time
and memory; no pattern in gaolint/parse or gaolint/normalise backtracks out of linear time.

The file cases run the command line in a child process and read its peak memory from wait4,
so a reader that slurps a bomb shows up as megabytes, not as a hung test. The pattern battery
also runs in a child, with a timeout, because a catastrophic pattern cannot be interrupted.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import io
import json
import pkgutil
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script (the battery's child process)
    sys.path.insert(0, str(ROOT))

#: Budget for one hostile file: wall time and peak RSS of the whole gaolint process.
FILE_SECONDS = 30.0
FILE_MEGABYTES = 250.0


# --- running the command line on one file, measured ------------------------------------------

#: Runs the command from a fresh, small interpreter and writes the largest RSS among its
#: children: measured from the test process, a child's ru_maxrss would start at the test
#: process's own peak (Linux carries the spawner's high-water mark across vfork + exec).
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def run_measured(path: Path, *options: str, timeout: float = 120.0) -> dict:
    """``gaolint check --format json PATH`` in a child: findings, exit code, stderr, wall
    seconds and peak RSS (MB, the largest of gaolint and any worker it starts)."""
    out_path = path.parent / f"{path.name}.out.json"
    err_path = path.parent / f"{path.name}.err.txt"
    rss_path = path.parent / f"{path.name}.rss.txt"
    command = [sys.executable, "-m", "gaolint", "check", "--format", "json", "--no-progress", *options, str(path)]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-S", "-c", RSS_WRAPPER, str(rss_path), *command],
                                 stdout=out, stderr=err, cwd=path.parent)
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            pytest.fail(f"gaolint did not finish {path.name} within {timeout:.0f} s")
        seconds = time.perf_counter() - started
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    try:
        findings = json.loads(out_path.read_text(encoding="utf-8") or "[]")
    except ValueError:
        findings = None
    return {"code": child.returncode, "findings": findings, "stderr": stderr, "seconds": seconds,
            "megabytes": int(rss_path.read_text()) / 1024}


def assert_answered(result: dict, *, unreadable: bool | None = None) -> set[str]:
    """The file got an answer: exit 0/1, JSON findings, no traceback, within the budgets."""
    assert result["code"] in (0, 1), result["stderr"][-3000:]
    assert "Traceback" not in result["stderr"], result["stderr"][-3000:]
    assert result["findings"] is not None
    assert result["seconds"] < FILE_SECONDS, result["seconds"]
    assert result["megabytes"] < FILE_MEGABYTES, result["megabytes"]
    rules = {f["rule"] for f in result["findings"]}
    if unreadable is True:
        assert rules == {"GAO001"}, rules
    elif unreadable is False:
        assert "GAO001" not in rules and "GAO000" not in rules, result["findings"][:3]
    return rules


def report_text(seed: int = 1) -> str:
    from tests.builder import build_document, render_text, sample_spec

    return render_text(build_document(sample_spec(seed)), "pipe")


# --- containers built to explode ----------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx whose document part inflates to 1 GB (about 1 MB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0"?><w:document {_W}><w:body><w:p><w:r><w:t>'.encode())
            chunk = b"\xe6\x94\xbf" * (1 << 20)  # 政 × 1M = 3 MB
            for _ in range(340):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def element_flood_docx() -> bytes:
    """A million short paragraphs: 50 MB of XML in 14 MB on disk, inside the size and ratio
    limits, that python-docx parsed into 1.3 GB (here a third of that, past the cap)."""
    rng = random.Random(7)
    words = [chr(code) for code in range(0x4E00, 0x9FA5)]
    paragraphs = "".join(f"<w:p><w:r><w:t>{''.join(rng.choices(words, k=6))}</w:t></w:r></w:p>" for _ in range(300_000))
    return _docx(f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{paragraphs}</w:body></w:document>'.encode())


def element_flood_html() -> bytes:
    """1.5 million paragraphs in 20 MB, under the text limit: lxml held 500 MB before the
    element count refused the page."""
    return ("<html><body>" + "<p>年报</p>" * 1_500_000 + "</body></html>").encode("utf-8")


def newline_flood_txt() -> bytes:
    """A report followed by 15 million empty lines (15 MB, under every size limit): 65 s and
    6.5 GB when each became a line object."""
    return report_text().encode("utf-8") + b"\n" * 15_000_000


def wide_table_txt() -> bytes:
    """7,000 rows of a thousand cells under table 3's heading (28 MB): 7 million tokens and
    880 MB before tables were limited to 50,000 cells."""
    text = report_text()
    heading = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("\n", heading) + 1
    row = "| 本年新收政府信息公开申请数量 " + "| 0 " * 1000 + "|\n"
    return (text[:end] + row * 7000 + text[end:]).encode("utf-8")


def _laughs(levels: int = 10) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    return "\n".join(lines)


def billion_laughs_docx() -> bytes:
    xml = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n{_laughs()}\n]>\n'
           f'<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx(xml.encode("utf-8"))


def billion_laughs_html() -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE html [\n{_laughs()}\n]>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/><title>报告</title></head>'
            '<body><p>&lol9;</p><p>某某市人民政府2025年政府信息公开工作年度报告</p></body></html>').encode("utf-8")


def quadratic_blowup_html() -> bytes:
    """One 50 KB entity used 50,000 times: no nesting, still gigabytes when expanded."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY a "{"政" * 50_000}">]>\n'
            f'<html><body><p>{"&a;" * 50_000}</p></body></html>').encode("utf-8")


def encrypted_pdf() -> bytes:
    pytest.importorskip("reportlab")
    from tests.builder import build_document, sample_spec
    from tests.builder.pdf import render_pdf

    return render_pdf(build_document(sample_spec(5)), encrypt="secret")


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF of these objects (1 is the catalog), with a correct cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _one_page_pdf(content: bytes, filters: bytes = b"") -> bytes:
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(content), filters) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def flate_bomb_pdf() -> bytes:
    """A content stream of 1.5 MB that inflates to 1.5 GB (it took 19 s and 3 GB)."""
    import zlib

    packer = zlib.compressobj(9)
    pieces = [packer.compress(b"BT /F1 12 Tf 72 712 Td (Annual report text) Tj ET\n")]
    blank = b" " * (1 << 20)
    pieces.extend(packer.compress(blank) for _ in range(1500))
    pieces.append(packer.flush())
    return _one_page_pdf(b"".join(pieces), b"/Filter /FlateDecode ")


def run_length_bomb_pdf() -> bytes:
    """6 MB of RunLength runs decoding to 384 MB (pdfminer holds it as a list of ints)."""
    text = b"BT /F1 12 Tf 72 712 Td (Annual report text) Tj ET\n"
    runs = bytes([len(text) - 1]) + text + bytes([129, 0x20]) * 3_000_000 + bytes([128])
    return _one_page_pdf(runs, b"/Filter /RunLengthDecode ")


def busy_page_pdf() -> bytes:
    """One page drawing 300,000 glyphs (it took 21 s and 770 MB)."""
    return _one_page_pdf(b"BT /F1 12 Tf " + b"1 0 0 1 72 712 Tm (x) Tj " * 300_000 + b"ET")


HOSTILE_FILES = {
    "zip-bomb.docx": zip_bomb_docx,
    "element-flood.docx": element_flood_docx,
    "element-flood.html": element_flood_html,
    "newline-flood.txt": newline_flood_txt,
    "wide-table.txt": wide_table_txt,
    "billion-laughs.docx": billion_laughs_docx,
    "billion-laughs.html": billion_laughs_html,
    "entity-blowup.html": quadratic_blowup_html,
    "not-a-pdf.pdf": lambda: report_text().encode("utf-8"),
    "random-bytes.pdf": lambda: random.Random(1).randbytes(200_000),
    "truncated.pdf": lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"x" * 5000,
    "encrypted.pdf": encrypted_pdf,
    "flate-bomb.pdf": flate_bomb_pdf,
    "run-length-bomb.pdf": run_length_bomb_pdf,
    "busy-page.pdf": busy_page_pdf,
    "not-a-zip.docx": lambda: report_text().encode("utf-8"),
    "binary.txt": lambda: random.Random(2).randbytes(300_000),
    "binary.html": lambda: random.Random(3).randbytes(300_000),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_file_answered_in_bounded_time_and_memory(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE_FILES[name]())
    before = path.read_bytes()
    rules = assert_answered(run_measured(path))
    assert rules, "a hostile file must not pass as a clean report"
    assert path.read_bytes() == before


@pytest.mark.slow
@pytest.mark.parametrize(("build", "words"), [(flate_bomb_pdf, "decompression bomb"), (run_length_bomb_pdf, "decompression bomb"),
                                             (busy_page_pdf, "glyphs and shapes")])
def test_pdf_bombs_are_named_as_such(build, words: str, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(build())
    result = run_measured(path, "--no-cache")
    assert_answered(result, unreadable=True)
    assert words in result["findings"][0]["message"]


def test_hundred_megabyte_text_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = (report_text().replace("\n", " ") + "\n").encode("utf-8")
    with open(path, "wb") as handle:
        while handle.tell() < 100 * 1024 * 1024:
            handle.write(line * 64)
    result = run_measured(path)
    assert_answered(result, unreadable=True)
    # The child's peak RSS includes what the forked test process held before exec, so compare
    # with linting a small file rather than with an absolute figure.
    small = tmp_path / "small.txt"
    small.write_bytes(line)
    baseline = run_measured(small)["megabytes"]
    assert result["megabytes"] < baseline + 50  # it was not read into memory
    assert result["seconds"] < 5


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_named_on_the_command_line_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Reading a FIFO nobody writes to blocks for ever; a pre-commit hook must never hang."""
    import os

    pipe = tmp_path / "report.txt"
    os.mkfifo(pipe)
    for options in ((), ("--no-cache",)):
        result = run_measured(pipe, *options, timeout=60)
        assert_answered(result, unreadable=True)
        assert "not a regular file" in result["findings"][0]["message"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_dressed_as_a_report_is_refused_without_reading(tmp_path: Path) -> None:
    endless = tmp_path / "endless.txt"
    endless.symlink_to("/dev/zero")
    result = run_measured(endless, "--no-cache")
    assert_answered(result, unreadable=True)
    assert "not a regular file" in result["findings"][0]["message"]
    assert result["seconds"] < 10


@pytest.mark.slow
def test_large_text_under_the_size_limit_is_linted_in_bounded_time(tmp_path: Path) -> None:
    """8 MB of repeated report text: read, cut at the text limit if need be, and linted."""
    path = tmp_path / "big.txt"
    text = report_text()
    path.write_text(text * (8 * 1024 * 1024 // len(text.encode("utf-8"))), encoding="utf-8")
    assert_answered(run_measured(path))


@pytest.mark.parametrize("content", ["digits", "pipes", "cjk", "spaces", "mixed"])
def test_two_hundred_thousand_character_line(content: str, tmp_path: Path) -> None:
    rng = random.Random(content)
    units = {
        "digits": "1 ", "pipes": "| ", "cjk": "结转", "spaces": " ",
        "mixed": "".join(rng.choice("0123456789 |年月日电话邮箱@.a《》（）结转") for _ in range(997)),
    }[content]
    line = (units * (200_000 // len(units) + 1))[:200_000]
    text = report_text()
    lines = text.split("\n")
    for at in (0, 2, len(lines) // 2):  # the title line, the prose, inside table 3
        lines.insert(at, line)
    path = tmp_path / f"long-{content}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert_answered(run_measured(path))


# --- the pattern battery -------------------------------------------------------------------------

#: Where gaolint's own patterns live (parse and normalise, as the issue asks).
PATTERN_PACKAGES = ("gaolint.parse", "gaolint.normalise")
BATTERY_LENGTH = 200_000
#: One search/match/finditer on 200,000 characters; linear ones take milliseconds.
OPERATION_SECONDS = 1.5
_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


_ANYWHERE = ("search", "match", "finditer")
_ANCHORED = frozenset({"match", "fullmatch"})
#: Patterns that are quadratic alone and whose one caller bounds the text it hands them: the
#: battery hands them its inputs through the same guard.
GUARDED = {
    # find_fee_statements passes only the text up to the sentence's last 》: a 《 there always
    # finds its 》, so no attempt scans past it.
    r"《[^》]*》": lambda text: text[: text.rfind("》") + 1],
}
#: Module-level patterns guarded by their caller, by name (the pattern text is long).
GUARDED_NAMES = {
    # _sentence_figures: ``len(filler) > 20 or not _FILLER.match(filler)``. Overlapping words
    # (共计 / 共+计) make it exponential in the length, so the length is checked first.
    "gaolint.parse.narrative._FILLER": lambda text: text[:20],
}


def _package_modules() -> list[str]:
    import gaolint

    names = ["gaolint"]
    for info in pkgutil.walk_packages(gaolint.__path__, "gaolint."):
        names.append(info.name)
    return names


def _usage() -> dict[str, set[str]]:
    """For every name, the pattern methods called on it anywhere in gaolint (``NAME.match(``)."""
    used: dict[str, set[str]] = {}
    for name in _package_modules():
        try:
            spec = importlib.util.find_spec(name)
            source = Path(spec.origin).read_text(encoding="utf-8") if spec and spec.origin else ""
        except (ImportError, OSError, ValueError):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                used.setdefault(node.value.id, set()).add(node.attr)
    return used


def gaolint_patterns() -> dict[str, tuple[re.Pattern, tuple[str, ...]]]:
    """Every compiled pattern at module level, and every literal pattern handed to a ``re``
    function inside the modules' code, by a readable name, with the operations to drive it
    through: a pattern only ever anchored (``re.match(r"…", …)``, ``NAME.match(…)`` in every
    use) is tried with ``match``; everything else with search, match and finditer."""
    found: dict[str, tuple[re.Pattern, tuple[str, ...]]] = {}
    usage = _usage()
    for package_name in PATTERN_PACKAGES:
        package = importlib.import_module(package_name)
        names = [package_name] + [f"{package_name}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
        for name in names:
            module = importlib.import_module(name)
            for attribute, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    methods = usage.get(attribute, set()) & {"match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split"}
                    operations = ("match",) if methods and methods <= _ANCHORED else _ANYWHERE
                    found.setdefault(f"{name}.{attribute}", (value, operations))
            tree = ast.parse(inspect.getsource(module))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                        and node.func.attr in _RE_FUNCTIONS and node.args):
                    try:
                        source = ast.literal_eval(node.args[0])
                    except ValueError:
                        continue  # built from names: the module-level object is checked instead
                    if isinstance(source, str):
                        compiled = re.compile(source)
                        if any(compiled == known for known, _ in found.values()):
                            continue  # a module-level pattern, already there with its uses
                        anchored = node.func.attr in _ANCHORED
                        found.setdefault(f"{name}:{node.lineno}", (compiled, ("match",) if anchored else _ANYWHERE))
    return found


def _member(items, rng: random.Random) -> str:
    """A character the character class matches."""
    from re import _constants as C

    negate = any(op is C.NEGATE for op, _ in items)
    if negate:
        for candidate in "a1 年，x~\n":
            if not _in_class(items, candidate):
                return candidate
        return "\x01"
    op, value = rng.choice([item for item in items if item[0] is not C.NEGATE])
    if op is C.LITERAL:
        return chr(value)
    if op is C.RANGE:
        return chr(rng.randint(value[0], value[1]))
    return _category_member(value)


def _category_member(category) -> str:
    name = str(category)
    if "NOT_DIGIT" in name or "NOT_SPACE" in name:
        return "a"
    if "NOT_WORD" in name or "NOT_LINEBREAK" in name:
        return " "
    if "DIGIT" in name:
        return "1"
    if "SPACE" in name:
        return " "
    if "LINEBREAK" in name:
        return "\n"
    return "a"


def _in_class(items, char: str) -> bool:
    from re import _constants as C

    for op, value in items:
        if op is C.LITERAL and chr(value) == char:
            return True
        if op is C.RANGE and value[0] <= ord(char) <= value[1]:
            return True
        if op is C.CATEGORY:
            name = str(value)
            test = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w", "LINEBREAK": r"\n"}
            for key, class_ in test.items():
                if key in name:
                    hit = re.fullmatch(class_, char) is not None
                    if ("NOT_" + key in name) != hit:
                        return True
    return False


def _example(items, pump: int, counter: list[int], choice: int, rng: random.Random, length: int) -> str:
    """A string shaped like the pattern: each repeat once (or its minimum), except repeat
    number ``pump``, which is repeated to ``length`` characters; branches take alternative
    ``choice`` (modulo their count)."""
    from re import _constants as C

    out: list[str] = []
    for op, value in items:
        if op is C.LITERAL:
            out.append(chr(value))
        elif op is C.NOT_LITERAL:
            out.append("x" if value != ord("x") else "y")
        elif op is C.ANY:
            out.append("a")
        elif op is C.IN:
            out.append(_member(value, rng))
        elif op is C.BRANCH:
            branches = value[1]
            out.append(_example(branches[choice % len(branches)], pump, counter, choice, rng, length))
        elif op is C.SUBPATTERN:
            out.append(_example(value[-1], pump, counter, choice, rng, length))
        elif op is C.ATOMIC_GROUP:
            out.append(_example(value, pump, counter, choice, rng, length))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high, item = value
            site = counter[0]
            counter[0] += 1
            inner = _example(item, pump, counter, choice, rng, length)
            if site == pump and high > 1 and inner:
                out.append(inner * max(1, length // len(inner)))
            else:
                out.append(inner * max(low, 1))
        elif op is C.ASSERT and value[0] == 1:  # a look-ahead's text follows
            out.append(_example(value[1], pump, counter, choice, rng, length))
        # look-behinds, negative assertions, anchors and back-references add nothing
    return "".join(out)


def battery_inputs(pattern: re.Pattern, length: int = BATTERY_LENGTH) -> list[tuple[str, str]]:
    """(description, text) pairs meant to find the pattern's worst case."""
    from re import _parser

    rng = random.Random(pattern.pattern)
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    counter = [0]
    _example(parsed, -1, counter, 0, rng, length)
    sites = counter[0]
    texts: list[tuple[str, str]] = []
    for choice in range(3):
        for pump in range(sites):
            pumped = _example(parsed, pump, [0], choice, rng, length)
            if len(pumped) > length // 2:
                texts.append((f"pump repeat {pump}, branch {choice}", pumped[:length] + "~\x00"))
        plain = _example(parsed, -1, [0], choice, rng, length)
        if plain:
            # The pattern's own shape, over and over, cut short so it never quite matches.
            body = plain[:-1] or plain
            texts.append((f"repeated near-match, branch {choice}", (body * (length // len(body) + 1))[:length]))
    literals = sorted({c for c in pattern.pattern if not c.isascii()} | set("|@.,:-/()"))
    units = [" ", "\n", "1", "1 ", "1,", "1.", "a", "a.", "a@", "|", "| ", "2020年", "《", "（"]
    units += rng.sample(literals, min(8, len(literals)))
    units += [c + " " for c in rng.sample(literals, min(6, len(literals)))]
    for unit in units:
        texts.append((f"{unit!r} repeated", (unit * (length // len(unit) + 1))[:length] + "~"))
    return texts


def timed(pattern: re.Pattern, operation: str, text) -> float:
    """Seconds one search, match or full finditer of ``pattern`` over ``text`` takes."""
    started = time.perf_counter()
    if operation == "finditer":
        for _ in pattern.finditer(text):
            pass
    else:
        getattr(pattern, operation)(text)
    return time.perf_counter() - started


def run_battery(name_filter: str = "") -> None:
    """Print one JSON line per pattern: the slowest operation and its input. The parent test
    reads these; a line starting ``START`` names the pattern in progress if the child hangs."""
    for name, (pattern, operations) in sorted(gaolint_patterns().items()):
        if name_filter and name_filter not in name:
            continue
        print(f"START {name}", flush=True)
        worst = (0.0, "")
        guard = GUARDED_NAMES.get(name) or GUARDED.get(pattern.pattern) or (lambda text: text)
        for description, text in battery_inputs(pattern):
            text = guard(text)
            for operation in operations:
                elapsed = timed(pattern, operation, text)
                if elapsed > worst[0]:
                    worst = (elapsed, f"{operation} on {description}")
        print(json.dumps({"pattern": name, "seconds": worst[0], "worst": worst[1]}), flush=True)


def test_battery_finds_the_patterns() -> None:
    patterns = gaolint_patterns()
    assert len(patterns) > 30
    for expected in ("gaolint.parse.metadata.PERIOD_RANGE", "gaolint.parse.cells._SEPARATOR_LINE",
                     "gaolint.normalise.pipeline._PAGE_NUMBER"):
        assert expected in patterns


def probe(pattern: str, length: int) -> float:
    """The slowest search/match/finditer of one pattern over the battery's inputs."""
    compiled = re.compile(pattern)
    slowest = 0.0
    for _, text in battery_inputs(compiled, length=length):
        for operation in _ANYWHERE:
            # The best of three: a busy machine only ever adds time, and adds it unevenly.
            slowest = max(slowest, min(timed(compiled, operation, text) for _ in range(3)))
    return slowest


@pytest.mark.slow
@pytest.mark.parametrize("pattern", [
    r"(\d{4})\s*年\s*度?\s*.{0,30}?(?:政\s*府\s*)?信?\s*息?\s*公\s*开",  # the TITLE that hung on "2020年" and spaces
    r"^[\s|]*\|[\s|]*$",  # separator lines, quadratic on "|||…x"
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",  # e-mail, restarting in every run of letters
])
def test_battery_catches_known_catastrophic_patterns(pattern: str) -> None:
    """The inputs are worth something: patterns fixed for backtracking, in their old forms,
    either never finish or slow down far faster than their input grows (8x the text, over 20x
    the time; a linear pattern takes about 8x, a quadratic one 64x)."""
    seconds = []
    for length in (2_000, 16_000):
        try:
            done = subprocess.run([sys.executable, __file__, "--probe", pattern, str(length)],
                                  capture_output=True, text=True, timeout=6, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return  # caught: catastrophic
        assert done.returncode == 0, done.stderr
        seconds.append(float(done.stdout.strip()))
    assert seconds[1] > 20 * seconds[0] and seconds[1] > 0.01, seconds


def battery_in_child(script: str, flag: str, tmp_path: Path, timeout: float) -> tuple[list[str], list[dict]]:
    """Run ``script flag`` (a battery printing START lines and JSON results) with a deadline;
    (patterns started, results). Fails naming the pattern a stuck child was on."""
    log = tmp_path / "battery.txt"
    with open(log, "w", encoding="utf-8") as out:
        child = subprocess.Popen([sys.executable, script, flag], stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    lines = log.read_text(encoding="utf-8").splitlines()
    started = [line[len("START "):] for line in lines if line.startswith("START ")]
    results = [json.loads(line) for line in lines if line.startswith("{")]
    assert child.returncode == 0, f"stuck on {started[-1] if started else '?'}:\n" + "\n".join(lines[-20:])
    return started, results


def test_battery_passes_the_fixed_forms_quickly() -> None:
    for pattern in (r"^(?=[\s|]*$)\s*\|", r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"):
        assert probe(pattern, 20_000) < 0.2


@pytest.mark.slow
def test_no_pattern_backtracks_out_of_linear_time(tmp_path: Path) -> None:
    """Every pattern, every adversarial 200,000-character input, in a child with a deadline
    (a catastrophic pattern cannot be interrupted, only killed; the last START names it)."""
    started, results = battery_in_child(__file__, "--battery", tmp_path, timeout=300)
    assert len(results) == len(started) > 30
    slow = [r for r in results if r["seconds"] > OPERATION_SECONDS]
    assert not slow, slow


if __name__ == "__main__" and "--battery" in sys.argv:
    run_battery(sys.argv[sys.argv.index("--battery") + 1] if len(sys.argv) > sys.argv.index("--battery") + 1 else "")
elif __name__ == "__main__" and "--probe" in sys.argv:
    print(probe(sys.argv[sys.argv.index("--probe") + 1], int(sys.argv[sys.argv.index("--probe") + 2])))
