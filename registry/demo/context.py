"""The demo data's dictionaries read from the database, its clock, its
random source and the identifiers already used (PESEL, NIP, REGON unique)."""

import datetime as dt
from functools import cache

from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.pl import nip, pesel, regon

from registry.demo.vocabulary import (
    DISTRICT_ADDRESS,
    FEMALE_FIRST,
    LAST_NAMES,
    MALE_FIRST,
    MOBILE_PREFIXES,
    TOWN_STREETS,
    VILLAGE_STREETS,
)
from registry.models import Category, District, Institution, Skill, Volunteer
from volunteer_center.core.text import fold


class Context:
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
        self.coordinator_id = getattr(self.coordinator, "pk", None)
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
        # Compared by id: a model's == costs more, 100,000 times.
        streets = TOWN_STREETS if district.pk == self.town.pk else VILLAGE_STREETS
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
        local = _local_part(first, last)
        domain = self.rng.choice(("example.pl", "example.com", "example.org"))
        return f"{local}{serial}@{domain}"


@cache
def _local_part(first: str, last: str) -> str:
    # A few thousand names for 100,000 people: folded once each.
    return fold(f"{first}.{last}").replace(" ", "")
