"""Polish wording of the register's pages, read as the walk read them:
statuses that agree with their nouns, unambiguous vetting, no masculine-only
sentence about a woman, an address said once."""

import datetime as dt

from django.urls import reverse

from registry.advice import services as advice_services


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode("utf-8-sig")


def test_the_advice_list_and_its_csv_say_who_gave_the_advice_and_cancelled_agrees(
    coordinator_client, coordinator, make_consultation
):
    consultation = make_consultation(
        starts_at=dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC), status="planned"
    )
    advice_services.consultation_cancel(actor=coordinator, consultation=consultation)
    url = reverse("registry:consultation-list")
    html = coordinator_client.get(url).content.decode()
    assert "udzielił(a) porady" in html
    assert "poradę udzielił(a)" not in html
    assert "anulowana" in html
    assert "anulowane" not in html
    csv = _body(coordinator_client.get(url, {"export": "csv"}))
    header = csv.splitlines()[0]
    assert "Udzielił(a) porady" in header
    assert "anulowana" in csv


def test_the_vetting_line_of_a_volunteer_without_checks_is_not_unimportant(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer()
    html = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    assert "sprawdzenia do pracy z dziećmi" in html
    assert "wygasły lub brak" in html
    assert "nieważne" not in html


def test_the_standards_button_speaks_of_a_woman_as_a_woman(
    coordinator_client, make_volunteer
):
    woman = make_volunteer(first_name="Maria", gender="female")
    man = make_volunteer(first_name="Piotr", last_name="Lis", gender="male")
    unknown = make_volunteer(first_name="Alex", last_name="Kos", gender="")
    pages = {
        v: coordinator_client.get(v.get_absolute_url()).content.decode()
        for v in (woman, man, unknown)
    }
    assert (
        "Wolontariuszka zapoznała się z aktualnymi standardami ochrony małoletnich"
        in pages[woman]
    )
    assert "Wolontariusz zapoznał się" not in pages[woman]
    assert (
        "Wolontariusz zapoznał się z aktualnymi standardami ochrony małoletnich"
        in pages[man]
    )
    assert (
        "Potwierdź zapoznanie się z aktualnymi standardami ochrony małoletnich"
        in pages[unknown]
    )


def test_an_address_is_written_once_on_the_volunteer_page(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer(
        street="ul. Północna 12/14", postal_code="43-502", city="Czechowice-Dziedzice"
    )
    html = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    assert "ul. Północna 12/14, 43-502 Czechowice-Dziedzice" in html
    streetless = make_volunteer(first_name="Ewa", last_name="Sowa")
    html = coordinator_client.get(streetless.get_absolute_url()).content.decode()
    assert "— Czechowice-Dziedzice" not in html


def test_a_volunteers_status_agrees_with_the_form_of_address(
    coordinator_client, make_volunteer
):
    woman = make_volunteer(gender="female", status="active")
    man = make_volunteer(first_name="Jan", gender="male", status="paused")
    unknown = make_volunteer(first_name="Alex", gender="", status="candidate")
    page = coordinator_client.get(woman.get_absolute_url()).content.decode()
    assert '">aktywna</span>' in page
    listed = coordinator_client.get(reverse("registry:volunteer-list")).content.decode()
    assert '">aktywna</span>' in listed
    assert '">zawieszony</span>' in listed
    assert '">kandydat(-ka)</span>' in listed
    assert man.get_status_display() == "zawieszony"
    assert unknown.get_status_display() == "kandydat(-ka)"
    woman.status = "former"
    assert woman.get_status_display() == "była wolontariuszka"
