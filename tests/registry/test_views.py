"""Staff screens of the register: lists, search, forms, duplicates, query counts."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.urls import reverse

from registry import services
from registry.models import Volunteer
from tests.fixtures.registry import vetted
from volunteer_center.core.models import AccessLog


def names_in(response) -> str:
    return response.content.decode()


# --- Search and filters ---------------------------------------------------------


def test_search_ignores_case_and_polish_diacritics(coordinator_client, make_volunteer):
    make_volunteer(first_name="Zofia", last_name="Żółć")
    make_volunteer(first_name="Adam", last_name="Mazur")

    response = coordinator_client.get(reverse("registry:volunteer-list"), {"q": "zolc"})

    assert "Żółć" in names_in(response)
    assert "Mazur" not in names_in(response)


def test_search_finds_a_phone_number_typed_with_spaces(
    coordinator_client, make_volunteer
):
    make_volunteer(last_name="Wójcik", phone="+48 601 234 567")
    make_volunteer(last_name="Mazur", phone="602 000 111")

    response = coordinator_client.get(
        reverse("registry:volunteer-list"), {"q": "601 234"}
    )

    assert "Wójcik" in names_in(response)
    assert "Mazur" not in names_in(response)


def test_search_by_email(coordinator_client, make_volunteer):
    make_volunteer(last_name="Wójcik", email="Ola.Wojcik@Example.pl")
    response = coordinator_client.get(
        reverse("registry:volunteer-list"), {"q": "ola.wojcik@example"}
    )
    assert "Wójcik" in names_in(response)


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"status": "active"}, {"Aktywna"}),
        ({"district": "bronow"}, {"Bronowska"}),
        ({"skill": "migowy"}, {"Migowa"}),
        ({"category": "zakupy"}, {"Zakupowa"}),
        ({"day": "1"}, {"Wtorkowa"}),
        ({"minor": "yes"}, {"Młoda"}),
        ({"vetting": "yes"}, {"Sprawdzona"}),
    ],
)
def test_each_filter_narrows_the_list(
    coordinator_client,
    make_volunteer,
    districts,
    skills,
    categories,
    params,
    found,
):
    today = dt.date.today()
    make_volunteer(last_name="Aktywna", status="active")
    make_volunteer(last_name="Bronowska", district=districts["Bronów"])
    make_volunteer(last_name="Migowa", skills=[skills["Język migowy"]])
    make_volunteer(last_name="Zakupowa", interests=[categories["Zakupy i sprawunki"]])
    make_volunteer(last_name="Wtorkowa", availability={(1, "morning")})
    make_volunteer(
        last_name="Młoda",
        birth_date=today.replace(year=today.year - 15) - dt.timedelta(days=3),
        guardian_name="Maria Młoda",
        guardian_phone="600 100 200",
        guardian_consent=True,
    )
    make_volunteer(
        last_name="Sprawdzona",
        **vetted(today),
    )
    lookups = {
        "district": districts["Bronów"].pk,
        "skill": skills["Język migowy"].pk,
        "category": categories["Zakupy i sprawunki"].pk,
    }
    query = {k: lookups.get(k, v) for k, v in params.items()}

    response = coordinator_client.get(reverse("registry:volunteer-list"), query)

    listed = {v.last_name for v in response.context["object_list"]}
    assert listed == found


def test_list_is_paginated_by_25(coordinator_client, coordinator):
    Volunteer.objects.bulk_create(
        Volunteer(first_name="A", last_name=f"N{i:02d}", birth_date=dt.date(1990, 1, 1))
        for i in range(30)
    )
    response = coordinator_client.get(reverse("registry:volunteer-list"))
    assert len(response.context["object_list"]) == 25
    assert response.context["paginator"].num_pages == 2


# --- Query counts ----------------------------------------------------------------


def _many_volunteers(make_volunteer, districts, skills, categories, n):
    for i in range(n):
        make_volunteer(
            first_name=f"Osoba{i}",
            email=f"osoba{i}@example.pl",
            district=districts["Ligota"],
            skills=list(skills.values())[:3],
            interests=list(categories.values())[:2],
            reachable_districts=list(districts.values()),
            availability={(0, "morning"), (2, "evening")},
        )


@pytest.mark.parametrize("rows", [2, 8])
def test_volunteer_list_queries_do_not_grow_with_rows(
    coordinator_client,
    make_volunteer,
    districts,
    skills,
    categories,
    django_assert_num_queries,
    rows,
):
    _many_volunteers(make_volunteer, districts, skills, categories, rows)
    url = reverse("registry:volunteer-list")
    # First visit: session, user, the user's permissions (one query for
    # their own and their groups', core/backends.py), where the register and
    # the filter's dictionaries stand (one query), choices of the district,
    # skill and category filters (3), count, the page of volunteers with their
    # district, their skills' names.
    with django_assert_num_queries(10):
        response = coordinator_client.get(url)
    assert len(response.context["object_list"]) == rows
    # The next: the count and the choices are kept while the tables stand.
    with django_assert_num_queries(6):
        response = coordinator_client.get(url)
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("edits", [1, 6])
def test_volunteer_detail_queries_do_not_grow_with_history_or_relations(
    coordinator_client,
    coordinator,
    make_volunteer,
    districts,
    skills,
    categories,
    django_assert_num_queries,
    edits,
):
    _many_volunteers(make_volunteer, districts, skills, categories, 1)
    volunteer = Volunteer.objects.get()
    for i in range(edits):
        services.volunteer_update(
            actor=coordinator,
            volunteer=volunteer,
            fields={"notes": f"uwaga {i}", "district": list(districts.values())[i % 4]},
        )
    # session, user, the user's permissions (one query), where
    # the tables the page and its kept panels are drawn from stand (one for
    # all), volunteer (+district, institution, verifier), skills, interests,
    # reachable districts, availability, the access-log insert, history with
    # its users, the districts named in the history; the panels of the other
    # apps: matching's (the volunteer's assignments with their hours, the
    # hours totals), the agreements' (agreements; certificates, references).
    url = reverse("registry:volunteer-detail", args=[volunteer.pk])
    coordinator_client.get(url)  # warm the content-type cache
    caches["fragments"].clear()
    with django_assert_num_queries(DETAIL_QUERIES + 12):
        coordinator_client.get(url)
    # The next visit: the record, its history and the panels kept while their
    # tables stand; the reading is logged every time.
    with django_assert_num_queries(DETAIL_QUERIES):
        coordinator_client.get(url)


DETAIL_QUERIES = 5


@pytest.mark.parametrize("rows", [2, 7])
def test_beneficiary_and_institution_lists_queries_do_not_grow(
    coordinator_client,
    make_beneficiary,
    make_institution,
    districts,
    coordinator,
    django_assert_num_queries,
    rows,
):
    for i in range(rows):
        make_beneficiary(last_name=f"B{i}", district=districts["Zabrzeg"])
        make_institution(name=f"Szkoła {i}", district=districts["Zabrzeg"])
    # First visit: session, user, the user's permissions (one query), where
    # the list's table and the districts stand, the district
    # filter's choices, count, the page (with district/social worker); the
    # next keeps the count and the choices. The institution list offers the
    # same districts and finds them kept by the beneficiary list.
    lists = (("registry:beneficiary-list", 7), ("registry:institution-list", 6))
    for name, first_visit in lists:
        with django_assert_num_queries(first_visit):
            first = coordinator_client.get(reverse(name))
        with django_assert_num_queries(5):
            again = coordinator_client.get(reverse(name))
        assert len(again.context["object_list"]) == rows
        assert again.context["paginator"].count == first.context["paginator"].count


# --- Forms ----------------------------------------------------------------------


def volunteer_form_data(**overrides) -> dict:
    return {
        "first_name": "Katarzyna",
        "last_name": "Wiśniewska",
        "birth_date": "1992-04-10",
        "email": "kasia@example.pl",
        "phone": "600 700 800",
        "city": "Czechowice-Dziedzice",
        "max_hours_per_week": "6",
        "legal_basis": "consent",
        "availability": ["1:morning", "3:afternoon"],
        **overrides,
    }


def test_coordinator_creates_a_volunteer_with_availability(coordinator_client):
    response = coordinator_client.post(
        reverse("registry:volunteer-create"), volunteer_form_data()
    )

    volunteer = Volunteer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == volunteer.get_absolute_url()
    assert volunteer.phone == "+48600700800"
    assert set(volunteer.availability.values_list("weekday", "part")) == {
        (1, "morning"),
        (3, "afternoon"),
    }
    assert volunteer.history.latest().history_user.username == "koordynator"


def test_bad_input_is_explained_next_to_the_field_and_other_input_kept(
    coordinator_client,
):
    response = coordinator_client.post(
        reverse("registry:volunteer-create"),
        volunteer_form_data(postal_code="43502", phone="123"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Wpisz kod pocztowy w formacie NN-NNN" in html
    assert "Podaj poprawny numer telefonu" in html
    assert 'value="Wiśniewska"' in html
    assert 'value="1:morning" id="id_availability_1morning" checked' in html
    assert 'id="form-error-summary"' in html
    assert not Volunteer.objects.exists()


def test_same_email_shows_a_warning_with_a_link_to_the_existing_record(
    coordinator_client, make_volunteer
):
    existing = make_volunteer(email="kasia@example.pl")

    response = coordinator_client.post(
        reverse("registry:volunteer-create"),
        volunteer_form_data(email="KASIA@example.pl", phone=""),
    )

    assert response.status_code == 200
    assert existing.get_absolute_url() in response.content.decode()
    assert Volunteer.objects.count() == 1


@pytest.mark.parametrize("field", ["phone", "pesel"])
def test_same_phone_or_pesel_also_warns(coordinator_client, make_volunteer, field):
    from tests.registry.conftest import make_pesel

    pesel = make_pesel(dt.date(1992, 4, 10))
    make_volunteer(phone="600 700 800", pesel=pesel, birth_date=dt.date(1992, 4, 10))
    data = volunteer_form_data(email="inny@example.pl", phone="", pesel="")
    data[field] = "600-700-800" if field == "phone" else pesel

    response = coordinator_client.post(reverse("registry:volunteer-create"), data)

    assert response.status_code == 200
    assert Volunteer.objects.count() == 1


def test_save_anyway_creates_the_second_record(coordinator_client, make_volunteer):
    make_volunteer(email="kasia@example.pl")
    response = coordinator_client.post(
        reverse("registry:volunteer-create"),
        volunteer_form_data(save_anyway="on"),
    )
    assert response.status_code == 302
    assert Volunteer.objects.count() == 2


def test_the_different_person_choice_is_remembered(coordinator_client, make_volunteer):
    """Confirmed once, the warning does not come back on every edit of either
    record; a third record with the same e-mail is still warned about."""
    first = make_volunteer(email="kasia@example.pl")
    coordinator_client.post(
        reverse("registry:volunteer-create"), volunteer_form_data(save_anyway="on")
    )
    second = Volunteer.objects.exclude(pk=first.pk).get()
    assert set(second.different_from.all()) == {first}
    for volunteer in (second, first):
        response = coordinator_client.post(
            reverse("registry:volunteer-update", args=[volunteer.pk]),
            volunteer_form_data(
                first_name=volunteer.first_name,
                last_name=volunteer.last_name,
                notes="nowa uwaga",
            ),
        )
        assert response.status_code == 302
    third = coordinator_client.post(
        reverse("registry:volunteer-create"),
        volunteer_form_data(first_name="Inna", phone=""),
    )
    assert third.status_code == 200
    assert first.get_absolute_url() in third.content.decode()
    assert second.get_absolute_url() in third.content.decode()


def test_editing_does_not_warn_about_the_record_itself(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer(email="kasia@example.pl")
    response = coordinator_client.post(
        reverse("registry:volunteer-update", args=[volunteer.pk]),
        volunteer_form_data(notes="nowa uwaga"),
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.notes == "nowa uwaga"


def test_status_change_by_post(coordinator_client, make_volunteer):
    volunteer = make_volunteer()
    url = reverse("registry:volunteer-status", args=[volunteer.pk])

    assert coordinator_client.get(url).status_code == 405
    coordinator_client.post(url, {"action": "activate"})

    volunteer.refresh_from_db()
    assert volunteer.status == "active"


def test_refused_status_change_gives_a_message(coordinator_client, make_volunteer):
    volunteer = make_volunteer()
    response = coordinator_client.post(
        reverse("registry:volunteer-status", args=[volunteer.pk]),
        {"action": "pause"},
        follow=True,
    )
    assert "nie może" in response.content.decode()


def test_detail_shows_history_and_logs_the_view(
    coordinator_client, coordinator, make_volunteer
):
    volunteer = make_volunteer(phone="600 100 200")
    services.volunteer_update(
        actor=coordinator, volunteer=volunteer, fields={"phone": "600 999 888"}
    )

    response = coordinator_client.get(volunteer.get_absolute_url())

    html = response.content.decode()
    assert "Historia zmian" in html
    assert "+48600100200" in html and "+48600999888" in html
    assert AccessLog.objects.filter(
        action=AccessLog.Action.VIEW, object_id=str(volunteer.pk)
    ).exists()


@pytest.mark.parametrize(
    ("age", "words"),
    [(18, "18 lat"), (22, "22 lata"), (21, "21 lat"), (34, "34 lata"), (41, "41 lat")],
)
def test_the_age_is_said_the_polish_way(coordinator_client, make_volunteer, age, words):
    born = dt.date(dt.date.today().year - age, 1, 1)  # that age all this year
    volunteer = make_volunteer(birth_date=born)
    html = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    assert f"({words})" in html


def test_personal_data_export_is_json_and_logged(coordinator_client, make_volunteer):
    volunteer = make_volunteer(email="kasia@example.pl")
    response = coordinator_client.get(
        reverse("registry:volunteer-export-data", args=[volunteer.pk])
    )
    data = response.json()
    assert data["register"]["email"] == "kasia@example.pl"
    # Every app contributes its part of the person's data.
    assert {"register", "assignments", "agreements"} <= data.keys()
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 1


def test_institution_nip_with_dashes_is_stored_as_digits(coordinator_client):
    response = coordinator_client.post(
        reverse("registry:institution-create"),
        {
            "name": "Fundacja Pomocna Dłoń",
            "kind": "foundation",
            "nip": "526-025-02-74",
            "city": "Czechowice-Dziedzice",
        },
    )
    assert response.status_code == 302
    from registry.models import Institution

    assert Institution.objects.get().nip == "5260250274"


# A beneficiary's form filled in as the staff fill it in.
BENEFICIARY_FORM_DATA = {
    "first_name": "Helena",
    "last_name": "Kąkol",
    "city": "Czechowice-Dziedzice",
    "preferred_contact": "phone",
    "status": "active",
    "legal_basis": "public_task",
}


def test_social_worker_creates_own_beneficiary(social_worker_client, social_worker):
    response = social_worker_client.post(
        reverse("registry:beneficiary-create"), BENEFICIARY_FORM_DATA
    )
    assert response.status_code == 302
    from registry.models import Beneficiary

    assert Beneficiary.objects.get().social_worker == social_worker


@pytest.mark.parametrize("rows", [1, 4])
def test_beneficiary_and_institution_details_queries_do_not_grow(
    rows,
    coordinator_client,
    coordinator,
    make_beneficiary,
    make_institution,
    make_request,
    django_assert_num_queries,
):
    from registry.models import ContactPerson

    beneficiary = make_beneficiary()
    institution = make_institution(receives_help=True)
    for i in range(rows):
        make_request(title=f"B{i}", beneficiary=beneficiary)
        make_request(title=f"I{i}", beneficiary=None, institution=institution)
        ContactPerson.objects.create(institution=institution, name=f"Osoba {i}")
        services.beneficiary_update(
            actor=coordinator, beneficiary=beneficiary, fields={"notes": f"uwaga {i}"}
        )
    for obj in (beneficiary, institution):
        coordinator_client.get(obj.get_absolute_url())  # warm the caches
    # session, user, the user's permissions (one query); the beneficiary,
    # the access-log insert, its history, the users named in it; matching's
    # panel: hours totals, requests; the agreements panel
    with django_assert_num_queries(BENEFICIARY_DETAIL_QUERIES):
        coordinator_client.get(beneficiary.get_absolute_url())
    # session, user, permissions (one query); the institution, its contact
    # persons, the access-log insert (the institution and each contact person
    # in one), its history; matching's panel: hours totals,
    # requests; the agreements panel
    with django_assert_num_queries(INSTITUTION_DETAIL_QUERIES):
        coordinator_client.get(institution.get_absolute_url())


BENEFICIARY_DETAIL_QUERIES = 9
INSTITUTION_DETAIL_QUERIES = 10
