"""The rule catalog for people: ``gaolint rules`` and ``gaolint explain``, and the data that
docs/rules/*.md and SARIF are generated from."""

from __future__ import annotations

import difflib
import inspect
import re

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

_HEADING = re.compile(r"^\*\*(.+?)\*\*\s*$")


#: Severity words for people who read Chinese.
SEVERITY_ZH = {"error": "错误", "warning": "警告", "note": "提示"}


def zh(code: str) -> tuple[str, str, str] | None:
    """The rule's Chinese (name, summary, explanation), from its class (``name_zh``,
    ``summary_zh``, ``explanation_zh``); None for an unknown code or a rule not translated."""
    from .checks import RULES

    cls = RULES.get(code)
    if cls is None or not cls.name_zh:
        return None
    return cls.name_zh, cls.summary_zh, cls.explanation_zh


def rule_infos(lang: str = "en") -> list[RuleInfo]:
    """Every rule as outputs see it. ``lang="zh"``: summary and documentation in Chinese first,
    the English kept after it (SARIF, HTML and ``gaolint rules`` in the chosen language); the
    kebab-case ``name`` never changes, it is an identifier."""
    from .checks import RULES

    infos = []
    for code, cls in RULES.items():
        summary, doc = cls.summary, inspect.cleandoc(cls.__doc__ or "")
        chinese = zh(code) if lang == "zh" else None
        if chinese is not None:
            summary = f"{chinese[0]}：{chinese[1]} / {summary}"
            doc = f"**说明**\n{chinese[2]}\n\n{doc}"
        infos.append(RuleInfo(code, cls.name, cls.severity.value, summary, doc, cls.name_zh or "", cls.tool_failure))
    return infos


def title(info: RuleInfo, lang: str = "zh") -> str:
    """``GAO101 missing-section 缺少必要部分``: the rule's code, name and, in Chinese, its title."""

    chinese = zh(info.code) if lang == "zh" else None
    return f"{info.code} {info.name}" + (f" {chinese[0]}" if chinese else "")


def family(code: str) -> tuple[str, str, str]:
    """(prefix, Chinese name, English name) of the family a code belongs to."""
    prefix = code[:4]
    zh, en = FAMILIES.get(prefix, ("其他", "other"))
    return prefix, zh, en


def _doc_markdown(doc: str) -> str:
    """The docstring's ``**What it does**`` lines as Markdown headings."""
    lines: list[str] = []
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
        return "all", "one report at a time"
    if cls.formats:
        formats = ", ".join(sorted(cls.formats))
    else:
        from .formats import load_formats

        formats = f"all formats ({', '.join(sorted(load_formats()))})"
    return formats, cls.reads


def rule_page(info: RuleInfo, lang: str = "zh") -> str:
    """docs/rules/<CODE>.md, generated from the rule's docstring and its Chinese texts (the
    class's ``name_zh``, ``summary_zh``, ``explanation_zh``): never edit the page. ``lang="zh"``: Chinese first, English kept;
    ``lang="en"``: English only."""

    prefix, family_zh, family_en = family(info.code)
    formats, scope = _facts(info.code)
    chinese = zh(info.code) if lang == "zh" else None
    from .checks.meta import UnusedSuppression

    if info.code == UnusedSuppression.code:
        inline = f"`<!-- gaolint: disable={info.code} -->` before the report's title"
    else:
        inline = f"`<!-- gaolint: disable-next-line={info.code} -->` or `<!-- gaolint: disable={info.code} -->`"
    if chinese is None:
        head = [
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
        ]
    else:
        head = [
            f"# {info.code} {chinese[0]} / {info.name}",
            "",
            f"> {chinese[1]}",
            ">",
            f"> {info.summary}" if info.summary else "",
            "",
            f"| 编号 Code | `{info.code}` |",
            "|---|---|",
            f"| 名称 Name | {chinese[0]} `{info.name}` |",
            f"| 默认级别 Default severity | **{SEVERITY_ZH[info.severity]} {info.severity}** |",
            f"| 类别 Family | `{prefix}` {family_zh} / {family_en} |",
            f"| 适用格式 Applies to | {formats} |",
            f"| 检查范围 Checks | {scope} |",
            "",
            "## 说明",
            "",
            chinese[2],
            "",
            "## 如何处理",
            "",
            f"- 关闭此规则：在 `.gaolint.yaml` 中写 `ignore: [{info.code}]`，或在命令行加 `--ignore {info.code}`；"
            "只对部分文件关闭，用 `per-file-ignores`。",
            f"- 修改级别：`severity: {{{info.code}: note}}`。",
            f"- 在 Markdown 或 HTML 报告中忽略某一处：{inline}。",
            "",
            "## English",
            "",
        ]
    parts = head + [
        _doc_markdown(info.doc),
        "",
        "## Configuration",
        "",
        f"- Switch it off: `ignore: [{info.code}]` in `.gaolint.yaml`, or `--ignore {info.code}`;"
        f" for some files only, `per-file-ignores`.",
        f"- Change its severity: `severity: {{{info.code}: note}}`.",
        f"- Silence one place in a Markdown or HTML report: {inline}.",
        "",
        "See [configuration](../configuration.md) and [suppressions](../suppressions.md)"
        + ("（配置与忽略注释）." if chinese else "."),
    ]
    return "\n".join(parts).replace("\n\n\n", "\n\n") + "\n"


def rules_index(infos: list[RuleInfo] | None = None) -> str:
    """docs/rules/index.md: every rule by family, linked to its page."""
    infos = rule_infos() if infos is None else infos
    out = [
        "# 规则 / Rules",
        "",
        "每个问题都带有下列编号之一。编号不会变，停用的编号不会再用。按前缀可选择一整类（`select: [GAO3]`）。"
        "`gaolint rules` 列出本表，`gaolint explain GAO303` 显示某条规则的说明。",
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
        _, zh_family, en = family(prefix)
        out += [f"## `{prefix}` {zh_family} / {en}", "", "| 编号 ID | 名称 name | 级别 default | 何时报告 fires when |",
                "|---|---|---|---|"]
        for info in members:
            chinese = zh(info.code)
            name = f"{chinese[0]} `{info.name}`" if chinese else f"`{info.name}`"
            level = f"{SEVERITY_ZH[info.severity]} {info.severity}"
            fires = f"{chinese[1]} / {info.summary}" if chinese else info.summary
            out.append(f"| [{info.code}]({info.code}.md) | {name} | {level} | {_cell(fires)} |")
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


def _readable_lang(console, lang: str) -> str:
    """``en`` on a console that cannot print Chinese (a C locale, an ASCII pipe): a table of
    ``\\uXXXX`` escapes helps nobody, and the English texts are all there."""
    try:
        "规则".encode(getattr(console.file, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return "en"
    return lang


def print_rules(lang: str = "zh") -> int:
    from rich import box
    from rich.table import Table

    console = _console(piped_width=160)
    chinese_first = _readable_lang(console, lang) == "zh"
    table = Table(title="gaolint 规则 / rules" if chinese_first else "gaolint rules", box=box.SIMPLE_HEAD,
                  title_justify="left", pad_edge=False)
    table.add_column("编号 ID" if chinese_first else "ID", style="bold", no_wrap=True)
    if chinese_first:
        table.add_column("名称", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("级别 severity" if chinese_first else "severity", no_wrap=True)
    table.add_column("何时报告 / fires when" if chinese_first else "fires when")
    current = None
    for info in rule_infos():
        prefix, _, _ = family(info.code)
        if prefix != current:
            if current is not None:
                table.add_section()
            current = prefix
        style = {"error": "red", "warning": "yellow", "note": "cyan"}.get(info.severity, "")
        level = f"{SEVERITY_ZH[info.severity]} {info.severity}" if chinese_first else info.severity
        cells = [info.code]
        chinese = zh(info.code)
        if chinese_first:
            cells.append(chinese[0] if chinese else "")
        summary = f"{chinese[1]} / {info.summary}" if chinese_first and chinese else info.summary
        cells += [info.name, f"[{style}]{level}[/]" if style else level, summary]
        table.add_row(*cells)
    console.print(table)
    console.print("[dim]gaolint explain <编号/ID>：规则说明 / the rule's full page · docs/rules/<ID>.md[/]"
                  if chinese_first else "[dim]gaolint explain <ID>: the rule's full page · docs/rules/<ID>.md[/]")
    return 0


def find_rule(code: str) -> RuleInfo:
    """The rule named by ``code`` (ID in any case, or kebab-case name); UsageError if none."""
    from .errors import UsageError

    wanted = code.strip()
    infos = rule_infos()
    for info in infos:
        if info.code == wanted.upper() or info.name == wanted.lower():
            return info
    choices = [i.code for i in infos] + [i.name for i in infos]
    close = difflib.get_close_matches(wanted.upper() if wanted.upper().startswith("GAO") else wanted.lower(), choices, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `gaolint rules`"
    raise UsageError(f"未知的规则 / unknown rule {code!r}{hint}")


def explain(code: str, lang: str = "zh") -> int:
    """The rule's page: Chinese first with the English kept (``--lang zh``, the default), or
    English only (``--lang en``)."""
    from rich.markdown import Markdown

    info = find_rule(code)
    console = _console(piped_width=100)
    console.print(Markdown(rule_page(info, _readable_lang(console, lang))))
    return 0


__all__ = ["zh", "rule_infos", "rule_page", "rules_index", "print_rules", "explain", "find_rule", "FAMILIES", "family"]
