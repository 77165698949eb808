"""A one-minute fuzz campaign through the command line (bench/fuzz.py), run by CI with the rest
of the suite; a long campaign is described in docs/fuzzing.md. Deselect locally with
``-m "not fuzz"``."""

from __future__ import annotations

import pytest

from bench.fuzz import MUTATORS, Recipe, campaign, draw

from tests.test_fuzz_regressions import AWAITING_FIX

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]


def test_a_short_campaign_finds_nothing():
    lines = []
    checked, failures = campaign(seconds=50, seed=20261129, batch=30, jobs=2, log=lines.append)
    assert checked >= 30
    # Known and open (see AWAITING_FIX): answered within the budget, but slowly.
    failures = [f for f in failures if not (f.kind == "over-budget" and f.recipe.mutator in AWAITING_FIX["mutators"])]
    assert failures == [], "\n".join(lines)


def test_every_recipe_is_made_again_byte_for_byte():
    """A reproducer is its recipe: the same text must build the same bytes, for every mutator."""
    import random

    rng = random.Random(7)
    for container, mutators in MUTATORS.items():
        for mutator in mutators:
            recipe = Recipe(container, mutator, rng.randrange(100), 2)
            assert Recipe.parse(str(recipe)).build() == recipe.build(), recipe
    assert {draw(random.Random(n)).container for n in range(200)} == set(MUTATORS)
