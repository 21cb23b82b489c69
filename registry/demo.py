"""Demo data of the register: institutions, volunteers, beneficiaries.

Deterministic for a given ``rng``; realistic for Czechowice-Dziedzice (real
streets, schools, parishes, associations, social-welfare units with valid NIP
and REGON check digits). Rows are written with bulk_create in batches, so
``--volunteers 100000`` takes seconds, not hours: bulk_create skips save(),
hence ``search_text`` is built here, and history gets one "created" row per
record through simple-history's bulk helper.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from stdnum.pl import nip, pesel, regon

from registry.models import (
    Availability,
    Beneficiary,
    Category,
    ContactPerson,
    District,
    Institution,
    Skill,
    Volunteer,
)
from volunteer_center.core.text import fold

BATCH = 5000

# fmt: off
FEMALE_FIRST = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa",
    "Krystyna", "Elżbieta", "Zofia", "Joanna", "Magdalena", "Monika", "Urszula",
    "Jadwiga", "Danuta", "Beata", "Dorota", "Aleksandra", "Natalia", "Zuzanna",
    "Julia", "Wiktoria", "Łucja", "Halina", "Bożena", "Grażyna", "Jolanta",
    "Iwona", "Renata", "Żaneta", "Marzena", "Weronika", "Paulina", "Oliwia",
)
MALE_FIRST = (
    "Jan", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał",
    "Marcin", "Grzegorz", "Józef", "Stanisław", "Łukasz", "Mateusz", "Jakub",
    "Adam", "Zbigniew", "Jerzy", "Tadeusz", "Ryszard", "Kazimierz", "Wojciech",
    "Bartłomiej", "Dawid", "Szymon", "Mikołaj", "Antoni", "Franciszek",
    "Przemysław", "Zdzisław", "Bogdan", "Sławomir", "Kamil", "Oskar", "Filip",
)
# (male form, female form)
LAST_NAMES = (
    ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
    ("Kwiatkowski", "Kwiatkowska"), ("Krawczyk", "Krawczyk"), ("Piotrowski",
    "Piotrowska"), ("Grabowski", "Grabowska"), ("Pawłowski", "Pawłowska"),
    ("Michalski", "Michalska"), ("Król", "Król"), ("Wieczorek", "Wieczorek"),
    ("Jabłoński", "Jabłońska"), ("Wróbel", "Wróbel"), ("Nowakowski", "Nowakowska"),
    ("Majewski", "Majewska"), ("Olszewski", "Olszewska"), ("Stępień", "Stępień"),
    ("Jaworski", "Jaworska"), ("Malinowski", "Malinowska"), ("Adamczyk",
    "Adamczyk"), ("Dudek", "Dudek"), ("Górecki", "Górecka"), ("Pająk", "Pająk"),
    ("Sołtysik", "Sołtysik"), ("Gąsior", "Gąsior"), ("Żak", "Żak"),
    ("Ślusarczyk", "Ślusarczyk"), ("Kubica", "Kubica"), ("Małysz", "Małysz"),
    ("Bielecki", "Bielecka"), ("Czyż", "Czyż"), ("Łukaszczyk", "Łukaszczyk"),
    ("Hołda", "Hołda"), ("Szczęsny", "Szczęsna"), ("Brzózka", "Brzózka"),
)

TOWN_STREETS = (
    "Niepodległości", "Legionów", "Traugutta", "Kolejowa", "Mickiewicza",
    "Słowackiego", "Barlickiego", "Hallera", "Kopernika", "Polna", "Zabrzeska",
    "Bronowska", "Ligocka", "Nad Białką", "Paderewskiego", "Sienkiewicza",
    "Kraszewskiego", "Łukasiewicza", "Węglowa", "Żwirki i Wigury", "Północna",
    "Szarych Szeregów", "Górnośląska", "Bestwińska", "Ks. Barabasza",
)
VILLAGE_STREETS = (
    "Szkolna", "Kościelna", "Polna", "Leśna", "Ogrodowa", "Łąkowa", "Spacerowa",
    "Wiejska", "Stawowa", "Krótka", "Słoneczna", "Zielona",
)
# Postal code and town written in the address of each district.
DISTRICT_ADDRESS = {
    "Czechowice-Dziedzice": ("43-502", "Czechowice-Dziedzice"),
    "Bronów": ("43-512", "Bronów"),
    "Ligota": ("43-504", "Ligota"),
    "Zabrzeg": ("43-516", "Zabrzeg"),
}
MOBILE_PREFIXES = (
    "501", "502", "505", "509", "510", "512", "513", "530", "533", "535",
    "600", "601", "602", "604", "605", "660", "661", "662", "664", "665",
    "691", "692", "693", "694", "697", "721", "724", "725", "728", "781",
    "782", "784", "790", "791", "792", "796", "880", "881", "883", "887",
)
LANGUAGES = ("angielski", "niemiecki", "czeski", "ukraiński", "rosyjski", "włoski")
NEEDS = (
    "Zakupy raz w tygodniu, osoba porusza się o kuli.",
    "Towarzyszenie w spacerach i rozmowa; mieszka sama.",
    "Dowóz na wizyty lekarskie do przychodni przy ul. Kopernika.",
    "Pomoc w nauce dla dwojga dzieci (matematyka, j. angielski).",
    "Drobne naprawy w mieszkaniu i pomoc przy porządkach.",
    "Wykupienie leków i odbiór recept.",
    "Pomoc w wypełnieniu wniosków i korespondencji z urzędami.",
    "Prace w ogrodzie wiosną i jesienią.",
    "Czytanie prasy i książek; słabo widzi.",
    "Pomoc w obsłudze telefonu i komputera, kontakt z rodziną za granicą.",
)
VOLUNTEER_NOTES = (
    "",
    "",
    "",
    "Preferuje pomoc osobom starszym.",
    "Student pedagogiki, chętnie prowadzi zajęcia z dziećmi.",
    "Dostępna głównie w czasie wakacji szkolnych.",
    "Ma doświadczenie z hospicjum.",
    "Chętnie pomaga przy zbiórkach żywności.",
)

# Named institutions of the town; more are generated when asked for more.
INSTITUTIONS = (
    ("Szkoła Podstawowa nr 1 im. Marii Konopnickiej", "school", "Legionów"),
    ("Szkoła Podstawowa nr 2 im. Jana Pawła II", "school", "Traugutta"),
    ("Szkoła Podstawowa nr 4 im. Adama Mickiewicza", "school", "Mickiewicza"),
    ("Szkoła Podstawowa nr 7 im. Stanisława Staszica", "school", "Kolejowa"),
    ("Szkoła Podstawowa w Bronowie", "school", "Szkolna"),
    ("Szkoła Podstawowa w Ligocie", "school", "Szkolna"),
    ("Szkoła Podstawowa w Zabrzegu", "school", "Szkolna"),
    ("Zespół Szkół Ogólnokształcących im. M. Kopernika", "school", "Kopernika"),
    ("Zespół Szkół Zawodowych im. Jana Kilińskiego", "school", "Słowackiego"),
    ("Przedszkole Miejskie nr 3", "kindergarten", "Hallera"),
    ("Przedszkole Miejskie nr 8", "kindergarten", "Polna"),
    ("Parafia Rzymskokatolicka św. Katarzyny", "parish", "Niepodległości"),
    ("Parafia Rzymskokatolicka Chrystusa Króla", "parish", "Legionów"),
    ("Parafia Rzymskokatolicka Niepokalanego Poczęcia NMP", "parish", "Barlickiego"),
    ("Parafia Ewangelicko-Augsburska", "parish", "Kolejowa"),
    ("Parafia Rzymskokatolicka w Ligocie", "parish", "Kościelna"),
    ("Stowarzyszenie „Razem dla Czechowic”", "association", "Niepodległości"),
    ("Stowarzyszenie Przyjaciół Osób Niepełnosprawnych", "association", "Zabrzeska"),
    ("Polski Komitet Pomocy Społecznej, Koło w Czechowicach", "association",
     "Bronowska"),
    ("Polski Związek Emerytów, Rencistów i Inwalidów", "association", "Hallera"),
    ("Uniwersytet Trzeciego Wieku", "association", "Traugutta"),
    ("Klub Seniora „Pogodna Jesień”", "association", "Ligocka"),
    ("Fundacja „Dobre Serce”", "foundation", "Mickiewicza"),
    ("Fundacja Pomocy Dzieciom „Promyk”", "foundation", "Słowackiego"),
    ("Dom Pomocy Społecznej „Przyjazny Dom”", "care_home", "Kopernika"),
    ("Środowiskowy Dom Samopomocy", "care_home", "Polna"),
    ("Ośrodek Pomocy Społecznej w Czechowicach-Dziedzicach", "public_body",
     "Nad Białką"),
    ("Miejski Ośrodek Pomocy Społecznej w Bielsku-Białej", "public_body",
     "Niepodległości"),
    ("Gminny Ośrodek Pomocy Społecznej w Bestwinie", "public_body", "Legionów"),
    ("Ośrodek Pomocy Społecznej w Pszczynie", "public_body", "Kolejowa"),
    ("Miejski Dom Kultury", "public_body", "Niepodległości"),
    ("Biblioteka Publiczna Gminy Czechowice-Dziedzice", "public_body", "Traugutta"),
    ("Ochotnicza Straż Pożarna w Zabrzegu", "association", "Wiejska"),
    ("Caritas parafii św. Katarzyny", "association", "Niepodległości"),
)
GENERATED_KINDS = (
    ("Stowarzyszenie Sąsiedzkie nr {n}", "association"),
    ("Fundacja Wsparcia Lokalnego nr {n}", "foundation"),
    ("Klub Wolontariusza przy szkole nr {n}", "school"),
    ("Przedsiębiorstwo Usługowe „Pomocna Dłoń {n}”", "company"),
)
POSITIONS = ("dyrektor", "pedagog szkolny", "proboszcz", "prezes", "sekretarz",
             "kierownik", "koordynator wolontariatu")
# fmt: on


def generate(*, rng, options, stdout) -> None:
    today = timezone.localdate()
    ctx = _Context(rng=rng, today=today)
    institutions = _institutions(ctx, options["institutions"])
    stdout.write(f"  institutions: {len(institutions)}")
    count = _volunteers(ctx, options["volunteers"], institutions)
    stdout.write(f"  volunteers: {count}")
    count = _beneficiaries(ctx, options["beneficiaries"])
    stdout.write(f"  beneficiaries: {count}")


class _Context:
    """Dictionaries, the clock and the identifiers already used."""

    def __init__(self, *, rng, today: dt.date):
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.districts = list(District.objects.order_by("pk"))
        self.skills = list(Skill.objects.order_by("pk").values_list("pk", flat=True))
        self.categories = list(
            Category.objects.order_by("pk").values_list("pk", flat=True)
        )
        self.town = next(
            (d for d in self.districts if d.kind == District.Kind.TOWN),
            self.districts[0],
        )
        users = get_user_model().objects.filter(
            username__in=["koordynator", "pracownik", "pracownik2"]
        )
        by_name = {u.username: u for u in users}
        self.coordinator = by_name.get("koordynator")
        self.social_workers = [
            by_name[n] for n in ("pracownik", "pracownik2") if n in by_name
        ]
        self.pesels: set[str] = set(
            Volunteer.objects.exclude(pesel="").values_list("pesel", flat=True)
        )
        self.nips: set[str] = set(
            Institution.objects.exclude(nip="").values_list("nip", flat=True)
        )
        self.regons: set[str] = set(
            Institution.objects.exclude(regon="").values_list("regon", flat=True)
        )

    def district(self) -> District:
        # Most people live in the town itself.
        if self.rng.random() < 0.7:
            return self.town
        return self.rng.choice(self.districts)

    def address(self, district: District) -> tuple[str, str, str]:
        postal_code, city = DISTRICT_ADDRESS.get(
            district.name, ("43-502", district.name)
        )
        streets = TOWN_STREETS if district == self.town else VILLAGE_STREETS
        number = self.rng.randint(1, 120)
        street = f"ul. {self.rng.choice(streets)} {number}"
        if self.rng.random() < 0.4:
            street += f"/{self.rng.randint(1, 40)}"
        return street, postal_code, city

    def phone(self) -> str:
        return f"+48{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**6):06d}"

    def person(self) -> tuple[str, str, bool]:
        female = self.rng.random() < 0.55
        first = self.rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        last = self.rng.choice(LAST_NAMES)[1 if female else 0]
        return first, last, female

    def pesel(self, birth_date: dt.date, female: bool) -> str:
        month = birth_date.month + {1900: 0, 2000: 20}[birth_date.year // 100 * 100]
        head = f"{birth_date.year % 100:02d}{month:02d}{birth_date.day:02d}"
        while True:
            sex = self.rng.choice("02468" if female else "13579")
            digits = f"{head}{self.rng.randrange(1000):03d}{sex}"
            number = digits + pesel.calc_check_digit(digits)
            if number not in self.pesels:
                self.pesels.add(number)
                return number

    def nip(self) -> str:
        while True:
            # The first three digits are a tax office's code (Czechowice: 652).
            digits = "652" + f"{self.rng.randrange(10**6):06d}"
            # At most one last digit makes it valid (none when the sum gives 10).
            valid = [digits + d for d in "0123456789" if nip.is_valid(digits + d)]
            if valid and valid[0] not in self.nips:
                self.nips.add(valid[0])
                return valid[0]

    def regon(self) -> str:
        while True:
            digits = "24" + f"{self.rng.randrange(10**6):06d}"
            number = digits + regon.calc_check_digit(digits)
            if number not in self.regons:
                self.regons.add(number)
                return number

    def birth_date(self, youngest: int, oldest: int) -> dt.date:
        days = self.rng.randint(youngest * 366, oldest * 365)
        return self.today - dt.timedelta(days=days)

    def email(self, first: str, last: str, serial: int) -> str:
        local = fold(f"{first}.{last}").replace(" ", "")
        domain = self.rng.choice(("example.pl", "example.com", "example.org"))
        return f"{local}{serial}@{domain}"


def _batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _bulk_create(model, objects: list, *, actor=None, history: bool = True) -> list:
    for obj in objects:
        if hasattr(obj, "build_search_text"):
            obj.search_text = obj.build_search_text()
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    if history and hasattr(model, "history"):
        model.history.bulk_history_create(
            created,
            batch_size=BATCH,
            default_user=actor,
            default_change_reason="dane demonstracyjne",
        )
    return created


# --- Institutions --------------------------------------------------------------


def _institutions(ctx: _Context, count: int) -> list[Institution]:
    objects = [_institution(ctx, i) for i in range(count)]
    created = _bulk_create(Institution, objects, actor=ctx.coordinator)
    contacts = []
    for institution in created:
        for _index in range(ctx.rng.randint(1, 2)):
            first, last, _female = ctx.person()
            contacts.append(
                ContactPerson(
                    institution=institution,
                    name=f"{first} {last}",
                    position=ctx.rng.choice(POSITIONS),
                    phone=ctx.phone(),
                    email=ctx.email(first, last, institution.pk),
                )
            )
    _bulk_create(ContactPerson, contacts, actor=ctx.coordinator)
    return created


def _institution(ctx: _Context, index: int) -> Institution:
    if index < len(INSTITUTIONS):
        name, kind, street_name = INSTITUTIONS[index]
        district = ctx.town
        if street_name in VILLAGE_STREETS:
            district = ctx.rng.choice(
                [d for d in ctx.districts if d != ctx.town] or [ctx.town]
            )
    else:
        template, kind = GENERATED_KINDS[index % len(GENERATED_KINDS)]
        name = template.format(n=index - len(INSTITUTIONS) + 1)
        district = ctx.district()
        street_name = None
    street, postal_code, city = ctx.address(district)
    if street_name:
        street = f"ul. {street_name} {ctx.rng.randint(1, 60)}"
    sends = kind in {"school", "parish", "association", "company"}
    return Institution(
        name=name,
        kind=kind,
        receives_help=kind in {"care_home", "kindergarten", "parish", "public_body"},
        sends_volunteers=sends or ctx.rng.random() < 0.2,
        programme_partner=kind in {"public_body", "foundation"}
        or ctx.rng.random() < 0.15,
        nip=ctx.nip(),
        regon=ctx.regon(),
        phone=f"+4832{ctx.rng.randrange(10**7):07d}",
        email=f"sekretariat{index + 1}@{_domain(name)}",
        street=street,
        postal_code=postal_code,
        city=city,
        district=district,
    )


def _domain(name: str) -> str:
    words = [w for w in fold(name).replace("„", "").replace("”", "").split() if w]
    initials = "".join(w[0] for w in words if w[0].isalnum())
    return f"{initials[:12] or 'instytucja'}.example.pl"


# --- Volunteers ----------------------------------------------------------------


def _volunteers(ctx: _Context, count: int, institutions: list[Institution]) -> int:
    senders = [i for i in institutions if i.sends_volunteers] or [None]
    created = 0
    for batch in _batched(range(count)):
        rows = [_volunteer(ctx, serial, senders) for serial in batch]
        volunteers = _bulk_create(
            Volunteer,
            [volunteer for volunteer, _relations in rows],
            actor=ctx.coordinator,
        )
        _volunteer_relations(ctx, zip(volunteers, (r for _v, r in rows), strict=True))
        created += len(volunteers)
    return created


def _volunteer(ctx: _Context, serial: int, senders: list) -> tuple[Volunteer, dict]:
    rng = ctx.rng
    first, last, female = ctx.person()
    minor = rng.random() < 0.12
    birth_date = ctx.birth_date(13, 17) if minor else ctx.birth_date(18, 78)
    district = ctx.district()
    street, postal_code, city = ctx.address(district)
    status = rng.choices([s.value for s in Volunteer.Status], weights=[20, 60, 10, 10])[
        0
    ]
    source = rng.choices([s.value for s in Volunteer.Source], weights=[50, 35, 15])[0]
    volunteer = Volunteer(
        first_name=first,
        last_name=last,
        birth_date=birth_date,
        pesel=ctx.pesel(birth_date, female) if rng.random() < 0.8 else "",
        email=ctx.email(first, last, serial + 1) if rng.random() < 0.9 else "",
        phone=ctx.phone(),
        street=street,
        postal_code=postal_code,
        city=city,
        district=district,
        languages=", ".join(rng.sample(LANGUAGES, rng.choice((0, 0, 1, 1, 2)))),
        has_driving_licence=not minor and rng.random() < 0.55,
        max_hours_per_week=rng.choice((2, 3, 4, 4, 6, 6, 8, 10, 12)),
        status=status,
        source=source,
        sending_institution=(
            rng.choice(senders) if source == Volunteer.Source.INSTITUTION else None
        ),
        legal_basis="consent",
        consent_clause_version=settings.PRIVACY_CLAUSE_VERSION,
        consent_given_at=ctx.now - dt.timedelta(days=rng.randint(1, 700)),
        notes=rng.choice(VOLUNTEER_NOTES),
    )
    volunteer.has_car = volunteer.has_driving_licence and rng.random() < 0.7
    if minor:
        _guardian(ctx, volunteer, last)
    if status != Volunteer.Status.CANDIDATE and rng.random() < 0.35:
        checked = ctx.today - dt.timedelta(days=rng.randint(5, 500))
        volunteer.criminal_record_checked_on = checked
        volunteer.sex_offender_register_checked_on = checked
        volunteer.vetting_verified_by = ctx.coordinator
    return volunteer, _relations(ctx, district)


def _guardian(ctx: _Context, volunteer: Volunteer, last_name: str) -> None:
    female = ctx.rng.random() < 0.6
    first = ctx.rng.choice(FEMALE_FIRST if female else MALE_FIRST)
    volunteer.guardian_name = f"{first} {last_name}"
    volunteer.guardian_phone = ctx.phone()
    volunteer.guardian_consent = True
    volunteer.guardian_consent_on = ctx.today - dt.timedelta(
        days=ctx.rng.randint(1, 300)
    )


def _relations(ctx: _Context, home: District) -> dict:
    rng = ctx.rng
    districts = {home.pk}
    if rng.random() < 0.4:
        districts.update(d.pk for d in rng.sample(ctx.districts, rng.randint(1, 2)))
    cells = rng.sample(range(21), rng.randint(2, 7))
    return {
        "skills": rng.sample(ctx.skills, min(len(ctx.skills), rng.randint(0, 3))),
        "interests": rng.sample(
            ctx.categories, min(len(ctx.categories), rng.randint(1, 3))
        ),
        "districts": sorted(districts),
        "availability": [(cell // 3, PARTS[cell % 3]) for cell in sorted(cells)],
    }


PARTS = [part.value for part in Availability.Part]


def _volunteer_relations(ctx: _Context, rows: Iterable[tuple[Volunteer, dict]]):
    skills, interests, districts, availability = [], [], [], []
    for volunteer, relations in rows:
        pk = volunteer.pk
        skills += [(pk, s) for s in relations["skills"]]
        interests += [(pk, c) for c in relations["interests"]]
        districts += [(pk, d) for d in relations["districts"]]
        availability += [(pk, day, part) for day, part in relations["availability"]]
    insert_rows(Volunteer.skills.through, ("volunteer_id", "skill_id"), skills)
    insert_rows(Volunteer.interests.through, ("volunteer_id", "category_id"), interests)
    insert_rows(
        Volunteer.reachable_districts.through,
        ("volunteer_id", "district_id"),
        districts,
    )
    insert_rows(Availability, ("volunteer_id", "weekday", "part"), availability)


def insert_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Writes plain rows: PostgreSQL's COPY when available (the link and
    availability rows of 100,000 volunteers are about a million), bulk_create
    elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**dict(zip(fields, row, strict=True))) for row in rows],
            batch_size=BATCH,
        )
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


# --- Beneficiaries -------------------------------------------------------------


def _beneficiaries(ctx: _Context, count: int) -> int:
    workers = ctx.social_workers or [None]
    created = 0
    for batch in _batched(range(count)):
        objects = [_beneficiary(ctx, serial, workers) for serial in batch]
        created += len(_bulk_create(Beneficiary, objects, actor=ctx.coordinator))
    return created


def _beneficiary(ctx: _Context, serial: int, workers: list) -> Beneficiary:
    rng = ctx.rng
    first, last, _female = ctx.person()
    district = ctx.district()
    street, postal_code, city = ctx.address(district)
    contact = rng.choices(
        [c.value for c in Beneficiary.Contact], weights=[60, 5, 15, 20]
    )[0]
    return Beneficiary(
        first_name=first,
        last_name=last,
        birth_date=ctx.birth_date(25, 95) if rng.random() < 0.9 else None,
        phone=ctx.phone() if rng.random() < 0.85 else "",
        email=ctx.email(first, last, serial + 1) if contact == "email" else "",
        needs=rng.choice(NEEDS),
        preferred_contact=contact,
        social_worker=workers[serial % len(workers)],
        status=rng.choices([s.value for s in Beneficiary.Status], weights=[9, 1])[0],
        legal_basis="public_task",
        street=street,
        postal_code=postal_code,
        city=city,
        district=district,
    )
