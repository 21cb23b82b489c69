"""A request's change history says in words what changed in its time slots
and skills, which are saved after the request; a save that changed nothing
leaves no empty entry."""

import datetime as dt

import pytest
from django.urls import reverse

from matching import services
from tests.volunteer_center.test_no_path_around_services import form_data
from volunteer_center.core.history import change_history

pytestmark = pytest.mark.django_db


def test_changing_only_the_slots_or_skills_says_which(
    make_request, coordinator, skills
):
    request = make_request(
        kind="weekly", slots=[(1, dt.time(9), dt.time(11))], needed=1
    )
    services.help_request_update(
        actor=coordinator,
        request=request,
        fields={},
        slots=[(1, dt.time(9), dt.time(11)), (3, dt.time(13), dt.time(15))],
        required_skills=[skills["Pierwsza pomoc"]],
    )
    (latest, *_older) = change_history(request)
    assert latest.changes == ()
    assert latest.note == (
        "terminy: wtorek 09:00–11:00 → wtorek 09:00–11:00, czwartek 13:00–15:00 "
        "(dodano: czwartek 13:00–15:00); wymagane umiejętności: — → Pierwsza pomoc"
    )


def test_saving_the_request_form_unchanged_leaves_no_entry(
    make_request, coordinator_client
):
    request = make_request()
    url = reverse("matching:request-update", args=[request.pk])
    data = form_data(coordinator_client.get(url).context["form"])
    before = request.history.count()
    assert coordinator_client.post(url, data).status_code == 302
    assert request.history.count() == before

    data["title"] = "Zakupy i apteka"
    assert coordinator_client.post(url, data).status_code == 302
    (latest, *_older) = change_history(request)
    assert [(c.old, c.new) for c in latest.changes] == [
        ("Zakupy dla seniora", "Zakupy i apteka")
    ]
