"""A document for signing laid out ahead by other processes
(``core.pdf.LaidOutAhead``, the demo data) is the file the signing service
would have rendered itself, and a wrong forecast is only rendered again."""

import hashlib

import pytest

from agreements import documents, services
from agreements.models import AgreementCounter
from tests.agreements.conftest import VOLUNTEER_FIELDS
from tests.fixtures.agreements import default_signatory
from volunteer_center.core.pdf import LaidOutAhead

pytestmark = pytest.mark.django_db


def stored(agreement) -> bytes:
    with agreement.document.open("rb") as document:
        return document.read()


def prepared(volunteer, coordinator, ahead):
    agreement = services.agreement_create(
        actor=coordinator, kind="volunteer", party=volunteer, fields=VOLUNTEER_FIELDS
    )
    return services.agreement_prepare(
        actor=coordinator,
        agreement=agreement,
        signatory=default_signatory(),
        ahead=ahead,
    ).agreement


def test_the_foreseen_document_is_the_one_the_services_store(
    make_volunteer, coordinator
):
    volunteer = make_volunteer()
    year = services.agreement_create(
        actor=coordinator,
        kind="volunteer",
        party=make_volunteer(),
        fields=VOLUNTEER_FIELDS,
    ).number_year
    next_seq = AgreementCounter.objects.get(year=year).last + 1
    foreseen = services.agreement_document_foreseen(
        kind="volunteer",
        party=volunteer,
        fields=VOLUNTEER_FIELDS,
        number_seq=next_seq,
        signatory=default_signatory(),
    )
    html = documents.agreement_html(foreseen, for_signing=True)
    with LaidOutAhead(workers=1) as ahead:
        ahead.submit(html)
        agreement = prepared(volunteer, coordinator, ahead)
        # Taken from the pool: nothing is left to take.
        assert ahead.take(html) is None
    pdf = stored(agreement)
    assert agreement.number_seq == next_seq
    assert agreement.document_sha256 == hashlib.sha256(pdf).hexdigest()
    # The same bytes as rendered here.
    assert pdf == documents.agreement_pdf(agreement, for_signing=True)


def test_a_document_foreseen_wrongly_is_rendered_in_place(make_volunteer, coordinator):
    volunteer = make_volunteer()
    wrong = services.agreement_document_foreseen(
        kind="volunteer",
        party=volunteer,
        fields=VOLUNTEER_FIELDS,
        number_seq=999,
        signatory=default_signatory(),
    )
    with LaidOutAhead(workers=1) as ahead:
        ahead.submit(documents.agreement_html(wrong, for_signing=True))
        agreement = prepared(volunteer, coordinator, ahead)
    pdf = stored(agreement)
    assert agreement.number != wrong.number
    assert agreement.document_sha256 == hashlib.sha256(pdf).hexdigest()
    assert pdf == documents.agreement_pdf(agreement, for_signing=True)


def test_nothing_is_foreseen_for_what_the_services_refuse(make_volunteer):
    foreseen = services.agreement_document_foreseen(
        kind="institution",
        party=make_volunteer(),
        fields=VOLUNTEER_FIELDS,
        number_seq=1,
        signatory=default_signatory(),
    )
    assert foreseen is None
