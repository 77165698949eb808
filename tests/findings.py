"""Findings compared across two renderings of one report: the rules and messages, with the
source places a message names (``第 12 行``, ``第 419–424 行``, ``第3段``) masked, since the
same report in another container or shape sits on other lines."""

from __future__ import annotations

import re

from gaolint.engine import Settings, lint_file

_PLACES = re.compile(r"第 [\d–]+ 行|第\d+段|lines? [\d–]+")


def findings_apart_from_places(path) -> list[tuple[str, str]]:
    return sorted((f.rule, _PLACES.sub("P", f.message.zh)) for f in lint_file(str(path), Settings()).findings)
