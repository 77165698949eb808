"""Memory proportional to what is read: a text file near the size limit is cut, as bytes, at
a line end before it is decoded (gaolint/read/text.py ``cut_bytes``), and the run stays well
under 300 MB (it took 216 MB for 60 MB and up to 340 MB for 15 MB before)."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from gaolint.read.limits import MAX_FILE_BYTES, MAX_TEXT_BYTES
from gaolint.read.text import cut_bytes, read_text

LINES = "".join(f"第{n}行：本机关收到申请 {n} 件，办结 {n} 件。\n" for n in range(2000))


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_cut_ends_at_a_whole_line_in_every_encoding(codec):
    text = LINES
    if codec == "big5":
        text = "".join(f"第{n}行：本機關收到申請 {n} 件，辦結 {n} 件。\n" for n in range(2000))
    data = text.encode(codec)
    cut = cut_bytes(data, len(data) // 3)
    assert len(cut) <= len(data) // 3
    decoded = cut.decode(codec)
    assert decoded.endswith("\n") and text.startswith(decoded.lstrip("\ufeff"))
    assert decoded.count("\n") > 100


def test_a_file_without_line_ends_is_not_cut_inside_a_character():
    data = ("申请" * 1000).encode("utf-8")
    cut = cut_bytes(data, 1000)
    assert cut.decode("utf-8") == "申请" * (len(cut) // 6) + "申" * (len(cut) % 6 == 3)


def test_a_text_over_the_byte_limit_is_read_up_to_it_and_says_so():
    data = (LINES * (MAX_TEXT_BYTES // len(LINES.encode()) + 2)).encode("utf-8")
    extracted = read_text(data, "big.txt")
    assert extracted.lines[-1].text.endswith("件。")
    assert any("the rest was not read" in note for _, note in extracted.damage)


@pytest.mark.slow
def test_a_text_file_near_the_size_limit_stays_well_under_300_mb(tmp_path):
    row = "| 收到申请数 | 12 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 |\n".encode("utf-8")
    path = tmp_path / "huge.txt"
    path.write_bytes(row * ((MAX_FILE_BYTES - 1024 * 1024) // len(row)))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", "--no-cache", "--timeout", "0", "--memory-limit", "0",
                           "--format", "json", str(path)], capture_output=True, text=True, timeout=600)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
    assert "the rest was not read" in done.stdout or "其余部分未读取" in done.stdout
    if before / 1024 < 200:  # an earlier child of this test process already peaked higher: cannot tell
        assert peak_mb < 200, peak_mb
