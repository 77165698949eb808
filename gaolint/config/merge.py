"""Command-line options over the configuration file over the defaults: ``load_settings``."""

from __future__ import annotations

import os

from ..engine import Settings
from ..errors import UsageError
from .files import find_config, read_config
from .globs import relocate_glob, split_globs
from .options import FileOptions, _check_ids, parse_options, split_ids
from .run_config import RunConfig
from .source import _CommandLine


def validate_ids(ids: tuple[str, ...], option: str) -> tuple[str, ...]:
    return _check_ids(list(ids), (option.lstrip("-"),), _CommandLine())


def load_settings(args) -> RunConfig:
    """Command-line options over the configuration file over the defaults."""
    config_path = getattr(args, "config", None)
    if config_path:
        if not os.path.exists(config_path):
            raise UsageError(f"--config: 找不到配置文件 / configuration file not found: {config_path}")
        path: str | None = config_path
    else:
        path = find_config()
    options = FileOptions()
    if path is not None:
        table, source = read_config(path)
        options = parse_options(table, source)

    cli_select, cli_ignore = getattr(args, "select", None), getattr(args, "ignore", None)
    select = validate_ids(split_ids(cli_select), "--select") if cli_select else (options.select or ())
    ignore = validate_ids(split_ids(cli_ignore), "--ignore") if cli_ignore else (options.ignore or ())
    agencies: dict[str, dict] = {}
    for pattern, override in options.agencies.items():
        for relocated in relocate_glob(pattern, options.base):
            agencies[relocated] = override
    settings = Settings(
        select=select,
        ignore=ignore,
        severity=dict(options.severity),
        per_file_ignores=dict(options.per_file_ignores),
        deadlines=dict(options.deadlines),
        agencies=agencies,
        verbose=bool(getattr(args, "verbose", False)),
    )
    file_ignores = [(relocate_glob(p, options.base), ids) for p, ids in options.per_file_ignores.items()]
    config = RunConfig(
        settings,
        fail_on=getattr(args, "fail_on", None) or options.fail_on or "error",
        lang=getattr(args, "lang", None) or options.lang or "zh",
        sources=[path] if path else [],
        file_ignores=file_ignores,
        exclude=[g for p in options.exclude for g in relocate_glob(p, options.base)]
        + [g for p in split_globs(getattr(args, "exclude", None)) for g in relocate_glob(p, os.getcwd())],
    )
    config.budget = _budget(args, options)
    if settings.verbose and path:
        import sys

        sys.stderr.write(f"gaolint: 使用配置文件 / using configuration {path}\n")
    return config


def _budget(args, options: FileOptions):
    """--timeout / --memory-limit over the timeout / memory-limit keys over the defaults."""
    from ..workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Budget

    timeout = getattr(args, "timeout", None)
    memory = getattr(args, "memory_limit", None)
    for value, option in ((timeout, "--timeout"), (memory, "--memory-limit")):
        if value is not None and not 0 <= value <= 86_400:
            raise UsageError(f"{option}: 应为 0 到 86400 之间的数字 / must be from 0 to 86400 (0: no limit)")
    if timeout is None:
        timeout = options.timeout if options.timeout is not None else DEFAULT_TIMEOUT
    if memory is None:
        memory = options.memory_limit if options.memory_limit is not None else DEFAULT_MEMORY_MB
    return Budget(float(timeout), int(memory))
