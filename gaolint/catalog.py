"""The rule catalog for people: ``gaolint rules`` and ``gaolint explain``, and the data that
docs/rules/*.md and SARIF are generated from."""

from __future__ import annotations

import difflib
import inspect
import re
import sys

from .output.context import RuleInfo

#: Rule families by code prefix: ``select: [GAO3]`` picks a whole family.
FAMILIES = {
    "GAO0": ("文件与运行", "the file and the run"),
    "GAO1": ("结构：部分与表格", "structure: sections and tables"),
    "GAO2": ("统计期限与日期", "statistics period and dates"),
    "GAO3": ("表格勾稽关系", "arithmetic of the tables"),
    "GAO4": ("信息处理费", "information processing fees"),
    "GAO5": ("联系方式", "contact details"),
    "GAO6": ("跨年度核对", "across years"),
}

_SCOPES = {
    "file": "one report at a time",
    "repository": "every report in the run together (same agency, consecutive years)",
    "run": "the whole run, after every other rule (gaolint's own directives)",
}

_HEADING = re.compile(r"^\*\*(.+?)\*\*\s*$")


def rule_infos() -> list[RuleInfo]:
    from .checks import RULES

    return [
        RuleInfo(code, cls.name, cls.severity.value, cls.summary, inspect.cleandoc(cls.__doc__ or ""))
        for code, cls in RULES.items()
    ]


def family(code: str) -> tuple[str, str, str]:
    """(prefix, Chinese name, English name) of the family a code belongs to."""
    prefix = code[:4]
    zh, en = FAMILIES.get(prefix, ("其他", "other"))
    return prefix, zh, en


def _doc_markdown(doc: str) -> str:
    """The docstring's ``**What it does**`` lines as Markdown headings."""
    lines = []
    for line in doc.splitlines():
        match = _HEADING.match(line)
        if match:
            if lines and lines[-1].strip():
                lines.append("")
            lines.append(f"## {match.group(1)}")
            lines.append("")
            continue
        lines.append(line.rstrip())
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _facts(code: str) -> tuple[str, str]:
    """(formats the rule applies to, its scope) from the registry."""
    from .checks import RULES

    cls = RULES.get(code)
    if cls is None:
        return "all", _SCOPES["file"]
    if cls.formats:
        formats = ", ".join(sorted(cls.formats))
    else:
        from .formats import load_formats

        formats = f"all formats ({', '.join(sorted(load_formats()))})"
    return formats, _SCOPES.get(cls.scope, cls.scope)


def rule_page(info: RuleInfo) -> str:
    """docs/rules/<CODE>.md, generated from the rule's docstring: never edit the page."""
    prefix, family_zh, family_en = family(info.code)
    formats, scope = _facts(info.code)
    if info.code == "GAO010":
        inline = "`<!-- gaolint: disable=GAO010 -->` before the report's title"
    else:
        inline = f"`<!-- gaolint: disable-next-line={info.code} -->` or `<!-- gaolint: disable={info.code} -->`"
    parts = [
        f"# {info.code} {info.name}",
        "",
        f"> {info.summary}" if info.summary else "",
        "",
        f"| Code | `{info.code}` |",
        "|---|---|",
        f"| Name | `{info.name}` |",
        f"| Default severity | **{info.severity}** |",
        f"| Family | `{prefix}` {family_zh} / {family_en} |",
        f"| Applies to | {formats} |",
        f"| Checks | {scope} |",
        "",
        _doc_markdown(info.doc),
        "",
        "## Configuration",
        "",
        f"- Switch it off: `ignore: [{info.code}]` in `.gaolint.yaml`, or `--ignore {info.code}`;"
        f" for some files only, `per-file-ignores`.",
        f"- Change its severity: `severity: {{{info.code}: note}}`.",
        f"- Silence one place in a Markdown or HTML report: {inline}.",
        "",
        "See [configuration](../configuration.md) and [suppressions](../suppressions.md).",
    ]
    return "\n".join(parts).replace("\n\n\n", "\n\n") + "\n"


def rules_index(infos: list[RuleInfo] | None = None) -> str:
    """docs/rules/index.md: every rule by family, linked to its page."""
    infos = rule_infos() if infos is None else infos
    out = [
        "# Rules",
        "",
        "Every finding carries one of these IDs. IDs are stable: a retired ID is never reused.",
        "Select a whole family by its prefix (`select: [GAO3]`). `gaolint rules` prints this list;",
        "`gaolint explain GAO303` prints a page.",
        "",
    ]
    families: dict[str, list[RuleInfo]] = {}
    for info in infos:
        families.setdefault(family(info.code)[0], []).append(info)
    for prefix, members in families.items():
        _, zh, en = family(prefix)
        out += [f"## `{prefix}` {zh} / {en}", "", "| ID | name | default | fires when |", "|---|---|---|---|"]
        for info in members:
            out.append(f"| [{info.code}]({info.code}.md) | `{info.name}` | {info.severity} | {_cell(info.summary)} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _console(piped_width: int):
    """A console for stdout; when piped (a script, a CI log) a fixed width instead of rich's
    default 80 columns, so ``gaolint rules`` keeps one rule per line."""
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=piped_width)
    return console


def print_rules() -> int:
    from rich import box
    from rich.table import Table

    console = _console(piped_width=160)
    table = Table(title="gaolint rules", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    table.add_column("ID", style="bold", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("fires when")
    current = None
    for info in rule_infos():
        prefix, zh, en = family(info.code)
        if prefix != current:
            if current is not None:
                table.add_section()
            current = prefix
        style = {"error": "red", "warning": "yellow", "note": "cyan"}.get(info.severity, "")
        table.add_row(info.code, info.name, f"[{style}]{info.severity}[/]" if style else info.severity, info.summary)
    console.print(table)
    console.print("[dim]gaolint explain <ID>: the rule's full page · docs/rules/<ID>.md[/]")
    return 0


def find_rule(code: str) -> RuleInfo:
    """The rule named by ``code`` (ID in any case, or kebab-case name); UsageError if none."""
    from .cli import UsageError

    wanted = code.strip()
    infos = rule_infos()
    for info in infos:
        if info.code == wanted.upper() or info.name == wanted.lower():
            return info
    choices = [i.code for i in infos] + [i.name for i in infos]
    close = difflib.get_close_matches(wanted.upper() if wanted.upper().startswith("GAO") else wanted.lower(), choices, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `gaolint rules`"
    raise UsageError(f"未知的规则 / unknown rule {code!r}{hint}")


def explain(code: str) -> int:
    from rich.markdown import Markdown

    info = find_rule(code)
    _console(piped_width=100).print(Markdown(rule_page(info)))
    return 0


__all__ = ["rule_infos", "rule_page", "rules_index", "print_rules", "explain", "find_rule", "FAMILIES", "family"]
