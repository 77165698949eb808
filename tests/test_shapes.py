"""End to end over generated reports: every text shape and encoding, clean and with one
planted defect at a time. Clean reports must yield nothing at error level (nor warnings);
each planted defect must be named by its rule ID, and nothing else may fire at error level."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaolint.engine import Settings, lint_file
from tests.builder import DEFECTS, SHAPES, VARIANTS, build_document, defects_for, encode, plant, render_text, sample_spec
from tests.builder.strategies import specs

SEEDS = range(4)


def _lint(tmp_path, text: str, shape: str, variant: str = "utf-8", name: str = "report"):
    path = tmp_path / (name + (".md" if shape == "markdown" else ".txt"))
    path.write_bytes(encode(text, variant))
    return lint_file(str(path), Settings()).findings


def _assert_planted(findings, planted) -> None:
    fired = {f.rule for f in findings}
    errors = {f.rule for f in findings if f.severity.value == "error"}
    assert planted.expected <= fired, f"{planted.description}: expected {set(planted.expected)}, got {fired}"
    unexpected = errors - planted.expected - planted.allowed
    assert not unexpected, f"{planted.description}: unexpected errors {unexpected}"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_clean_report_is_quiet_in_every_shape(tmp_path, shape, seed):
    findings = _lint(tmp_path, render_text(build_document(sample_spec(seed)), shape), shape)
    assert findings == [], [(f.rule, f.message.en) for f in findings]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", SEEDS)
def test_clean_report_in_every_encoding(tmp_path, variant, seed):
    shape = SHAPES[seed % len(SHAPES)]
    findings = _lint(tmp_path, render_text(build_document(sample_spec(seed + 50)), shape), shape, variant)
    rules = {f.rule for f in findings}
    if variant == "traditional-pinyin":
        assert rules == {"GAO003"}, "pinyin residue is reported once, and nothing else"
        assert len(findings) == 1
    else:
        assert rules == set(), [(f.rule, f.message.en) for f in findings]


@pytest.mark.parametrize("defect", sorted(DEFECTS))
@pytest.mark.parametrize("shape", SHAPES)
def test_each_planted_defect_is_named(tmp_path, defect, shape):
    for seed in SEEDS:
        spec = sample_spec(seed)
        if defect not in defects_for(spec):
            continue
        planted = plant(spec, defect, seed)
        _assert_planted(_lint(tmp_path, render_text(planted.document, shape), shape), planted)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=specs(), shape=st.sampled_from(SHAPES), variant=st.sampled_from(("utf-8", "gb18030-crlf", "utf-8-sig", "fullwidth-digits")), data=st.data())
def test_hypothesis_numbers_clean_and_defective(tmp_path, spec, shape, variant, data):
    findings = _lint(tmp_path, render_text(build_document(spec), shape), shape, variant)
    assert not findings, [(f.rule, f.message.en) for f in findings]
    defect = data.draw(st.sampled_from(sorted(defects_for(spec))))
    planted = plant(spec, defect, data.draw(st.integers(0, 10_000)))
    _assert_planted(_lint(tmp_path, render_text(planted.document, shape), shape, variant, "defect"), planted)
