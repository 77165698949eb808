"""The cache folder helper shared by the result cache and the start-up cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gaolint import diskstore


def test_the_cache_home_follows_xdg_then_home(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert diskstore.cache_home() == str(tmp_path / "xdg" / "gaolint")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert diskstore.cache_home() == str(tmp_path / "home" / ".cache" / "gaolint")


@pytest.mark.parametrize("value,off", [("", False), ("0", False), ("off", False), ("No", False),
                                       ("1", True), ("yes", True), ("anything", True)])
def test_gaolint_no_cache(monkeypatch, value: str, off: bool):
    monkeypatch.setenv(diskstore.ENV_OFF, value)
    assert diskstore.disabled_by_environment() is off


def test_a_write_creates_and_marks_the_folder_and_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "a" / "b" / "00.jsonl"
    diskstore.write_atomically(str(target), b"one", marked=True)
    assert target.read_bytes() == b"one"
    assert sorted(os.listdir(target.parent)) == [".gitignore", "00.jsonl", "CACHEDIR.TAG"]
    assert (target.parent / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    diskstore.write_atomically(str(target), b"two", marked=True)  # replaced whole
    assert target.read_bytes() == b"two" and len(os.listdir(target.parent)) == 3


def test_an_unmarked_folder_gets_no_tag_and_marks_never_overwrite(tmp_path: Path):
    diskstore.write_atomically(str(tmp_path / "x" / "f.json"), b"{}")
    assert os.listdir(tmp_path / "x") == ["f.json"]
    (tmp_path / "x" / ".gitignore").write_text("mine")
    diskstore.mark(str(tmp_path / "x"))
    assert (tmp_path / "x" / ".gitignore").read_text() == "mine" and (tmp_path / "x" / "CACHEDIR.TAG").exists()


def test_a_folder_that_is_a_file_or_read_only_raises_oserror(tmp_path: Path):
    (tmp_path / "file").write_text("")
    with pytest.raises(OSError):
        diskstore.write_atomically(str(tmp_path / "file" / "00.jsonl"), b"x", marked=True)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return  # root writes anywhere
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OSError):
            diskstore.write_atomically(str(locked / "00.jsonl"), b"x")
        assert os.listdir(locked) == []
    finally:
        locked.chmod(0o700)


def test_a_failed_write_removes_its_temporary_file(tmp_path: Path, monkeypatch):
    def refuse(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        diskstore.write_atomically(str(tmp_path / "00.jsonl"), b"x")
    assert os.listdir(tmp_path) == []


def test_read_limited(tmp_path: Path):
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert diskstore.read_limited(str(path), 5) == b"12345"
    assert diskstore.read_limited(str(path), 4) is None  # too large
    assert diskstore.read_limited(str(tmp_path / "missing"), 5) is None
    assert diskstore.read_limited(str(tmp_path), 5) is None  # a folder
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        assert diskstore.read_limited(str(tmp_path / "pipe"), 5) is None  # never waited on


def test_blake2b_is_the_128_bit_digest():
    import hashlib

    assert diskstore.blake2b(b"abc").hexdigest() == hashlib.blake2b(b"abc", digest_size=16).hexdigest()
