"""Reasons of a suggestion: kept as codes with parameters and put into words
when shown, in the language of the page, for stored assignments and batch
plans too."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from matching import engine, reasons, selectors, services
from matching.engine import Reason, score_candidate
from matching.models import Assignment, BatchProposal
from tests.matching.test_engine import NORTH_12KM, SHOPPING, make_candidate
from tests.matching.test_engine import make_request as make_input

SKILLS = {1: "język migowy", 2: "pierwsza pomoc", 3: "prawo jazdy", 4: "gotowanie"}
CATEGORIES = {SHOPPING: "zakupy"}


def stored(code, **params) -> dict:
    record = reasons.record(
        Reason(code, 0.0, params), skill_names=SKILLS, category_names=CATEGORIES
    )
    # What the database gives back.
    return json.loads(json.dumps(record))


def say(code, language="pl", **params) -> str:
    with translation.override(language):
        return reasons.text(stored(code, **params))


# --- The stored form -------------------------------------------------------------


def test_a_record_keeps_the_code_and_names_not_ids():
    assert stored("required_skill", skill_ids=[1, 99]) == {
        "code": "required_skill",
        "params": {"skills": ["język migowy", "#99"]},
    }
    assert stored("interest", category_id=SHOPPING) == {
        "code": "interest",
        "params": {"category": "zakupy"},
    }
    record = reasons.record(
        Reason("availability", 20.0, {"slots": [(1, "10:00", "12:00")], "fraction": 1}),
        skill_names={},
        category_names={},
    )
    # Lists, as JSON gives them back, so that a kept record equals the shown one.
    assert record["params"]["slots"] == [[1, "10:00", "12:00"]]


# --- Polish words ----------------------------------------------------------------


def test_skills_in_polish():
    assert say("required_skill", skill_ids=[1]) == (
        "ma wymaganą umiejętność „język migowy”"
    )
    assert say("required_skill", skill_ids=[1, 2]) == (
        "ma wymagane umiejętności „język migowy”, „pierwsza pomoc”"
    )
    assert say("missing_required_skill", skill_ids=[3]) == (
        "nie ma wymaganej umiejętności „prawo jazdy”"
    )
    assert say("missing_required_skill", skill_ids=[3, 4]) == (
        "nie ma wymaganych umiejętności „prawo jazdy”, „gotowanie”"
    )
    assert say("nice_skill", skill_ids=[4]) == "ma przydatną umiejętność „gotowanie”"
    assert say("nice_skill", skill_ids=[99]) == "ma przydatną umiejętność „#99”"


def test_availability_in_polish_weekdays():
    assert say("availability", slots=[(1, "10:00", "12:00")], fraction=1.0) == (
        "wolny(-a) we wtorki 10:00–12:00"
    )
    slots = [(d, "08:00", "09:00") for d in range(7)] + [(1, "16:00", "18:00")]
    assert say("availability", slots=slots, fraction=0.5) == (
        "wolny(-a) w poniedziałki 08:00–09:00, we wtorki 08:00–09:00 i 16:00–18:00,"
        " w środy 08:00–09:00, w czwartki 08:00–09:00, w piątki 08:00–09:00,"
        " w soboty 08:00–09:00, w niedziele 08:00–09:00 (50% godzin zgłoszenia)"
    )
    assert say("no_availability") == "nie jest wolny(-a) w godzinach zgłoszenia"


def test_place_people_and_interest_in_polish():
    assert say("same_district") == "mieszka w tej samej dzielnicy"
    assert say("distance", km=3.2) == "mieszka ok. 3,2 km od miejsca pomocy"
    assert say("distance", km=12.0) == "mieszka ok. 12 km od miejsca pomocy"
    assert say("continuity", party="b") == "już pomagał(a) tej osobie"
    assert say("continuity", party="i") == "już pomagał(a) tej instytucji"
    assert say("interest", category_id=SHOPPING) == (
        "interesuje się kategorią „zakupy”"
    )
    assert say("hours_cap", hours_left=1.5, weekly_hours=4) == (
        "ma wolne tylko 1,5 h tygodniowo (potrzeba 4 h)"
    )


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "ma 1 inne aktywne skierowanie"),
        (2, "ma 2 inne aktywne skierowania"),
        (4, "ma 4 inne aktywne skierowania"),
        (5, "ma 5 innych aktywnych skierowań"),
        (12, "ma 12 innych aktywnych skierowań"),
        (14, "ma 14 innych aktywnych skierowań"),
        (22, "ma 22 inne aktywne skierowania"),
        (25, "ma 25 innych aktywnych skierowań"),
        (101, "ma 101 innych aktywnych skierowań"),
    ],
)
def test_load_with_polish_plurals(count, words):
    assert say("load", count=count) == words


# --- English words ---------------------------------------------------------------


def test_the_same_records_in_english():
    assert say("required_skill", "en", skill_ids=[1, 2]) == (
        "has the required skills “język migowy”, “pierwsza pomoc”"
    )
    assert say("missing_required_skill", "en", skill_ids=[3]) == (
        "lacks the required skill “prawo jazdy”"
    )
    slots = [(1, "08:00", "09:00"), (1, "16:00", "18:00"), (3, "10:00", "11:00")]
    assert say("availability", "en", slots=slots, fraction=0.25) == (
        "free on Tuesdays 08:00–09:00 and 16:00–18:00, on Thursdays 10:00–11:00"
        " (25% of the request's hours)"
    )
    assert say("distance", "en", km=3.2) == "lives about 3.2 km from the place of help"
    assert say("load", "en", count=1) == "has 1 other active assignment"
    assert say("load", "en", count=3) == "has 3 other active assignments"
    assert say("hours_cap", "en", hours_left=1.5, weekly_hours=4) == (
        "has only 1.5 h a week free (needs 4 h)"
    )


def test_every_reason_code_has_words_in_both_languages():
    request = make_input(required_skills=frozenset({1, 2}), nice_skills=frozenset({4}))
    candidate = make_candidate(
        skills=frozenset({1, 2, 4}),
        location=NORTH_12KM,
        interests=frozenset({SHOPPING}),
        helped_parties=frozenset({"b:5"}),
        active_assignments=2,
        hours_committed=9,
    )
    suggestion = score_candidate(request, candidate)
    other = score_candidate(
        request, make_candidate(district_id=10, availability=frozenset())
    )
    found = suggestion.reasons + other.reasons
    assert {r.code for r in found} == set(engine.REASON_CODES)
    for r in found:
        record = reasons.record(r, skill_names=SKILLS, category_names=CATEGORIES)
        with translation.override("pl"):
            polish = reasons.text(record)
        with translation.override("en"):
            english = reasons.text(record)
        assert polish and english and polish != english
    with pytest.raises(ValueError):
        reasons.text({"code": "nonsense", "params": {}})


def test_a_sentence_kept_as_written_is_shown_as_written():
    kept = {"code": reasons.TEXT, "params": {"text": "poleciła go sąsiadka"}}
    with translation.override("en"):
        assert reasons.text(kept) == "poleciła go sąsiadka"


# --- Pages: the language of the reader -------------------------------------------


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_a_stored_assignment_shows_its_reasons_in_the_readers_language(
    make_request, active_volunteer, coordinator, coordinator_client
):
    request = make_request()
    volunteer = active_volunteer()
    scored = selectors.score_for(request, volunteer)
    services.assignment_propose(
        actor=coordinator,
        request=request,
        volunteer=volunteer,
        score=scored.score,
        reasons=scored.reasons,
    )
    kept = Assignment.objects.get().reasons
    assert {r["code"] for r in kept} >= {"availability", "same_district"}
    polish = coordinator_client.get(request.get_absolute_url()).content.decode()
    assert "mieszka w tej samej dzielnicy" in polish
    assert "lives in the same district" not in polish
    page = in_english(coordinator_client).get(request.get_absolute_url())
    english = page.content.decode()
    assert "lives in the same district" in english
    assert "free on Tuesdays" in english
    assert "mieszka w tej samej dzielnicy" not in english


@pytest.mark.django_db
def test_a_batch_plan_shows_its_reasons_in_the_readers_language(
    coordinator, coordinator_client, make_request, active_volunteer
):
    request = make_request(title="Zakupy")
    volunteer = active_volunteer()
    proposal = BatchProposal.objects.create(
        requested_by=coordinator,
        status=BatchProposal.Status.DONE,
        result={
            "pairs": [
                {
                    "request": request.pk,
                    "volunteer": volunteer.pk,
                    "score": 28.0,
                    "reasons": [
                        {"code": "same_district", "params": {}},
                        {"code": "load", "params": {"count": 2}},
                    ],
                }
            ],
            "open_requests": 1,
            "optimised": {"filled": 1, "total_score": 28.0, "optimal": True},
            "greedy": {"filled": 1, "total_score": 28.0, "optimal": False},
            "timings": {},
        },
    )
    polish = coordinator_client.get(proposal.get_absolute_url()).content.decode()
    assert "ma 2 inne aktywne skierowania" in polish
    page = in_english(coordinator_client).get(proposal.get_absolute_url())
    assert "has 2 other active assignments" in page.content.decode()
    # Applying the plan keeps the codes, not words of either language.
    in_english(coordinator_client).post(
        proposal.get_absolute_url(), {"pair": [f"{request.pk}:{volunteer.pk}"]}
    )
    assert Assignment.objects.get().reasons == [
        {"code": "same_district", "params": {}},
        {"code": "load", "params": {"count": 2}},
    ]


@pytest.mark.django_db
def test_the_admin_shows_the_reasons_in_words_and_never_edits_them(
    make_request, active_volunteer, coordinator, admin_client
):
    request, volunteer = make_request(), active_volunteer()
    assignment = services.assignment_propose(
        actor=coordinator,
        request=request,
        volunteer=volunteer,
        reasons=selectors.score_for(request, volunteer).reasons,
    )
    change = reverse("admin:matching_assignment_change", args=[assignment.pk])
    page = admin_client.get(change)
    html = page.content.decode()
    assert "mieszka w tej samej dzielnicy" in html
    assert "same_district" not in html
    assert "reasons" not in page.context["adminform"].form.fields
    english = in_english(admin_client).get(change).content.decode()
    assert "lives in the same district" in english
