"""The batch proposal pages: a background task prepares the plan, staff
compare it with greedy and accept it in part."""

import datetime as dt

import pytest
from django.db import OperationalError
from django.urls import reverse

from matching.models import Assignment, BatchProposal

pytestmark = pytest.mark.django_db

URL = "/propozycja-zbiorcza/"


def prepare(client, capture):
    with capture(execute=True):
        response = client.post(URL)
    proposal = BatchProposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    return proposal


def test_url():
    assert reverse("matching:batch") == URL


def test_plan_is_prepared_in_the_background_and_applied_in_part(
    make_request,
    active_volunteer,
    coordinator,
    coordinator_client,
    django_capture_on_commit_callbacks,
):
    first = make_request(title="Zakupy")
    second = make_request(title="Spacer", slots=[(1, dt.time(13), dt.time(15))])
    active_volunteer(first_name="Ala", availability={(1, "morning")})
    active_volunteer(first_name="Ola", availability={(1, "afternoon")})
    proposal = prepare(coordinator_client, django_capture_on_commit_callbacks)
    proposal.refresh_from_db()
    assert proposal.status == BatchProposal.Status.DONE
    assert proposal.requested_by == coordinator
    assert proposal.result["optimised"]["filled"] == 2
    assert proposal.result["optimised"]["filled"] >= proposal.result["greedy"]["filled"]
    page = coordinator_client.get(proposal.get_absolute_url())
    values = [row["value"] for row in page.context["rows"]]
    assert len(values) == 2
    html = page.content.decode()
    assert "Zakupy" in html and "Spacer" in html and "wolny(-a) we wtorki" in html
    chosen = next(v for v in values if v.startswith(f"{first.pk}:"))
    response = coordinator_client.post(
        proposal.get_absolute_url(), {"pair": [chosen]}, follow=True
    )
    (assignment,) = Assignment.objects.all()
    assert assignment.request == first
    assert assignment.status == Assignment.Status.PROPOSED
    assert assignment.reasons  # kept as for a single proposal
    assert "Zaproponowano skierowań: 1." in response.content.decode()
    assert not second.assignments.exists()


def test_while_the_task_runs_the_page_waits_and_reports_its_status(
    coordinator, coordinator_client
):
    proposal = BatchProposal.objects.create(requested_by=coordinator)
    page = coordinator_client.get(proposal.get_absolute_url())
    assert 'role="status"' in page.content.decode()
    assert "reload_when_ready.js" in page.content.decode()
    status = coordinator_client.get(proposal.get_absolute_url(), {"format": "json"})
    assert status.json() == {"status": "pending", "finished": False}


def test_a_pair_refused_since_the_plan_was_made_is_reported(
    make_request, active_volunteer, coordinator, coordinator_client
):
    request = make_request(title="Zakupy")
    volunteer = active_volunteer(first_name="Ala")
    proposal = BatchProposal.objects.create(
        requested_by=coordinator, status=BatchProposal.Status.DONE
    )
    pair = f"{request.pk}:{volunteer.pk}"
    url = proposal.get_absolute_url()
    coordinator_client.post(url, {"pair": [pair]})
    response = coordinator_client.post(
        url, {"pair": [pair, "999999:1", "garbage"]}, follow=True
    )
    html = response.content.decode()
    assert "już skierowany" in html
    assert Assignment.objects.count() == 1


@pytest.mark.parametrize("pairs", [1, 3])
def test_proposal_page_queries_do_not_grow(
    pairs,
    make_request,
    active_volunteer,
    coordinator_client,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    for i in range(pairs):
        make_request(title=f"Z{i}", slots=[(1, dt.time(8 + i), dt.time(9 + i))])
        active_volunteer(first_name=f"W{i}", availability={(1, "morning")})
    proposal = prepare(coordinator_client, django_capture_on_commit_callbacks)
    assert len(BatchProposal.objects.get().result["pairs"]) == pairs
    # session, user, permissions (one query), the proposal, its requests
    # (with whom they are for), their slots, its volunteers
    with django_assert_num_queries(7):
        coordinator_client.get(proposal.get_absolute_url())


def test_a_failing_batch_proposal_is_marked_failed(
    coordinator, coordinator_client, monkeypatch
):
    from matching import batch, tasks

    def broken(**kwargs):
        raise RuntimeError("solver unavailable")

    monkeypatch.setattr(batch, "batch_plan", broken)
    proposal = BatchProposal.objects.create(requested_by=coordinator)
    with pytest.raises(RuntimeError):
        tasks.compute_batch_proposal.call(proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == BatchProposal.Status.FAILED
    # The page speaks Polish; the exception's own text stays in the log.
    page = coordinator_client.get(proposal.get_absolute_url()).content.decode()
    assert "błąd zapisano w dzienniku" in page
    assert "solver unavailable" not in proposal.error + page


def test_a_pair_the_database_could_not_take_is_reported_and_rolled_back(
    make_request, active_volunteer, coordinator, coordinator_client, monkeypatch
):
    """SQLite's "database is locked" (or a PostgreSQL deadlock) on one pair
    gave a server error with some pairs saved: now that pair is rolled back
    whole, reported, and the others are proposed."""
    from matching import batch

    first = make_request(title="Zakupy")
    second = make_request(title="Spacer", slots=[(1, dt.time(13), dt.time(15))])
    ala = active_volunteer(first_name="Ala", availability={(1, "morning")})
    ola = active_volunteer(first_name="Ola", availability={(1, "afternoon")})
    real_propose = batch.assignment_propose

    def locked_for_ola(**kwargs):
        assignment = real_propose(**kwargs)
        if kwargs["volunteer"].pk == ola.pk:
            raise OperationalError("database is locked")
        return assignment

    monkeypatch.setattr(batch, "assignment_propose", locked_for_ola)
    proposal = BatchProposal.objects.create(
        requested_by=coordinator, status=BatchProposal.Status.DONE
    )
    response = coordinator_client.post(
        proposal.get_absolute_url(),
        {"pair": [f"{first.pk}:{ala.pk}", f"{second.pk}:{ola.pk}"]},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Baza danych była zajęta" in html
    assert "Zaproponowano skierowań: 1." in html
    assert list(Assignment.objects.values_list("volunteer", flat=True)) == [ala.pk]


def test_rows_of_requests_with_one_title_are_told_apart(
    make_request,
    make_beneficiary,
    social_worker,
    active_volunteer,
    coordinator_client,
    django_capture_on_commit_callbacks,
):
    """Many requests are "Zakupy dla seniora": each row says when and for whom."""
    other = make_beneficiary(
        first_name="Helena", last_name="Kubica", social_worker=social_worker
    )
    make_request(title="Zakupy dla seniora")
    make_request(
        title="Zakupy dla seniora",
        beneficiary=other,
        date_from=dt.date(2027, 3, 9),
        date_to=dt.date(2027, 3, 9),
        slots=[(1, dt.time(13), dt.time(15))],
    )
    active_volunteer(first_name="Ala", availability={(1, "morning")})
    active_volunteer(first_name="Ola", availability={(1, "afternoon")})
    proposal = prepare(coordinator_client, django_capture_on_commit_callbacks)
    page = coordinator_client.get(proposal.get_absolute_url())
    rows = page.content.decode().split('name="pair"')[1:]
    assert len(rows) == 2
    texts = sorted(" ".join(row.split()) for row in rows)
    assert "wtorek 02.03.2027, 09:00–11:00 · Jan Kowalski" in texts[0]
    assert "wtorek 09.03.2027, 13:00–15:00 · Helena Kubica" in texts[1]
