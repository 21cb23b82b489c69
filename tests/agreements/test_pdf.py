"""The printed documents, read back as text with pypdf."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from agreements import documents, services
from tests.fixtures.agreements import sign_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0), tick=False)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Line breaks inside sentences do not matter for what the document says,
    # nor the no-break spaces that keep a date together (``\s`` matches them).
    return re.sub(r"\s+", " ", text)


def test_a_volunteer_agreement_pdf_has_the_parties_dates_number_and_clauses(
    make_agreement, make_volunteer, coordinator
):
    volunteer = make_volunteer(
        first_name="Łucja",
        last_name="Żółtańska",
        street="ul. Świerkowa 5",
        postal_code="43-502",
    )
    agreement = make_agreement(
        party=volunteer,
        insurance_nnw=True,
        insurance_policy_number="PZU-NNW-2026-15",
    )
    agreement = sign_agreement(actor=coordinator, agreement=agreement).agreement
    text = pdf_text(documents.agreement_pdf(agreement))
    for expected in (
        "CW/2026/001",
        "Łucja Żółtańska",
        "ul. Świerkowa 5, 43-502 Czechowice-Dziedzice",
        "Ośrodek Pomocy Społecznej w Czechowicach-Dziedzicach",
        "od dnia 1 marca 2026 r. do dnia 31 grudnia 2026 r.",
        "Data zawarcia 2 marca 2026 r.",
        # scope, manner, place
        "Pomoc w robieniu zakupów i drobne prace domowe u seniorów.",
        "Wizyty w domach odbiorców",
        "dzielnica Lesisko",
        # art. 44–46 of the act on volunteering
        "art. 42–46 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku "
        "publicznego i o wolontariacie",
        "o ryzyku dla zdrowia i bezpieczeństwa",
        "bezpieczne i higieniczne warunki",
        "PZU-NNW-2026-15",
        "zaopatrzenie z tytułu wypadku",
        "koszty podróży służbowych i diet",
        # Costs typed for the agreement read as agreed, not as the law's.
        "Uzgodnione z góry koszty do pokrycia: Zwrot kosztów biletów komunikacji "
        "miejskiej.",
        "Rozwiązanie porozumienia",
        "14-dniowego okresu wypowiedzenia",
        "zaświadczenie o wykonaniu świadczeń",
    ):
        assert expected in text, expected


def test_a_short_agreement_states_the_nnw_insurance(make_agreement, coordinator):
    agreement = make_agreement(
        date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 20), insurance_nnw=True
    )
    text = pdf_text(documents.agreement_pdf(agreement))
    assert "nie dłuższy niż 30 dni" in text
    assert "ubezpieczenie od następstw nieszczęśliwych wypadków" in text
    assert "zaopatrzenie z tytułu wypadku" not in text


def test_a_minor_s_agreement_prints_the_guardian_s_consent(
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
    agreement = make_agreement(party=minor)
    text = pdf_text(documents.agreement_pdf(agreement))
    assert "Zgoda przedstawiciela ustawowego" in text
    assert "Grażyna Nowak" in text


def test_a_minor_s_agreement_asks_the_representative_to_sign_before_consent(
    make_agreement, make_volunteer
):
    """The parent may give the consent by signing this very document."""
    minor = make_volunteer(
        first_name="Jaś",
        birth_date=dt.date(2010, 6, 1),
        guardian_name="Grażyna Nowak",
        guardian_phone="600100200",
    )
    assert not minor.guardian_consent
    text = pdf_text(documents.agreement_pdf(make_agreement(party=minor)))
    assert "porozumienie zawiera za zgodą przedstawiciela ustawowego" in text
    assert "Przedstawiciel ustawowy: Grażyna Nowak" in text


def test_an_indefinite_agreement_says_so(make_agreement):
    agreement = make_agreement(date_to=None)
    text = pdf_text(documents.agreement_pdf(agreement))
    assert "nieokreślony, począwszy od dnia 1 marca 2026 r." in text


def test_an_institution_agreement_names_the_institution(
    make_agreement, make_institution
):
    institution = make_institution(
        name="Parafia św. Andrzeja Boboli", kind="parish", nip="6521234560"
    )
    agreement = make_agreement(kind="institution", party=institution)
    text = pdf_text(documents.agreement_pdf(agreement))
    assert "Parafia św. Andrzeja Boboli" in text
    assert "Instytucją" in text
    assert "NIP 6521234560" in text
    assert "CW/2026/001" in text


def test_a_beneficiary_agreement_names_the_beneficiary(
    make_agreement, make_beneficiary
):
    beneficiary = make_beneficiary(first_name="Stanisław", last_name="Gąsiorek")
    agreement = make_agreement(kind="beneficiary", party=beneficiary)
    text = pdf_text(documents.agreement_pdf(agreement))
    assert "Stanisław Gąsiorek" in text
    assert "Odbiorcą" in text


def test_a_certificate_pdf_states_the_hours_and_the_work(
    make_volunteer, make_assignment, log_hours, coordinator
):
    volunteer = make_volunteer(first_name="Małgorzata", last_name="Ślęzak")
    shopping = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    tutoring = make_assignment(
        volunteer,
        title="Korepetycje z matematyki",
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
    )
    log_hours(shopping, dt.date(2026, 1, 10), "2.5")
    log_hours(tutoring, dt.date(2026, 2, 3), "1.5")
    log_hours(tutoring, dt.date(2026, 2, 4), "6", approved=False)
    certificate = services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 2, 28),
        scope="Pomoc sąsiedzka",
    )
    with certificate.pdf.open("rb") as stored:
        text = pdf_text(stored.read())
    for expected in (
        "ZAŚ/2026/001",
        "Małgorzata Ślęzak",
        # The first and last day of approved work, not the period asked for.
        "w okresie od dnia 10 stycznia 2026 r. do dnia 3 lutego 2026 r.",
        "4 godz.",
        "Zakupy dla seniora",
        "Korepetycje z matematyki",
        shopping.request.category.name,
        "art. 44 ust. 2",
        "Zakres wykonanych świadczeń: Pomoc sąsiedzka",
        "Zaświadczenie wydaje się na wniosek wolontariusza.",
        "Katarzyna Wójcik – Kierownik Zespołu ds. usług, z upoważnienia Dyrektora",
    ):
        assert expected in text, expected
    assert "1 stycznia 2026" not in text
    assert "podpis i pieczęć Centrum" not in text
    # Each work's hours as a person writes them: 2,5 and 1,5, not 2,50.
    assert "2,5" in text and "1,5" in text and "2,50" not in text


def test_a_reference_pdf_carries_the_assessment(
    make_volunteer, make_assignment, log_hours, coordinator
):
    volunteer = make_volunteer(first_name="Józef", last_name="Kłoś")
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "3")
    reference = services.reference_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 1, 31),
        assessment="Pan Józef był sumienny, punktualny i życzliwy wobec podopiecznych.",
    )
    with reference.pdf.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "OP/2026/001" in text
    assert "wolontariusza: Józef Kłoś" in text
    assert "art. 44 ust. 3" in text
    # The scope is on every reference, from the work done when none is typed.
    assert f"Zakres wykonywanych świadczeń: {work.request.category.name}." in text
    assert "w zakresie: świadczenia w zakresie" not in text
    assert "sumienny, punktualny i życzliwy" in text
    assert "3 godz." in text


def test_a_certificate_agrees_with_the_volunteers_gender_or_turns_the_sentence(
    make_volunteer, make_assignment, log_hours, coordinator
):
    texts = {}
    for gender in ("female", "male", ""):
        volunteer = make_volunteer(first_name="Alex", last_name=f"Nowak{gender}")
        volunteer.gender = gender
        volunteer.save(update_fields=["gender"])
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
        with certificate.pdf.open("rb") as stored:
            texts[gender] = pdf_text(stored.read())
    assert "wykonywała na rzecz Ośrodka" in texts["female"]
    assert "wykonywał na rzecz Ośrodka" in texts["male"]
    assert "świadczenia wykonywał wolontariusz: Alex Nowak" in texts[""]
    assert all("(a)" not in text for text in texts.values())


def test_a_bulk_certificate_does_not_say_it_was_asked_for(
    make_volunteer, make_assignment, log_hours, coordinator
):
    volunteer = make_volunteer()
    work = make_assignment(
        volunteer, date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 6, 30)
    )
    log_hours(work, dt.date(2026, 1, 10), "2")
    certificate = services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 1, 31),
        on_request=False,
    )
    with certificate.pdf.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "na wniosek" not in text
    assert f"Zakres wykonanych świadczeń: {work.request.category.name}." in text


def test_a_beneficiarys_name_never_reaches_a_certificate(
    make_volunteer, coordinator, log_hours
):
    from matching.models import Assignment, HelpRequest
    from registry.models import Category
    from registry.services import beneficiary_create

    beneficiary = beneficiary_create(
        actor=coordinator, fields={"first_name": "Urszula", "last_name": "Gąska"}
    )
    volunteer = make_volunteer()
    request = HelpRequest.objects.create(
        beneficiary=beneficiary,
        title="Zakupy dla pani Urszuli Gąski",
        kind=HelpRequest.Kind.WEEKLY,
        category=Category.objects.order_by("name").first(),
        date_from=dt.date(2026, 1, 5),
        date_to=dt.date(2026, 1, 30),
        created_by=coordinator,
    )
    work = Assignment.objects.create(
        request=request,
        volunteer=volunteer,
        status="active",
        place=1,
        date_from=dt.date(2026, 1, 5),
        date_to=dt.date(2026, 1, 30),
    )
    log_hours(work, dt.date(2026, 1, 10), "2")
    certificate = services.certificate_issue(
        actor=coordinator,
        volunteer=volunteer,
        date_from=dt.date(2026, 1, 1),
        date_to=dt.date(2026, 1, 31),
    )
    with certificate.pdf.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "Gąsk" not in text and "Urszul" not in text
    assert "pomoc indywidualna" in text
