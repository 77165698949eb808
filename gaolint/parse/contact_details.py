"""Contact details as real pages print them, on top of ``metadata.find_contacts``.

find_contacts reads the well-formed cases (and is pinned by tests/test_prose_speed.py to its
reference). Real pages add shapes it misreads, corrected here:

- ``电话6402.1371``: a number with a dot in it is a malformed telephone (GAO502), not a
  missing contact;
- ``邮编：电话：传真：`` with nothing after the labels: empty fields, named as such (GAO501 says
  which), never "telephone number '传真:' malformed";
- ``[email protected]``: a web page's e-mail protection replaced the address; it is one
  unreadable e-mail (GAO003), not two malformed ones, and the contact was given;
- a digit run with no contact word before it (a table row glued into one line by a crawler,
  ``15130000154``) is never a telephone number.
"""

from __future__ import annotations

import re

from ..model import Mention
from .metadata import PHONE_KEY, Prose

#: The protection placeholder web pages put where an address was ([email protected]).
_HIDDEN_EMAIL = re.compile(r"\[\s*+email(?:\s|&#160;|&nbsp;)*+protected\s*+\]", re.IGNORECASE)
_LABEL = r"(?:联系电话|咨询电话|电话|传真|邮政编码|邮编|电子邮箱|电子邮件|邮箱|[Ee]-?[Mm][Aa][Ii][Ll]|联系地址|通讯地址|办公地址|地址)"
#: A label with nothing after its colon but another label, a sentence stop or the line's end.
#: Searched from the colon (a one-character start the engine skips ahead to; starting from
#: the labels took 2 s over 16 million characters of table), then the label is read before it.
_EMPTY_AFTER = re.compile(r"[:：][ \t]*+(?=" + _LABEL + r"[ \t]*+[:：]|[。；;，,)）\n]|$)")
_LABEL_BEFORE = re.compile("(?P<label>" + _LABEL + r")[ \t]*+$")
_LABEL_START = re.compile(_LABEL + r"\s*[:：]")
#: A telephone written with dots or middle dots between its digit groups.
_DOTTED_PHONE = re.compile(r"\s*+(?:号码)?\s*+(?:是|为)?\s*+[:：]?\s*+(\d[\d\-－—]{0,8}[.·．][\d.·．\-－—]{2,16}\d)")
#: Words that make a bare number a telephone number when they come shortly before it.
_PHONE_CONTEXT = re.compile(r"电\s*话|传\s*真|热\s*线|手\s*机|联\s*系|咨\s*询|号\s*码|拨\s*打|举\s*报|投\s*诉|Tel|TEL|tel")


#: Protected addresses (each compared with every e-mail found) and empty fields read per report.
MAX_HIDDEN = 20


def _names(kind: str) -> str:
    return {"phone": "电话", "fax": "传真", "postcode": "邮编", "email": "电子邮箱", "address": "地址"}.get(kind, kind)


def _field_kind(label: str) -> str:
    if "传真" in label:
        return "fax"
    if "编" in label:
        return "postcode"
    if "邮" in label or "mail" in label.lower():
        return "email"
    if "地址" in label:
        return "address"
    return "phone"


def refine_contacts(prose: Prose, found: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(contacts, damage): ``found`` corrected for the shapes above. Empty fields come back as
    ``Mention("empty", "电话")``; a protected e-mail as ``Mention("email_hidden", …)`` plus one
    GAO003 damage mention."""
    text = prose.text
    damage: list[Mention] = []
    contacts = list(found)

    hidden = []
    if "protected" in text:
        for match in _HIDDEN_EMAIL.finditer(text):
            hidden.append((match, prose.location(match.start(), match.end())))
            if len(hidden) >= MAX_HIDDEN:
                break  # a real report hides one or two addresses; hostile text may hide millions
    if hidden:
        def inside(location) -> bool:
            for _, where in hidden:
                end = where.end_column or where.column + 1
                if location.line == where.line and where.column <= location.column < end:
                    return True
            return False

        contacts = [m for m in contacts if not (m.kind == "email" and inside(m.location))]
        for match, where in hidden:
            contacts.append(Mention("email_hidden", match.group(0), where))
            damage.append(Mention("email", match.group(0), where))

    # Empty fields: drop what find_contacts took for a value (the next label), name the field.
    empty_at = []
    for colon in _EMPTY_AFTER.finditer(text):
        floor = max(0, colon.start() - 12)
        label = _LABEL_BEFORE.search(text, floor, colon.start())
        if label is None:
            continue
        where = prose.location(label.start(), colon.end())
        empty_at.append(Mention("empty", _names(_field_kind(label.group("label"))), where))
        if len(empty_at) >= MAX_HIDDEN:
            break  # enough to name the empty fields
    if empty_at:
        contacts = [m for m in contacts if not (m.kind in ("phone", "fax") and _LABEL_START.match(m.text))]
        contacts.extend(empty_at)

    # Dotted telephone numbers the value pattern stopped short of.
    known = {(m.location.line, m.location.column) for m in contacts}
    covered: set[tuple[int, int]] = set()
    dotted_found: list[Mention] = []
    for key in PHONE_KEY.finditer(text):
        dotted = _DOTTED_PHONE.match(text, key.end())
        if not dotted:
            continue
        where = prose.location(dotted.start(1), dotted.end(1))
        if (where.line, where.column) in known:
            continue
        kind = "fax" if "传" in key.group(0) else "phone"
        covered.update((where.line, column) for column in range(where.column, where.end_column or where.column + 1))
        dotted_found.append(Mention(kind, dotted.group(1), where))
    if dotted_found:
        contacts = [m for m in contacts if not (m.kind in ("phone", "fax") and (m.location.line, m.location.column) in covered)]
        contacts.extend(dotted_found)

    # A bare digit run with no contact word before it is not a telephone number. Only the
    # numbers found are looked at (not the whole text again).
    bare = []
    for mention in contacts:
        if mention.kind != "phone" or not mention.text.isdigit():
            continue  # 0591-23165385: a dash-formatted landline is never a glued table cell
        start = _offset(prose, mention)
        if start is not None and not _PHONE_CONTEXT.search(text, max(0, start - 24), start):
            bare.append(mention)
    if bare:
        dropped = {id(m) for m in bare}
        contacts = [m for m in contacts if id(m) not in dropped]
    return contacts, damage


def _offset(prose: Prose, mention: Mention) -> int | None:
    """Where a mention found in ``prose`` starts in ``prose.text``: the occurrence of its text
    that ``prose`` places where the mention is. (Not by its line number alone: a web page's
    element written on one source line, or a page minified onto one, gives many text lines
    one line number, and the first of them is seldom the mention's.)"""
    text, here = prose.text, mention.location
    start = text.find(mention.text)
    while start >= 0:
        there = prose.location(start, start + len(mention.text))
        if (there.line, there.column, there.place) == (here.line, here.column, here.place):
            return start
        start = text.find(mention.text, start + 1)
    return None


