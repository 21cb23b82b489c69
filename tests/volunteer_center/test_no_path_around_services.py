"""No path around the services (issue 9.4): each rule the staff screens
enforce is refused through the Django admin and through the CSV import too,
with the same Polish message: double booking, a minor without a guardian's
consent, work over 30 days without a written agreement, a duplicate person by
PESEL, e-mail or phone."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation

from agreements.contributions import written_agreement_check
from matching import eligibility, services
from matching.models import Assignment, RequestSlot
from registry.models import Volunteer
from registry.services import volunteer_activate
from tests.matching.conftest import MONDAY, TUESDAY
from tests.registry.conftest import make_pesel
from tests.registry.test_import_export import csv_file, upload, volunteer_row

pytestmark = pytest.mark.django_db

DAYS = {(d, p) for d in range(7) for p in ("morning", "afternoon")}


def _put(data: dict, name: str, value) -> None:
    # Not ``value in (None, False, "")``: 0 == False, and Monday is day 0.
    if value is None or value is False or value == "":
        return
    if value is True:
        data[name] = "on"
    elif isinstance(value, list | tuple):
        data[name] = [str(getattr(v, "pk", v)) for v in value]
    elif isinstance(value, Model):
        data[name] = str(value.pk)
    elif isinstance(value, dt.date):
        data[name] = value.isoformat()
    else:
        data[name] = str(value)


def form_data(form) -> dict:
    """What a form holds, as a browser would post it."""
    data = {}
    for name in form.fields:
        _put(data, form.add_prefix(name), form[name].value())
    return data


def formset_data(formset) -> dict:
    """What a formset (its management form and rows) holds, as posted."""
    management = formset.management_form
    data = {
        management.add_prefix(name): management[name].value()
        for name in management.fields
    }
    for sub in formset.forms:
        data.update(form_data(sub))
    return data


def admin_form_data(page) -> dict:
    """What the admin's form and inlines hold, as a browser would post it."""
    data = form_data(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        data.update(formset_data(inline.formset))
    return data


def admin_errors(page) -> str:
    return " ".join(page.context["adminform"].form.non_field_errors())


def admin_messages(page) -> str:
    return " ".join(str(m) for m in get_messages(page.wsgi_request))


def run_admin_action(client, model, action, objects):
    return client.post(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
        {"action": action, "_selected_action": [o.pk for o in objects]},
        follow=True,
    )


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


# --- double booking ----------------------------------------------------------------


@pytest.fixture
def ala_busy(make_request, active_volunteer, coordinator):
    """Ala holds Tuesday 9–11 ("Zakupy")."""
    ala = active_volunteer(first_name="Ala", availability=DAYS)
    held = services.assignment_propose(
        actor=coordinator, request=make_request(title="Zakupy"), volunteer=ala
    )
    return services.assignment_accept(actor=coordinator, assignment=held)


def test_double_booking_is_refused_through_the_admin_as_on_the_staff_screens(
    ala_busy, make_request, coordinator, coordinator_client
):
    ala = ala_busy.volunteer
    clash = eligibility.clash_reason(ala_busy)
    walk = make_request(title="Spacer", slots=[(1, dt.time(10), dt.time(12))])
    staff = coordinator_client.post(
        reverse("matching:assignment-propose", args=[walk.pk]),
        {"volunteer": ala.pk},
        follow=True,
    )
    assert clash in admin_messages(staff)
    page = coordinator_client.post(
        reverse("admin:matching_assignment_add"),
        {"request": walk.pk, "volunteer": ala.pk},
    )
    assert page.status_code == 200
    assert clash in admin_errors(page)
    assert not walk.assignments.exists()

    # A proposal made before the request's hours moved onto Ala's place.
    lunch = make_request(title="Obiad", slots=[(1, dt.time(13), dt.time(15))])
    proposal = services.assignment_propose(
        actor=coordinator, request=lunch, volunteer=ala
    )
    RequestSlot.objects.filter(request=lunch).update(start=dt.time(10))
    page = run_admin_action(
        coordinator_client, Assignment, "accept_assignments", [proposal]
    )
    assert clash in admin_messages(page)
    proposal.refresh_from_db()
    assert proposal.status == Assignment.Status.PROPOSED


def test_moving_a_request_onto_a_holders_place_is_refused_in_the_admin(
    ala_busy, make_request, coordinator, coordinator_client
):
    walk = make_request(title="Spacer", needed=2, slots=[(1, dt.time(13), dt.time(15))])
    services.assignment_accept(
        actor=coordinator,
        assignment=services.assignment_propose(
            actor=coordinator, request=walk, volunteer=ala_busy.volunteer
        ),
    )
    url = reverse("admin:matching_helprequest_change", args=[walk.pk])
    data = admin_form_data(coordinator_client.get(url))
    data["slots-0-start"], data["slots-0-end"] = "10:00", "12:00"
    page = coordinator_client.post(url, data)
    assert page.status_code == 200
    assert "Ala Nowak: " + eligibility.clash_reason(ala_busy) in admin_errors(page)
    assert list(walk.slots.values_list("start", flat=True)) == [dt.time(13)]


# --- a minor without a legal representative ------------------------------------


def test_a_minor_without_a_representative_is_refused_through_the_admin_and_import(
    coordinator_client, make_volunteer, make_request, coordinator, admin_client
):
    today = timezone.localdate()
    born = today.replace(year=today.year - 15)
    add = reverse("admin:registry_volunteer_add")
    data = admin_form_data(admin_client.get(add))
    data.update(first_name="Zosia", last_name="Młoda", birth_date=born.isoformat())
    page = admin_client.post(add, data)
    expected = page.context["adminform"].form.errors["guardian_name"][0]
    staff = coordinator_client.post(
        reverse("registry:volunteer-create"),
        {
            "first_name": "Zosia",
            "last_name": "Młoda",
            "birth_date": born.isoformat(),
            "max_hours_per_week": "4",
            "legal_basis": "consent",
        },
    )
    assert staff.context["form"].errors["guardian_name"] == [expected]
    imported = upload(
        coordinator_client,
        Volunteer,
        csv_file([volunteer_row("Młoda", birth_date=born)]),
    ).content.decode()
    assert expected in imported
    assert not Volunteer.objects.filter(last_name="Młoda").exists()

    # A minor whose consent was withdrawn is not proposed in the admin either.
    minor = make_volunteer(
        first_name="Ola",
        birth_date=born,
        guardian_name="Ewa Nowak",
        guardian_phone="601234567",
        guardian_consent=True,
        availability={(1, "morning")},
    )
    volunteer_activate(actor=coordinator, volunteer=minor)
    Volunteer.objects.filter(pk=minor.pk).update(guardian_consent=False)
    request = make_request()
    page = coordinator_client.post(
        reverse("admin:matching_assignment_add"),
        {"request": request.pk, "volunteer": minor.pk},
    )
    minor.refresh_from_db()
    reasons = eligibility.exclusion_reasons(request, minor)
    (reason,) = [r for r in reasons if "przedstawiciela ustawowego" in r]
    assert "art. 17" in reason
    assert reason in admin_errors(page)
    assert not Assignment.objects.exists()


# --- work over 30 days without a written agreement ---------------------------------


def test_long_work_without_an_agreement_does_not_start_through_the_admin(
    make_request, active_volunteer, coordinator, coordinator_client
):
    long = make_request(
        title="Korepetycje",
        kind="weekly",
        date_from=MONDAY,
        date_to=MONDAY + dt.timedelta(days=40),
        slots=[(1, dt.time(9), dt.time(11))],
    )
    volunteer = active_volunteer(availability={(1, "morning")})
    accepted = services.assignment_accept(
        actor=coordinator,
        assignment=services.assignment_propose(
            actor=coordinator, request=long, volunteer=volunteer
        ),
    )
    expected = written_agreement_check(
        assignment=accepted, volunteer=volunteer, request=long, day=TUESDAY
    )
    assert expected
    staff = coordinator_client.post(
        reverse("matching:assignment-status", args=[accepted.pk]),
        {"action": "activate"},
        follow=True,
    )
    assert expected in admin_messages(staff)
    page = run_admin_action(
        coordinator_client, Assignment, "activate_assignments", [accepted]
    )
    assert expected in admin_messages(page)
    accepted.refresh_from_db()
    assert accepted.status == Assignment.Status.ACCEPTED


# --- a duplicate person --------------------------------------------------------------

BORN = dt.date(1988, 6, 2)


@pytest.mark.parametrize("field", ["email", "phone", "pesel"])
def test_a_duplicate_person_is_refused_in_the_same_words_everywhere(
    field, make_volunteer, coordinator_client, admin_client
):
    pesel = make_pesel(BORN)
    make_volunteer(
        first_name="Tomasz",
        last_name="Żurek",
        birth_date=BORN,
        email="tomek@example.pl",
        phone="600700800",
        pesel=pesel,
    )
    same = {"email": "TOMEK@example.pl", "phone": "600-700-800", "pesel": pesel}
    other = {
        "first_name": "Jan",
        "last_name": "Inny",
        "birth_date": BORN.isoformat(),
        "city": "Czechowice-Dziedzice",
    }
    staff = coordinator_client.post(
        reverse("registry:volunteer-create"),
        {
            **other,
            "max_hours_per_week": "4",
            "legal_basis": "consent",
            "availability": ["1:morning"],
            field: same[field],
        },
    )
    staff_errors = " ".join(
        str(e) for errors in staff.context["form"].errors.values() for e in errors
    )
    add = reverse("admin:registry_volunteer_add")
    data = admin_form_data(admin_client.get(add))
    data.update(other, **{field: same[field]})
    page = admin_client.post(add, data)
    admin_text = " ".join(
        str(e)
        for errors in page.context["adminform"].form.errors.values()
        for e in errors
    )
    row = volunteer_row("Inny", first_name="Jan", birth_date=BORN, pesel="", phone="")
    row["email"] = ""
    row[field] = same[field]
    imported = upload(
        coordinator_client, Volunteer, csv_file([row], headers=[*row])
    ).content.decode()
    if field == "pesel":
        expected = "W rejestrze jest już wolontariusz o tym numerze PESEL."
    else:
        expected = (
            "Istnieje już rekord z tym samym numerem PESEL, adresem e-mail lub "
            "telefonem: Tomasz Żurek"
        )
    assert expected in staff_errors
    assert expected in admin_text
    assert expected in imported
    assert Volunteer.objects.count() == 1
