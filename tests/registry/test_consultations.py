"""The advice and support register: its rules, the public booking of office
hours (never twice the same slot), the staff screens and their query counts."""

import datetime as dt
import re
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from registry.advice import selectors, services
from registry.models import Consultation, ConsultationTopic, OfficeHours

WARSAW = ZoneInfo("Europe/Warsaw")
# A Monday morning; the next office hours are Tuesday 10:00 and Thursday 15:00.
NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=WARSAW)
TUESDAY_10 = dt.datetime(2026, 12, 8, 10, 0, tzinfo=WARSAW)
THURSDAY_15 = dt.datetime(2026, 12, 10, 15, 0, tzinfo=WARSAW)
SLOT_TAKEN = "Ten termin został już zarezerwowany"


@pytest.fixture(autouse=True)
def frozen(db):
    """Every test runs on the Monday morning of NOW (sessions included)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def topic(db):
    return ConsultationTopic.objects.get(name="Jak zostać wolontariuszem")


def book(topic, starts_at=TUESDAY_10, **overrides):
    values = {
        "starts_at": starts_at,
        "name": "Maria Mieszkańska",
        "phone": "600 100 200",
        "topic": topic,
        **overrides,
    }
    return services.consultation_book(**values)


# --- Rules of the record ------------------------------------------------------


@pytest.mark.parametrize(
    "people",
    [
        {},
        {"walk_in_name": "Ala Kot", "volunteer": True},
        {"beneficiary": True, "institution": True},
    ],
)
def test_exactly_one_person_advised_is_required(
    make_consultation, make_volunteer, make_beneficiary, make_institution, people
):
    makers = {
        "volunteer": make_volunteer,
        "beneficiary": make_beneficiary,
        "institution": make_institution,
    }
    fields = {
        name: makers[name]() if value is True else value
        for name, value in people.items()
    }
    with pytest.raises(ValidationError, match="dokładnie jedną osobę"):
        make_consultation(**{"walk_in_name": "", **fields})
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("kind", ["volunteer", "beneficiary", "institution"])
def test_a_person_from_the_register_can_be_advised(
    make_consultation, make_volunteer, make_beneficiary, make_institution, kind
):
    person = {
        "volunteer": make_volunteer,
        "beneficiary": make_beneficiary,
        "institution": make_institution,
    }[kind]()
    consultation = make_consultation(walk_in_name="", **{kind: person})
    assert consultation.person == person
    assert consultation.person_name == str(person)


def test_the_database_itself_refuses_two_people(make_volunteer, topic):
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(
            starts_at=NOW,
            topic=topic,
            volunteer=make_volunteer(),
            walk_in_name="Ala Kot",
        )


def test_follow_up_needs_a_due_date(make_consultation):
    with pytest.raises(ValidationError) as error:
        make_consultation(follow_up=True)
    assert "follow_up_due" in error.value.message_dict
    consultation = make_consultation(follow_up=True, follow_up_due=dt.date(2026, 2, 1))
    assert consultation.follow_up_due == dt.date(2026, 2, 1)


def test_the_database_refuses_a_follow_up_without_a_date(topic):
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(
            starts_at=NOW, topic=topic, walk_in_name="Ala Kot", follow_up=True
        )


def test_the_database_refuses_two_in_person_visits_at_one_time(topic):
    Consultation.objects.create(starts_at=TUESDAY_10, topic=topic, walk_in_name="A")
    # A cancelled visit and a phone call do not take the desk.
    Consultation.objects.create(
        starts_at=TUESDAY_10, topic=topic, walk_in_name="B", status="cancelled"
    )
    Consultation.objects.create(
        starts_at=TUESDAY_10, topic=topic, walk_in_name="C", form="phone"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(
            starts_at=TUESDAY_10, topic=topic, walk_in_name="D", status="planned"
        )


def test_staff_cannot_record_a_second_visit_at_a_booked_time(make_consultation, topic):
    book(topic)
    with pytest.raises(ValidationError, match=SLOT_TAKEN):
        make_consultation(starts_at=TUESDAY_10, form="in_person", status="planned")


def test_a_walk_in_contact_needs_a_name(make_consultation, make_volunteer):
    with pytest.raises(ValidationError) as error:
        make_consultation(
            walk_in_name="", volunteer=make_volunteer(), walk_in_phone="600100200"
        )
    assert "walk_in_name" in error.value.message_dict


def test_the_administrator_configures_office_hours_and_topics(administrator):
    assert administrator.has_perm("registry.change_officehours")
    assert administrator.has_perm("registry.add_consultationtopic")
    assert not administrator.has_perm("registry.view_consultation")


def test_walk_in_phone_is_stored_as_plus_48(make_consultation):
    consultation = make_consultation(walk_in_phone="601 234 567")
    assert consultation.walk_in_phone == "+48601234567"
    assert consultation.walk_in_phone_display == "+48 601 234 567"


def test_a_held_consultation_names_its_advisor_and_author(
    make_consultation, coordinator
):
    consultation = make_consultation()
    assert consultation.advisor == coordinator
    assert consultation.history.latest().history_user == coordinator


# --- Office hours and free slots ----------------------------------------------


def test_office_hours_are_preloaded_as_the_centre_keeps_them(db):
    hours = [
        (h.weekday, f"{h.start:%H:%M}", f"{h.end:%H:%M}", h.slot_minutes)
        for h in OfficeHours.objects.active()
    ]
    assert hours == [(1, "10:00", "11:00", 20), (3, "15:00", "17:00", 20)]


def test_office_hours_on_one_day_cannot_overlap(db):
    overlapping = OfficeHours(weekday=1, start=dt.time(10, 30), end=dt.time(12))
    with pytest.raises(ValidationError, match="nakładają się"):
        overlapping.full_clean()
    later = OfficeHours(weekday=1, start=dt.time(11), end=dt.time(12))
    later.full_clean()
    with pytest.raises(ValidationError, match="później"):
        OfficeHours(weekday=2, start=dt.time(12), end=dt.time(11)).full_clean()


def test_free_slots_cover_four_weeks_of_office_hours():
    slots = selectors.free_slots()
    # 4 Tuesdays × 3 slots of 20 minutes, 4 Thursdays × 6 slots, but for
    # Thursday 24.12.2026 (Wigilia, a public holiday).
    assert len(slots) == 4 * 3 + 3 * 6
    assert slots[0].starts_at == TUESDAY_10
    assert slots[0].ends_at == TUESDAY_10 + dt.timedelta(minutes=20)
    assert slots[3].starts_at == THURSDAY_15
    assert slots[-1].starts_at == dt.datetime(2026, 12, 31, 16, 40, tzinfo=WARSAW)


def test_booked_and_past_slots_are_not_free(topic):
    with time_machine.travel(NOW, tick=False):
        book(topic, TUESDAY_10 + dt.timedelta(minutes=40))
    with time_machine.travel(TUESDAY_10 + dt.timedelta(minutes=5), tick=False):
        starts = [s.starts_at for s in selectors.free_slots(days=1)]
    # 10:00 has begun, 10:40 is booked; only 10:20 is left today.
    assert starts == [TUESDAY_10 + dt.timedelta(minutes=20)]


def test_a_visit_off_the_grid_blocks_every_slot_it_overlaps(make_consultation, topic):
    make_consultation(
        starts_at=TUESDAY_10 + dt.timedelta(minutes=10),
        form="in_person",
        status="planned",
    )
    starts = {s.starts_at for s in selectors.free_slots(days=2)}
    assert starts == {TUESDAY_10 + dt.timedelta(minutes=40)}
    with pytest.raises(services.RegistryError, match=SLOT_TAKEN):
        book(topic, TUESDAY_10 + dt.timedelta(minutes=20))


def test_edited_office_hours_change_the_slots_and_the_home_page(client):
    OfficeHours.objects.filter(weekday=3).update(is_active=False)
    OfficeHours.objects.create(
        weekday=4, start=dt.time(9), end=dt.time(10), slot_minutes=30
    )
    slots = selectors.free_slots(days=7)
    assert [s.starts_at.astimezone(WARSAW).strftime("%a %H:%M") for s in slots] == [
        "Tue 10:00",
        "Tue 10:20",
        "Tue 10:40",
        "Fri 09:00",
        "Fri 09:30",
    ]
    html = client.get(reverse("home")).content.decode()
    assert "piątek: 09:00–10:00" in html
    assert "15:00–17:00" not in html
    assert reverse("registry:consultation-book") in html


# --- Booking ------------------------------------------------------------------


def test_a_booking_is_a_planned_in_person_visit_with_consent(topic):
    consultation = book(topic, email="maria@example.pl")
    assert consultation.status == Consultation.Status.PLANNED
    assert consultation.form == Consultation.Form.IN_PERSON
    assert consultation.walk_in_name == "Maria Mieszkańska"
    assert consultation.walk_in_phone == "+48600100200"
    assert consultation.booked_online
    assert consultation.advisor is None
    assert consultation.consent_clause_version == "2026-02"
    assert consultation.consent_given_at == NOW
    assert consultation.duration_minutes == 20


def test_the_same_slot_cannot_be_booked_twice(topic):
    book(topic)
    with pytest.raises(services.RegistryError, match=SLOT_TAKEN):
        book(topic, name="Druga Osoba")
    assert Consultation.objects.count() == 1


def test_a_cancelled_visit_frees_its_slot(topic, coordinator):
    first = book(topic)
    services.consultation_cancel(actor=coordinator, consultation=first)
    second = book(topic, name="Druga Osoba")
    assert second.starts_at == TUESDAY_10
    assert Consultation.objects.get(pk=first.pk).status == "cancelled"


@pytest.mark.parametrize(
    "starts_at",
    [
        TUESDAY_10 + dt.timedelta(minutes=5),  # not the start of a slot
        TUESDAY_10 + dt.timedelta(hours=1),  # after office hours
        TUESDAY_10 + dt.timedelta(days=1),  # a Wednesday
        TUESDAY_10 - dt.timedelta(days=7),  # in the past
        TUESDAY_10 + dt.timedelta(days=35),  # beyond four weeks
    ],
)
def test_only_a_future_office_hours_slot_can_be_booked(topic, starts_at):
    with pytest.raises(services.RegistryError, match="nie jest dostępny"):
        book(topic, starts_at)
    assert not Consultation.objects.exists()


def test_office_hours_out_of_use_cannot_be_booked(topic):
    OfficeHours.objects.update(is_active=False)
    with pytest.raises(services.RegistryError):
        book(topic)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_residents_booking_one_slot_at_once_get_it_once():
    # Another transactional test may have emptied the tables before this one.
    OfficeHours.objects.get_or_create(
        weekday=1, start=dt.time(10), defaults={"end": dt.time(11)}
    )
    topic, _ = ConsultationTopic.objects.get_or_create(name="Inne")
    barrier = threading.Barrier(2)
    results = []

    def attempt(name):
        try:
            barrier.wait(timeout=10)
            book(topic, name=name)
            results.append("booked")
        except services.RegistryError as error:
            results.append(str(error.message))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(name,))
        for name in ("Pierwsza Osoba", "Druga Osoba")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(results) == 2 and results.count("booked") == 1
    assert SLOT_TAKEN in next(r for r in results if r != "booked")
    assert Consultation.objects.filter(starts_at=TUESDAY_10).count() == 1


# --- Status changes -----------------------------------------------------------


def test_a_planned_visit_is_held_by_whoever_marks_it(topic, coordinator):
    consultation = services.consultation_mark_held(
        actor=coordinator, consultation=book(topic)
    )
    assert consultation.status == "held"
    assert consultation.advisor == coordinator


@pytest.mark.parametrize(
    "service",
    [
        services.consultation_mark_held,
        services.consultation_cancel,
        services.consultation_mark_no_show,
    ],
)
def test_only_a_planned_visit_changes_status(make_consultation, coordinator, service):
    held = make_consultation()
    with pytest.raises(services.RegistryError, match="nie może"):
        service(actor=coordinator, consultation=held)
    held.refresh_from_db()
    assert held.status == "held"


# --- The public booking page --------------------------------------------------


def booking_data(**overrides) -> dict:
    return {
        "slot": "2026-12-08T10:00",
        "name": "Maria Mieszkańska",
        "phone": "600 100 200",
        "email": "",
        "topic": str(ConsultationTopic.objects.get(name="Inne").pk),
        "consent": "on",
        "website": "",
        **overrides,
    }


def test_a_resident_books_a_visit_and_staff_see_it_planned(client, coordinator_client):
    page = client.get(reverse("registry:consultation-book"))
    html = page.content.decode()
    assert 'value="2026-12-08T10:00"' in html
    assert "nie możemy umówić wizyty" in html  # the clause for this purpose
    assert "Wersja informacji: 2026-02" in html

    response = client.post(reverse("registry:consultation-book"), booking_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("registry:consultation-book-thanks")
    thanks = client.get(response["Location"]).content.decode()
    assert "8 grudnia 2026" in thanks and "10:00" in thanks
    listing = coordinator_client.get(
        reverse("registry:consultation-list"), {"status": "planned"}
    )
    [consultation] = listing.context["object_list"]
    assert consultation.walk_in_name == "Maria Mieszkańska"
    assert "zaplanowana" in listing.content.decode()
    # The booked slot is no longer offered.
    again = client.get(reverse("registry:consultation-book")).content.decode()
    assert 'value="2026-12-08T10:00"' not in again


def test_the_honeypot_stores_nothing(client):
    response = client.post(
        reverse("registry:consultation-book"),
        booking_data(website="http://spam.example"),
    )
    assert response.status_code == 302
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phone": "", "email": ""}, "numer telefonu lub adres e-mail"),
        ({"consent": ""}, "To pole jest wymagane"),
        ({"slot": "2026-12-08T10:05"}, "Ten termin nie jest już wolny"),
    ],
)
def test_booking_form_explains_what_is_missing(client, overrides, message):
    response = client.post(
        reverse("registry:consultation-book"), booking_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_slot_taken_meanwhile_is_explained_and_input_kept(client, topic):
    page = client.get(reverse("registry:consultation-book"))
    assert 'value="2026-12-08T10:00"' in page.content.decode()
    book(topic, name="Szybsza Osoba")

    response = client.post(reverse("registry:consultation-book"), booking_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ten termin nie jest już wolny" in html
    assert 'value="Maria Mieszkańska"' in html
    assert Consultation.objects.count() == 1


def test_the_honeypot_is_hidden_from_people(client):
    html = client.get(reverse("registry:consultation-book")).content.decode()
    hidden = re.search(r'class="honeypot"\s+aria-hidden="true">(.*?)</div>', html, re.S)
    assert hidden and 'name="website"' in hidden.group(1)


def test_bookings_from_one_address_are_limited_per_hour(client, settings):
    settings.RATE_LIMIT_PER_ADDRESS_PER_HOUR = 2
    url = reverse("registry:consultation-book")
    first = client.post(url, booking_data())
    second = client.post(url, booking_data(slot="2026-12-08T10:20"))
    third = client.post(url, booking_data(slot="2026-12-08T10:40"))
    assert (first.status_code, second.status_code, third.status_code) == (
        302,
        302,
        429,
    )
    assert "Zbyt wiele" in third.content.decode()
    assert Consultation.objects.count() == 2


def test_booking_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("registry:consultation-book"), booking_data())
    assert response.status_code == 403
    assert not Consultation.objects.exists()


def test_when_every_slot_is_taken_the_page_says_so(client):
    OfficeHours.objects.update(is_active=False)
    html = client.get(reverse("registry:consultation-book")).content.decode()
    assert "zajęte" in html
    assert 'name="slot"' not in html


# --- Staff screens ------------------------------------------------------------


def test_coordinator_records_a_consultation_with_a_volunteer(
    coordinator_client, coordinator, make_volunteer, topic
):
    volunteer = make_volunteer()
    response = coordinator_client.post(
        reverse("registry:consultation-create"),
        {
            "status": "held",
            "starts_at": "2026-11-20T12:30",
            "duration_minutes": "45",
            "form": "phone",
            "topic": topic.pk,
            "volunteer": volunteer.pk,
            "advisor": coordinator.pk,
            "notes": "Rozmowa o porozumieniu",
            "follow_up": "on",
            "follow_up_due": "2026-12-01",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    assert consultation.volunteer == volunteer
    assert consultation.starts_at == dt.datetime(2026, 11, 20, 12, 30, tzinfo=WARSAW)
    assert consultation.follow_up_due == dt.date(2026, 12, 1)


def test_the_form_refuses_a_consultation_with_nobody(coordinator_client, topic):
    response = coordinator_client.post(
        reverse("registry:consultation-create"),
        {
            "status": "held",
            "starts_at": "2026-11-20T12:30",
            "duration_minutes": "20",
            "form": "in_person",
            "topic": topic.pk,
        },
    )
    assert response.status_code == 200
    assert "dokładnie jedną osobę" in response.content.decode()
    assert not Consultation.objects.exists()


def test_editing_keeps_the_status_and_records_the_change(
    coordinator_client, make_consultation, topic
):
    consultation = make_consultation()
    response = coordinator_client.post(
        reverse("registry:consultation-update", args=[consultation.pk]),
        {
            "status": "planned",  # not a field of the edit form: ignored
            "starts_at": "2026-01-05T09:00",
            "duration_minutes": "30",
            "form": "phone",
            "topic": topic.pk,
            "walk_in_name": "Jan Przechodni",
            "notes": "Dopisana notatka",
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == "held"
    assert consultation.notes == "Dopisana notatka"
    assert consultation.history.count() == 2


def test_status_change_by_post(coordinator_client, topic):
    consultation = book(topic)
    url = reverse("registry:consultation-status", args=[consultation.pk])

    assert coordinator_client.get(url).status_code == 405
    coordinator_client.post(url, {"action": "no_show"})

    consultation.refresh_from_db()
    assert consultation.status == "no_show"


def test_refused_status_change_gives_a_message(coordinator_client, make_consultation):
    consultation = make_consultation()
    response = coordinator_client.post(
        reverse("registry:consultation-status", args=[consultation.pk]),
        {"action": "cancel"},
        follow=True,
    )
    assert "nie może" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"date_from": "2026-01-05", "date_to": "2026-01-05"}, {"Styczniowa"}),
        ({"topic": "topic"}, {"Tematyczna"}),
        ({"form": "email"}, {"Mailowa"}),
        ({"status": "no_show"}, {"Nieobecna"}),
        ({"follow_up": "due"}, {"Zaległa"}),
        ({"follow_up": "open"}, {"Zaległa", "Przyszła"}),
        ({"person": "mailow"}, {"Mailowa"}),
    ],
)
def test_each_consultation_filter_narrows_the_list(
    coordinator_client, coordinator, make_consultation, topic, params, found
):
    day = dt.datetime(2026, 3, 2, 9, tzinfo=WARSAW)
    make_consultation(walk_in_name="Styczniowa")
    make_consultation(walk_in_name="Tematyczna", starts_at=day, topic=topic)
    make_consultation(walk_in_name="Mailowa", starts_at=day, form="email")
    nobody = make_consultation(
        walk_in_name="Nieobecna", starts_at=day, status="planned", form="in_person"
    )
    services.consultation_mark_no_show(actor=coordinator, consultation=nobody)
    make_consultation(
        walk_in_name="Zaległa",
        starts_at=day,
        follow_up=True,
        follow_up_due=dt.date(2026, 3, 9),
    )
    make_consultation(
        walk_in_name="Przyszła",
        starts_at=day,
        follow_up=True,
        follow_up_due=dt.date(2099, 1, 1),
    )
    query = {k: topic.pk if v == "topic" else v for k, v in params.items()}

    response = coordinator_client.get(reverse("registry:consultation-list"), query)

    assert {c.walk_in_name for c in response.context["object_list"]} == found


def test_detail_shows_the_booking_and_logs_the_view(coordinator_client, topic):
    from volunteer_center.core.models import AccessLog

    consultation = book(topic)
    html = coordinator_client.get(consultation.get_absolute_url()).content.decode()
    assert "Maria Mieszkańska" in html
    assert "+48 600 100 200" in html
    assert "2026-02" in html  # the version of the information read
    assert AccessLog.objects.filter(
        action=AccessLog.Action.VIEW, object_id=str(consultation.pk)
    ).exists()


# --- Query counts -------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 9])
def test_consultation_list_queries_do_not_grow_with_rows(
    coordinator_client,
    make_consultation,
    make_volunteer,
    make_beneficiary,
    make_institution,
    django_assert_num_queries,
    rows,
):
    for i in range(rows):
        kind = i % 4
        if kind == 0:
            person = {"volunteer": make_volunteer(email=f"w{i}@example.pl")}
        elif kind == 1:
            person = {"beneficiary": make_beneficiary()}
        elif kind == 2:
            person = {"institution": make_institution(name=f"Instytucja {i}")}
        else:
            person = {"walk_in_name": "Jan Przechodni"}
        make_consultation(
            follow_up=True,
            follow_up_due=dt.date(2026, 2, 1),
            **{"walk_in_name": "", **person},
        )
    # First visit: session, user, the user's permissions (one query), where
    # the tables stand, the topic filter's choices,
    # count, the page of consultations with their topic, person and advisor;
    # the next keeps the choices and the count.
    url = reverse("registry:consultation-list")
    with django_assert_num_queries(LIST_QUERIES + 2):
        response = coordinator_client.get(url)
    assert len(response.context["object_list"]) == rows
    with django_assert_num_queries(LIST_QUERIES):
        response = coordinator_client.get(url)
    assert len(response.context["object_list"]) == rows


LIST_QUERIES = 5


@pytest.mark.parametrize("edits", [1, 6])
def test_consultation_detail_queries_do_not_grow_with_history(
    coordinator_client,
    coordinator,
    make_consultation,
    django_assert_num_queries,
    edits,
):
    topics = list(ConsultationTopic.objects.all())
    consultation = make_consultation()
    for i in range(edits):
        services.consultation_update(
            actor=coordinator,
            consultation=consultation,
            fields={"notes": f"uwaga {i}", "topic": topics[(i + 1) % len(topics)]},
        )
    # session, user, the user's permissions (one query), the consultation
    # with its topic, person and advisor, the access-log insert, history with
    # its users, the topics named in the history
    url = consultation.get_absolute_url()
    coordinator_client.get(url)  # warm the content-type cache
    with django_assert_num_queries(DETAIL_QUERIES):
        coordinator_client.get(url)


DETAIL_QUERIES = 7


def test_person_filter_finds_a_volunteer_without_diacritics(
    coordinator_client, make_consultation, make_volunteer
):
    volunteer = make_volunteer(first_name="Żaneta", last_name="Żółć")
    make_consultation(walk_in_name="", volunteer=volunteer)
    make_consultation(walk_in_name="Ktoś Inny")
    response = coordinator_client.get(
        reverse("registry:consultation-list"), {"person": "zaneta zolc"}
    )
    assert [c.volunteer for c in response.context["object_list"]] == [volunteer]


def test_staff_cannot_plan_a_visit_over_a_booked_slot(topic, coordinator):
    with time_machine.travel(NOW, tick=False):
        book(topic)
    fields = {
        "starts_at": TUESDAY_10 + dt.timedelta(minutes=10),
        "walk_in_name": "Jan Nowy",
        "topic": topic,
        "form": "in_person",
        "status": "planned",
    }
    with pytest.raises(services.RegistryError, match=SLOT_TAKEN):
        services.consultation_create(actor=coordinator, fields=fields)
    # A phone call at the same time takes no desk.
    assert services.consultation_create(
        actor=coordinator, fields={**fields, "form": "phone", "status": "held"}
    )
