"""HTML engines side by side: what a parse and a walk of every element cost, lxml against Lexbor.

    pip install --target /tmp/sx selectolax      # not a dependency: only for this measurement
    PYTHONPATH=/tmp/sx python bench/html_engines.py [--count 200]

Issue 15 asks the HTML reader to come within 3× of a bare lxml parse. The reader's time above
the parse is Python looking at each element and cell through lxml's proxies (docs/performance.md,
"HTML, branch html3"). This script measures whether another engine changes that arithmetic: the
bare parse, and a walk that reads every element's tag and the text of every cell and paragraph,
in lxml (``lxml.html``) and in Lexbor (``selectolax``, MIT), CPU ms a page over the bench's
generated pages (bench/corpus.py), interleaved, the least of ``--rounds``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

_READ_TEXT = ("td", "th", "p")


def lxml_parse(pages: list[bytes]) -> None:
    import lxml.html

    for page in pages:
        lxml.html.document_fromstring(page)


def lxml_walk(pages: list[bytes]) -> None:
    import lxml.html

    for page in pages:
        for node in lxml.html.document_fromstring(page).iter():
            if node.tag in _READ_TEXT:
                node.text_content()


def lexbor_parse(pages: list[bytes]) -> None:
    from selectolax.lexbor import LexborHTMLParser

    for page in pages:
        LexborHTMLParser(page)


def lexbor_walk(pages: list[bytes]) -> None:
    from selectolax.lexbor import LexborHTMLParser

    for page in pages:
        body = LexborHTMLParser(page).body
        for node in body.traverse(include_text=False) if body is not None else ():
            if node.tag in _READ_TEXT:
                node.text(deep=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    import corpus

    work = Path(__import__("tempfile").gettempdir()) / "gaolint-bench"
    files = corpus.build_containers(work / f"html-{max(200, options.count)}", max(200, options.count), ".html")
    pages = [path.read_bytes() for path in files[: options.count]]
    runs: list[Callable[[list[bytes]], None]] = [lxml_parse, lxml_walk]
    try:
        import selectolax.lexbor  # noqa: F401
        runs += [lexbor_parse, lexbor_walk]
    except ImportError:
        print("selectolax is not installed: lxml only (see the docstring)")
    best = {run.__name__: float("inf") for run in runs}
    for _ in range(options.rounds):
        for run in runs:
            started = time.process_time()
            run(pages)
            best[run.__name__] = min(best[run.__name__], time.process_time() - started)
    floor = best["lxml_parse"]
    for name, seconds in best.items():
        print(f"{name:14} {seconds / len(pages) * 1e3:6.2f} ms a page  {seconds / floor:4.2f}× the lxml parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
