"""Run configuration: command-line options over ``.gaolint.yaml`` / ``[tool.gaolint]``.

The file is found by searching upward from the current folder (``--config FILE`` overrides the
search). Every key is validated against the rule registry before anything is linted, and a
mistake is a ``UsageError`` (exit 2) that names the key, the file and the line, so a typo in a
pre-commit hook's configuration never silently turns a rule off.

One module per concern:

- ``source.py``: where a value came from (file and line of any key), for error messages;
- ``files.py``: finding the file and reading it within limits (YAML or pyproject.toml);
- ``options.py``: validating every key and value into ``FileOptions``;
- ``globs.py``: file globs relative to the configuration's folder (per-file ignores, agencies,
  exclude);
- ``run_config.py``: ``RunConfig``, the run's settings record, and its findings filter;
- ``merge.py``: ``load_settings``, the command line over the file over the defaults;
- ``nearest.py``: which configuration applies to which report (the nearest one, as ruff does);
- ``init.py``: ``gaolint init``.
"""

from __future__ import annotations

from .files import (
    CONFIG_NAMES,
    MAX_CONFIG_BYTES,
    MAX_CONFIG_DEPTH,
    MAX_CONFIG_VALUES,
    MAX_NUMBER_DIGITS,
    MAX_YAML_BYTES,
    MAX_YAML_ITEMS,
    PYPROJECT,
    find_config,
    read_config,
)
from .globs import glob_matches, relocate_glob, split_globs
from .init import INIT_TEMPLATE, write_init
from .merge import load_settings, validate_ids
from .nearest import config_groups
from .options import (
    AGENCY_KEYS,
    AGENCY_KINDS,
    DEADLINE_KINDS,
    FAIL_ON,
    KEYS,
    LANGS,
    SEVERITIES,
    FileOptions,
    known_codes,
    parse_options,
    split_ids,
)
from .run_config import RunConfig
from .source import _TomlSource, _YamlSource

__all__ = [
    "RunConfig", "FileOptions", "KEYS", "load_settings", "find_config", "read_config", "parse_options",
    "relocate_glob", "validate_ids", "known_codes", "write_init", "INIT_TEMPLATE", "config_groups",
    "glob_matches", "split_globs", "split_ids", "CONFIG_NAMES", "PYPROJECT", "SEVERITIES", "FAIL_ON", "LANGS",
    "AGENCY_KINDS", "AGENCY_KEYS", "DEADLINE_KINDS", "MAX_CONFIG_BYTES", "MAX_CONFIG_DEPTH", "MAX_CONFIG_VALUES",
    "MAX_NUMBER_DIGITS", "MAX_YAML_BYTES", "MAX_YAML_ITEMS", "_TomlSource", "_YamlSource",
]
