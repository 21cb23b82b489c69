"""Names, streets, institutions and phrases of the demo data: those of
Czechowice-Dziedzice and its villages."""

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
