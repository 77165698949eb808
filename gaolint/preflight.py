"""Cheap checks before a reader library sees a file: refuse in milliseconds what would
otherwise run until the per-file deadline (gaolint/workers.py).

Only PDFs need this today: a PDF is a graph of numbered objects, and a reader that follows
its references can be sent round in circles by a few edited bytes. The checks below look at
the object *dictionaries* written in the clear (never inside streams, whose bytes may be
anything) and refuse a file only for a shape no PDF writer produces:

* an indirect reference to an indirect reference to … (``1 0 obj 2 0 R endobj``) more than
  ``MAX_REFERENCE_CHAIN`` deep, or going round in a circle;
* a page tree whose ``/Kids`` or ``/Parent`` links go round in a circle;
* a form XObject that draws itself (directly or through other forms and resources);
* more numbered objects than ``MAX_PDF_OBJECTS`` (a real report has hundreds to thousands).

Objects inside compressed object streams are not seen; the deadline still covers those.
Whatever engine reads PDFs (pdfminer, pdfium), these shapes are refused before it starts.
"""

from __future__ import annotations

import re

from .engine import FileResult, Settings, display_path

#: Numbered objects in one PDF: a 200-page scanned report has a few thousand.
MAX_PDF_OBJECTS = 200_000
#: Longest chain of objects that are nothing but a reference to the next one. Writers make
#: none (an object holding a /Length is a number, not a reference); pdfminer needed 3 s for a
#: chain of 10 and never finished one of 5,000.
MAX_REFERENCE_CHAIN = 3
#: Bytes of an object's dictionary looked at (its stream, if any, is never read here).
_DICT_BYTES = 64 * 1024
#: Objects visited while looking for one form's way back to itself.
_MAX_VISITS = 20_000

_OBJECT = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b")
_REFERENCE = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+R\b")
_ONLY_REFERENCE = re.compile(rb"\s*(\d{1,10})\s+\d{1,5}\s+R\s*$")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]{0,200000})\]")
_PARENT = re.compile(rb"/Parent\s+(\d{1,10})\s+\d{1,5}\s+R\b")
_BACK_LINKS = re.compile(rb"/(?:Parent|P|Prev|Next|First|Last|Dest|D|Pg|StructParent\w*)\s+\d{1,10}\s+\d{1,5}\s+R\b")
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_END = re.compile(rb"\bstream\b|\bendobj\b")


def preflight(path: str, settings: Settings) -> FileResult | None:
    """A GAO001 result when a cheap check already rules the file out, else None."""
    if not path.lower().endswith(".pdf"):
        return None
    from .read.limits import MAX_FILE_BYTES
    from .regular_file import read_regular_file

    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except OSError:
        return None  # the reader reports it with its own words
    reason = pdf_reason(data)
    if reason is None:
        return None
    from .checks.failures import Unreadable

    shown = display_path(path)
    finding = Unreadable.finding(
        shown, f"无法读取文件：PDF 结构异常（{reason[0]}）", f"unreadable file: malformed PDF ({reason[1]})",
    )
    return FileResult(shown, [finding] if settings.enabled(Unreadable.code) else [], repeatable=False)


def _dictionaries(data: bytes) -> dict[int, bytes] | tuple[str, str]:
    """Object number → the text of its dictionary (up to its stream or endobj); the last
    definition of a number wins, as an incremental update's would."""
    if data.count(b"endobj") > MAX_PDF_OBJECTS:  # one pass in C: 10 ms for 27 MB
        return (f"超过 {MAX_PDF_OBJECTS} 个对象", f"more than {MAX_PDF_OBJECTS} objects")
    found: dict[int, bytes] = {}
    for match in _OBJECT.finditer(data):
        start = match.end()
        end = _END.search(data, start, start + _DICT_BYTES)
        found[int(match.group(1))] = data[start:end.start() if end else start + _DICT_BYTES]
    return found


def pdf_reason(data: bytes) -> tuple[str, str] | None:
    """Why these PDF bytes are refused before reading, in Chinese and English; None if not."""
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        return None  # not a PDF at all: the reader says so
    objects = _dictionaries(data)
    if isinstance(objects, tuple):
        return objects
    return _reference_chain(objects) or _page_tree_loop(objects) or _recursive_form(objects)


def _reference_chain(objects: dict[int, bytes]) -> tuple[str, str] | None:
    pointer: dict[int, int] = {}
    for number, body in objects.items():
        match = _ONLY_REFERENCE.match(body)
        if match:
            pointer[number] = int(match.group(1))
    depth: dict[int, int] = {}
    for start in pointer:
        trail: list[int] = []
        seen: set[int] = set()
        node = start
        while node in pointer and node not in depth:
            if node in seen:
                return ("间接引用成环", "indirect references go round in a circle")
            seen.add(node)
            trail.append(node)
            node = pointer[node]
        known = depth.get(node, 0)
        for step in reversed(trail):
            known += 1
            depth[step] = known
            if known > MAX_REFERENCE_CHAIN:
                return (f"间接引用链超过 {MAX_REFERENCE_CHAIN} 层", f"a chain of more than {MAX_REFERENCE_CHAIN} indirect references")
    return None


def _page_tree_loop(objects: dict[int, bytes]) -> tuple[str, str] | None:
    kids: dict[int, list[int]] = {}
    parent: dict[int, int] = {}
    for number, body in objects.items():
        if b"/Kids" in body:
            match = _KIDS.search(body)
            if match:
                kids[number] = [int(m.group(1)) for m in _REFERENCE.finditer(match.group(1))]
        if b"/Parent" in body:
            match = _PARENT.search(body)
            if match:
                parent[number] = int(match.group(1))
    for start in parent:  # following /Parent upwards must reach the root
        seen = {start}
        node = start
        while node in parent:
            node = parent[node]
            if node in seen:
                return ("页面树的 /Parent 成环", "the page tree's /Parent links go round in a circle")
            seen.add(node)
    if _has_cycle(kids):
        return ("页面树的 /Kids 成环", "the page tree's /Kids go round in a circle")
    return None


def _has_cycle(graph: dict[int, list[int]]) -> bool:
    """Whether following edges of ``graph`` can come back to where it started (iterative DFS)."""
    state: dict[int, int] = {}  # 1 on the current path, 2 done
    for root in graph:
        if root in state:
            continue
        stack = [(root, iter(graph.get(root, ())))]
        state[root] = 1
        while stack:
            node, edges = stack[-1]
            for child in edges:
                mark = state.get(child)
                if mark == 1:
                    return True
                if mark is None:
                    state[child] = 1
                    stack.append((child, iter(graph.get(child, ()))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return False


def _recursive_form(objects: dict[int, bytes]) -> tuple[str, str] | None:
    forms = [number for number, body in objects.items() if b"/Form" in body and _FORM.search(body)]
    if not forms:
        return None
    edges: dict[int, list[int]] = {}

    def links(number: int) -> list[int]:
        if number not in edges:
            body = objects.get(number, b"")
            body = _BACK_LINKS.sub(b"", body) if b"/" in body else body
            edges[number] = [int(m.group(1)) for m in _REFERENCE.finditer(body)]
        return edges[number]

    visits = 0
    for form in forms[:500]:
        seen: set[int] = set()
        stack = list(links(form))
        while stack and visits < _MAX_VISITS:
            node = stack.pop()
            if node == form:
                return ("表单 XObject 引用自身", "a form XObject draws itself")
            if node in seen:
                continue
            seen.add(node)
            visits += 1
            stack.extend(links(node))
    return None


__all__ = ["preflight", "pdf_reason", "MAX_PDF_OBJECTS", "MAX_REFERENCE_CHAIN"]
