"""Findings snapshot: prove a refactor changed no behaviour.

Lints the shared corpus (``../shared/corpus``, when present), ``examples/``, 600 generated text
reports and 40 each of the generated .html, .docx and .pdf files with ``--format json --no-cache
--jobs 1``, strips what varies between runs (timings, the temporary folder), and prints one
SHA-256 per set plus one over all. Run it on two trees and compare the lines::

    python bench/snapshot.py                 # this tree
    python bench/snapshot.py --save A.json   # keep the normalised findings to diff later

Issue 13 asks that the findings over the corpus, the examples and the bench's generated reports
stay byte-for-byte the same through the restructuring; this is the check.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
WORK = Path(tempfile.gettempdir()) / "gaolint-bench"
VARYING = {"elapsed", "elapsed_seconds", "duration", "started", "finished", "time", "seconds"}


def _sets() -> dict[str, list[Path]]:
    import corpus

    sets: dict[str, list[Path]] = {}
    shared = ROOT.parent / "shared" / "corpus"
    if shared.is_dir():
        sets["corpus"] = sorted(p for p in shared.rglob("*") if p.is_file() and p.name != "README.md")
    sets["examples"] = sorted((ROOT / "examples").iterdir())
    sets["text"] = corpus.build(WORK / "snapshot-text-600", 600)
    for extension in (".html", ".docx", ".pdf"):
        sets[extension[1:]] = corpus.build_containers(WORK / f"snapshot-{extension[1:]}-40", 40, extension)
    return sets


def _strip(value, roots: tuple[str, ...]):
    if isinstance(value, dict):
        return {k: _strip(v, roots) for k, v in value.items() if k not in VARYING}
    if isinstance(value, list):
        return [_strip(v, roots) for v in value]
    if isinstance(value, str):
        for root in roots:
            value = value.replace(root, "<ROOT>")
        return value
    return value


def findings(paths: list[Path]) -> object:
    command = [sys.executable, "-m", "gaolint", "check", "--format", "json", "--no-cache", "--jobs", "1",
               "--exit-zero", *map(str, paths)]
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(command, capture_output=True, cwd=ROOT, env=env, check=False)
    try:
        data = json.loads(done.stdout)
    except ValueError:
        raise SystemExit(f"snapshot: no JSON from gaolint (exit {done.returncode}): {done.stderr[-2000:]!r}")
    roots = tuple(sorted({str(p.parent) for p in paths}, key=len, reverse=True))
    return _strip(data, roots)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", type=Path, help="write the normalised findings here as JSON")
    options = parser.parse_args()
    everything = {}
    for name, paths in _sets().items():
        everything[name] = findings(paths)
        text = json.dumps(everything[name], ensure_ascii=False, sort_keys=True)
        print(f"{name:9} {len(paths):5} files  {hashlib.sha256(text.encode()).hexdigest()[:16]}")
    whole = json.dumps(everything, ensure_ascii=False, sort_keys=True)
    print(f"{'all':9} {'':5}        {hashlib.sha256(whole.encode()).hexdigest()[:16]}")
    if options.save:
        options.save.write_text(json.dumps(everything, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
