"""The data migration that says the driving licence once (matching 0018): the
skill "Prawo jazdy kat. B" becomes the volunteer's field and the request's
flag, and leaves the dictionary; backwards it does nothing."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from matching.models import HelpRequest
from registry.models import Skill, Volunteer

NAME = "0018_driving_licence_said_once"
migration = importlib.import_module(f"matching.migrations.{NAME}")
BEFORE = ("matching", "0017_history_says_what_changed_in_lists")


@pytest.mark.parametrize(
    "name",
    [
        "Prawo jazdy kat. B",
        "prawo jazdy kat.B",
        "PRAWO  JAZDY  kategorii B",
        "Prawo jazdy (kat. B)",
        "Prawo jazdy",
    ],
)
def test_the_licence_is_found_however_its_name_is_written(name):
    assert migration.is_licence(name)


@pytest.mark.parametrize(
    "name", ["Prawo jazdy kat. C", "Prawo jazdy kat. B i C", "Pierwsza pomoc"]
)
def test_other_skills_and_licences_are_not_taken_for_it(name):
    assert not migration.is_licence(name)


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def _reason(record) -> str:
    return record.history.order_by("-history_id").first().history_change_reason


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_skill_becomes_the_field_and_the_flag_and_is_deleted(
    make_volunteer, make_request, skills
):
    aid = skills["Pierwsza pomoc"]
    ala = make_volunteer(first_name="Ala", skills=[aid])
    ola = make_volunteer(first_name="Ola")
    ela = make_volunteer(first_name="Ela", has_driving_licence=True)
    required = make_request(title="Dowóz", required_skills=[aid])
    nice = make_request(title="Zakupy")
    nice.nice_skills.add(aid)
    lorry = make_request(title="Przeprowadzka")
    try:
        old = _migrate(BEFORE)
        OldSkill = old.get_model("registry", "Skill")
        # Seeded by registry 0002 on every database.
        b, _ = OldSkill.objects.get_or_create(name="Prawo jazdy kat. B")
        spelt = OldSkill.objects.create(name="prawo jazdy kategorii b")
        c = OldSkill.objects.create(name="Prawo jazdy kat. C")
        OldVolunteer = old.get_model("registry", "Volunteer")
        OldVolunteer.objects.get(pk=ala.pk).skills.add(b)
        OldVolunteer.objects.get(pk=ola.pk).skills.add(spelt)
        OldVolunteer.objects.get(pk=ela.pk).skills.add(c)
        OldRequest = old.get_model("matching", "HelpRequest")
        OldRequest.objects.get(pk=required.pk).required_skills.add(b)
        OldRequest.objects.get(pk=nice.pk).nice_skills.add(spelt)
        OldRequest.objects.get(pk=lorry.pk).required_skills.add(c)
        untouched = {r.pk: r.history.count() for r in (ela, lorry)}

        _migrate(("matching", NAME))

        volunteers = Volunteer.objects.in_bulk()
        assert volunteers[ala.pk].has_driving_licence
        assert volunteers[ola.pk].has_driving_licence
        assert [s.name for s in volunteers[ala.pk].skills.all()] == ["Pierwsza pomoc"]
        assert not volunteers[ola.pk].skills.exists()
        assert [s.name for s in volunteers[ela.pk].skills.all()] == [
            "Prawo jazdy kat. C"
        ]
        requests = HelpRequest.objects.in_bulk()
        assert requests[required.pk].driving_licence_required
        assert [s.name for s in requests[required.pk].required_skills.all()] == [
            "Pierwsza pomoc"
        ]
        # Only nice to have: no flag to become, the skill is dropped.
        assert not requests[nice.pk].driving_licence_required
        assert [s.name for s in requests[nice.pk].nice_skills.all()] == [
            "Pierwsza pomoc"
        ]
        assert not requests[lorry.pk].driving_licence_required
        names = set(Skill.objects.values_list("name", flat=True))
        assert {"Prawo jazdy kat. B", "prawo jazdy kategorii b"}.isdisjoint(names)
        assert "Prawo jazdy kat. C" in names

        # Each change is in the history, in the words of a list change.
        assert _reason(volunteers[ala.pk]) == (
            "umiejętności: Pierwsza pomoc, Prawo jazdy kat. B → Pierwsza pomoc "
            "(usunięto: Prawo jazdy kat. B); prawo jazdy zapisane w polu "
            "„prawo jazdy”, nie jako umiejętność"
        )
        assert _reason(volunteers[ola.pk]).startswith(
            "umiejętności: prawo jazdy kategorii b → —; "
        )
        assert _reason(requests[required.pk]) == (
            "wymagane umiejętności: Pierwsza pomoc, Prawo jazdy kat. B → Pierwsza "
            "pomoc (usunięto: Prawo jazdy kat. B); prawo jazdy wymagane polem "
            "„wymagane prawo jazdy”, nie jako umiejętność"
        )
        assert _reason(requests[nice.pk]) == (
            "mile widziane umiejętności: Pierwsza pomoc, prawo jazdy kategorii b → "
            "Pierwsza pomoc (usunięto: prawo jazdy kategorii b)"
        )
        newest = volunteers[ala.pk].history.order_by("-history_id")
        assert newest[0].has_driving_licence and not newest[1].has_driving_licence
        assert {r.pk: r.history.count() for r in (ela, lorry)} == untouched

        # Backwards leaves the data as they are.
        _migrate(BEFORE)
        assert Volunteer.objects.get(pk=ala.pk).has_driving_licence
        assert not Skill.objects.filter(name="Prawo jazdy kat. B").exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_without_the_skill_nothing_changes(make_volunteer, skills):
    volunteer = make_volunteer(skills=[skills["Pierwsza pomoc"]])
    Skill.objects.create(name="Prawo jazdy kat. D")
    count = volunteer.history.count()
    migration.forwards(global_apps, None)
    volunteer.refresh_from_db()
    assert not volunteer.has_driving_licence
    assert volunteer.history.count() == count
    assert Skill.objects.filter(name="Prawo jazdy kat. D").exists()
