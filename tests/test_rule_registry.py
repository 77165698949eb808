"""Every rule, whatever its scope, is one class registered the same way; its code is written
nowhere else; a rule module imports only the model (issue 13 item 2)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from gaolint.checks import RULES
from gaolint.checks.base import FileRule, RepositoryRule
from gaolint.checks.rule import RunRule

PACKAGE = Path(__file__).resolve().parent.parent / "gaolint"
CODE = re.compile(r"""^[rbuf]*(['"])GAO\d{3}\1$""", re.IGNORECASE)
#: What a rule module may import of gaolint: the model, the format records (which issue 13
#: item 1 moves into the model), and the other rule modules.
ALLOWED = {"gaolint.model", "gaolint.model_format", "gaolint.formats", "gaolint.checks"}


def _code_literals(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING and CODE.match(token.string):
            found.append((token.start[0], token.line.strip()))
    return found


def test_no_rule_code_is_written_outside_its_rule_class():
    stray = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in _code_literals(path):
            in_rule_class = path.parent.name == "checks" and re.match(r"code = ['\"]GAO\d{3}['\"]$", text)
            if not in_rule_class:
                stray.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {text}")
    assert stray == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative to gaolint.checks
                base = ["gaolint", "checks"][: 3 - node.level] if node.level <= 2 else []
                if node.module:
                    names.add(".".join([*base, node.module]))
                else:  # from .. import formats: the modules named
                    names.update(".".join([*base, alias.name]) for alias in node.names)
            elif node.module:
                names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("gaolint")}


@pytest.mark.parametrize("path", sorted((PACKAGE / "checks").glob("*.py")), ids=lambda p: p.name)
def test_a_rule_module_imports_only_the_model(path):
    outside = {name for name in _imports(path) if not any(name == a or name.startswith(a + ".") for a in ALLOWED)}
    assert outside == set()


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_one_scope_and_its_chinese_texts(code):
    rule = RULES[code]
    scopes = [base for base in (FileRule, RepositoryRule, RunRule) if issubclass(rule, base)]
    assert len(scopes) == 1 and rule.scope == scopes[0].scope
    assert rule.name_zh and rule.summary_zh and rule.explanation_zh


def test_run_rules_build_their_own_findings():
    from gaolint.checks.failures import InternalError, Unreadable

    finding = Unreadable.finding("a.docx", "无法读取文件", "unreadable file")
    assert (finding.rule, finding.name, finding.severity.value) == ("GAO001", "unreadable-file", "error")
    assert (finding.location.line, finding.location.column) == (1, 1)
    assert InternalError.finding("a.txt", "内部错误", "internal error").rule == "GAO000"
