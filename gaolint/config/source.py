"""Where a configuration value came from: the file and the line of any key, so every error names
them (``file:line: key: 中文 / English``)."""

from __future__ import annotations

import os
import re

from ..errors import UsageError


class _Source:
    """A configuration file's name and a way to find the line of any key path in it."""

    def __init__(self, path: str) -> None:
        self.path = path

    @property
    def shown(self) -> str:
        try:
            relative = os.path.relpath(self.path)
        except ValueError:
            relative = self.path
        return (self.path if relative.startswith("..") else relative).replace(os.sep, "/")

    def line(self, keys: tuple, needle: str | None = None) -> int:  # pragma: no cover - overridden
        return 1

    def error(self, keys: tuple, zh: str, en: str, needle: str | None = None) -> UsageError:
        where = f"{self.shown}:{self.line(keys, needle)}"
        dotted = ".".join(str(k) for k in keys if not isinstance(k, int))
        return UsageError(f"{where}: {dotted}: {zh} / {en}")


class _YamlSource(_Source):
    def __init__(self, path: str, root) -> None:
        super().__init__(path)
        self.root = root

    def line(self, keys: tuple, needle: str | None = None) -> int:
        node, line = self.root, 0
        for key in keys:
            try:
                if isinstance(node, list) and isinstance(key, int):
                    line = node.lc.item(key)[0]  # type: ignore[attr-defined]  # ruamel CommentedSeq
                elif isinstance(node, dict) and key in node:
                    line = node.lc.key(key)[0]  # type: ignore[attr-defined]  # ruamel CommentedMap
                else:
                    break
                node = node[key]
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        if needle and isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str) and item.strip().upper() == needle:
                    try:
                        return node.lc.item(index)[0] + 1  # type: ignore[attr-defined]  # ruamel CommentedSeq
                    except (AttributeError, KeyError, IndexError, TypeError):
                        break
        return line + 1


_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=""")
_TOML_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*(?:\.|$)""")


def _toml_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _TOML_PART.findall(dotted))


class _TomlSource(_Source):
    """tomllib keeps no line numbers, so lines are found again in the text: the table header or
    ``key =`` line of the deepest key found, then the first later line holding ``needle``."""

    def __init__(self, path: str, text: str) -> None:
        super().__init__(path)
        self.lines = text.splitlines()

    def line(self, keys: tuple, needle: str | None = None) -> int:
        target = ("tool", "gaolint") + tuple(str(k) for k in keys if not isinstance(k, int))
        best, best_depth = 0, -1
        header: tuple[str, ...] = ()
        for number, text in enumerate(self.lines):
            match = _TOML_HEADER.match(text)
            if match:
                header = _toml_parts(match.group(1))
                full = header
            else:
                match = _TOML_KEY.match(text)
                if not match:
                    continue
                full = header + _toml_parts(match.group(1))
            depth = len(full)
            if full == target[:depth] and depth > best_depth:
                best, best_depth = number, depth
        if best_depth < len(target) and best_depth >= 2:
            leftover = target[best_depth:]
            needle = needle or leftover[0]
        if needle:
            for number in range(best, len(self.lines)):
                if number > best and _TOML_HEADER.match(self.lines[number]):
                    break
                if needle.upper() in self.lines[number].upper():
                    return number + 1
        return best + 1


class _CommandLine(_Source):
    def __init__(self) -> None:
        super().__init__("command line")

    def error(self, keys: tuple, zh: str, en: str, needle: str | None = None) -> UsageError:
        return UsageError(f"--{keys[0]}: {zh} / {en}")
