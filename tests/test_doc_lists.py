"""Word's automatic list numbers in .doc files (gaolint/read/doc_lists.py).

The fixtures are the builder's sample report with its headings numbered by Word's list
(``tests/builder/doc.py`` ``write_numbered_fixtures``, through LibreOffice): ``numbered.doc``
names the list on every numbered paragraph, as LibreOffice saves; ``numbered-by-style.doc`` has
the level-1 headings numbered only through their style, as Word saves a heading style tied to a
list. Both must read as the same report with its numbers typed (``sample-report.wps``)."""

from __future__ import annotations

import struct

import pytest

pytest.importorskip("olefile")

from gaolint.engine import Settings, lint_file  # noqa: E402
from gaolint.read.doc import _Document, _open_streams, _Papx, _pieces  # noqa: E402
from gaolint.read.doc_lists import DocLists, list_sprms  # noqa: E402
from gaolint.read.docx import read_docx  # noqa: E402
from gaolint.read.doc import read_doc  # noqa: E402
from tests.builder.doc import FIXTURES  # noqa: E402

TYPED = FIXTURES / "sample-report.wps"
NUMBERED = FIXTURES / "numbered.doc"
BY_STYLE = FIXTURES / "numbered-by-style.doc"


def _lines(path) -> list[str]:
    return [line.text for line in read_doc(path.read_bytes(), str(path)).lines]


@pytest.mark.parametrize("path", [NUMBERED, BY_STYLE])
def test_numbered_doc_reads_as_the_typed_report(path):
    lines = _lines(path)
    assert lines == _lines(TYPED)
    assert "一、总体情况" in lines and "（一）主动公开" in lines and "六、其他需要报告的事项" in lines


@pytest.mark.parametrize("path", [NUMBERED, BY_STYLE])
def test_numbered_doc_has_no_finding(path):
    assert lint_file(str(path), Settings()).findings == []


def _paragraph_lists(path) -> dict[str, tuple[int, int | None, int | None]]:
    word, table, extra, fib = _open_streams(path.read_bytes())
    papx = _Papx(word, table, extra, *fib.papx)
    paragraphs = _Document(word, table, extra, fib)._paragraphs(_pieces(table, *fib.clx, len(word)))
    found = {}
    for text, _, fc in paragraphs:
        para = papx.lookup(fc)
        found[text] = (para.istd, para.ilfo, para.ilvl)
    return found


def test_the_style_fixture_numbers_its_subheadings_through_the_style_alone():
    direct, styled = _paragraph_lists(NUMBERED), _paragraph_lists(BY_STYLE)
    assert direct["主动公开"][1] is not None
    assert styled["主动公开"][1:] == (None, None)  # no list on the paragraph itself
    assert styled["总体情况"][1] is not None  # level 0 keeps its own


def test_the_headings_lose_their_numbers_without_the_list_tables():
    """What the reader gave before: the list tables are what puts the numbers back."""
    word, table, extra, fib = _open_streams(NUMBERED.read_bytes())
    fib.lists = None
    lines = [line.text for line in _Document(word, table, extra, fib).extract().lines]
    assert "总体情况" in lines and "一、总体情况" not in lines


def test_list_sprms_are_found_among_others():
    grpprl = bytes.fromhex("032401") + bytes.fromhex("0a2601") + bytes.fromhex("0b460700") + bytes.fromhex("13a40700")
    assert list_sprms(grpprl) == (7, 1)
    assert list_sprms(bytes.fromhex("0324")) == (None, None)  # cut short: nothing, no error


@pytest.mark.parametrize("cut", [3, 40, 200, 1000])
def test_damaged_list_tables_mean_no_numbers_never_an_error(cut):
    word, table, extra, fib = _open_streams(NUMBERED.read_bytes())
    stylesheet, lists, instances = fib.lists
    short = table[:lists[0] + cut]
    assert DocLists.parse(short, lists, instances, stylesheet) is None
    broken = bytearray(table)
    struct.pack_into("<h", broken, lists[0], 30000)  # a list count far past the stream
    assert DocLists.parse(bytes(broken), lists, instances, stylesheet) is None


def test_same_lines_as_the_numbered_docx():
    from tests.builder import build_document, sample_spec
    from tests.builder.docx import render_docx

    docx = [line.text for line in read_docx(render_docx(build_document(sample_spec(3)), numbered=True), "x.docx").lines]
    assert docx == _lines(NUMBERED)


def test_a_start_override_past_word_s_nine_levels_is_ignored():
    """A damaged LFOLVL names level 12 (its four bits reach 15): the counter ignored nothing
    and raised IndexError, refusing the file."""
    from gaolint.read.listnumbers import Level, ListCounter

    counter = ListCounter({1: {0: Level("chineseCounting", "%1、")}}, {7: (1, {12: 3, 0: 2})})
    assert counter.label(7, 0) == "二、"
    assert counter.label(7, 0) == "三、"


@pytest.mark.parametrize("seed", range(3))
def test_damaged_numbered_docs_are_read_or_refused(seed, monkeypatch):
    import random

    monkeypatch.setenv("GAOLINT_NO_SOFFICE", "1")  # a damaged header is not LibreOffice's to try
    from gaolint.read.base import UnreadableFile

    rng = random.Random(seed)
    data = BY_STYLE.read_bytes()
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            lines = read_doc(bytes(damaged), "x.doc").lines
        except UnreadableFile:
            continue
        assert all(isinstance(line.text, str) for line in lines)
