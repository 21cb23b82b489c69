"""The data migration that turns the Polish sentences kept as reasons into codes,
tried forwards and backwards on sentences the old describer wrote (demo data
and a batch plan: tests/matching/data/reasons_before_codes.json)."""

import importlib
import json
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from matching import reasons, selectors, services
from matching.models import Assignment, BatchProposal

NAME = "0005_reasons_stored_as_codes"
migration = importlib.import_module(f"matching.migrations.{NAME}")
AFTER = ("matching", NAME)
(BEFORE,) = migration.Migration.dependencies
OLD = json.loads(
    (Path(__file__).parent / "data" / "reasons_before_codes.json").read_text()
)


def today(sentence: str) -> str:
    """The old sentence as the describer writes it now: the feminine ending of
    an adjective is "(-a)", as everywhere in the interface ("dostępny(-a)")."""
    return sentence.replace("wolny(a)", "wolny(-a)")


def polish(record) -> str:
    with translation.override("pl"):
        return reasons.text(record)


@pytest.mark.parametrize("sentence", OLD["sentences"])
def test_every_old_sentence_reads_back_into_a_code_with_the_same_words(sentence):
    record = migration.to_code(sentence)
    assert record["code"] != reasons.TEXT
    assert polish(record) == today(sentence)
    assert migration.to_sentence(record) == sentence


def test_the_parameters_read_back_are_those_the_engine_gave():
    assert migration.to_code("mieszka ok. 5,2 km od miejsca pomocy") == {
        "code": "distance",
        "params": {"km": 5.2},
    }
    assert migration.to_code(
        "wolny(a) we wtorki 08:00–09:00 i 16:00–18:00, w środy 10:00–12:00 "
        "(50% godzin zgłoszenia)"
    ) == {
        "code": "availability",
        "params": {
            "slots": [
                [1, "08:00", "09:00"],
                [1, "16:00", "18:00"],
                [2, "10:00", "12:00"],
            ],
            "fraction": 0.5,
        },
    }
    assert migration.to_code(
        "ma wymagane umiejętności „język migowy”, „pierwsza pomoc”"
    ) == {
        "code": "required_skill",
        "params": {"skills": ["język migowy", "pierwsza pomoc"]},
    }
    assert migration.to_code("ma 22 inne aktywne skierowania") == {
        "code": "load",
        "params": {"count": 22},
    }


def test_a_sentence_it_cannot_read_is_kept_whole_both_ways():
    record = migration.to_code("poleciła go sąsiadka")
    assert record == {"code": "text", "params": {"text": "poleciła go sąsiadka"}}
    assert migration.to_sentence(record) == "poleciła go sąsiadka"
    assert polish(record) == "poleciła go sąsiadka"


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_forwards_and_backwards_on_stored_rows(
    make_request, active_volunteer, coordinator
):
    request, volunteer = make_request(), active_volunteer()
    scored = selectors.score_for(request, volunteer)
    services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer, reasons=scored.reasons
    )
    sentences, result = OLD["assignments"][0], OLD["batch_result"]
    try:
        old = _migrate(BEFORE)
        old.get_model("matching", "Assignment").objects.update(reasons=sentences)
        old.get_model("matching", "HistoricalAssignment").objects.update(
            reasons=sentences
        )
        old.get_model("matching", "BatchProposal").objects.create(
            requested_by_id=coordinator.pk, status="done", result=result
        )

        new = _migrate(AFTER)
        codes = [migration.to_code(s) for s in sentences]
        assert new.get_model("matching", "Assignment").objects.get().reasons == codes
        history = new.get_model("matching", "HistoricalAssignment").objects.all()
        assert history and all(row.reasons == codes for row in history)
        plan = new.get_model("matching", "BatchProposal").objects.get().result
        assert plan["optimised"] == result["optimised"]
        for pair, old_pair in zip(plan["pairs"], result["pairs"], strict=True):
            assert [polish(r) for r in pair["reasons"]] == [
                today(s) for s in old_pair["reasons"]
            ]
            assert all(r["code"] != reasons.TEXT for r in pair["reasons"])

        back = _migrate(BEFORE)
        assert back.get_model("matching", "Assignment").objects.get().reasons == (
            sentences
        )
        plan = back.get_model("matching", "BatchProposal").objects.get().result
        assert plan == result
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    with translation.override("pl"):
        assert Assignment.objects.get().reason_texts == [today(s) for s in sentences]
    assert BatchProposal.objects.get().result["pairs"][0]["reasons"][0]["code"]
