"""Per-container figures against each container's own floor, and a mixed corpus through the CLI.

    python bench/containers.py                 # 60 files a container, mixed corpus of 100
    python bench/containers.py --count 200     # more files a container (slower)
    python bench/containers.py --compare TREE  # also time another source tree's readers, interleaved

All figures are CPU seconds (user + system), not wall time: the machine is shared.

Per container (text, HTML, .docx, PDF), over the same files:

* floor: what any tool pays to look at the files at all —
  text: read + decode + one digit regex (as bench/floor.py);
  HTML: a bare ``lxml.html.document_fromstring``;
  .docx: ``zipfile`` + ``lxml.etree.fromstring`` of ``word/document.xml``;
  PDF: bare pypdfium2 text extraction (as bench/pdf_speed.py);
* reader: gaolint's reader alone (``gaolint.read.read_bytes``), in this process;
* lint: ``engine.lint_file`` in this process (read, normalise, parse, rules), no workers;
* CLI: ``gaolint check --jobs 1 --no-cache`` over the files in a child (start-up, preflight,
  the forked worker, output). CLI ÷ files − lint ÷ files − start-up ÷ files is what the worker
  and the run's own bookkeeping cost a file.

Mixed corpus (``MIX``): 60% PDF, 20% HTML, 12% .docx, 8% text — most published reports are
PDFs, then web pages, then Word files; plain text is the rare case (issue 15). The files are the
bench's generated reports (bench/corpus.py), copied into one folder; reports/s of
``gaolint check --no-cache`` with ``--jobs 1`` and ``--jobs 2`` (per CPU second and per wall
second, the latter only worth much on an idle machine).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

#: Share of each container in the mixed corpus (sums to 1).
MIX = ((".pdf", 0.60), (".html", 0.20), (".docx", 0.12), (".txt", 0.08))
WORK = Path(tempfile.gettempdir()) / "gaolint-bench"
DIGITS = re.compile(r"\d+")


def corpus_files(extension: str, count: int) -> list[Path]:
    import corpus

    if extension == ".txt":
        files = corpus.build(WORK / "text-1000", 1000)
        return [f for f in files if f.suffix in (".txt", ".md")][:count]
    size = max(200, count)
    return corpus.build_containers(WORK / f"{extension[1:]}-{size}", size, extension)[:count]


# --- floors -----------------------------------------------------------------------------------

def floor_text(datas: list[bytes]) -> None:
    for data in datas:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030", "replace")
        DIGITS.findall(text)


def floor_html(datas: list[bytes]) -> None:
    from lxml import html

    for data in datas:
        html.document_fromstring(data)


def floor_docx(datas: list[bytes]) -> None:
    from lxml import etree

    for data in datas:
        etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def floor_pdf(datas: list[bytes]) -> None:
    import pypdfium2

    for data in datas:
        document = pypdfium2.PdfDocument(data)
        for page in document:
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()
        document.close()


FLOORS = {".txt": floor_text, ".html": floor_html, ".docx": floor_docx, ".pdf": floor_pdf}


def cpu(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def read_all(paths: list[Path], datas: list[bytes]) -> None:
    from gaolint.read import read_bytes
    from gaolint.read.base import UnreadableFile

    for path, data in zip(paths, datas):
        try:
            read_bytes(data, str(path))
        except UnreadableFile:
            pass


def lint_all(paths: list[Path]) -> None:
    from gaolint import engine
    from gaolint.engine import Settings

    settings = Settings()
    for path in paths:
        engine.lint_file(str(path), settings)


def cli_cpu(arguments: list[str], tree: Path | None = None) -> tuple[float, float]:
    """(CPU seconds of the children, wall seconds) of ``python -m gaolint check ...``."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-m", "gaolint", "check", "--no-cache", "--no-progress", *arguments]
    before, wall = os.times(), time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False, cwd="/")
    after = os.times()
    return ((after.children_user - before.children_user) + (after.children_system - before.children_system),
            time.perf_counter() - wall)


def per_container(count: int) -> None:
    start_up, _ = cli_cpu(["--jobs", "1", str(corpus_files(".txt", 1)[0])])
    print(f"CPU ms a file (median of 3 rounds; start-up of one text report through the CLI: {start_up * 1000:.0f} ms)")
    print(f"  {'container':9} {'files':>5} {'floor':>7} {'reader':>7} {'×floor':>6} {'lint':>7} {'×floor':>6}"
          f" {'CLI':>7} {'×floor':>6} {'worker+run':>10}")
    for extension in (".txt", ".html", ".docx", ".pdf"):
        paths = corpus_files(extension, count)
        datas = [p.read_bytes() for p in paths]
        rounds = []
        for _ in range(3):  # interleaved rounds; medians
            rounds.append((cpu(FLOORS[extension], datas), cpu(read_all, paths, datas), cpu(lint_all, paths),
                           cli_cpu(["--jobs", "1", *map(str, paths)])[0]))
        floor, reader, lint, cli = (sorted(r[i] for r in rounds)[1] / len(paths) * 1000 for i in range(4))
        worker = cli - lint - start_up * 1000 / len(paths)
        print(f"  {extension:9} {len(paths):5} {floor:7.2f} {reader:7.2f} {reader / floor:6.1f} {lint:7.2f}"
              f" {lint / floor:6.1f} {cli:7.2f} {cli / floor:6.1f} {worker:10.2f}")


def mixed(total: int) -> None:
    folder = WORK / f"mixed-{total}"
    marker = folder / ".complete"
    if not marker.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for extension, share in MIX:
            for path in corpus_files(extension, round(total * share)):
                shutil.copyfile(path, folder / f"{extension[1:]}-{path.name}")
        marker.write_text("ok")
    files = [p for p in folder.iterdir() if not p.name.startswith(".")]
    mix = ", ".join(f"{round(total * share)} {ext}" for ext, share in MIX)
    print(f"mixed corpus: {len(files)} files ({mix}) in {folder}")
    for jobs in ("1", "2"):
        seconds, wall = sorted((cli_cpu(["--jobs", jobs, str(folder)]) for _ in range(3)))[1]
        print(f"  --jobs {jobs}: {seconds:6.2f} CPU s = {len(files) / seconds:6.1f} reports per CPU second;"
              f" wall {wall:6.2f} s = {len(files) / wall:6.1f} reports/s (load {os.getloadavg()[0]:.1f})")


def compare_readers(tree: Path, count: int) -> None:
    """This tree's readers against another tree's, interleaved, in children (CPU s)."""
    script = ("import sys,time;sys.path.insert(0,sys.argv[1]);sys.path.insert(1,sys.argv[2]);"
              "from containers import corpus_files,read_all;"
              "p=corpus_files(sys.argv[3],int(sys.argv[4]));d=[x.read_bytes() for x in p];read_all(p[:5],d[:5]);"
              "t=time.process_time();read_all(p,d);print(time.process_time()-t)")
    for extension in (".html", ".docx"):
        results: dict[str, list[float]] = {"this": [], "other": []}
        for _ in range(3):
            for name, source in (("other", tree), ("this", ROOT)):
                out = subprocess.run([sys.executable, "-c", script, str(source), str(HERE), extension, str(count)],
                                     capture_output=True, text=True, check=True, cwd="/")
                results[name].append(float(out.stdout))
        other, this = (sorted(results[k])[1] / count * 1000 for k in ("other", "this"))
        print(f"  reader {extension}: {tree} {other:.2f} ms a file, this tree {this:.2f} ms ({other / this:.1f}× faster)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=60, help="files a container")
    parser.add_argument("--mixed", type=int, default=100, help="files in the mixed corpus")
    parser.add_argument("--compare", type=Path, help="another source tree (git archive ... | tar -x -C DIR)")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if options.compare:
        compare_readers(options.compare, options.count)
    per_container(options.count)
    mixed(options.mixed)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
