"""The Django admin: every model's pages open for whom they should, bulk actions
go through the services, dictionaries are switched on and off in bulk."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry import services
from registry.models import (
    Beneficiary,
    Category,
    ClosureDay,
    Consultation,
    ConsultationTopic,
    District,
    GuardianConsentRequest,
    Institution,
    OfficeHours,
    Skill,
    Volunteer,
)
from volunteer_center.core.audit import access_log
from volunteer_center.core.legal.models import AccessibilityStatement
from volunteer_center.core.models import (
    AccessLog,
    ChildProtectionStandards,
    ExportJob,
)

# Every model of these apps must be in the admin (HistoricalX models excepted).
ADMIN_APPS = ("registry", "core", "volunteer_center")
REGISTERED = {
    GuardianConsentRequest,
    Skill,
    District,
    Category,
    Institution,
    Volunteer,
    Beneficiary,
    AccessLog,
    ExportJob,
    ChildProtectionStandards,
    AccessibilityStatement,
    ConsultationTopic,
    OfficeHours,
    ClosureDay,
    Consultation,
}
INLINE_ONLY = {"availability", "contactperson"}
# Rows nobody edits: the counters of the public forms' rate limiter, and the
# background imports (each followed on its own page, test_import_background).
INTERNAL = {"ratelimitcounter", "importjob"}

# What the admin shows each role (docs/ARCHITECTURE.md, Roles; core/roles.py).
ADMINISTRATOR_SEES = {
    Skill,
    District,
    Category,
    AccessLog,
    ExportJob,
    ChildProtectionStandards,
    AccessibilityStatement,
    ConsultationTopic,
    OfficeHours,
    ClosureDay,
}
COORDINATOR_SEES = {
    GuardianConsentRequest,
    Skill,
    District,
    Category,
    Institution,
    Volunteer,
    Beneficiary,
    ConsultationTopic,
    OfficeHours,
    ClosureDay,
    Consultation,
}


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def one_of_each(
    make_volunteer, make_institution, make_beneficiary, make_consultation, coordinator
):
    volunteer = make_volunteer()
    return {
        ConsultationTopic: ConsultationTopic.objects.first(),
        OfficeHours: OfficeHours.objects.first(),
        ClosureDay: ClosureDay.objects.create(date=dt.date(2026, 12, 31)),
        Consultation: make_consultation(),
        Skill: Skill.objects.first(),
        District: District.objects.first(),
        Category: Category.objects.first(),
        Institution: make_institution(),
        Volunteer: volunteer,
        Beneficiary: make_beneficiary(),
        AccessLog: access_log(
            actor=coordinator, action=AccessLog.Action.VIEW, obj=volunteer
        ),
        ExportJob: ExportJob.objects.create(
            requested_by=coordinator,
            path="/wolontariusze/",
            language="pl",
            filename="wolontariusze-2026-12-01.xlsx",
        ),
        ChildProtectionStandards: ChildProtectionStandards.objects.current(),
        AccessibilityStatement: AccessibilityStatement.objects.first(),
        GuardianConsentRequest: GuardianConsentRequest.objects.create(
            volunteer=volunteer,
            email="rodzic@example.pl",
            token_hash="0" * 64,
            expires_at=timezone.now(),
        ),
    }


def test_every_model_of_the_project_apps_is_registered():
    from django.apps import apps

    models = {
        model
        for app in ADMIN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        and model._meta.managed  # a model without a table only holds permissions
        and model._meta.model_name not in INLINE_ONLY | INTERNAL
    }
    assert models == REGISTERED
    assert all(admin.site.is_registered(model) for model in REGISTERED)


@pytest.mark.parametrize("model", sorted(REGISTERED, key=lambda m: m.__name__))
def test_superuser_opens_list_and_change_page_of_every_model(
    admin_client, one_of_each, model
):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    obj = one_of_each[model]
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", sorted(REGISTERED, key=lambda m: m.__name__))
def test_superuser_searches_every_list(admin_client, one_of_each, model):
    response = admin_client.get(admin_url(model, "changelist"), {"q": "a"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", sorted(REGISTERED, key=lambda m: m.__name__))
@pytest.mark.parametrize(
    ("persona", "sees"),
    [("administrator", ADMINISTRATOR_SEES), ("coordinator", COORDINATOR_SEES)],
)
def test_each_role_opens_exactly_its_models_in_the_admin(
    request, one_of_each, model, persona, sees
):
    client = request.getfixturevalue(f"{persona}_client")
    expected = 200 if model in sees else 403
    obj = one_of_each[model]
    assert client.get(admin_url(model, "changelist")).status_code == expected
    assert client.get(admin_url(model, "change", obj.pk)).status_code == expected


def test_administrator_admin_index_lists_only_dictionaries_and_the_log(
    administrator_client,
):
    page = administrator_client.get(reverse("admin:index")).content.decode()
    assert admin_url(Skill, "changelist") in page
    assert admin_url(AccessLog, "changelist") in page
    assert admin_url(get_user_model(), "changelist") in page  # users
    assert admin_url(Volunteer, "changelist") not in page
    assert admin_url(Beneficiary, "changelist") not in page


def test_social_worker_has_no_admin(social_worker_client):
    response = social_worker_client.get(admin_url(Beneficiary, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_access_log_is_read_only_even_for_a_superuser(admin_client, one_of_each):
    entry = one_of_each[AccessLog]
    assert admin_client.get(admin_url(AccessLog, "add")).status_code == 403
    assert admin_client.get(admin_url(AccessLog, "delete", entry.pk)).status_code == 403
    admin_client.post(admin_url(AccessLog, "change", entry.pk), {"detail": "x"})
    entry.refresh_from_db()
    assert entry.detail == ""


def test_opening_a_volunteer_in_the_admin_is_logged(admin_client, make_volunteer):
    volunteer = make_volunteer()
    admin_client.get(admin_url(Volunteer, "change", volunteer.pk))
    entry = AccessLog.objects.get(object_id=str(volunteer.pk))
    assert entry.action == AccessLog.Action.VIEW
    assert entry.actor.username == "admin"


@pytest.fixture
def add_row(make_volunteer, make_institution, make_beneficiary, districts, coordinator):
    """Adds one row of a model, with its related rows, as the services do."""
    serial = iter(range(100))

    def add(model):
        n = next(serial)
        if model is Volunteer:
            return make_volunteer(last_name=f"Wiersz{n}", district=districts["Ligota"])
        if model is Institution:
            return make_institution(name=f"Wiersz{n}", district=districts["Ligota"])
        if model is Beneficiary:
            return make_beneficiary(
                last_name=f"Wiersz{n}",
                district=districts["Ligota"],
                social_worker=coordinator,
            )
        return access_log(
            actor=coordinator,
            action=AccessLog.Action.VIEW,
            obj=make_volunteer(last_name=f"Wiersz{n}"),
        )

    return add


@pytest.mark.parametrize("model", [Volunteer, Institution, Beneficiary, AccessLog])
def test_list_query_count_does_not_grow_with_rows(admin_client, add_row, model):
    add_row(model)
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(admin_url(model, "changelist"))
    for _n in range(5):
        add_row(model)
    with CaptureQueriesContext(connection) as six_rows:
        response = admin_client.get(admin_url(model, "changelist"))
    assert "Wiersz5" in response.content.decode()
    assert len(six_rows) == len(one_row)


def test_autocomplete_finds_an_institution_without_diacritics(
    coordinator_client, make_institution
):
    make_institution(name="Szkoła Podstawowa w Zabrzegu")
    make_institution(name="Parafia św. Andrzeja")
    response = coordinator_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "registry",
            "model_name": "volunteer",
            "field_name": "sending_institution",
            "term": "szkola",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [
        "Szkoła Podstawowa w Zabrzegu"
    ]


def test_editing_in_the_admin_validates_and_records_history(
    coordinator_client, make_institution
):
    institution = make_institution(name="Stara nazwa")
    data = {
        "name": "Nowa nazwa",
        "kind": "school",
        "nip": "5260001246",
        "city": "Czechowice-Dziedzice",
        "phone": "32 214 11 11",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-name": "Ewa Dyrektorka",
        "contacts-0-phone": "601 234 567",
    }
    url = admin_url(Institution, "change", institution.pk)

    refused = coordinator_client.post(url, {**data, "postal_code": "43502"})
    assert refused.status_code == 200  # the form again, with the error
    institution.refresh_from_db()
    assert institution.name == "Stara nazwa"

    response = coordinator_client.post(url, {**data, "postal_code": "43-502"})
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.name == "Nowa nazwa"
    assert institution.phone == "+48322141111"
    assert institution.contacts.get().phone == "+48601234567"
    latest = institution.history.latest()
    assert latest.history_user.username == "koordynator"


def test_admin_search_ignores_diacritics(admin_client, make_volunteer):
    make_volunteer(first_name="Zofia", last_name="Żółć")
    make_volunteer(first_name="Adam", last_name="Mazur")
    page = admin_client.get(
        admin_url(Volunteer, "changelist"), {"q": "zolc"}
    ).content.decode()
    assert "Żółć" in page
    assert "Mazur" not in page


def test_status_is_read_only_in_the_change_form(admin_client, make_volunteer):
    volunteer = make_volunteer()
    response = admin_client.get(admin_url(Volunteer, "change", volunteer.pk))
    assert 'name="status"' not in response.content.decode()


def test_an_anonymised_volunteer_cannot_be_edited_in_the_admin(
    admin_client, make_volunteer, coordinator
):
    volunteer = make_volunteer()
    services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)
    services.volunteer_anonymise(actor=coordinator, volunteer=volunteer)
    response = admin_client.get(admin_url(Volunteer, "change", volunteer.pk))
    assert response.status_code == 200
    assert 'name="first_name"' not in response.content.decode()


# --- Bulk actions -------------------------------------------------------------


def run_action(client, model, action, objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [o.pk for o in objects]},
        follow=True,
    )


def test_bulk_activate_goes_through_the_service(coordinator_client, make_volunteer):
    first = make_volunteer(last_name="Pierwsza")
    second = make_volunteer(last_name="Druga")

    response = run_action(coordinator_client, Volunteer, "activate", [first, second])

    assert response.status_code == 200
    for volunteer in (first, second):
        volunteer.refresh_from_db()
        assert volunteer.status == Volunteer.Status.ACTIVE
        latest = volunteer.history.latest()
        assert latest.status == Volunteer.Status.ACTIVE
        assert latest.history_user.username == "koordynator"


def test_a_refused_row_is_reported_and_the_others_still_change(
    coordinator_client, make_volunteer, coordinator
):
    # Already active: activating again is refused (a former volunteer can be
    # reactivated, so it would not be).
    former = make_volunteer(last_name="Dawna")
    services.volunteer_activate(actor=coordinator, volunteer=former)
    candidate = make_volunteer(last_name="Kandydatka")

    response = run_action(
        coordinator_client, Volunteer, "activate", [former, candidate]
    )

    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Dawna" in t and "nie może" in t for t in texts), texts
    assert any("1" in t for t in texts)
    former.refresh_from_db()
    candidate.refresh_from_db()
    assert former.status == Volunteer.Status.ACTIVE
    assert candidate.status == Volunteer.Status.ACTIVE


def test_bulk_pause_and_mark_former(coordinator_client, make_volunteer, coordinator):
    volunteer = make_volunteer()
    services.volunteer_activate(actor=coordinator, volunteer=volunteer)

    run_action(coordinator_client, Volunteer, "pause", [volunteer])
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PAUSED

    run_action(coordinator_client, Volunteer, "mark_former", [volunteer])
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.FORMER
    assert volunteer.history.count() == 4


def test_administrator_cannot_run_volunteer_actions(
    administrator_client, make_volunteer
):
    volunteer = make_volunteer()
    response = run_action(administrator_client, Volunteer, "activate", [volunteer])
    assert response.status_code == 403
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.CANDIDATE


@pytest.mark.parametrize("model", [Skill, District, Category])
def test_administrator_marks_dictionary_entries_in_and_out_of_use(
    administrator_client, model
):
    entries = list(model.objects.all()[:2])
    assert len(entries) == 2

    run_action(administrator_client, model, "mark_not_in_use", entries)
    assert not model.objects.filter(pk__in=[e.pk for e in entries], is_active=True)
    assert model.objects.filter(is_active=True).exists()

    run_action(administrator_client, model, "mark_in_use", entries)
    assert model.objects.filter(is_active=False).count() == 0


def test_beneficiary_social_worker_choices_are_social_workers_only(
    admin_client, social_worker, coordinator
):
    response = admin_client.get(admin_url(Beneficiary, "add"))
    choices = {
        str(user)
        for user in response.context["adminform"].form.fields["social_worker"].queryset
    }
    assert choices == {str(social_worker)}
    assert str(coordinator) != str(social_worker)
    assert get_user_model().objects.count() >= 3
