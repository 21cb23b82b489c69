"""Real concurrent transactions on PostgreSQL: threads with their own
connections, started together at a barrier."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from agreements import services
from agreements.models import Agreement
from tests.agreements.conftest import VOLUNTEER_FIELDS
from tests.fixtures.agreements import default_signatory

# serialized_rollback: the flush after each test would drop the migrated texts.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 8


def _run_together(functions):
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_concurrent_creates_get_distinct_consecutive_numbers(
    coordinator, make_volunteer
):
    volunteers = [make_volunteer(last_name=f"Równoległa{i}") for i in range(THREADS)]

    def create(volunteer):
        return lambda: (
            services.agreement_create(
                actor=coordinator,
                kind="volunteer",
                party=volunteer,
                fields=VOLUNTEER_FIELDS,
            ).number
        )

    numbers, errors = _run_together([create(v) for v in volunteers])
    assert errors == []
    year = timezone.localdate().year
    assert sorted(numbers) == [f"CW/{year}/{n:03d}" for n in range(1, THREADS + 1)]


def test_concurrent_signing_of_overlapping_agreements_lets_one_through(
    coordinator, make_volunteer
):
    volunteer = make_volunteer()
    drafts = [
        services.agreement_create(
            actor=coordinator,
            kind="volunteer",
            party=volunteer,
            fields=VOLUNTEER_FIELDS,
        )
        for _ in range(4)
    ]

    prepared = [
        services.agreement_prepare(
            actor=coordinator, agreement=draft, signatory=default_signatory()
        ).agreement
        for draft in drafts
    ]

    def sign(agreement):
        return lambda: services.agreement_sign(
            actor=coordinator,
            agreement=agreement,
            document_sha256=agreement.document_sha256,
        )

    results, errors = _run_together([sign(a) for a in prepared])
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 3
    assert all(isinstance(e, services.AgreementError) for e in errors)
    assert Agreement.objects.filter(status="signed").count() == 1
