"""Throughput on a Dask cluster of 1 and 2 workers over a mixed corpus, and what it means for
an archive.

    python bench/scale.py [--per-kind 40] [--folder /tmp/gaolint-scale] [--json]

1. Writes (once; reused) a corpus of ``--per-kind`` reports of each container — .txt (the
   text shapes of bench/corpus.py), .html, .docx and .pdf from the test builder — of
   consistent reports, one in four with a planted defect.
2. Measures the cost of one file of each kind in this process (``gaolint.api.lint_path``,
   after one warm-up file per kind; median of the files).
3. Runs the whole corpus through ``gaolint.cluster.iter_results`` on a LocalCluster of 1, then
   2 single-threaded worker processes (start-up of the cluster not counted), and reports
   files/s and the scaling efficiency (throughput on 2 / (2 × throughput on 1)).
4. Projects the workers (one core each) needed to finish 10^5 mixed reports, and 10^6 PDFs,
   in an hour at the measured per-file costs and efficiency.

The numbers depend on the machine: on a shared 2-core box, the 2-worker run competes with
everything else, so its efficiency is a lower bound.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KINDS = ("txt", "html", "docx", "pdf")


def build_mixed(folder: Path, per_kind: int) -> list[Path]:
    """``per_kind`` reports of each container in ``folder`` (reused when complete)."""
    marker = folder / ".complete"
    stamp = f"{per_kind} v1"
    if marker.exists() and marker.read_text() == stamp:
        return sorted(p for p in folder.iterdir() if kind_of(p) in KINDS)
    from bench.corpus import report_bytes, spec_for
    from tests.builder import build_document, defects_for, plant
    from tests.builder.docx import render_docx
    from tests.builder.html import render_html
    from tests.builder.pdf import render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    renderers = {"html": render_html, "docx": render_docx, "pdf": render_pdf}
    for index in range(per_kind * len(KINDS)):
        kind = KINDS[index % len(KINDS)]
        if kind == "txt":
            data, name = report_bytes(index)
            (folder / name).write_bytes(data)
            continue
        spec = spec_for(index)
        if index % 4 == 3:
            names = defects_for(spec)
            document = plant(spec, names[(index // 4) % len(names)], index).document
        else:
            document = build_document(spec)
        (folder / f"r{index:05d}.{kind}").write_bytes(renderers[kind](document))
    marker.write_text(stamp)
    return sorted(p for p in folder.iterdir() if kind_of(p) in KINDS)


def kind_of(path: Path) -> str:
    return "txt" if path.suffix in (".txt", ".md") else path.suffix.lstrip(".")


def per_file_costs(files: list[Path]) -> dict[str, float]:
    """Median seconds per file of each kind, in this process."""
    from gaolint import api

    settings = api.Settings()
    times: dict[str, list[float]] = {}
    warmed: set[str] = set()
    for path in files:
        kind = kind_of(path)
        if kind not in warmed:  # imports and compiled patterns: paid once per worker
            api.lint_path(str(path), settings)
            warmed.add(kind)
        started = time.perf_counter()
        api.lint_path(str(path), settings)
        times.setdefault(kind, []).append(time.perf_counter() - started)
    return {kind: statistics.median(values) for kind, values in sorted(times.items())}


def cluster_throughput(files: list[Path], workers: int) -> tuple[float, float]:
    """(files per second, seconds) of the corpus on a LocalCluster of ``workers`` processes."""
    from gaolint import api
    from gaolint.cluster import Cluster, iter_results

    items = [(str(p), p.name) for p in files]
    with Cluster(f"local:{workers}") as cluster:
        # warm every worker (imports, the readers' libraries) before the clock starts
        list(iter_results(items[: 4 * workers], api.Settings(), cluster, chunk=1))
        started = time.perf_counter()
        count = sum(1 for _ in iter_results(items, api.Settings(), cluster))
        took = time.perf_counter() - started
    return count / took, took


def workers_for(files: int, seconds_per_file: float, efficiency: float, hours: float = 1.0) -> int:
    """Worker processes (one core each) to lint ``files`` in ``hours`` at that cost."""
    import math

    return math.ceil(files * seconds_per_file / (hours * 3600 * efficiency))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--folder", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "gaolint-scale"))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    files = build_mixed(Path(options.folder) / f"mixed-{options.per_kind}", options.per_kind)
    costs = per_file_costs(files)
    mixed = statistics.fmean(costs[kind_of(p)] for p in files)
    one, took_one = cluster_throughput(files, 1)
    two, took_two = cluster_throughput(files, 2)
    efficiency = two / (2 * one)
    figures = {
        "files": len(files),
        "seconds_per_file": {k: round(v, 4) for k, v in costs.items()},
        "seconds_per_mixed_file": round(mixed, 4),
        "cluster_1_worker_files_per_s": round(one, 1),
        "cluster_2_workers_files_per_s": round(two, 1),
        "scaling_efficiency": round(efficiency, 2),
        "overhead_vs_in_process": round(1 / one / mixed, 2),
        "workers_for_1e5_mixed_in_1h": workers_for(100_000, 1 / one, min(1.0, max(efficiency, 0.5))),
        "workers_for_1e6_pdf_in_1h": workers_for(1_000_000, costs.get("pdf", mixed) * (1 / one / mixed),
                                                 min(1.0, max(efficiency, 0.5))),
    }
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"corpus: {len(files)} files ({options.per_kind} each of {', '.join(KINDS)})")
    for kind, cost in costs.items():
        print(f"  {kind:5s} {cost * 1000:8.1f} ms per file (one process, median)")
    print(f"  mixed {mixed * 1000:8.1f} ms per file")
    print(f"cluster, 1 worker : {one:7.1f} files/s ({took_one:.1f} s)")
    print(f"cluster, 2 workers: {two:7.1f} files/s ({took_two:.1f} s)")
    print(f"scaling efficiency: {efficiency:.2f}")
    print(f"workers for 10^5 mixed reports in 1 h: {figures['workers_for_1e5_mixed_in_1h']}")
    print(f"workers for 10^6 PDFs in 1 h:          {figures['workers_for_1e6_pdf_in_1h']}")


if __name__ == "__main__":
    main()
