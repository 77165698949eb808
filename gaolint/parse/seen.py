"""Remembering the contact details already found, so that the next one is checked against all
of them by lookups rather than by a scan of every earlier one.

``find_contacts`` skips a telephone number or e-mail address that repeats (or sits inside) one
it already has. Asked as ``any(... for m in found)`` that question is quadratic: a report
holding thousands of numbers took minutes. These classes give exactly the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable


class SeenTexts:
    """Texts found so far: is one of them, spaces removed, inside ``value``
    (``has_inside``)? Is ``value`` inside one of them (``has_around``)?"""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.texts: list[str] = []
        self.squeezed: set[str] = set()
        self.windows: dict[int, set[str]] = {}  # length -> every substring of that length
        self.shortest, self.longest = 0, -1  # lengths of the squeezed texts
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        self.texts.append(text)
        squeezed = text.replace(" ", "")
        self.squeezed.add(squeezed)
        if self.longest < 0:
            self.shortest = self.longest = len(squeezed)
        else:
            self.shortest, self.longest = min(self.shortest, len(squeezed)), max(self.longest, len(squeezed))
        for length, windows in self.windows.items():
            windows.update(text[i : i + length] for i in range(len(text) - length + 1))

    def has_inside(self, value: str) -> bool:
        return any(
            value[i : i + length] in self.squeezed
            for length in range(self.shortest, min(self.longest, len(value)) + 1)
            for i in range(len(value) - length + 1)
        )

    def has_around(self, value: str) -> bool:
        size = len(value)
        windows = self.windows.get(size)
        if windows is None:
            windows = self.windows[size] = {t[i : i + size] for t in self.texts for i in range(len(t) - size + 1)}
        return value in windows


class SeenEmails:
    """E-mail texts found so far: is ``address`` (which holds one ``@``) inside one of them?

    A text can hold ``address`` only around one of its own ``@``, with the same characters on
    either side; texts are filed under up to three characters each side of each ``@``, and only
    the texts filed under the address's own neighbourhood are searched."""

    SIDE = 3

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.exact: set[str] = set()
        self.by_context: dict[tuple[str, str], list[str]] = {}
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        self.exact.add(text)
        at = text.find("@")
        while at != -1:
            for left in range(1, min(self.SIDE, at) + 1):
                for right in range(1, min(self.SIDE, len(text) - at - 1) + 1):
                    self.by_context.setdefault((text[at - left : at], text[at + 1 : at + 1 + right]), []).append(text)
            at = text.find("@", at + 1)

    def has_around(self, address: str) -> bool:
        if address in self.exact:
            return True
        at = address.find("@")
        if at <= 0 or at == len(address) - 1:
            return any(address in text for text in self.exact)  # not an address: no shortcut
        key = (address[max(0, at - self.SIDE) : at], address[at + 1 : at + 1 + self.SIDE])
        return any(address in text for text in self.by_context.get(key, ()))
