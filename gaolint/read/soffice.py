"""LibreOffice as a converter of last resort, for Word files the built-in readers do not read.

Only used for documents of a known kind that ``gaolint.read.doc`` does not read itself (Word
6.0/95, RTF saved as .doc, Microsoft Works .wps), never for corrupt files, and only when
``soffice`` (or ``libreoffice``) is on PATH and ``GAOLINT_NO_SOFFICE`` is not set. The bytes are
copied into a fresh temporary folder, converted there with a profile of their own (so parallel
workers and a LibreOffice the user has open do not meet), under a time limit after which the
whole process group is killed; nothing is ever written next to the checked file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator

from .limits import MAX_FILE_BYTES, conversion_deadline

#: Seconds one conversion may take (a report converts in 2-5 s; the first start of a new
#: profile takes longest).
SOFFICE_TIMEOUT = 90
#: Seconds kept back from a worker's deadline (``limits.set_conversion_deadline``) for
#: stopping LibreOffice, removing its folder and answering: stopped first, the converter is
#: killed and its folder removed, and the file is answered as not converted (GAO001).
DEADLINE_MARGIN = 2.0


def soffice_binary() -> str | None:
    if os.environ.get("GAOLINT_NO_SOFFICE", "").strip() not in ("", "0"):
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextlib.contextmanager
def _own_address_space() -> Iterator[None]:
    """While LibreOffice is started, the address-space limit a worker set on itself for parsing
    (``workers._limit_memory``, 256 MB by default) is lifted back to the hard limit, so that the
    converter does not inherit it: LibreOffice maps far more than that at start and failed, and
    the RTF or Word 6 file went unread (GAO001). The converter has its own time limit and its
    own process group, killed whole at the limit."""
    try:
        import resource
    except ImportError:  # not on Windows
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    lifted = False
    if soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            lifted = True
        except (ValueError, OSError):
            pass  # left as it was: the conversion may fail, as before
    try:
        yield
    finally:
        if lifted:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def convert_to_docx(data: bytes, path: str, timeout: float = SOFFICE_TIMEOUT) -> bytes | None:
    """The .docx LibreOffice makes of ``data``, or None (no LibreOffice, failure, time-out)."""
    binary = soffice_binary()
    if binary is None:
        return None
    import signal
    import subprocess
    import tempfile
    import time
    from pathlib import Path

    deadline = conversion_deadline()
    if deadline is not None:
        timeout = min(timeout, deadline - DEADLINE_MARGIN - time.monotonic())
        if timeout <= 0:
            return None

    extension = os.path.splitext(path)[1].lower() or ".doc"
    with tempfile.TemporaryDirectory(prefix="gaolint-soffice-") as folder:
        work = Path(folder)
        source = work / f"report{extension}"
        source.write_bytes(data)
        out = work / "out"
        out.mkdir()
        command = [
            binary, "--headless", "--norestore", "--nolockcheck", "--nodefault",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source),
        ]
        try:
            with _own_address_space():
                process = subprocess.Popen(
                    command, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, start_new_session=True,
                )
        except OSError:
            return None
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                process.kill()
            process.wait()
            return None
        result = out / "report.docx"
        try:
            if process.returncode != 0 or not result.is_file() or result.stat().st_size > MAX_FILE_BYTES:
                return None
            return result.read_bytes()
        except OSError:
            return None
