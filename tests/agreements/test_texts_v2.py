"""Version 2 of the agreement texts as a lawyer reads them: the printed PDF,
read back as text (issue 11, points 1 and 2)."""

import datetime as dt
import hashlib
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agreements import documents, services
from agreements.models import AgreementTemplate, SafetyInformation
from tests.fixtures.agreements import default_signatory, plain, sign_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0), tick=False)


def pages(data: bytes) -> list[str]:
    """Each page's words, every run of white space as one space (line breaks
    and the dates' no-break spaces, which ``\\s`` matches, alike)."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pages(data))


def prepared(agreement, coordinator):
    return services.agreement_prepare(
        actor=coordinator, agreement=agreement, signatory=default_signatory()
    ).agreement


def stored(agreement) -> bytes:
    with agreement.document.open("rb") as document:
        return document.read()


def test_every_kind_is_made_from_version_2(make_agreement, make_institution):
    for kind in ("volunteer", "institution", "beneficiary"):
        assert AgreementTemplate.objects.current(kind).version == 2
    assert make_agreement().template.version == 2


def test_the_party_is_the_ops_represented_by_the_person_who_signs(
    make_agreement, coordinator
):
    agreement = prepared(make_agreement(), coordinator)
    text = pdf_text(stored(agreement))
    assert (
        "Ośrodek Pomocy Społecznej w Czechowicach-Dziedzicach, ul. Nad Białką 1B, "
        "43-502 Czechowice-Dziedzice, reprezentowany przez: Katarzyna Wójcik – "
        "Kierownik Zespołu ds. usług, z upoważnienia Dyrektora, zwany dalej "
        "„Korzystającym”" in text
    )
    assert "Centrum Wolontariatu jest komórką organizacyjną" in text
    assert "w imieniu którego działa Centrum" not in text


def test_a_draft_leaves_the_representative_blank(make_agreement):
    text = pdf_text(documents.agreement_pdf(make_agreement()))
    assert "reprezentowany przez: ……" in text
    assert "PROJEKT — NIE DO PODPISU" in text


@pytest.mark.parametrize(
    "gender, expected",
    [
        ("female", "zwana dalej „Wolontariuszem”"),
        ("male", "zwany dalej „Wolontariuszem”"),
        ("", "dalej: „Wolontariusz”"),
    ],
)
def test_the_party_is_designated_in_its_own_gender(
    make_agreement, make_volunteer, gender, expected
):
    volunteer = make_volunteer(first_name="Aleks", last_name="Mazur", gender=gender)
    text = plain(make_agreement(party=volunteer).text)
    assert "Aleks Mazur, zam." in text
    assert f"ur. 17 maja 1990 r., {expected}." in text


def test_the_gender_comes_from_the_pesel(make_volunteer):
    from tests.fixtures.registry import make_pesel

    born = dt.date(1990, 5, 17)
    volunteer = make_volunteer(birth_date=born, pesel=make_pesel(born, serial=2))
    assert volunteer.gender == "female"


def test_costs_are_paid_travel_and_diety_and_may_be_other_costs(
    make_agreement, coordinator
):
    text = pdf_text(stored(prepared(make_agreement(), coordinator)))
    assert (
        "Korzystający pokrywa, na zasadach dotyczących pracowników określonych w "
        "odrębnych przepisach, koszty podróży służbowych i diet Wolontariusza "
        "(art. 45 ust. 1 pkt 3 ustawy)" in text
    )
    assert "Korzystający może pokrywać" in text
    assert "przed ich poniesieniem" in text
    assert "oraz inne niezbędne koszty ponoszone" not in text
    assert "Koszty podróży i diety pokrywa Korzystający" in text


@pytest.mark.parametrize(
    "waiver, scope, expected",
    [
        ("full", "", "zwalnia Korzystającego w całości"),
        ("partial", "diety", "w części: diety (art. 45 ust. 4 ustawy)"),
    ],
)
def test_a_written_waiver_of_travel_costs_is_part_of_the_agreement(
    make_agreement, coordinator, waiver, scope, expected
):
    agreement = make_agreement(
        travel_costs_waiver=waiver, travel_costs_waiver_scope=scope
    )
    text = pdf_text(stored(prepared(agreement, coordinator)))
    assert expected in text
    assert "Wolontariusz zwalnia z ich pokrywania" in text


def test_health_and_safety_is_printed_as_given(make_agreement, coordinator):
    info = SafetyInformation.objects.get()
    agreement = make_agreement(
        safety_information=info, safety_instruction="", date_to=dt.date(2026, 12, 31)
    )
    text = pdf_text(stored(prepared(agreement, coordinator)))
    assert "Korzystający poinformował Wolontariusza o ryzyku" in text
    assert "w dniu 27 lutego 2026 r., w zakresie: zasad bezpiecznego dźwigania" in text
    assert f"przekazana 27 lutego 2026 r., {info.title}" in text


def test_health_and_safety_not_yet_given_is_a_duty_not_a_statement(make_agreement):
    agreement = make_agreement(safety_info_given=False, safety_info_given_on=None)
    text = pdf_text(documents.agreement_pdf(agreement))
    assert "Korzystający poinformuje Wolontariusza" in text
    assert "poinformował" not in text
    assert "Informacja o ryzyku (BHP) do przekazania przed rozpoczęciem" in text


def test_the_summary_and_the_clause_agree_about_insurance(
    make_agreement, make_volunteer
):
    recorded = make_agreement(
        date_to=dt.date(2026, 3, 20),
        insurance_nnw=True,
        insurance_policy_number="PZU-1",
    )
    text = pdf_text(documents.agreement_pdf(recorded))
    assert "Ubezpieczenie NNW polisa nr PZU-1" in text
    assert "zapewnia Wolontariuszowi ubezpieczenie" in text
    missing = make_agreement(
        party=make_volunteer(first_name="Ola"),
        date_to=dt.date(2026, 3, 20),
    )
    text = pdf_text(documents.agreement_pdf(missing))
    assert "Ubezpieczenie NNW do zapewnienia przed rozpoczęciem" in text
    assert "zapewni Wolontariuszowi ubezpieczenie" in text


def test_confidentiality_of_social_assistance_and_rodo_authorisation(
    make_agreement, coordinator
):
    text = pdf_text(stored(prepared(make_agreement(), coordinator)))
    assert "art. 100 ustawy z dnia 12 marca 2004 r. o pomocy społecznej" in text
    assert "również po wygaśnięciu lub rozwiązaniu porozumienia" in text
    assert "art. 29 i art. 32 ust. 4 rozporządzenia Parlamentu Europejskiego" in text
    assert "wyłącznie w zakresie i w celu niezbędnym" in text


def test_a_minors_agreement_carries_the_parents_consent(
    make_agreement, make_volunteer, coordinator
):
    minor = make_volunteer(
        first_name="Jaś",
        birth_date=dt.date(2010, 6, 1),
        guardian_name="Grażyna Nowak",
        guardian_phone="600100200",
        guardian_consent=True,
        # Given before the agreement starts (1 March), as the law asks.
        guardian_consent_on=dt.date(2026, 2, 20),
    )
    text = pdf_text(stored(prepared(make_agreement(party=minor), coordinator)))
    assert (
        "za zgodą przedstawiciela ustawowego (rodzica lub opiekuna prawnego): "
        "Grażyna Nowak (art. 17 Kodeksu cywilnego)" in text
    )
    assert "Przedstawiciel ustawowy: Grażyna Nowak" in text
    assert "art. 45 ustawy" not in text.split("Zgoda przedstawiciela ustawowego")[-1]


def test_the_institution_agreement_names_the_korzystajacy_and_shares_data(
    make_agreement, make_institution, coordinator
):
    school = make_institution(name="Szkoła Podstawowa nr 2")
    agreement = make_agreement(
        kind="institution",
        party=school,
        party_representatives="Jan Kowalski – Dyrektor Szkoły",
        korzystajacy="centre",
    )
    text = pdf_text(stored(prepared(agreement, coordinator)))
    assert "korzystającym w rozumieniu art. 42 ust. 1 pkt 3 ustawy" in text
    assert "reprezentowana przez: Jan Kowalski – Dyrektor Szkoły" in text
    assert "obowiązek informacyjny, o którym mowa w art. 14" in text
    assert "Korzystający (art. 42 ust. 1) Ośrodek" in text
    host = make_agreement(
        kind="institution",
        party=make_institution(name="Dom Pomocy Społecznej"),
        korzystajacy="party",
        insurance_by_party=True,
    )
    text = pdf_text(documents.agreement_pdf(host))
    assert "na rzecz Instytucji, która jest korzystającym" in text
    assert (
        "ubezpieczenie od następstw nieszczęśliwych wypadków zapewnia Instytucja"
        in (text)
    )


def test_the_beneficiary_agreement_settles_shopping_and_cites_no_art_45(
    make_agreement, make_beneficiary, coordinator
):
    beneficiary = make_beneficiary(gender="female", first_name="Helena")
    agreement = make_agreement(kind="beneficiary", party=beneficiary)
    text = pdf_text(stored(prepared(agreement, coordinator)))
    assert "Helena Kowalski" in text and "zwana dalej „Odbiorcą”" in text
    assert "paragon lub inny dowód zakupu i resztę pieniędzy" in text
    assert "art. 45" not in text and "art. 46" not in text


def test_later_pages_repeat_the_number_and_signatures_keep_their_paragraph(
    make_agreement, coordinator
):
    agreement = prepared(make_agreement(), coordinator)
    printed = pages(stored(agreement))
    assert len(printed) >= 2
    for page in printed[1:]:
        assert "Porozumienie nr CW/2026/001" in page
    last = printed[-1]
    assert "Postanowienia końcowe" in last
    assert last.index("Postanowienia końcowe") < last.index("Korzystający Katarzyna")


def test_the_signed_document_is_the_one_stored_at_preparation(
    make_agreement, coordinator, coordinator_client
):
    agreement = prepared(make_agreement(), coordinator)
    data = stored(agreement)
    assert hashlib.sha256(data).hexdigest() == agreement.document_sha256
    signed = services.agreement_sign(
        actor=coordinator,
        agreement=agreement,
        document_sha256=agreement.document_sha256,
    ).agreement
    assert signed.document_sha256 == hashlib.sha256(data).hexdigest()
    default_signatory().__class__.objects.filter(pk=signed.signatory_id).update(
        name="Ktoś Inny"
    )
    response = coordinator_client.get(
        reverse("agreements:agreement-pdf", args=[signed.pk])
    )
    assert b"".join(response.streaming_content) == data
    assert "Ktoś Inny" not in signed.text


def test_changing_a_prepared_draft_discards_the_document(make_agreement, coordinator):
    agreement = prepared(make_agreement(), coordinator)
    changed = services.agreement_update(
        actor=coordinator, agreement=agreement, fields={"place": "Świetlica"}
    )
    assert (changed.document_sha256, changed.document.name) == ("", "")
    with pytest.raises(services.AgreementError):
        services.agreement_sign(
            actor=coordinator, agreement=changed, document_sha256=""
        )


def test_the_standards_page_is_public(client):
    response = client.get(reverse("legal:child-protection-standards"))
    assert response.status_code == 200
    assert "Standardy ochrony małoletnich" in response.content.decode()


def test_signing_needs_the_document_printed(make_agreement, coordinator):
    with pytest.raises(services.AgreementError, match="Prepare"):
        services.agreement_sign(
            actor=coordinator, agreement=make_agreement(), document_sha256="0" * 64
        )
    assert sign_agreement(actor=coordinator, agreement=make_agreement()).agreement
