"""Register services: status changes, the change history, anonymisation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from registry import services
from registry.models import Volunteer
from volunteer_center.core.history import change_history
from volunteer_center.core.models import AccessLog


def test_activating_a_candidate_records_who_did_it(make_volunteer, coordinator):
    volunteer = make_volunteer()
    assert volunteer.status == Volunteer.Status.CANDIDATE

    services.volunteer_activate(actor=coordinator, volunteer=volunteer)

    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.ACTIVE
    latest = volunteer.history.latest()
    assert latest.history_user == coordinator
    assert latest.diff_against(latest.prev_record).changed_fields == ["status"]


@pytest.mark.parametrize(
    ("start", "service", "allowed"),
    [
        ("candidate", "volunteer_activate", True),
        ("candidate", "volunteer_pause", False),
        ("active", "volunteer_pause", True),
        ("paused", "volunteer_activate", True),
        ("paused", "volunteer_pause", False),
        ("former", "volunteer_activate", True),  # a former volunteer comes back
        ("former", "volunteer_mark_former", False),
        ("active", "volunteer_mark_former", True),
    ],
)
def test_status_moves_only_along_allowed_paths(
    make_volunteer, coordinator, start, service, allowed
):
    volunteer = make_volunteer(status=start)
    change = getattr(services, service)
    if allowed:
        change(actor=coordinator, volunteer=volunteer)
    else:
        with pytest.raises(services.RegistryError):
            change(actor=coordinator, volunteer=volunteer)
        volunteer.refresh_from_db()
        assert volunteer.status == start


def test_update_keeps_old_and_new_values_in_history(make_volunteer, coordinator):
    volunteer = make_volunteer(phone="600 100 200")
    services.volunteer_update(
        actor=coordinator, volunteer=volunteer, fields={"phone": "600 999 888"}
    )
    latest = volunteer.history.latest()
    change = latest.diff_against(latest.prev_record).changes[0]
    assert (change.field, change.old, change.new) == (
        "phone",
        "+48600100200",
        "+48600999888",
    )
    assert latest.history_user == coordinator


def test_update_sets_availability_and_skills(make_volunteer, coordinator, skills):
    volunteer = make_volunteer(availability={(0, "morning"), (1, "evening")})
    services.volunteer_update(
        actor=coordinator,
        volunteer=volunteer,
        fields={},
        availability={(1, "evening"), (4, "afternoon")},
        skills=[skills["Język migowy"]],
    )
    assert set(volunteer.availability.values_list("weekday", "part")) == {
        (1, "evening"),
        (4, "afternoon"),
    }
    assert list(volunteer.skills.values_list("name", flat=True)) == ["Język migowy"]


def test_service_validates_before_saving(coordinator):
    with pytest.raises(ValidationError):
        services.volunteer_create(
            actor=coordinator,
            fields={
                "first_name": "Ala",
                "last_name": "Kot",
                "birth_date": dt.date(1990, 1, 1),
                "postal_code": "43502",
            },
        )
    assert not Volunteer.objects.exists()


def test_anonymising_a_former_volunteer_removes_personal_data_and_history(
    make_volunteer, coordinator
):
    volunteer = make_volunteer(
        email="anna@example.pl", phone="600 100 200", street="Traugutta 5"
    )
    services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)

    services.volunteer_anonymise(actor=coordinator, volunteer=volunteer)

    volunteer.refresh_from_db()
    assert volunteer.is_anonymised
    assert (volunteer.email, volunteer.phone, volunteer.street) == ("", "", "")
    assert "Anna" not in str(volunteer)
    assert volunteer.birth_date == dt.date(1990, 1, 1)
    assert volunteer.history.count() == 1
    assert not volunteer.history.filter(email="anna@example.pl").exists()
    assert AccessLog.objects.filter(
        action=AccessLog.Action.ANONYMISE, object_id=str(volunteer.pk)
    ).exists()


def test_an_active_volunteer_cannot_be_anonymised(make_volunteer, coordinator):
    volunteer = make_volunteer(status="active")
    with pytest.raises(services.RegistryError):
        services.volunteer_anonymise(actor=coordinator, volunteer=volunteer)


def test_a_social_workers_new_beneficiary_is_their_own(social_worker):
    beneficiary = services.beneficiary_create(
        actor=social_worker, fields={"first_name": "Jan", "last_name": "Kos"}
    )
    assert beneficiary.social_worker == social_worker


def test_changes_of_skills_and_availability_are_in_the_history(
    make_volunteer, coordinator, skills
):
    first, second = list(skills.values())[:2]
    volunteer = make_volunteer(skills=[first], availability={(1, "morning")})
    services.volunteer_update(
        actor=coordinator,
        volunteer=volunteer,
        fields={},
        skills=[second],
        availability={(1, "morning"), (3, "evening")},
    )
    (latest, *_older) = change_history(volunteer)
    assert latest.who == coordinator
    assert f"{first} → {second}" in latest.note
    assert "wieczorem" in latest.note or "evening" in latest.note
    # Saving the same relations again records no relation change: nothing
    # changed, so no entry at all (docs/ARCHITECTURE.md, Personal data).
    entries = volunteer.history.count()
    services.volunteer_update(
        actor=coordinator,
        volunteer=volunteer,
        fields={},
        skills=[second],
        availability={(1, "morning"), (3, "evening")},
    )
    assert volunteer.history.count() == entries
    assert change_history(volunteer)[0] == latest
    # With a field change and the same relations, the entry has no list note.
    services.volunteer_update(
        actor=coordinator,
        volunteer=volunteer,
        fields={"languages": "niemiecki"},
        skills=[second],
        availability={(1, "morning"), (3, "evening")},
    )
    assert change_history(volunteer)[0].note == ""
