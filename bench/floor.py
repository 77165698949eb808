"""The throughput floor: what any tool must pay to look at the same files at all.

It walks the same folders gaolint would, reads every report file, decodes it (BOM, UTF-8,
then GB18030, as gaolint tries first) and runs one digit regex over the text. Nothing is
parsed. ``gaolint check --jobs 1`` over the same files is measured against this.

    python bench/floor.py FOLDER [FOLDER ...]
"""

from __future__ import annotations

import codecs
import os
import re
import sys

EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
DIGITS = re.compile(r"\d+")


def files(paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        if os.path.isfile(path):
            found.append(path)
            continue
        for current, folders, names in os.walk(path):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            found.extend(os.path.join(current, n) for n in names if n.lower().endswith(EXTENSIONS) and not n.startswith("."))
    return sorted(found)


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def main(argv: list[str]) -> int:
    numbers = 0
    listing = files(argv or ["."])
    for path in listing:
        with open(path, "rb") as handle:
            text = decode(handle.read())
        numbers += len(DIGITS.findall(text))
    sys.stdout.write(f"{len(listing)} files, {numbers} numbers\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
