"""docs/: every rule has a generated page that matches its docstring, every rule in the spec
has a page, every page is reachable from docs/index.md, and every link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gaolint.checks import RULES
from gaolint.config import KEYS
from gaolint.docs_gen import DEFAULT_DOCS, differences, expected_pages, main as docs_main

DOCS = Path(DEFAULT_DOCS)
SPEC_RULES = Path(__file__).resolve().parents[2] / "shared" / "spec" / "rules.md"
SECTIONS = ("**What it does**", "**Why is this bad?**", "**Example**", "**Use instead**", "**References**")
GUIDES = (
    "getting-started.md", "configuration.md", "pre-commit.md", "github-code-scanning.md",
    "gitlab-ci.md", "suppressions.md", "baseline.md",
)
REGENERATE = "run `python -m gaolint.docs_gen` and commit docs/rules"


def spec_ids() -> list[str]:
    if not SPEC_RULES.is_file():
        return []
    return re.findall(r"^\|\s*(GAO\d{3})\s*\|", SPEC_RULES.read_text(encoding="utf-8"), re.M)


@pytest.mark.parametrize("relative", sorted(expected_pages()))
def test_generated_page_is_up_to_date(relative):
    path = DOCS / relative
    assert path.is_file(), f"docs/{relative} is missing: {REGENERATE}"
    assert path.read_text(encoding="utf-8") == expected_pages()[relative], f"docs/{relative} is out of date: {REGENERATE}"


@pytest.mark.skipif(not SPEC_RULES.is_file(), reason="shared/spec/rules.md is not present")
@pytest.mark.parametrize("code", spec_ids() or ["(none)"])
def test_every_rule_in_the_spec_has_a_page(code):
    assert (DOCS / "rules" / f"{code}.md").is_file(), f"{code} is in rules.md but has no docs/rules/{code}.md"
    assert code in RULES, f"{code} has a page but is not registered"


def test_every_registered_rule_has_a_page():
    missing = [code for code in RULES if not (DOCS / "rules" / f"{code}.md").is_file()]
    assert not missing, f"no page for {missing}: {REGENERATE}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docstring_has_the_fixed_sections(code):
    doc = RULES[code].__doc__ or ""
    positions = [doc.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions), f"{code} docstring lacks {[s for s, p in zip(SECTIONS, positions) if p < 0]}"
    assert positions == sorted(positions), f"{code} docstring sections are out of order"
    assert RULES[code].summary, f"{code} has no one-line summary"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", RULES[code].name)


def test_generator_check_mode(tmp_path, capsys):
    assert docs_main(["--docs", str(tmp_path), "--check"]) == 1
    assert docs_main(["--docs", str(tmp_path)]) == 0
    assert differences(str(tmp_path)) == []
    assert docs_main(["--docs", str(tmp_path), "--check"]) == 0
    page = tmp_path / "rules" / "GAO303.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert differences(str(tmp_path)) == ["rules/GAO303.md: out of date"]


@pytest.mark.parametrize("name", GUIDES)
def test_guides_exist_and_index_links_them(name):
    assert (DOCS / name).is_file()
    assert f"]({name})" in (DOCS / "index.md").read_text(encoding="utf-8")


def test_index_links_the_rules():
    assert "](rules/index.md)" in (DOCS / "index.md").read_text(encoding="utf-8")


def _links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return re.findall(r"\]\(([^)\s]+)\)", text)


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_relative_links_resolve(path):
    for link in _links(path):
        if re.match(r"[a-z]+:", link):
            continue
        target, _, anchor = link.partition("#")
        resolved = (path.parent / target).resolve() if target else path
        assert resolved.is_file(), f"{path.name}: broken link {link}"
        if anchor:
            headings = re.findall(r"^#+\s+(.*)$", resolved.read_text(encoding="utf-8"), re.M)
            slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
            assert anchor in slugs, f"{path.name}: no heading for #{anchor} in {target}"


def test_configuration_reference_documents_every_key():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for key in KEYS:
        assert f"### `{key}`" in text, f"configuration.md does not document {key}"


def test_gitlab_doc_names_the_fields():
    text = (DOCS / "gitlab-ci.md").read_text(encoding="utf-8")
    for field in ("description", "check_name", "fingerprint", "severity", "location", "codequality"):
        assert field in text


def test_github_doc_has_an_upload_sarif_workflow():
    from ruamel.yaml import YAML

    text = (DOCS / "github-code-scanning.md").read_text(encoding="utf-8")
    workflow = re.search(r"```yaml\n(name: gaolint.*?)```", text, re.S).group(1)
    data = YAML(typ="safe").load(workflow)
    steps = data["jobs"]["gaolint"]["steps"]
    assert any(str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif") for s in steps)
    assert any("--format sarif" in str(s.get("run", "")) for s in steps)
    assert data["jobs"]["gaolint"]["permissions"]["security-events"] == "write"


def test_gao003_page_states_the_limits_the_code_uses() -> None:
    """The limits named on GAO003's page are the ones in force (a changed limit changes the page)."""
    from gaolint.checks.file import DamagedText
    from gaolint.engine import MAX_SUPPRESSIONS
    from gaolint.parse.cells import MAX_TABLE_TOKENS
    from gaolint.parse.narrative import MAX_FIGURES
    from gaolint.read.limits import MAX_LINES
    from gaolint.read.pdf_guard import MAX_PAGE_OBJECTS

    text = " ".join(DamagedText.__doc__.split())
    for limit in (MAX_LINES, MAX_TABLE_TOKENS, MAX_PAGE_OBJECTS, MAX_FIGURES, MAX_SUPPRESSIONS):
        assert f"{limit:,}" in text, limit
