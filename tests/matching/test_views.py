"""Matching screens: suggestions with reasons, why-not, the flow through the
views, and query counts that do not grow with the data."""

import datetime as dt
import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from matching import services
from matching.models import Assignment, HelpRequest
from registry.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def sign_language(db):
    return Skill.objects.create(name="język migowy")


def test_suggestions_are_ranked_with_reasons_in_polish(
    make_request, active_volunteer, coordinator_client, sign_language, districts
):
    request = make_request(required_skills=[sign_language])
    best = active_volunteer(first_name="Barbara", skills=[sign_language])
    active_volunteer(first_name="Cezary")
    active_volunteer(
        first_name="Daria",
        district=districts["Zabrzeg"],
        reachable_districts=[],
    )
    response = coordinator_client.get(request.get_absolute_url())
    suggestions = response.context["suggestions"]
    names = [c.volunteer.first_name for c in suggestions]
    assert names[0] == "Barbara"
    assert "Daria" not in names  # cannot reach the town
    html = response.content.decode()
    assert "ma wymaganą umiejętność „język migowy”" in html
    assert "we wtorki" in html
    assert "mieszka w tej samej dzielnicy" in html
    assert best.pk == suggestions[0].volunteer.pk


def test_why_not_names_the_rule_that_excluded_a_volunteer(
    make_request, active_volunteer, coordinator_client
):
    request = make_request(driving_licence_required=True)
    active_volunteer(first_name="Ernest", last_name="Żółtek")
    response = coordinator_client.get(request.get_absolute_url(), {"why": "zoltek"})
    ((volunteer, reasons),) = response.context["why_not"]
    assert volunteer.last_name == "Żółtek"
    assert any("prawo jazdy" in r or "driving licence" in r for r in reasons)
    assert "prawo jazdy" in response.content.decode()


def test_why_not_for_an_eligible_volunteer_gives_the_score(
    make_request, active_volunteer, coordinator_client
):
    request = make_request()
    active_volunteer(first_name="Filip", last_name="Kos")
    response = coordinator_client.get(request.get_absolute_url(), {"why": "kos"})
    ((_, reasons),) = response.context["why_not"]
    assert "wynik" in reasons[0] or "score" in reasons[0]


def test_coordinator_directs_a_volunteer_through_the_pages(
    make_request, active_volunteer, coordinator_client
):
    request = make_request()
    volunteer = active_volunteer()
    coordinator_client.post(
        reverse("matching:assignment-propose", args=[request.pk]),
        {"volunteer": volunteer.pk},
    )
    assignment = Assignment.objects.get()
    assert assignment.reasons  # the reasons seen at proposal time are kept
    assert assignment.score > 0
    url = reverse("matching:assignment-status", args=[assignment.pk])
    coordinator_client.post(url, {"action": "accept"})
    coordinator_client.post(url, {"action": "activate"})
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ACTIVE
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.IN_PROGRESS


def test_a_refused_step_is_shown_as_a_message(
    make_request, active_volunteer, coordinator_client, coordinator
):
    request = make_request(needed=1)
    a1, a2 = (
        services.assignment_propose(
            actor=coordinator, request=request, volunteer=active_volunteer(first_name=n)
        )
        for n in ("Ala", "Ola")
    )
    services.assignment_accept(actor=coordinator, assignment=a1)
    response = coordinator_client.post(
        reverse("matching:assignment-status", args=[a2.pk]),
        {"action": "accept"},
        follow=True,
    )
    assert "zajęte" in response.content.decode()


def test_request_form_keeps_input_and_explains_errors(coordinator_client, beneficiary):
    response = coordinator_client.post(
        reverse("matching:request-create"),
        {
            "beneficiary": beneficiary.pk,
            "title": "Korepetycje",
            "kind": "weekly",
            "date_from": "2027-03-01",
            "start_time": "16:00",
            "end_time": "15:00",
            "needed": "1",
            "urgency": "1",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"end_time", "weekdays", "date_to", "category"} <= set(errors)
    assert 'value="Korepetycje"' in response.content.decode()


def test_weekly_request_is_created_from_the_form(
    coordinator_client, beneficiary, category
):
    response = coordinator_client.post(
        reverse("matching:request-create"),
        {
            "beneficiary": beneficiary.pk,
            "title": "Korepetycje z matematyki",
            "category": category.pk,
            "kind": "weekly",
            "date_from": "2027-03-01",
            "date_to": "2027-04-30",
            "weekdays": ["1", "3"],
            "start_time": "16:00",
            "end_time": "17:30",
            "needed": "2",
            "urgency": "1",
        },
    )
    assert response.status_code == 302
    request = HelpRequest.objects.get()
    assert [(s.weekday, s.start) for s in request.slots.all()] == [
        (1, dt.time(16)),
        (3, dt.time(16)),
    ]


# --- Query counts ----------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 6])
def test_request_list_queries_do_not_grow(
    rows, make_request, coordinator_client, django_assert_num_queries
):
    for i in range(rows):
        make_request(title=f"Zgłoszenie {i}")
    # First visit: session, user, the user's permissions (one query), where
    # the requests, assignments and dictionaries stand,
    # choices of the category, district and programme filters (3), count,
    # the page; the next keeps the count and the choices.
    url = reverse("matching:request-list")
    with django_assert_num_queries(LIST_QUERIES + 4):
        response = coordinator_client.get(url)
    assert len(response.context["object_list"]) == rows
    with django_assert_num_queries(LIST_QUERIES):
        response = coordinator_client.get(url)
    assert len(response.context["object_list"]) == rows


LIST_QUERIES = 5


@pytest.mark.parametrize("volunteers", [1, 8])
def test_request_detail_with_suggestions_queries_do_not_grow(
    volunteers,
    make_request,
    active_volunteer,
    coordinator,
    coordinator_client,
    django_assert_num_queries,
):
    request = make_request(needed=2)
    for i in range(volunteers):
        active_volunteer(first_name=f"W{i}", email=f"w{i}@example.pl")
    services.assignment_propose(
        actor=coordinator,
        request=request,
        volunteer=active_volunteer(first_name="Zx", email="zx@example.pl"),
    )
    url = request.get_absolute_url()
    coordinator_client.get(url)
    caches["fragments"].clear()
    # session, user, the user's permissions (one query); where the tables the
    # page and its suggestions are drawn from stand; the request, its required
    # and nice-to-have skills, slots, the assignments with their hours, hours
    # totals, the cover chains and visits called off (8); suggestions:
    # districts, the eligible pool, the pool's skills, interests,
    # availability, past help, active assignments, skill and category names
    # (9); the access-log insert (the request, its party,
    # the directed volunteers in one)
    with django_assert_num_queries(DETAIL_QUERIES + 17):
        response = coordinator_client.get(url)
    assert len(response.context["suggestions"]) == volunteers
    # Kept while those tables stand: the same page without the seventeen.
    with django_assert_num_queries(DETAIL_QUERIES):
        again = coordinator_client.get(url)
    assert [c.volunteer.pk for c in again.context["suggestions"]] == [
        c.volunteer.pk for c in response.context["suggestions"]
    ]
    # The kept parts draw the same page, each form with a token of its own.
    assert _tokens_out(again.content) == _tokens_out(response.content)
    assert b'name="csrfmiddlewaretoken" value=""' not in again.content


def _tokens_out(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"TOKEN", html)


DETAIL_QUERIES = 5


def test_programme_page_shows_partners_volunteers_requests_and_hours(
    make_request, active_volunteer, make_institution, coordinator, coordinator_client
):
    from decimal import Decimal

    import time_machine

    from matching.models import Programme, ProgrammePartner

    zima = Programme.objects.create(name="Zima", date_from=dt.date(2026, 12, 1))
    ProgrammePartner.objects.create(
        programme=zima, institution=make_institution(name="Caritas"), role="zbiórka"
    )
    linked = active_volunteer(first_name="Lena")
    zima.volunteers.add(linked)
    request = make_request(title="Zbiórka żywności", programme=zima)
    worker = active_volunteer(first_name="Igor", availability={(1, "morning")})
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=worker
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 3, 10, 12)):
        entry = services.hours_log(
            actor=coordinator,
            assignment=assignment,
            date=request.date_from,
            hours=Decimal(3),
        )
    services.hours_approve(actor=coordinator, entries=[entry])
    response = coordinator_client.get(zima.get_absolute_url())
    html = response.content.decode()
    assert "Caritas (zbiórka)" in html
    assert "Lena" in html and "Zbiórka żywności" in html
    assert response.context["hours"].approved == 3
    (row,) = response.context["per_volunteer"]
    assert (row["assignment__volunteer__first_name"], row["approved"]) == ("Igor", 3)


@pytest.mark.parametrize("rows", [1, 4])
def test_programme_pages_queries_do_not_grow(
    rows,
    make_request,
    active_volunteer,
    make_institution,
    coordinator_client,
    django_assert_num_queries,
):
    from matching.models import Programme, ProgrammePartner

    for i in range(rows):
        programme = Programme.objects.create(
            name=f"P{i}", date_from=dt.date(2026, 1, 1)
        )
    for i in range(rows):
        ProgrammePartner.objects.create(
            programme=programme, institution=make_institution(name=f"I{i}")
        )
        programme.volunteers.add(active_volunteer(first_name=f"V{i}"))
        make_request(title=f"R{i}", programme=programme)
    coordinator_client.get(programme.get_absolute_url())
    # session, user, permissions (one query), count, the page
    with django_assert_num_queries(5):
        coordinator_client.get(reverse("matching:programme-list"))
    # session, user, permissions (one query), the programme with its
    # coordinator, partners, their institutions, volunteers; hours totals,
    # hours per volunteer, its requests
    with django_assert_num_queries(10):
        coordinator_client.get(programme.get_absolute_url())


@pytest.mark.parametrize("entries", [1, 5])
def test_hours_page_queries_do_not_grow(
    entries,
    make_request,
    active_volunteer,
    coordinator,
    coordinator_client,
    django_assert_num_queries,
):
    from decimal import Decimal

    import time_machine

    request = make_request(kind="weekly", date_to=dt.date(2027, 3, 30))
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    with time_machine.travel(dt.datetime(2027, 4, 1, 12)):
        for i in range(entries):
            services.hours_log(
                actor=coordinator,
                assignment=assignment,
                date=request.date_from + dt.timedelta(days=i),
                hours=Decimal(1),
            )
    url = reverse("matching:hours-log", args=[assignment.pk])
    coordinator_client.get(url)
    # session, user, permissions (one query), the assignment with its request
    # and volunteer, the access-log insert, the entries with both users
    with django_assert_num_queries(6):
        response = coordinator_client.get(url)
    assert len(response.context["entries"]) == entries


@pytest.mark.parametrize("hours", ["30", "0", "-1", "abc", "2.555"])
def test_bad_hours_are_explained_next_to_the_field(
    hours, make_request, active_volunteer, coordinator, coordinator_client
):
    request = make_request()
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer()
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    response = coordinator_client.post(
        reverse("matching:hours-log", args=[assignment.pk]),
        {"date": str(request.date_from), "hours": hours, "note": "x"},
    )
    assert response.status_code == 200
    assert "hours" in response.context["form"].errors
    assert not assignment.hours.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"needed": "0"}, "needed"),
        ({"needed": "100"}, "needed"),
        ({"date_to": "2027-02-01"}, "date_to"),
        ({"start_time": "25:00"}, "start_time"),
        ({"date_from": "tomorrow"}, "date_from"),
    ],
)
def test_bad_request_input_is_explained_next_to_the_field(
    changes, field, coordinator_client, beneficiary, category
):
    data = {
        "beneficiary": beneficiary.pk,
        "title": "Korepetycje",
        "category": category.pk,
        "kind": "weekly",
        "date_from": "2027-03-01",
        "date_to": "2027-04-30",
        "weekdays": ["1"],
        "start_time": "16:00",
        "end_time": "17:00",
        "needed": "2",
        "urgency": "1",
        **changes,
    }
    response = coordinator_client.post(reverse("matching:request-create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not HelpRequest.objects.exists()


def test_programme_ending_before_it_starts_is_explained(coordinator_client):
    from matching.models import Programme

    response = coordinator_client.post(
        reverse("matching:programme-create"),
        {"name": "Zima", "date_from": "2027-03-01", "date_to": "2027-02-01"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["date_to"] == ["Koniec nie może być wcześniej niż początek."]
    assert not Programme.objects.exists()


def test_no_suggestions_once_every_place_is_taken(
    make_request, active_volunteer, coordinator, coordinator_client
):
    request = make_request(needed=1)
    active_volunteer(first_name="Druga")
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=active_volunteer()
    )
    assert coordinator_client.get(request.get_absolute_url()).context["suggestions"]
    services.assignment_accept(actor=coordinator, assignment=assignment)
    services.assignment_activate(actor=coordinator, assignment=assignment)
    response = coordinator_client.get(request.get_absolute_url())
    assert response.context["free_places"] == 0
    assert "suggestions" not in response.context


def test_contacting_a_volunteer_without_e_mail_says_to_call(
    make_request, active_volunteer, coordinator, coordinator_client
):
    assignment = services.assignment_propose(
        actor=coordinator, request=make_request(), volunteer=active_volunteer(email="")
    )
    response = coordinator_client.post(
        reverse("matching:assignment-status", args=[assignment.pk]),
        {"action": "contact"},
        follow=True,
    )
    assert "nie ma adresu e-mail" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.CONTACTED


def test_kept_suggestions_follow_every_change_on_the_next_page(
    make_request, active_volunteer, coordinator, coordinator_client
):
    """The suggestions are kept while what they are drawn from stands
    (matching.selectors.kept_suggestions)."""
    request = make_request(needed=3)
    first = active_volunteer(first_name="Pierwsza", email="p@example.pl")
    url = request.get_absolute_url()

    def suggested() -> set[str]:
        page = coordinator_client.get(url)
        return {c.volunteer.first_name for c in page.context["suggestions"]}

    assert suggested() == suggested() == {"Pierwsza"}
    active_volunteer(first_name="Druga", email="d@example.pl")
    assert suggested() == {"Pierwsza", "Druga"}
    services.assignment_propose(actor=coordinator, request=request, volunteer=first)
    assert suggested() == {"Druga"}
