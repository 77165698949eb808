"""The walls of docs/architecture.md, checked on the sources: the import graph of the ``gaolint``
package (every ``import`` and ``from … import`` the code contains, those inside functions too,
read with ``ast``, nothing imported) has no cycle among its top-level modules, and each stage
imports only what its wall allows. Also: the output formats are listed once."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gaolint"



def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every ``gaolint`` module (or name in one) that ``path`` imports, as absolute dotted names."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "gaolint":
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "gaolint")
    return found


@functools.cache
def _graph() -> dict[str, set[str]]:
    """Module → the modules of ours it imports (a name imported from a module counts as the
    module; ``from . import run`` counts as ``gaolint.run``)."""
    sources = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {target for target in _imports(path) if target in sources and target != name}
            for name, path in sources.items()}


def _top(name: str) -> str:
    return ".".join(name.split(".")[:2])


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _offending(edges: dict[str, set[str]], source: str, forbidden: tuple[str, ...]) -> list[str]:
    """``module -> target`` for every import from under ``source`` into a ``forbidden`` prefix."""
    return sorted(
        f"{name} -> {target}"
        for name, targets in edges.items() if name == source or name.startswith(source + ".")
        for target in targets
        if any(target == prefix or target.startswith(prefix + ".") for prefix in forbidden)
    )


def test_the_graph_sees_lazy_imports():
    """A sanity check of the reader: imports inside functions count."""
    edges = _graph()
    assert "gaolint.run" in edges["gaolint.cli"]  # ``from .run import run_check`` inside main()
    assert "gaolint.errors" in edges["gaolint.baseline"]


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_top_level_modules():
    edges: dict[str, set[str]] = {}
    for name, targets in _graph().items():
        for target in targets:
            if _top(name) != _top(target):
                edges.setdefault(_top(name), set()).add(_top(target))
    assert _cycles(edges) == []


def test_the_lint_loop_imports_no_caller():
    """The loop (gaolint/lintloop.py) serves gaolint check, the streamed run and the cluster's
    workers; none of them may be needed to lint."""
    callers = {"gaolint.run", "gaolint.stream", "gaolint.cluster", "gaolint.cli"}
    graph = _graph()
    for module in ("gaolint.lintloop", "gaolint.workers"):
        assert not {_top(t) for t in graph.get(module, set())} & callers, module


def test_the_command_line_is_imported_by_nobody():
    """Errors and exit codes live in gaolint/errors.py, so nothing needs gaolint.cli. Its drivers
    are ``python -m gaolint`` and the developer's tool that runs a check to see which patterns
    it compiles (gaolint/patterncodes_write.py)."""
    drivers = ("gaolint.__main__", "gaolint.patterncodes_write")
    users = sorted(name for name, targets in _graph().items() if "gaolint.cli" in targets and name not in drivers)
    assert users == []


def test_errors_import_nothing_of_ours():
    assert _graph()["gaolint.errors"] == set()


def test_the_model_imports_nothing_of_ours():
    assert _graph()["gaolint.model"] == set()


def test_readers_know_nothing_of_rules_outputs_or_the_run():
    assert _offending(_graph(), "gaolint.read", ("gaolint.checks", "gaolint.output", "gaolint.run")) == []


def test_outputs_know_nothing_of_readers_parser_rules_or_engine():
    forbidden = ("gaolint.read", "gaolint.parse", "gaolint.checks", "gaolint.engine", "gaolint.catalog", "gaolint.run")
    assert _offending(_graph(), "gaolint.output", forbidden) == []


def test_outputs_receive_plain_data_not_file_results():
    """What an output prints besides the findings comes from its ``OutputContext``: no output
    names ``FileResult`` or reads a result's ``facts``."""
    for path in (PACKAGE / "output").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        assert not {"FileResult", "ReportFacts"} & names, path.name
        assert "facts" not in attributes, path.name


def test_the_parser_does_not_know_the_containers():
    """The parser may use read's shared records (``read.base``), never a container's reader."""
    containers = tuple(
        _module_name(path) for path in (PACKAGE / "read").glob("*.py")
        if path.stem not in ("__init__", "base", "limits")
    )
    assert _offending(_graph(), "gaolint.parse", ("gaolint.read", *containers)) == []
    for path in (PACKAGE / "parse").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"container\s*[!=]=", text), path.name


def test_rules_see_only_the_report():
    assert _offending(_graph(), "gaolint.checks", ("gaolint.read", "gaolint.output", "gaolint.run", "gaolint.cli")) == []


# ---------------------------------------------------------------------------------------------
# One list of output formats.


def test_cli_choices_are_the_registry():
    from gaolint.cli import _parser
    from gaolint.output import FORMATS

    check = next(action for action in _parser()._subparsers._group_actions[0].choices["check"]._actions  # type: ignore[union-attr]
                 if action.dest == "output_format")
    assert tuple(check.choices) == tuple(FORMATS)
    assert check.default == next(iter(FORMATS))


def test_every_format_module_has_the_one_render():
    import inspect

    from gaolint.output import FORMATS, load

    for name, entry in FORMATS.items():
        module = load(name)
        parameters = list(inspect.signature(module.render).parameters.values())
        assert [p.name for p in parameters[:2]] == ["findings", "context"], name
        assert all(p.default is not inspect.Parameter.empty for p in parameters[2:]), name
        assert hasattr(module, "Writer") == entry.streamed, name
        assert hasattr(module, "print_rich") or not entry.console, name


def test_the_docs_table_lists_every_format():
    """docs/getting-started.md, "Other output formats": one row per ``--format``, in order."""
    from gaolint.output import FORMATS

    text = (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")
    table = text.split("## Other output formats", 1)[1].split("\n\n", 2)[1]
    rows = re.findall(r"^\| `([a-z]+)`", table, flags=re.M)
    assert rows == list(FORMATS)


def test_no_other_list_of_format_names():
    """The format names are written once, in gaolint/output/__init__.py."""
    pattern = re.compile(r"""["']sarif["']\s*,\s*["']github["']|["']jsonl["']\s*,\s*["']parquet["']""")
    written = [path.relative_to(ROOT).as_posix() for path in PACKAGE.rglob("*.py") if pattern.search(path.read_text(encoding="utf-8"))]
    assert written == []
