"""Every page that shows a person's data leaves an entry in the access log:
who opened whose data. The walk covers every staff URL with an object in its
address (a page not on the list must say why it shows no personal data) and
the admin's change and history pages of every model with personal data."""

import pytest
from django.contrib import admin
from django.urls import reverse

from agreements.models import Agreement, Certificate, Reference
from matching import ical
from matching.models import Assignment, HelpRequest, HoursEntry
from registry.models import (
    Beneficiary,
    Consultation,
    ContactPerson,
    Institution,
    Volunteer,
)
from tests.matching.test_lists import directed
from tests.volunteer_center.test_security import url_patterns
from volunteer_center.core.admin import PersonalDataAdminMixin, StaffUserAdmin
from volunteer_center.core.models import AccessLog

pytestmark = pytest.mark.django_db

# URL name → the objects of the world (below) whose data the page shows.
AUDITED = {
    "registry:volunteer-detail": ("volunteer",),
    "registry:volunteer-update": ("volunteer",),
    "registry:volunteer-export-data": ("volunteer",),
    "registry:beneficiary-detail": ("beneficiary",),
    "registry:beneficiary-update": ("beneficiary",),
    "registry:beneficiary-privacy-notice": ("beneficiary",),
    "registry:beneficiary-export-data": ("beneficiary",),
    "registry:volunteer-privacy-notice": ("volunteer",),
    "registry:institution-detail": ("institution", "contact"),
    "registry:institution-update": ("institution",),
    "registry:consultation-detail": ("consultation",),
    "registry:consultation-update": ("consultation",),
    "registry:consultation-person-data": ("consultation",),
    "matching:request-detail": ("request", "beneficiary", "volunteer"),
    "matching:request-update": ("request",),
    "matching:hours-log": ("assignment",),
    "matching:volunteer-ical": ("volunteer",),
    "agreements:agreement-detail": ("agreement",),
    "agreements:agreement-update": ("agreement",),
    "agreements:agreement-pdf": ("agreement",),
}
# Pages with an object in the address that show no one's personal data, each
# with the reason.
NOT_PERSONAL = {
    # POST-only actions: they change, the history records who and what.
    "registry:volunteer-status": "an action",
    "registry:volunteer-anonymise": "an action, logged as an anonymisation",
    "registry:beneficiary-anonymise": "an action, logged as an anonymisation",
    "registry:volunteer-guardian-consent": "an action, in the volunteer's history",
    "registry:volunteer-vetting": "an action, in the volunteer's history",
    "registry:volunteer-consent-withdraw": "an action, in the volunteer's history",
    "matching:hours-change": "an action",
    "registry:consultation-status": "an action",
    "matching:request-status": "an action",
    "matching:assignment-propose": "an action",
    "matching:assignment-status": "an action",
    "agreements:agreement-action": "an action",
    "agreements:agreement-scan-upload": "an upload form; the scan view is logged",
    "agreements:agreement-scan": "logged as an export (tests/agreements)",
    "agreements:certificate-pdf": "logged as an export (tests/agreements)",
    "agreements:reference-pdf": "logged as an export (tests/agreements)",
    "agreements:batch-download": "logged per volunteer (tests/agreements)",
    "core:export-download": "logged as an export (test_export_jobs)",
    # Names only, as on the lists (which are not logged; their exports are).
    "agreements:agreement-create": "the party's name in the title",
    "agreements:certificate-create": "the volunteer's name in the title",
    "agreements:reference-create": "the volunteer's name in the title",
    "matching:programme-detail": "volunteers' names and hour totals",
    "matching:programme-update": "the programme itself",
    "matching:batch-detail": "volunteers' names in a plan",
    "agreements:batch-detail": "a period and a count",
    "agreements:batch-progress": "a count",
    "core:export-job": "a file name and a count",
    "core:export-progress": "a count",
    "matching:respond": "the volunteer's own answer page (a signed token)",
    "registry:guardian-consent": "the parent's own page (a single-use token)",
    "password_reset_confirm": "the new-password form of a signed link",
    "matching:cover-stop": "an action",
    "matching:host-hours": "names and hours of the host's own requests (signed link)",
    "volunteer-request-action": "an action",
    "volunteer-request-certificate": "the volunteer's name in the title",
    # The volunteer's own area: their own data, to themselves only.
    "volunteer_area:sign-in-link": "the sign-in button of a single-use link",
    "volunteer_area:assignment": "the volunteer's own assignment",
    "volunteer_area:answer": "an action",
    "volunteer_area:call-off": "the volunteer's own visit",
    "volunteer_area:call-off-link": "the volunteer's own visit (signed link)",
    "volunteer_area:agreement-pdf": "logged as an export (tests/volunteer_area)",
    "volunteer_area:certificate-pdf": "logged as an export (tests/volunteer_area)",
    "volunteer_area:reference-pdf": "logged as an export (tests/volunteer_area)",
}


@pytest.fixture
def world(
    coordinator,
    make_request,
    active_volunteer,
    make_institution,
    make_agreement,
    make_consultation,
):
    volunteer = active_volunteer(email="ola@example.pl", phone="600 100 200")
    request = make_request()
    assignment = directed(coordinator, request, volunteer)
    institution = make_institution(name="Szkoła nr 2")
    contact = ContactPerson.objects.create(institution=institution, name="Ewa Nowak")
    consultation = make_consultation()
    return {
        "volunteer": volunteer,
        "beneficiary": request.beneficiary,
        "institution": institution,
        "contact": contact,
        "consultation": consultation,
        "request": request,
        "assignment": assignment,
        "agreement": make_agreement(party=volunteer),
    }


def _url(name, world) -> str:
    if name == "matching:volunteer-ical":
        return reverse(name, args=[ical.volunteer_token(world["volunteer"])])
    key = {
        "request-detail": "request",
        "request-update": "request",
        "hours-log": "assignment",
    }.get(name.split(":")[1], name.split(":")[1].split("-")[0])
    return reverse(name, kwargs={"pk": world[key].pk})


def logged(objects) -> set:
    return set(
        AccessLog.objects.filter(action__in=["view", "export"]).values_list(
            "content_type__model", "object_id"
        )
    ) & {(o._meta.model_name, str(o.pk)) for o in objects}


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_each_page_with_personal_data_logs_who_opened_whose(
    name, world, coordinator_client
):
    AccessLog.objects.all().delete()
    response = coordinator_client.get(_url(name, world))
    assert response.status_code == 200, name
    expected = [world[key] for key in AUDITED[name]]
    assert logged(expected) == {(o._meta.model_name, str(o.pk)) for o in expected}
    actors = set(AccessLog.objects.values_list("actor__username", flat=True))
    assert actors == ({None} if name.endswith("ical") else {"koordynator"})


def test_every_page_with_an_object_in_its_address_is_on_one_list():
    with_object = {
        name
        for name, route, _converters in url_patterns()
        if "<" in route and not route.startswith(("admin/", "i18n/"))
    }
    assert with_object - set(AUDITED) - set(NOT_PERSONAL) == set()
    assert set(AUDITED) & set(NOT_PERSONAL) == set()


PERSONAL_MODELS = {
    Volunteer,
    Beneficiary,
    Institution,
    Consultation,
    HelpRequest,
    Assignment,
    HoursEntry,
    Agreement,
    Certificate,
    Reference,
}


def test_every_admin_of_personal_data_logs_its_pages():
    for model in PERSONAL_MODELS:
        assert isinstance(admin.site._registry[model], PersonalDataAdminMixin), model
    assert issubclass(StaffUserAdmin, PersonalDataAdminMixin)


@pytest.mark.parametrize("page", ["change", "history"])
@pytest.mark.parametrize(
    "key", ["volunteer", "beneficiary", "institution", "request", "agreement"]
)
def test_the_admins_change_and_history_pages_log_the_opening(
    world, coordinator_client, django_user_model, client, key, page
):
    boss = django_user_model.objects.create_superuser("szef", "s@example.pl", "x")
    client.force_login(boss)
    obj = world[key]
    AccessLog.objects.all().delete()
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[obj.pk])
    assert client.get(url).status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.actor, entry.object_id, entry.detail) == (boss, str(obj.pk), "admin")
