import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from agreements import services
from agreements.models import (
    Agreement,
    Certificate,
    CertificateBatch,
    Reference,
    Signatory,
)
from registry import services as registry_services
from tests.agreements.conftest import VOLUNTEER_FIELDS
from tests.fixtures.agreements import default_signatory, sign_agreement
from volunteer_center.core.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0), tick=False)


def _form_data(**overrides) -> dict:
    data = {
        **VOLUNTEER_FIELDS,
        "date_from": "2026-03-01",
        "date_to": "2026-12-31",
        "termination_clause": "Wypowiedzenie z zachowaniem 14 dni.",
        "safety_info_given": "on",
        **overrides,
    }
    return {k: v for k, v in data.items() if v is not None}


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_coordinator_finds_a_party_and_creates_a_draft(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer(first_name="Ewelina", last_name="Żak")
    response = coordinator_client.get(
        reverse("agreements:agreement-choose-party"), {"kind": "volunteer", "q": "zak"}
    )
    create_url = reverse(
        "agreements:agreement-create", args=["volunteer", volunteer.pk]
    )
    assert create_url in response.content.decode()
    form = coordinator_client.get(create_url)
    assert "14-dniowego" in form.content.decode()
    response = coordinator_client.post(create_url, _form_data())
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    assert (agreement.volunteer, agreement.status) == (volunteer, "draft")
    assert agreement.created_by.username == "koordynator"


def test_an_end_before_the_start_is_shown_on_the_form(
    coordinator_client, make_volunteer
):
    volunteer = make_volunteer()
    response = coordinator_client.post(
        reverse("agreements:agreement-create", args=["volunteer", volunteer.pk]),
        _form_data(date_to="2026-02-01"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]
    assert not Agreement.objects.exists()


def test_an_unknown_kind_is_not_found(coordinator_client, make_volunteer):
    url = reverse("agreements:agreement-create", args=["friend", make_volunteer().pk])
    assert coordinator_client.get(url).status_code == 404


def test_a_draft_is_edited_and_a_signed_agreement_is_not(
    coordinator_client, make_agreement, coordinator
):
    agreement = make_agreement()
    url = reverse("agreements:agreement-update", args=[agreement.pk])
    response = coordinator_client.post(url, _form_data(place="Świetlica parafialna"))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.place == "Świetlica parafialna"
    sign_agreement(actor=coordinator, agreement=agreement)
    assert coordinator_client.get(url).status_code == 404


def test_signing_through_the_page_records_the_printed_document(
    coordinator_client, make_agreement
):
    agreement = make_agreement(date_to=dt.date(2026, 3, 20))
    url = reverse("agreements:agreement-action", args=[agreement.pk])
    signatory = default_signatory()
    response = coordinator_client.post(
        url, {"action": "prepare", "signatory": signatory.pk}
    )
    assert any("NNW" in m for m in _messages(response))
    agreement.refresh_from_db()
    printed = coordinator_client.get(
        reverse("agreements:agreement-pdf", args=[agreement.pk])
    )
    assert hashlib.sha256(b"".join(printed.streaming_content)).hexdigest() == (
        agreement.document_sha256
    )
    coordinator_client.post(
        url,
        {
            "action": "sign",
            "signed_on": "2026-03-02",
            "document_sha256": agreement.document_sha256,
        },
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("signed", dt.date(2026, 3, 2))


def test_a_signing_of_a_document_prepared_again_is_refused(
    coordinator_client, make_agreement
):
    agreement = make_agreement()
    url = reverse("agreements:agreement-action", args=[agreement.pk])
    signatory = default_signatory()
    coordinator_client.post(url, {"action": "prepare", "signatory": signatory.pk})
    agreement.refresh_from_db()
    printed = agreement.document_sha256
    director = Signatory.objects.create(
        name="Jan Dyrektor", function="Dyrektor", on_authorisation=False
    )
    coordinator_client.post(url, {"action": "prepare", "signatory": director.pk})
    response = coordinator_client.post(
        url, {"action": "sign", "signed_on": "2026-03-02", "document_sha256": printed}
    )
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    assert any("przygotowano ponownie" in m for m in _messages(response))


def _prepared_on_the_page(client, agreement) -> str:
    url = reverse("agreements:agreement-action", args=[agreement.pk])
    client.post(url, {"action": "prepare", "signatory": default_signatory().pk})
    agreement.refresh_from_db()
    return url


def test_an_agreement_is_signed_on_the_day_it_really_was(
    coordinator_client, make_agreement, time_machine
):
    time_machine.move_to(dt.datetime(2026, 2, 20, 10, 0), tick=False)
    agreement = make_agreement(date_to=dt.date(2026, 3, 20))
    url = _prepared_on_the_page(coordinator_client, agreement)
    page = coordinator_client.get(agreement.get_absolute_url()).content.decode()
    assert 'min="2026-02-20"' in page

    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0), tick=False)
    coordinator_client.post(
        url,
        {
            "action": "sign",
            "signed_on": "2026-02-24",
            "document_sha256": agreement.document_sha256,
        },
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("signed", dt.date(2026, 2, 24))


@pytest.mark.parametrize(
    "signed_on, reason",
    [
        ("2026-03-03", "datą przyszłą"),
        ("2026-03-01", "przygotowano 02.03.2026"),
    ],
)
def test_a_signing_day_in_the_future_or_before_the_draft_is_refused(
    coordinator_client, make_agreement, signed_on, reason
):
    agreement = make_agreement(date_to=dt.date(2026, 3, 20))
    url = _prepared_on_the_page(coordinator_client, agreement)
    response = coordinator_client.post(
        url,
        {
            "action": "sign",
            "signed_on": signed_on,
            "document_sha256": agreement.document_sha256,
        },
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("draft", None)
    assert any(reason in m for m in _messages(response)), _messages(response)


def test_a_refused_signing_shows_the_reason(coordinator_client, make_agreement):
    agreement = make_agreement(safety_info_given=False)
    response = coordinator_client.post(
        reverse("agreements:agreement-action", args=[agreement.pk]),
        {"action": "prepare", "signatory": default_signatory().pk},
    )
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    assert any(
        "health and safety" in m or "BHP" in m or "bezpiecze" in m
        for m in _messages(response)
    )


def test_activate_and_terminate_through_the_page(coordinator_client, make_agreement):
    agreement = make_agreement(sign=True)
    url = reverse("agreements:agreement-action", args=[agreement.pk])
    coordinator_client.post(url, {"action": "activate"})
    agreement.refresh_from_db()
    assert agreement.status == "active"
    coordinator_client.post(
        url, {"action": "terminate", "date": "2026-03-02", "reason": "Wyjazd"}
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.termination_reason) == ("terminated", "Wyjazd")


def test_the_scan_upload_page_refuses_a_wrong_file_and_takes_a_jpeg(
    coordinator_client, make_agreement
):
    agreement = make_agreement(sign=True)
    url = reverse("agreements:agreement-scan-upload", args=[agreement.pk])
    bad = SimpleUploadedFile("skan.jpg", b"GIF89a not allowed", "image/jpeg")
    response = coordinator_client.post(url, {"scan": bad})
    assert response.status_code == 200
    assert response.context["form"].errors["scan"]
    good = SimpleUploadedFile("skan", b"\xff\xd8\xff\xe0 jpeg data", "text/plain")
    response = coordinator_client.post(url, {"scan": good})
    assert response.status_code == 302
    download = coordinator_client.get(
        reverse("agreements:agreement-scan", args=[agreement.pk])
    )
    assert download["Content-Type"] == "image/jpeg"
    assert b"".join(download.streaming_content).startswith(b"\xff\xd8\xff")


def test_the_agreement_pdf_downloads(coordinator_client, make_agreement):
    agreement = make_agreement()
    response = coordinator_client.get(
        reverse("agreements:agreement-pdf", args=[agreement.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "CW-2026-001" in response["Content-Disposition"]


def test_list_filters_by_kind_status_party_and_ending(
    coordinator_client, make_agreement, make_volunteer, make_institution
):
    make_agreement(
        party=make_volunteer(last_name="Żelazna"),
        sign=True,
        date_to=dt.date(2026, 3, 20),
    )
    make_agreement(party=make_volunteer(last_name="Kowalczyk"))
    make_agreement(kind="institution", party=make_institution(name="Caritas"))
    url = reverse("agreements:agreement-list")

    def numbers(**params):
        response = coordinator_client.get(url, params)
        return sorted(str(a.party) for a in response.context["object_list"])

    assert numbers(kind="institution") == ["Caritas"]
    assert numbers(status="draft") == ["Anna Kowalczyk", "Caritas"]
    assert numbers(q="zelazna") == ["Anna Żelazna"]
    assert numbers(q="CW/2026/002") == ["Anna Kowalczyk"]
    assert numbers(ending="on") == ["Anna Żelazna"]


@pytest.mark.parametrize("rows", [2, 7])
def test_list_queries_do_not_grow_with_rows(
    coordinator_client,
    make_agreement,
    make_volunteer,
    make_institution,
    make_beneficiary,
    django_assert_num_queries,
    rows,
):
    for i in range(rows):
        make_agreement(party=make_volunteer(last_name=f"W{i}"))
        make_agreement(kind="institution", party=make_institution(name=f"I{i}"))
        make_agreement(kind="beneficiary", party=make_beneficiary(last_name=f"B{i}"))
    # session, user, the user's permissions (one query), count, the page of
    # agreements with their parties
    with django_assert_num_queries(5):
        response = coordinator_client.get(reverse("agreements:agreement-list"))
    assert len(response.context["object_list"]) == 3 * rows


@pytest.mark.parametrize("assignments", [1, 5])
def test_detail_queries_do_not_grow_with_covered_assignments(
    coordinator_client,
    make_agreement,
    make_volunteer,
    make_assignment,
    django_assert_num_queries,
    assignments,
):
    volunteer = make_volunteer()
    agreement = make_agreement(party=volunteer, sign=True)
    for i in range(assignments):
        make_assignment(
            volunteer,
            title=f"Zadanie {i}",
            date_from=dt.date(2026, 3, 2),
            date_to=dt.date(2026, 6, 30),
        )
    url = reverse("agreements:agreement-detail", args=[agreement.pk])
    coordinator_client.get(url)  # warm the content-type cache
    # session, user, the user's permissions (one query), the agreement with
    # its party, text version and signer, the access-log insert, the covered
    # assignments with their requests and categories
    with django_assert_num_queries(6):
        response = coordinator_client.get(url)
    page = response.content.decode()
    assert "Zadanie 0" in page
    assert agreement.number in page
    assert AccessLog.objects.filter(object_id=str(agreement.pk)).count() == 2


def test_the_text_on_the_page_is_escaped(coordinator_client, make_agreement):
    agreement = make_agreement(scope="<script>alert(1)</script> zakupy")
    page = coordinator_client.get(agreement.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; zakupy" in page
    assert "<h3>§ 1. Zakres świadczeń</h3>" in page


def test_the_volunteer_page_shows_agreements_and_documents(
    coordinator_client,
    make_agreement,
    make_volunteer,
    make_assignment,
    log_hours,
    coordinator,
):
    volunteer = make_volunteer()
    agreement = make_agreement(party=volunteer)
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "2")
    certificate = services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 1, 31),
    )
    page = coordinator_client.get(volunteer.get_absolute_url()).content.decode()
    assert agreement.number in page
    assert reverse("agreements:certificate-pdf", args=[certificate.pk]) in page
    assert reverse("agreements:certificate-create", args=[volunteer.pk]) in page


def test_certificate_and_reference_are_issued_through_the_pages(
    coordinator_client, make_volunteer, make_assignment, log_hours
):
    volunteer = make_volunteer()
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "2")
    period = {
        "date_from": "2026-01-01",
        "date_to": "2026-01-31",
        "signatory": default_signatory().pk,
    }
    coordinator_client.post(
        reverse("agreements:certificate-create", args=[volunteer.pk]), period
    )
    coordinator_client.post(
        reverse("agreements:reference-create", args=[volunteer.pk]),
        {**period, "assessment": "Sumienna i punktualna."},
    )
    certificate, reference = Certificate.objects.get(), Reference.objects.get()
    response = coordinator_client.get(
        reverse("agreements:reference-pdf", args=[reference.pk])
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert certificate.number == "ZAŚ/2026/001"
    empty = coordinator_client.post(
        reverse("agreements:certificate-create", args=[volunteer.pk]),
        {**period, "date_from": "2025-01-01", "date_to": "2025-01-31"},
    )
    assert empty.status_code == 200
    assert Certificate.objects.count() == 1


@pytest.fixture
def lonely(make_volunteer, make_assignment):
    """A volunteer at work over 30 days that no agreement covers."""
    volunteer = make_volunteer(last_name="Bezumowna")
    make_assignment(
        volunteer,
        title="Opieka nad seniorem",
        date_from=dt.date(2026, 3, 2),
        date_to=dt.date(2026, 8, 31),
    )
    return volunteer


def dashboard_lists(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template('{% include "agreements/_dashboard.html" %}').render(
        Context({"user": user, "request": request})
    )


def test_the_dashboard_lists_render_both_lists(coordinator, make_agreement, lonely):
    ending = make_agreement(sign=True, date_to=dt.date(2026, 3, 25))
    html = dashboard_lists(coordinator)
    assert ending.number in html
    assert "Opieka nad seniorem" in html
    assert "Bezumowna" in html


def test_the_dashboard_lists_show_a_change_on_the_next_page(
    coordinator, make_agreement, lonely
):
    """The lists are kept while what they show stands
    (volunteer_center/core/figures.py, ``kept_here``)."""
    assert "Bezumowna" in dashboard_lists(coordinator)
    assert "Bezumowna" in dashboard_lists(coordinator)
    registry_services.volunteer_update(
        actor=coordinator, volunteer=lonely, fields={"last_name": "Nowa-Bezumowna"}
    )
    assert "Nowa-Bezumowna" in dashboard_lists(coordinator)
    make_agreement(party=lonely, sign=True)
    assert "Bezumowna" not in dashboard_lists(coordinator)


# --- Bulk certificates -----------------------------------------------------------


def test_bulk_certificates_come_as_one_zip(
    coordinator_client,
    make_volunteer,
    make_assignment,
    log_hours,
    django_capture_on_commit_callbacks,
):
    people = [
        make_volunteer(first_name=n, last_name="Wiśniewska")
        for n in ("Ala", "Ola", "Ula")
    ]
    for person in people[:2]:
        work = make_assignment(
            person, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
        )
        log_hours(work, dt.date(2026, 2, 10), "3")
    late = make_assignment(
        people[2], date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(late, dt.date(2026, 4, 10), "3")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("agreements:batch-create"),
            {"date_from": "2026-02-01", "date_to": "2026-02-28"},
        )
    batch = CertificateBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    progress = coordinator_client.get(
        reverse("agreements:batch-progress", args=[batch.pk])
    ).json()
    assert (progress["status"], progress["done"], progress["total"]) == ("done", 2, 2)
    assert progress["download_url"]
    download = coordinator_client.get(progress["download_url"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = sorted(archive.namelist())
    assert names == [
        "ZAŚ-2026-001-Wiśniewska-Ala.pdf",
        "ZAŚ-2026-002-Wiśniewska-Ola.pdf",
    ]
    assert all(archive.read(n).startswith(b"%PDF-") for n in names)
    assert Certificate.objects.count() == 2
    page = coordinator_client.get(batch.get_absolute_url()).content.decode()
    assert progress["download_url"] in page


def test_a_batch_for_a_period_without_hours_is_refused(coordinator_client):
    response = coordinator_client.post(
        reverse("agreements:batch-create"),
        {"date_from": "2026-02-01", "date_to": "2026-02-28"},
    )
    assert response.status_code == 200
    assert not CertificateBatch.objects.exists()


@pytest.mark.parametrize("found", [1, 6])
def test_party_search_queries_do_not_grow(
    coordinator_client, make_volunteer, django_assert_num_queries, found
):
    for i in range(found):
        make_volunteer(last_name=f"Szukana{i}")
    # session, user, the user's permissions (one query), the matching
    # volunteers (at most 20)
    with django_assert_num_queries(4):
        response = coordinator_client.get(
            reverse("agreements:agreement-choose-party"),
            {"kind": "volunteer", "q": "szukana"},
        )
    assert response.content.decode().count("Przygotuj porozumienie") == found


def test_batch_page_queries(coordinator_client, coordinator, django_assert_num_queries):
    batch = CertificateBatch.objects.create(
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
        total=3,
        done=1,
        requested_by=coordinator,
    )
    # session, user, the user's permissions (one query), the batch
    with django_assert_num_queries(4):
        response = coordinator_client.get(batch.get_absolute_url())
    assert 'aria-valuenow="33"' in response.content.decode()
    # session, user, permissions, the batch
    with django_assert_num_queries(4):
        progress = coordinator_client.get(
            reverse("agreements:batch-progress", args=[batch.pk])
        ).json()
    assert (progress["percent"], progress["download_url"]) == (33, None)


@pytest.mark.parametrize("kind", ["beneficiary", "institution"])
def test_beneficiary_and_institution_pages_list_their_agreements(
    kind, coordinator_client, make_beneficiary, make_institution, make_agreement
):
    party = make_beneficiary() if kind == "beneficiary" else make_institution()
    agreement = make_agreement(party=party, kind=kind)
    html = coordinator_client.get(party.get_absolute_url()).content.decode()
    assert agreement.number in html
    assert f"/porozumienia/nowe/{kind}/{party.pk}/" in html


def test_anonymised_people_are_no_agreement_party(coordinator_client, make_beneficiary):
    from django.utils import timezone

    from registry.models import Beneficiary

    gone = make_beneficiary(last_name="Zapomniany")
    Beneficiary.objects.filter(pk=gone.pk).update(anonymised_at=timezone.now())
    page = coordinator_client.get(
        reverse("agreements:agreement-choose-party"),
        {"kind": "beneficiary", "q": "zapomniany"},
    )
    assert page.context["parties"] == []
    create = reverse("agreements:agreement-create", args=["beneficiary", gone.pk])
    assert coordinator_client.get(create).status_code == 404


def test_a_volunteers_panels_show_a_change_on_the_next_page(
    coordinator_client, make_agreement, make_volunteer, make_assignment, log_hours
):
    """The other apps' panels on a volunteer's page are kept while their tables
    stand (volunteer_center/core/figures.py, ``kept_here``)."""
    volunteer = make_volunteer(last_name="Panelowa")
    url = reverse("registry:volunteer-detail", args=[volunteer.pk])

    def page() -> str:
        return coordinator_client.get(url).content.decode()

    assert "Opieka nad seniorem" not in page()
    work = make_assignment(
        volunteer,
        title="Opieka nad seniorem",
        date_from=dt.date(2026, 3, 2),
        date_to=dt.date(2026, 3, 20),
    )
    log_hours(work, dt.date(2026, 3, 10), "3")
    agreement = make_agreement(party=volunteer)
    html = page()
    assert "Opieka nad seniorem" in html
    assert agreement.number in html
    coordinator_client.post(
        reverse("agreements:certificate-create", args=[volunteer.pk]),
        {
            "date_from": "2026-03-01",
            "date_to": "2026-03-31",
            "signatory": default_signatory().pk,
        },
    )
    assert Certificate.objects.get().number in page()
