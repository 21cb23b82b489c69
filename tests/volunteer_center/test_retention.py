"""Retention applied (issue 11, point 8): on a fixed data set the daily
command anonymises what is past its period and nothing else, keeps the
agreements the archive keeps, deletes old access-log rows, and lists the same
without changing anything on a dry run."""

import datetime as dt
import io
import itertools

import pytest
import time_machine
from django.core.management import call_command

from agreements import services as agreement_services
from agreements.models import Agreement
from registry import services as registry_services
from registry.models import Beneficiary, Consultation, Volunteer
from tests.fixtures.agreements import sign_agreement
from tests.fixtures.registry import vetted
from volunteer_center.core.audit import access_log
from volunteer_center.core.models import AccessLog

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 1, 6, 0)


def on(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12)), tick=False)


def _former(coordinator, make_volunteer, day, *, signed=False):
    """A volunteer who stopped on ``day``, having signed an agreement first
    when ``signed``; returns the volunteer and the agreement."""
    with on(day):
        volunteer = make_volunteer(status="active")
        agreement = _signed_agreement(coordinator, volunteer, day) if signed else None
        volunteer = registry_services.volunteer_mark_former(
            actor=coordinator, volunteer=volunteer
        )
    return volunteer, agreement


# Each beneficiary their own phone: the same phone is one person to the register.
PHONES = itertools.count(200)


def _inactive(coordinator, make_beneficiary, day, status="inactive"):
    with on(day):
        person = make_beneficiary(phone=f"600 100 {next(PHONES)}")
        return registry_services.beneficiary_update(
            actor=coordinator, beneficiary=person, fields={"status": status}
        )


def _signed_agreement(coordinator, volunteer, day):
    agreement = agreement_services.agreement_create(
        actor=coordinator,
        kind="volunteer",
        party=volunteer,
        fields={
            "scope": "Zakupy",
            "manner": "Wizyty",
            "date_from": day,
            "date_to": day + dt.timedelta(days=60),
            "safety_info_given": True,
            "insurance_nnw": True,
        },
    )
    return sign_agreement(actor=coordinator, agreement=agreement).agreement


@pytest.fixture
def data_set(coordinator, make_volunteer, make_beneficiary, make_consultation):
    with on(dt.date(2024, 6, 1)):
        old_candidate = make_volunteer(first_name="Stara", email="s@example.pl")
    with on(dt.date(2026, 6, 1)):
        new_candidate = make_volunteer(first_name="Nowa")
    old_former, agreement = _former(
        coordinator, make_volunteer, dt.date(2020, 5, 4), signed=True
    )
    recent_former, _ = _former(coordinator, make_volunteer, dt.date(2022, 3, 1))
    with on(dt.date(2024, 1, 10)):
        checked_long_ago = make_volunteer(
            status="active", **vetted(dt.date(2024, 1, 10))
        )
    with on(dt.date(2026, 3, 1)):
        checked_lately = make_volunteer(status="active", **vetted(dt.date(2026, 3, 1)))
    with on(dt.date(2023, 3, 6)):
        old_visit = make_consultation(
            starts_at=dt.datetime(2023, 3, 6, 9, tzinfo=dt.UTC), notes="Pytał o zasiłek"
        )
    with on(dt.date(2022, 6, 1)):
        old_log = access_log(actor=coordinator, action="view", obj=recent_former)
    with on(dt.date(2025, 5, 5)):
        new_visit = make_consultation(
            starts_at=dt.datetime(2025, 5, 5, 9, tzinfo=dt.UTC)
        )
    return {
        "old_candidate": old_candidate,
        "new_candidate": new_candidate,
        "old_former": old_former,
        "agreement": agreement,
        "recent_former": recent_former,
        "checked_long_ago": checked_long_ago,
        "checked_lately": checked_lately,
        "old_beneficiary": _inactive(
            coordinator, make_beneficiary, dt.date(2022, 8, 1)
        ),
        "new_beneficiary": _inactive(
            coordinator, make_beneficiary, dt.date(2024, 8, 1)
        ),
        "helped": _inactive(
            coordinator, make_beneficiary, dt.date(2019, 8, 1), "active"
        ),
        "old_visit": old_visit,
        "new_visit": new_visit,
        "old_log": old_log,
    }


def _run(*args) -> str:
    out = io.StringIO()
    with time_machine.travel(TODAY, tick=False):
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def _anonymised(model, obj) -> bool:
    return model.objects.get(pk=obj.pk).anonymised_at is not None


def test_the_daily_command_applies_each_period_and_keeps_the_archive(data_set):
    d = data_set
    output = _run()

    assert _anonymised(Volunteer, d["old_candidate"])
    assert _anonymised(Volunteer, d["old_former"])
    assert not _anonymised(Volunteer, d["new_candidate"])
    assert not _anonymised(Volunteer, d["recent_former"])
    assert _anonymised(Beneficiary, d["old_beneficiary"])
    assert not _anonymised(Beneficiary, d["new_beneficiary"])
    assert not _anonymised(Beneficiary, d["helped"])
    assert Volunteer.objects.get(pk=d["old_candidate"].pk).email == ""

    # The archive keeps the agreement, its number and the text signed.
    agreement = Agreement.objects.get(pk=d["agreement"].pk)
    assert (agreement.number, agreement.text) == (
        d["agreement"].number,
        d["agreement"].text,
    )

    old_visit = Consultation.objects.get(pk=d["old_visit"].pk)
    assert (old_visit.walk_in_name, old_visit.notes) == ("—", "")
    assert old_visit.topic_id == d["old_visit"].topic_id  # still counted
    assert Consultation.objects.get(pk=d["new_visit"].pk).walk_in_name == (
        "Jan Przechodni"
    )

    erased = Volunteer.objects.get(pk=d["checked_long_ago"].pk)
    assert erased.sex_offender_register_checked_on is None
    assert not erased.history.filter(criminal_record_checked_on__isnull=False).exists()
    kept = Volunteer.objects.get(pk=d["checked_lately"].pk)
    assert kept.sex_offender_register_checked_on == dt.date(2026, 3, 1)

    assert not AccessLog.objects.filter(pk=d["old_log"].pk).exists()
    assert AccessLog.objects.filter(action="anonymise").count() == 3
    assert "kandydaci, którzy nie zawarli porozumienia: 1" in output


def test_a_dry_run_lists_what_would_go_and_changes_nothing(data_set):
    output = _run("--dry-run")
    assert "Do usunięcia lub anonimizacji:" in output
    assert f"byli wolontariusze: 1 #{data_set['old_former'].pk}" in output
    assert f"wpisy dziennika dostępu: 1 #{data_set['old_log'].pk}" in output
    assert not _anonymised(Volunteer, data_set["old_former"])
    assert AccessLog.objects.filter(pk=data_set["old_log"].pk).exists()
    assert not AccessLog.objects.filter(action="anonymise").exists()
