"""Reader dump: prove a reader change altered nothing it hands on.

Findings (``bench/snapshot.py``) can stay the same while a reader's lines, places or damage
notes move; this dumps everything ``gaolint.read.read_bytes`` returns — every line's text,
source line, column and place, the damage notes, the suppressions, the encoding, the layout, where
pictures stand —
for every file given and for generated pages, so two trees can be compared line by line::

    python bench/readerdump.py --save /tmp/before.json tests examples /tmp/gaolint-bench/html-200
    python bench/readerdump.py --save /tmp/after.json  tests examples /tmp/gaolint-bench/html-200
    python bench/readerdump.py --diff /tmp/before.json /tmp/after.json

``--builder N`` adds N generated reports rendered by the test builder as web pages (UTF-8, GBK,
GB18030 and Big5, the title inside or outside the content element, in turn) and as .docx.
A file the reader refuses is dumped as its refusal message, which must not move either.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

EXTENSIONS = {".html", ".htm", ".docx", ".doc", ".wps", ".txt", ".md", ".pdf"}
ENCODINGS = ("utf-8", "gbk", "gb18030", "big5")


def _files(roots: list[str], extensions: set[str]) -> Iterator[tuple[str, bytes]]:
    for root in roots:
        path = Path(root)
        paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for one in paths:
            if one.suffix.lower() in extensions:
                yield str(one), one.read_bytes()


def _generated(count: int) -> Iterator[tuple[str, bytes]]:
    import corpus
    from tests.builder.docx import render_docx
    from tests.builder.html import render_html

    for index in range(count):
        document = corpus.report_document(index)
        encoding = ENCODINGS[index % len(ENCODINGS)]
        outside = index % 3 != 0
        yield f"builder-{index}-{encoding}-{outside}.html", render_html(document, encoding, title_outside=outside)
        yield f"builder-{index}.docx", render_docx(document)


def dump_one(path: str, data: bytes) -> object:
    from gaolint.read import UnreadableFile, read_bytes

    try:
        got = read_bytes(data, path)
    except UnreadableFile as refusal:
        return {"refused": str(refusal)}

    def line(source) -> list:  # type: ignore[no-untyped-def]
        return [source.text, source.line, source.column, source.place]

    return {
        "lines": [line(one) for one in got.lines],
        "damage": [[line(source), message] for source, message in got.damage],
        "suppressions": [list(item) for item in got.suppressions],
        "encoding": got.encoding,
        "layout": got.layout,
        "container": got.container,
        "repeatable": got.repeatable,
        "images": list(got.images),
    }


def _diff(before_path: str, after_path: str) -> int:
    before = json.loads(Path(before_path).read_text(encoding="utf-8"))
    after = json.loads(Path(after_path).read_text(encoding="utf-8"))
    moved = 0
    for name in sorted(set(before) | set(after)):
        if before.get(name) == after.get(name):
            continue
        moved += 1
        if moved > 20:
            continue
        print(f"== {name}")
        old, new = before.get(name), after.get(name)
        if not isinstance(old, dict) or not isinstance(new, dict) or "lines" not in old or "lines" not in new:
            print(f"  before: {str(old)[:300]}\n  after:  {str(new)[:300]}")
            continue
        for key in old:
            if old[key] == new.get(key):
                continue
            if key != "lines":
                print(f"  {key}: {str(old[key])[:300]} -> {str(new.get(key))[:300]}")
                continue
            for index, (a, b) in enumerate(zip(old["lines"], new["lines"])):
                if a != b:
                    print(f"  line {index}: {a} -> {b}")
                    break
            if len(old["lines"]) != len(new["lines"]):
                print(f"  {len(old['lines'])} lines -> {len(new['lines'])}")
    print(f"{len(set(before) | set(after))} files, {moved} differ")
    return 1 if moved else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="*", help="files or folders to read")
    parser.add_argument("--builder", type=int, default=0, help="also N generated web pages and .docx")
    parser.add_argument("--only", default="", help="comma-separated extensions (default: every reader's)")
    parser.add_argument("--save", help="write the dump here")
    parser.add_argument("--diff", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two dumps")
    args = parser.parse_args()
    if args.diff:
        return _diff(*args.diff)
    extensions = {f".{e.strip('.')}" for e in args.only.split(",") if e} or EXTENSIONS
    dump = {}
    for name, data in _files(args.roots, extensions):
        dump[name] = dump_one(name, data)
    for name, data in _generated(args.builder):
        if Path(name).suffix in extensions:
            dump[name] = dump_one(name, data)
    text = json.dumps(dump, ensure_ascii=False, sort_keys=True)
    if args.save:
        Path(args.save).write_text(text, encoding="utf-8")
    print(f"{len(dump)} files dumped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
