"""The kinds of help requests of the demo data, its programmes and the
weights of statuses and urgency."""

from dataclasses import dataclass

from matching.models import Assignment, HelpRequest

Status = HelpRequest.Status
AStatus = Assignment.Status


@dataclass(frozen=True)
class Template:
    title: str
    category: str
    party: str  # "b": a beneficiary, "i": an institution
    description: str
    times: tuple[tuple[int, int, int, int], ...]  # start h, min, end h, min
    weekly: float = 0.5  # how often the request is weekly rather than one-off
    needed: tuple[int, int] = (1, 1)
    required: tuple[str, ...] = ()
    nice: tuple[str, ...] = ()
    adults_only: bool = False
    involves_minors: bool = False
    # The driving licence is the request's flag (and the volunteer's field),
    # never a skill (matching migration 0018).
    driving: bool = False
    weekend: bool = False  # one-off events fall on a Saturday


# fmt: off
TEMPLATES = (
    Template("Zakupy dla seniora", "Zakupy i sprawunki", "b",
             "Zakupy spożywcze w pobliskim sklepie i wniesienie ich do mieszkania; "
             "lista zakupów u podopiecznej.",
             ((9, 0, 11, 0), (10, 0, 12, 0), (16, 0, 18, 0)), weekly=0.6),
    Template("Wykupienie leków z apteki", "Zakupy i sprawunki", "b",
             "Odbiór recept z przychodni i wykupienie leków; pieniądze przekazuje "
             "podopieczny.", ((10, 0, 11, 0), (15, 0, 16, 0), (17, 0, 18, 0)),
             weekly=0.2),
    Template("Korepetycje z matematyki", "Pomoc w nauce", "b",
             "Pomoc w nauce matematyki dla ucznia szkoły podstawowej (klasa 6), "
             "zajęcia w domu rodziny.", ((15, 0, 16, 30), (16, 0, 17, 30),
             (17, 0, 18, 30)), weekly=0.9, required=("Korepetycje z matematyki",),
             involves_minors=True),
    Template("Korepetycje z języka angielskiego", "Pomoc w nauce", "b",
             "Nauka języka angielskiego z uczennicą przygotowującą się do egzaminu "
             "ósmoklasisty.", ((15, 0, 16, 30), (16, 30, 18, 0)), weekly=0.9,
             required=("Korepetycje z języka angielskiego",), involves_minors=True),
    Template("Transport do lekarza", "Transport i dowóz", "b",
             "Dowóz na wizytę w przychodni specjalistycznej w Bielsku-Białej "
             "i z powrotem; podopieczny porusza się o kulach.",
             ((8, 30, 11, 0), (9, 0, 12, 0), (12, 0, 14, 0)), weekly=0.1,
             adults_only=True, driving=True),
    Template("Dowóz na rehabilitację", "Transport i dowóz", "b",
             "Dowóz na zabiegi rehabilitacyjne przy ul. Kopernika.",
             ((8, 0, 10, 0), (13, 0, 15, 0)), weekly=0.8, adults_only=True,
             driving=True),
    Template("Spacer z osobą niewidomą", "Towarzyszenie osobom starszym", "b",
             "Wspólny spacer po okolicy i do parku; podopieczna jest niewidoma "
             "i chodzi z białą laską.", ((10, 0, 12, 0), (14, 0, 16, 0),
             (16, 0, 17, 30)), weekly=0.7, nice=("Pierwsza pomoc",),
             adults_only=True),
    Template("Odwiedziny u samotnej seniorki", "Towarzyszenie osobom starszym", "b",
             "Rozmowa, wspólna herbata, gry planszowe; podopieczna mieszka sama "
             "i rzadko wychodzi z domu.", ((10, 0, 12, 0), (15, 0, 17, 0)),
             weekly=0.8),
    Template("Czytanie prasy osobie słabowidzącej", "Towarzyszenie osobom starszym",
             "b", "Czytanie gazety i korespondencji, pomoc w odpisaniu na listy.",
             ((11, 0, 12, 0), (17, 0, 18, 0)), weekly=0.7),
    Template("Pomoc w zbiórce żywności", "Zbiórki i akcje charytatywne", "i",
             "Zbiórka w supermarkecie: informowanie klientów, przyjmowanie, "
             "sortowanie i pakowanie darów.", ((9, 0, 13, 0), (12, 0, 16, 0),
             (14, 0, 18, 0)), weekly=0.0, needed=(3, 8), weekend=True),
    Template("Pakowanie paczek świątecznych", "Zbiórki i akcje charytatywne", "i",
             "Pakowanie i opisywanie paczek dla rodzin objętych wsparciem OPS.",
             ((10, 0, 14, 0), (16, 0, 19, 0)), weekly=0.0, needed=(2, 6)),
    Template("Pomoc przy festynie rodzinnym", "Wydarzenia i imprezy", "i",
             "Prowadzenie stoisk z zabawami dla dzieci, pomoc przy rejestracji "
             "uczestników.", ((10, 0, 14, 0), (14, 0, 18, 0)), weekly=0.0,
             needed=(3, 8), nice=("Animacja czasu wolnego", "Pierwsza pomoc"),
             involves_minors=True, weekend=True),
    Template("Zajęcia świetlicowe dla dzieci", "Pomoc w nauce", "i",
             "Odrabianie lekcji i zajęcia plastyczne w świetlicy szkolnej.",
             ((13, 0, 15, 0), (14, 0, 16, 0)), weekly=1.0, needed=(1, 3),
             nice=("Animacja czasu wolnego", "Opieka nad dziećmi"),
             involves_minors=True),
    Template("Opieka nad dziećmi podczas zebrania", "Wydarzenia i imprezy", "i",
             "Zajęcie się dziećmi w sali obok, gdy rodzice są na zebraniu.",
             ((17, 0, 19, 0),), weekly=0.0, needed=(1, 3),
             required=("Opieka nad dziećmi",), involves_minors=True),
    Template("Drobne naprawy w mieszkaniu", "Pomoc w domu i ogrodzie", "b",
             "Wymiana żarówek, uszczelka w kranie, przykręcenie półki.",
             ((9, 0, 12, 0), (14, 0, 17, 0)), weekly=0.2, required=("Drobne naprawy",),
             adults_only=True),
    Template("Prace porządkowe w ogrodzie", "Pomoc w domu i ogrodzie", "b",
             "Grabienie liści, przycięcie krzewów, przygotowanie ogrodu do zimy.",
             ((9, 0, 12, 0), (15, 0, 18, 0)), weekly=0.4, nice=("Prace ogrodowe",)),
    Template("Pomoc w wypełnieniu wniosku", "Pomoc administracyjna", "b",
             "Wypełnienie wniosku o dodatek mieszkaniowy i kopie dokumentów.",
             ((10, 0, 11, 30), (15, 0, 16, 30)), weekly=0.0,
             nice=("Obsługa komputera",), adults_only=True),
    Template("Nauka obsługi smartfona i komputera", "Pomoc administracyjna", "b",
             "Nauka rozmów wideo z rodziną za granicą i obsługi poczty e-mail.",
             ((10, 0, 11, 0), (17, 0, 18, 0)), weekly=0.7,
             required=("Obsługa komputera",)),
    Template("Tłumaczenie na język migowy w urzędzie", "Pomoc administracyjna", "b",
             "Towarzyszenie osobie głuchej podczas wizyty w urzędzie.",
             ((9, 0, 11, 0), (12, 0, 13, 0)), weekly=0.0, required=("Język migowy",),
             adults_only=True),
    Template("Spacery z mieszkańcami domu pomocy", "Towarzyszenie osobom starszym",
             "i", "Spacery z mieszkańcami poruszającymi się na wózkach.",
             ((10, 0, 12, 0), (14, 0, 16, 0)), weekly=0.8, needed=(2, 4),
             nice=("Pierwsza pomoc",)),
    Template("Punkt informacyjny na wydarzeniu", "Wydarzenia i imprezy", "i",
             "Obsługa punktu informacyjnego i pomoc uczestnikom.",
             ((9, 0, 13, 0), (13, 0, 17, 0)), weekly=0.0, needed=(2, 5),
             weekend=True),
)
# (name, description, categories of its requests, open-ended)
PROGRAMMES = (
    ("Zimowa Zbiórka Żywności", "Zbiórki w sklepach, sortowanie i rozwożenie "
     "paczek, z Bankiem Żywności i parafiami.", ("Zbiórki i akcje charytatywne",),
     False),
    ("Bezpieczny Senior", "Wsparcie osób starszych mieszkających samotnie: zakupy, "
     "towarzyszenie, sprawy urzędowe.", ("Towarzyszenie osobom starszym",
     "Zakupy i sprawunki"), True),
    ("Wakacje z wolontariuszem", "Zajęcia w świetlicach szkolnych i festyny "
     "rodzinne.", ("Wydarzenia i imprezy",), False),
    ("Odrabiamy razem", "Pomoc w nauce dla dzieci z rodzin objętych wsparciem OPS, "
     "we współpracy ze szkołami.", ("Pomoc w nauce",), False),
)
PARTNER_ROLES = ("współorganizator", "partner merytoryczny", "udostępnia lokal",
                 "zapewnia transport", "koordynuje wolontariuszy szkolnych")
HOURS_NOTES = ("", "", "", "Wszystko w porządku.", "Podopieczna bardzo zadowolona.",
               "Zajęcia przesunięte o pół godziny.", "Przekazano dary do magazynu.")
# Status of a request, and how often it occurs.
STATUS_WEIGHTS = (
    (Status.OPEN, 45), (Status.NEW, 14), (Status.STAFFED, 10),
    (Status.IN_PROGRESS, 12), (Status.COMPLETED, 14), (Status.CANCELLED, 5),
)
URGENCY_WEIGHTS = (15, 55, 22, 8)
# fmt: on
