"""Polish wording of matching's pages, read as the walk read them: statuses
that agree with their nouns, one date for a one-day period, an address said
once, neutral reasons, one style of the feminine ending."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from matching import services
from matching.models import Assignment, CoverChain, CoverOffer, HelpRequest, Programme
from tests.fixtures.matching import TUESDAY


@pytest.mark.parametrize(
    ("choices", "labels"),
    [
        # skierowanie (neuter)
        (
            Assignment.Status,
            [
                "zaproponowane",
                "po kontakcie",
                "przyjęte",
                "odrzucone",
                "aktywne",
                "zakończone",
                "anulowane",
            ],
        ),
        # zgłoszenie (neuter)
        (
            HelpRequest.Status,
            ["nowe", "otwarte", "obsadzone", "w realizacji", "zakończone", "anulowane"],
        ),
        # szukanie zastępstwa (neuter)
        (
            CoverChain.Status,
            [
                "trwa szukanie",
                "obsadzone",
                "nie ma już kogo zapytać",
                "zatrzymane przez koordynatora",
                "już niepotrzebne",
            ],
        ),
        # propozycja zastępstwa (feminine)
        (
            CoverOffer.Status,
            [
                "czeka na odpowiedź",
                "przyjęta",
                "odrzucona",
                "brak odpowiedzi w terminie",
                "wycofana",
            ],
        ),
    ],
)
def test_every_status_agrees_with_its_noun(choices, labels):
    with translation.override("pl"):
        assert [str(label) for label in choices.labels] == labels


@pytest.fixture
def active_one_day(make_request, active_volunteer, coordinator):
    """An active one-day assignment of Maria (a woman) on TUESDAY, at an
    address that already names the town."""
    request = make_request(
        address="ul. Północna 12/14, 43-502 Czechowice-Dziedzice",
    )
    maria = active_volunteer(first_name="Maria", gender="female")
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=maria
    )
    services.assignment_accept(actor=coordinator, assignment=assignment)
    return services.assignment_activate(actor=coordinator, assignment=assignment)


def test_the_volunteer_page_shows_an_active_one_day_assignment_in_words(
    coordinator_client, active_one_day
):
    html = coordinator_client.get(active_one_day.volunteer.get_absolute_url())
    html = html.content.decode()
    day = f"{TUESDAY:%d.%m.%Y}"
    assert ">aktywne<" in html  # the assignment's badge; "aktywny" is Maria's
    assert day in html
    assert f"{day}–{day}" not in html


def test_the_assignment_list_shows_one_date_for_one_day(
    coordinator_client, active_one_day
):
    html = coordinator_client.get(reverse("matching:assignment-list")).content.decode()
    day = f"{TUESDAY:%d.%m.%Y}"
    assert day in html and f"{day}–" not in html


def test_the_request_page_names_the_town_once(social_worker_client, active_one_day):
    html = social_worker_client.get(active_one_day.request.get_absolute_url())
    html = html.content.decode()
    assert "ul. Północna 12/14, 43-502 Czechowice-Dziedzice<" in html
    assert "Czechowice-Dziedzice, Czechowice-Dziedzice" not in html


def test_the_invitation_names_the_town_once(
    make_request,
    active_volunteer,
    coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    request = make_request(address="ul. Północna 12/14, 43-502 Czechowice-Dziedzice")
    volunteer = active_volunteer(first_name="Maria", email="maria@example.pl")
    assignment = services.assignment_propose(
        actor=coordinator, request=request, volunteer=volunteer
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_contact(actor=coordinator, assignment=assignment)
    (message,) = mailoutbox
    assert "gdzie: ul. Północna 12/14, 43-502 Czechowice-Dziedzice\n" in message.body
    assert message.body.startswith("Dzień dobry,\n")
    assert "Maria," not in message.body


def test_a_street_alone_gets_its_district(make_request):
    request = make_request(address="ul. Polna 3")
    assert request.place_in_words == "ul. Polna 3, Czechowice-Dziedzice"


def test_the_why_not_text_and_the_free_marker_are_neutral(
    make_request, active_volunteer, coordinator_client
):
    request = make_request(driving_licence_required=True)
    active_volunteer(first_name="Maria", last_name="Żółtek", gender="female")
    html = coordinator_client.get(request.get_absolute_url(), {"why": "zoltek"})
    html = html.content.decode()
    assert "Wymagane jest prawo jazdy, którego ta osoba nie ma." in html
    assert "a wolontariusz go nie ma" not in html
    other = make_request(title="Spacer")
    active_volunteer(first_name="Ewa", last_name="Sowa")
    html = coordinator_client.get(other.get_absolute_url()).content.decode()
    assert "wolny(-a) we wtorki" in html
    assert "wolny(a)" not in html


def test_a_programme_of_one_day_shows_one_date_and_an_open_one_an_ellipsis(
    coordinator_client,
):
    day = dt.date(2027, 5, 8)
    one = Programme.objects.create(name="Festyn", date_from=day, date_to=day)
    Programme.objects.create(name="Zima", date_from=day)
    html = coordinator_client.get(one.get_absolute_url()).content.decode()
    assert "08.05.2027<" in html and "08.05.2027–08.05.2027" not in html
    listing = coordinator_client.get(
        reverse("matching:programme-list")
    ).content.decode()
    assert "08.05.2027–…" in listing
    # The heading's buttons wrap at 375 px instead of pushing the page sideways.
    assert 'class="d-flex flex-wrap justify-content-between' in html
    assert 'class="d-flex flex-wrap gap-2"' in html
