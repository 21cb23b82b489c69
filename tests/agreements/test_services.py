import datetime as dt
import os
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from agreements import selectors, services
from agreements.models import Agreement, AgreementTemplate, Certificate, Reference
from agreements.services import AgreementError
from tests.agreements.conftest import TODAY
from tests.fixtures.agreements import plain, sign_agreement

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0), tick=False)


@pytest.fixture
def minor(make_volunteer):
    return make_volunteer(
        first_name="Zosia",
        last_name="Wójcik",
        birth_date=dt.date(2010, 1, 15),
        guardian_name="Barbara Wójcik",
        guardian_phone="600100200",
        guardian_consent=True,
        # Given before the agreement starts (1 March), as the law asks.
        guardian_consent_on=dt.date(2026, 2, 20),
    )


def test_numbers_are_consecutive_and_a_refused_create_leaves_no_gap(
    make_agreement, make_volunteer
):
    first = make_agreement()
    second = make_agreement()
    with pytest.raises(AgreementError):
        make_agreement(date_from=dt.date(2026, 5, 1), date_to=dt.date(2026, 4, 1))
    third = make_agreement()
    assert [first.number, second.number, third.number] == [
        "CW/2026/001",
        "CW/2026/002",
        "CW/2026/003",
    ]


def test_a_new_year_starts_a_new_series(make_agreement, time_machine):
    make_agreement()
    time_machine.move_to(dt.datetime(2027, 1, 4, 10, 0), tick=False)
    agreement = make_agreement(
        date_from=dt.date(2027, 1, 4), date_to=dt.date(2027, 6, 30)
    )
    assert agreement.number == "CW/2027/001"


def test_the_database_refuses_an_end_before_the_start(make_agreement):
    agreement = make_agreement()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(date_to=dt.date(2026, 2, 1))


def test_the_database_refuses_a_party_of_another_kind(make_agreement, make_institution):
    agreement = make_agreement()
    institution = make_institution()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(institution=institution)


def test_the_service_refuses_a_party_that_does_not_match_the_kind(
    make_agreement, make_institution
):
    with pytest.raises(AgreementError):
        make_agreement(kind="volunteer", party=make_institution())


def test_the_text_is_filled_from_the_current_template(make_agreement):
    agreement = make_agreement()
    assert agreement.template == AgreementTemplate.objects.current("volunteer")
    assert "Anna Nowak" in agreement.text
    assert "Pomoc w robieniu zakupów" in agreement.text
    assert "od dnia 1 marca 2026 r. do dnia 31 grudnia 2026 r." in plain(agreement.text)
    assert "art. 42–46" in agreement.text
    assert "{{" not in agreement.text


def test_only_a_draft_can_be_changed(make_agreement, coordinator):
    agreement = make_agreement()
    agreement = services.agreement_update(
        actor=coordinator, agreement=agreement, fields={"place": "Świetlica w Zabrzegu"}
    )
    assert "Świetlica w Zabrzegu" in agreement.text
    sign_agreement(actor=coordinator, agreement=agreement)
    with pytest.raises(AgreementError):
        services.agreement_update(
            actor=coordinator, agreement=agreement, fields={"place": "inne"}
        )


def test_signing_records_the_date_and_who_signed_and_keeps_the_printed_text(
    make_agreement, coordinator
):
    agreement = make_agreement()
    assert "…" in agreement.text
    outcome = sign_agreement(actor=coordinator, agreement=agreement)
    agreement = outcome.agreement
    assert agreement.status == Agreement.Status.SIGNED
    assert agreement.signed_on == TODAY
    assert agreement.signed_by_centre == coordinator
    # The date is written on the paper by hand: the text is what was printed.
    assert "zawarte w dniu ………………… w Czechowicach-Dziedzicach" in agreement.text
    assert "Katarzyna Wójcik – Kierownik Zespołu ds. usług" in agreement.text
    assert outcome.warnings == []


def test_a_minor_without_guardian_consent_cannot_sign(
    make_agreement, minor, coordinator
):
    agreement = make_agreement(party=minor, guardian_consent=False, guardian_name="")
    with pytest.raises(AgreementError, match="under 18"):
        sign_agreement(actor=coordinator, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT


def test_a_minor_with_guardian_consent_signs_and_the_guardian_is_named(
    make_agreement, minor, coordinator
):
    agreement = make_agreement(party=minor)
    assert agreement.guardian_name == "Barbara Wójcik"
    signed = sign_agreement(actor=coordinator, agreement=agreement).agreement
    assert signed.status == Agreement.Status.SIGNED
    assert "opiekuna prawnego): Barbara Wójcik" in signed.text


def test_signing_without_safety_information_is_refused(make_agreement, coordinator):
    agreement = make_agreement(safety_info_given=False)
    with pytest.raises(AgreementError, match="health and safety"):
        sign_agreement(actor=coordinator, agreement=agreement)


def test_short_work_without_nnw_insurance_is_signed_with_a_warning(
    make_agreement, coordinator
):
    short = make_agreement(date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 31))
    outcome = sign_agreement(actor=coordinator, agreement=short)
    assert outcome.agreement.status == Agreement.Status.SIGNED
    assert len(outcome.warnings) == 1
    assert "NNW" in str(outcome.warnings[0])


def test_short_work_with_nnw_insurance_has_no_warning(make_agreement, coordinator):
    short = make_agreement(
        date_from=dt.date(2026, 3, 2),
        date_to=dt.date(2026, 3, 31),
        insurance_nnw=True,
        insurance_policy_number="NNW/2026/77",
    )
    outcome = sign_agreement(actor=coordinator, agreement=short)
    assert outcome.warnings == []
    assert "polisa nr NNW/2026/77" in outcome.agreement.text


def test_two_overlapping_agreements_with_one_party_are_refused(
    make_agreement, make_volunteer, coordinator
):
    volunteer = make_volunteer()
    make_agreement(party=volunteer, sign=True)
    overlapping = make_agreement(
        party=volunteer, date_from=dt.date(2026, 12, 1), date_to=None
    )
    with pytest.raises(AgreementError, match="CW/2026/001"):
        sign_agreement(actor=coordinator, agreement=overlapping)
    after = make_agreement(
        party=volunteer, date_from=dt.date(2027, 1, 1), date_to=dt.date(2027, 6, 30)
    )
    assert sign_agreement(actor=coordinator, agreement=after).agreement.status
    other_person = make_agreement(party=make_volunteer(last_name="Inna"), sign=True)
    assert other_person.status == Agreement.Status.SIGNED


def test_a_terminated_agreement_no_longer_blocks_a_new_one(
    make_agreement, make_volunteer, coordinator
):
    volunteer = make_volunteer()
    old = make_agreement(party=volunteer, sign=True)
    services.agreement_terminate(
        actor=coordinator, agreement=old, date=TODAY, reason="Przeprowadzka"
    )
    new = make_agreement(party=volunteer)
    assert sign_agreement(actor=coordinator, agreement=new).agreement.signed_on


def test_activate_terminate_and_expire(make_agreement, coordinator):
    agreement = make_agreement(sign=True)
    active = services.agreement_activate(actor=coordinator, agreement=agreement)
    assert active.status == Agreement.Status.ACTIVE
    with pytest.raises(AgreementError):
        services.agreement_activate(actor=coordinator, agreement=active)
    with pytest.raises(AgreementError, match="reason"):
        services.agreement_terminate(
            actor=coordinator, agreement=active, date=TODAY, reason=" "
        )
    with pytest.raises(AgreementError):
        services.agreement_terminate(
            actor=coordinator,
            agreement=active,
            date=TODAY + dt.timedelta(days=3),
            reason="Rezygnacja",
        )
    ended = services.agreement_terminate(
        actor=coordinator, agreement=active, date=TODAY, reason="Rezygnacja"
    )
    assert (ended.status, ended.terminated_on, ended.termination_reason) == (
        Agreement.Status.TERMINATED,
        TODAY,
        "Rezygnacja",
    )
    # created, prepared for signing, signed, in force, terminated
    assert ended.history.count() == 5


def test_expire_due_marks_only_binding_agreements_past_their_end(
    make_agreement, make_volunteer, coordinator
):
    due = make_agreement(sign=True, date_from=dt.date(2026, 3, 1), date_to=TODAY)
    indefinite = make_agreement(sign=True, date_to=None)
    draft = make_agreement(date_to=TODAY)
    assert services.agreement_expire_due(today=TODAY) == 0
    assert services.agreement_expire_due(today=TODAY + dt.timedelta(days=1)) == 1
    statuses = dict(Agreement.objects.values_list("pk", "status"))
    assert statuses == {due.pk: "expired", indefinite.pk: "signed", draft.pk: "draft"}


# --- Scans ---------------------------------------------------------------------


def test_a_pdf_scan_is_stored_privately(make_agreement, coordinator, settings):
    agreement = make_agreement(sign=True)
    upload = SimpleUploadedFile("skan.bin", PDF_BYTES, content_type="text/plain")
    agreement = services.agreement_attach_scan(
        actor=coordinator, agreement=agreement, upload=upload
    )
    path = agreement.scan.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert agreement.scan.name.endswith(".pdf")
    with open(path, "rb") as stored:
        assert stored.read() == PDF_BYTES
    assert agreement.scan.storage.base_url is None


def test_a_new_scan_replaces_the_old_file(
    make_agreement, coordinator, django_capture_on_commit_callbacks
):
    agreement = make_agreement(sign=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.agreement_attach_scan(
            actor=coordinator,
            agreement=agreement,
            upload=SimpleUploadedFile("a.pdf", PDF_BYTES),
        )
    old_path = first.scan.path
    with django_capture_on_commit_callbacks(execute=True):
        second = services.agreement_attach_scan(
            actor=coordinator,
            agreement=agreement,
            upload=SimpleUploadedFile("b.png", PNG_BYTES),
        )
    assert second.scan.name.endswith(".png")
    assert not os.path.exists(old_path)
    assert os.path.exists(second.scan.path)


def test_an_anonymised_volunteer_gets_no_new_documents(
    make_agreement, make_volunteer, coordinator
):
    from registry import services as registry_services

    volunteer = make_volunteer()
    registry_services.volunteer_mark_former(actor=coordinator, volunteer=volunteer)
    volunteer = registry_services.volunteer_anonymise(
        actor=coordinator, volunteer=volunteer
    )
    with pytest.raises(AgreementError, match="anonymised"):
        make_agreement(party=volunteer)
    with pytest.raises(AgreementError, match="anonymised"):
        services.certificate_issue(
            actor=coordinator,
            volunteer=volunteer,
            date_from=dt.date(2026, 1, 1),
            date_to=dt.date(2026, 1, 31),
        )


def test_a_png_named_pdf_is_stored_as_png(make_agreement, coordinator):
    agreement = make_agreement(sign=True)
    upload = SimpleUploadedFile("skan.pdf", PNG_BYTES, content_type="application/pdf")
    agreement = services.agreement_attach_scan(
        actor=coordinator, agreement=agreement, upload=upload
    )
    assert agreement.scan.name.endswith(".png")


def _stored_files(root) -> list:
    """Files under the private root but the documents prepared for signing."""
    if not root.exists():
        return []
    documents = root / "agreements" / "documents"
    return [p for p in root.rglob("*") if p.is_file() and documents not in p.parents]


@pytest.mark.parametrize(
    "name, content",
    [
        ("umowa.pdf", b"MZ\x90\x00 this is an executable"),
        ("umowa.pdf", b"<html><script>alert(1)</script></html>"),
        ("umowa.docx", b"PK\x03\x04 a word document"),
    ],
)
def test_a_scan_of_another_type_is_refused_and_nothing_is_stored(
    make_agreement, coordinator, settings, name, content
):
    agreement = make_agreement(sign=True)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(AgreementError, match="PDF, JPEG or PNG"):
        services.agreement_attach_scan(
            actor=coordinator, agreement=agreement, upload=upload
        )
    agreement.refresh_from_db()
    assert not agreement.scan
    assert _stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_scan_over_the_size_limit_is_refused(make_agreement, coordinator, settings):
    settings.AGREEMENT_SCAN_MAX_BYTES = 1024
    agreement = make_agreement(sign=True)
    upload = SimpleUploadedFile("skan.pdf", PDF_BYTES + b"0" * 1024)
    with pytest.raises(AgreementError, match="too large"):
        services.agreement_attach_scan(
            actor=coordinator, agreement=agreement, upload=upload
        )
    assert _stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_the_default_size_limit_is_ten_megabytes(make_agreement, coordinator):
    agreement = make_agreement(sign=True)
    upload = SimpleUploadedFile("skan.pdf", PDF_BYTES + b"0" * (10 * 2**20))
    with pytest.raises(AgreementError, match="10 MB"):
        services.agreement_attach_scan(
            actor=coordinator, agreement=agreement, upload=upload
        )


def test_a_draft_cannot_get_a_scan(make_agreement, coordinator):
    agreement = make_agreement()
    with pytest.raises(AgreementError):
        services.agreement_attach_scan(
            actor=coordinator,
            agreement=agreement,
            upload=SimpleUploadedFile("s.pdf", PDF_BYTES),
        )


# --- Selectors -------------------------------------------------------------------


def test_the_covering_agreement_is_found_only_when_signed_and_covering(
    make_agreement, make_volunteer, coordinator
):
    volunteer = make_volunteer()
    agreement = make_agreement(party=volunteer)

    def covering(start, end):
        return selectors.volunteer_agreement_covering(
            volunteer_id=volunteer.pk, start=start, end=end
        )

    assert covering(dt.date(2026, 4, 1), dt.date(2026, 6, 30)) is None
    sign_agreement(actor=coordinator, agreement=agreement)
    assert covering(dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == agreement
    assert covering(dt.date(2026, 4, 1), dt.date(2027, 1, 31)) is None
    assert covering(dt.date(2026, 2, 1), dt.date(2026, 6, 30)) is None
    services.agreement_terminate(
        actor=coordinator, agreement=agreement, date=TODAY, reason="Koniec"
    )
    assert covering(dt.date(2026, 4, 1), dt.date(2026, 6, 30)) is None


def test_assignments_lacking_agreement_lists_long_uncovered_active_work(
    make_agreement, make_volunteer, make_assignment
):
    covered = make_volunteer(first_name="Ola")
    uncovered = make_volunteer(first_name="Piotr")
    make_agreement(party=covered, sign=True)
    make_assignment(
        covered, date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 6, 30)
    )
    long = make_assignment(
        uncovered, date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 4, 1)
    )
    # 30 days exactly need no written agreement.
    make_assignment(
        uncovered,
        title="Krótko",
        date_from=dt.date(2026, 3, 2),
        date_to=dt.date(2026, 3, 31),
    )
    make_assignment(
        uncovered,
        title="Proponowane",
        date_from=dt.date(2026, 3, 2),
        date_to=dt.date(2026, 9, 30),
        status="proposed",
    )
    assert list(selectors.assignments_lacking_agreement()) == [long]


def test_agreements_ending_soon(make_agreement, make_volunteer):
    soon = make_agreement(sign=True, date_to=TODAY + dt.timedelta(days=30))
    make_agreement(sign=True, date_to=TODAY + dt.timedelta(days=31))
    make_agreement(date_to=TODAY + dt.timedelta(days=5))
    make_agreement(sign=True, date_to=None)
    assert list(selectors.agreements_ending_soon(today=TODAY)) == [soon]


# --- Certificates and references ------------------------------------------------


def test_a_certificate_counts_only_approved_hours_in_the_period(
    make_volunteer, make_assignment, log_hours, coordinator
):
    volunteer = make_volunteer()
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "2.5")
    log_hours(work, dt.date(2026, 2, 10), "3")
    log_hours(work, dt.date(2026, 2, 11), "4", approved=False)
    log_hours(work, dt.date(2025, 12, 31), "8")
    certificate = services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 2, 28),
    )
    assert certificate.number == "ZAŚ/2026/001"
    assert certificate.hours == Decimal("5.50")
    assert [row["title"] for row in certificate.assignments] == [
        "Dom Pomocy Społecznej „Przystań”: Zakupy dla seniora"
    ]
    with certificate.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_certificate_without_approved_hours_is_refused(make_volunteer, coordinator):
    with pytest.raises(AgreementError, match="no approved hours"):
        services.certificate_issue(
            actor=coordinator,
            volunteer=make_volunteer(),
            date_from=dt.date(2026, 1, 1),
            date_to=dt.date(2026, 2, 28),
        )
    assert not Certificate.objects.exists()


def test_certificates_and_references_have_their_own_series(
    make_volunteer, make_assignment, log_hours, coordinator, make_agreement
):
    make_agreement()
    volunteer = make_volunteer()
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "2")
    period = {"date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 2, 28)}
    numbers = [
        services.certificate_issue(actor=coordinator, volunteer=volunteer, **period),
        services.certificate_issue(actor=coordinator, volunteer=volunteer, **period),
        services.reference_issue(
            actor=coordinator, volunteer=volunteer, assessment="Rzetelna.", **period
        ),
    ]
    assert [d.number for d in numbers] == [
        "ZAŚ/2026/001",
        "ZAŚ/2026/002",
        "OP/2026/001",
    ]
    with pytest.raises(AgreementError):
        services.reference_issue(
            actor=coordinator, volunteer=volunteer, assessment="  ", **period
        )
    assert Reference.objects.count() == 1


def test_only_one_version_of_a_text_is_in_use():
    from django.core.exceptions import ValidationError

    current = AgreementTemplate.objects.current("volunteer")
    older = AgreementTemplate(
        kind="volunteer",
        version=current.version + 1,
        title="Stara wersja",
        body="Treść",
        is_active=True,
    )
    with pytest.raises(ValidationError):
        older.full_clean()
