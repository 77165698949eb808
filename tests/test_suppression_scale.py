"""Inline suppressions at scale: a Markdown file whose comments are left open before tens of
thousands of blanks is read in linear time (the old pattern, ``=\\s*([…\\s]+?)\\s*-->``, was
quadratic in each run of blanks: 20 lines of 19,000 characters took about 8 s) and still gives
exactly the suppressions it holds. The rewritten pattern is checked against the old one on
random comment-shaped text, and the other read-layer patterns of the same shape (``\\s*`` next
to a class holding blanks) on their worst inputs.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script (the battery's child process)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.read.base import SourceLine
from gaolint.read.html import sniff_charset
from gaolint.read.text import SUPPRESSION, find_suppressions, read_markdown
from tests.test_hostile import BATTERY_LENGTH, OPERATION_SECONDS, battery_in_child, battery_inputs, timed
from tests.test_config import (
    NO_FEE_MD,
    SECTION_SIX,
    findings_of,
    gaolint,
    project,  # noqa: F401  (fixture)
)

#: The pattern before the fix, kept only as the reference for equivalence.
OLD_SUPPRESSION = re.compile(r"<!--\s*gaolint:\s*(disable|disable-next-line)\s*=\s*([A-Za-z0-9_,\s]+?)\s*-->")

LINE_CHARS = 19_000
LINES = 20


def _ids(match: re.Match[str]) -> tuple[str, ...]:
    return tuple(i.strip().upper() for i in match.group(2).split(",") if i.strip())


def _answers(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    return [(m.start(), m.end(), m.group(1), _ids(m)) for m in pattern.finditer(text)]


def pathological_markdown() -> tuple[str, list[tuple[int, str, tuple[str, ...]]]]:
    """20 lines of 19,000 characters in front of a report that breaks GAO401: one comment that
    closes after its blanks (silences GAO401 for the whole file), one ``disable-next-line``
    likewise, and 18 comments that never close; and the suppressions the file holds."""
    head = []
    open_ = "<!-- gaolint: disable=GAO3"
    closing = "<!-- gaolint: disable=GAO401"
    next_line = "<!-- gaolint: disable-next-line = GAO2 ,"
    head.append(closing + " " * (LINE_CHARS - len(closing) - 3) + "-->")
    head.append(next_line + "\t " * ((LINE_CHARS - len(next_line) - 3) // 2) + "-->")
    for number in range(LINES - 2):
        filler = (" ", " \u3000", "GAO3 ,", "\t")[number % 4]
        head.append((open_ + filler * LINE_CHARS)[:LINE_CHARS])
    assert len(head) == LINES and all(len(line) >= LINE_CHARS - 1 for line in head)
    text = "\n".join(head) + "\n" + NO_FEE_MD
    expected = [(1, "file", ("GAO401",)), (2, "next-line", ("GAO2",))]
    return text, expected


def test_pathological_comments_give_exactly_their_suppressions() -> None:
    text, expected = pathological_markdown()
    extracted = read_markdown(text.encode("utf-8"), "r.md")
    assert extracted.suppressions == expected


def test_pathological_file_is_linted_with_its_suppressions(project, capsys) -> None:  # noqa: F811
    """Through the command line: GAO401 is silenced by the file-wide comment; the
    ``disable-next-line`` silences nothing and is reported (GAO010) on its own line."""
    text, _ = pathological_markdown()
    (project / "r.md").write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = gaolint("check", "--format", "json", "--fail-on", "never", "r.md")[0]
    found = findings_of(capsys.readouterr().out)
    assert code == 0
    assert "GAO401" not in {f["rule"] for f in found}
    unused = [f for f in found if f["rule"] == "GAO010"]
    assert [f["line"] for f in unused] == [2]


def test_suppression_comment_still_works_before_a_section() -> None:
    """The ordinary shapes, byte for byte what they gave before."""
    text = NO_FEE_MD.replace(SECTION_SIX, "<!-- gaolint: disable=GAO401 -->\n" + SECTION_SIX)
    lines = [SourceLine(line, n) for n, line in enumerate(text.split("\n"), start=1)]
    assert [(kind, ids) for _, kind, ids in find_suppressions(lines)] == [("next-block", ("GAO401",))]


_PIECES = st.sampled_from([
    "<!--", "-->", "--", "-", "<", "!", " ", "  ", "\t", "\u3000", "\n", "gaolint:", "gaolint",
    "disable", "disable-next-line", "=", ",", "GAO401", "gao3", "_", "x", "年", ":", " -->",
    "<!-- gaolint: disable=", "<!-- gaolint:disable-next-line=",
])


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_new_pattern_matches_what_the_old_one_matched(text: str) -> None:
    """Same spans, same kind, same IDs once split and stripped, on random comment-shaped text."""
    assert _answers(SUPPRESSION, text) == _answers(OLD_SUPPRESSION, text)


def test_equivalence_on_the_edge_cases() -> None:
    for text in (
        "<!-- gaolint: disable= -->",  # only blanks: a match with no IDs
        "<!-- gaolint: disable=-->",  # nothing at all: no match
        "<!-- gaolint: disable-next-line=GAO3-->",
        "<!-- gaolint:disable = GAO1 , , GAO2 --> <!-- gaolint: disable=GAO4 -->",
        "<!--<!-- gaolint: disable=GAO1 -->",
        "<!-- gaolint: disable=GAO1 <!-- gaolint: disable=GAO2 -->",
        "<!-- gaolint: disable=GAO1 --->",
        "<!-- gaolint: disable=\u3000GAO1\u3000-->",
    ):
        assert _answers(SUPPRESSION, text) == _answers(OLD_SUPPRESSION, text), text


def test_charset_sniffing_keeps_its_answers() -> None:
    """``<meta charset>`` after the blanks fix: quoted, unquoted, blanks either side."""
    cases = {
        b'<meta charset="gbk">': "gb18030",
        b"<meta charset= 'utf-8' >": "utf-8",
        b"<meta http-equiv=Content-Type content='text/html; charset = gb2312'>": "gb18030",
        b'<META CHARSET=" big5">': "big5",
        b"<meta charset=\"\">": None,
        b"<meta charset=" + b" " * 4000: None,
    }
    for data, expected in cases.items():
        assert sniff_charset(data) == expected, data


# --- the read layer's own patterns through the hostile-input battery ---------------------------

#: tests/test_hostile.py drives gaolint/parse and gaolint/normalise; these modules hold the
#: suppression, charset and PDF page-number patterns, which had the same overlapping-blanks
#: shape, and the comment pattern of gaolint.suppress.
READ_MODULES = ("gaolint.read.text", "gaolint.read.html", "gaolint.read.pdf_layout", "gaolint.read.decode",
                "gaolint.read.base", "gaolint.suppress")


def run_read_battery() -> None:
    """One JSON line per module-level pattern: its slowest search/match/finditer over the
    battery's inputs (bytes patterns get the inputs encoded as UTF-8)."""
    import importlib

    for module_name in READ_MODULES:
        module = importlib.import_module(module_name)
        for attribute, pattern in sorted(vars(module).items()):
            if not isinstance(pattern, re.Pattern):
                continue
            name = f"{module_name}.{attribute}"
            print(f"START {name}", flush=True)
            is_bytes = isinstance(pattern.pattern, bytes)
            shape = re.compile(pattern.pattern.decode("latin-1"), pattern.flags & re.I) if is_bytes else pattern
            worst = (0.0, "")
            for description, text in battery_inputs(shape, BATTERY_LENGTH):
                subject = text.encode("utf-8", "surrogatepass") if is_bytes else text
                for operation in ("search", "match", "finditer"):
                    elapsed = timed(pattern, operation, subject)
                    if elapsed > worst[0]:
                        worst = (elapsed, f"{operation} on {description}")
            print(json.dumps({"pattern": name, "seconds": worst[0], "worst": worst[1]}), flush=True)


@pytest.mark.slow
def test_read_patterns_stay_linear(tmp_path: Path) -> None:
    started, results = battery_in_child(__file__, "--read-battery", tmp_path, timeout=240)
    assert len(results) == len(started) and "gaolint.read.text.SUPPRESSION" in started
    assert {"gaolint.suppress._COMMENT", "gaolint.read.pdf_layout._PAGE_NUMBER"} <= set(started)
    slow = [r for r in results if r["seconds"] > OPERATION_SECONDS]
    assert not slow, slow


if __name__ == "__main__" and "--read-battery" in sys.argv:
    run_read_battery()


def _counting_scan(monkeypatch) -> list[int]:
    """Counts how often suppress.resolve looks at a line: placing each comment by scanning the
    lines made 40,000 comments over 40,000 lines take minutes."""
    from gaolint import suppress

    calls = [0]
    original = suppress._is_comment_only

    def counted(text: str) -> bool:
        calls[0] += 1
        return original(text)

    monkeypatch.setattr(suppress, "_is_comment_only", counted)
    return calls


def test_thousands_of_comments_are_placed_in_one_pass_and_capped(project, capsys, monkeypatch):
    """A comment on each of 3,000 lines: every line is looked at once, not once per comment;
    the first 500 comments count and GAO003 says the rest were ignored."""
    from gaolint.engine import MAX_SUPPRESSIONS

    lines = NO_FEE_MD.split("\n")
    body = [f"{line} <!-- gaolint: disable-next-line=GAO2 -->" if line.strip() else line for line in lines * 30]
    (project / "many.md").write_text("\n".join(body), encoding="utf-8")
    calls = _counting_scan(monkeypatch)
    from gaolint.suppress import Suppression

    names_calls = [0]
    original_names = Suppression.names

    def counted_names(self, code):
        names_calls[0] += 1
        return original_names(self, code)

    monkeypatch.setattr(Suppression, "names", counted_names)
    code, out, _ = gaolint("check", "--no-cache", "--format", "json", "many.md", capsys=capsys)
    assert code in (0, 1)
    assert calls[0] <= len(body)
    # Each finding is tried only against comments naming a prefix of its rule (GAO2…), not
    # against all 500: the GAO010 and GAO4xx findings here meet none of them.
    assert names_calls[0] < 5 * MAX_SUPPRESSIONS
    findings = findings_of(out)
    unused = [f for f in findings if f["rule"] == "GAO010"]
    assert 0 < len(unused) <= MAX_SUPPRESSIONS
    assert any(f["rule"] == "GAO003" and f"more than {MAX_SUPPRESSIONS} gaolint comments" in f["message"] for f in findings)
