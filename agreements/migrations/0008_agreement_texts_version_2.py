"""Version 2 of the agreement texts (ustawa z dnia 24 kwietnia 2003 r. o
działalności pożytku publicznego i o wolontariacie, art. 42–46), published as
new versions: agreements already made keep the version and the frozen text
they were made with.

What changed from version 1: the party is the Ośrodek Pomocy Społecznej,
represented by the person who signs (the Centrum Wolontariatu is its unit);
costs follow art. 45 (travel costs and diety are paid, other costs only "may"
be, a written waiver is recorded); the health and safety information and the
insurance say what was actually done; confidentiality of art. 100 ustawy o
pomocy społecznej and the authorisation of art. 29 RODO; the institution
agreement names the "korzystający" and shares data; the beneficiary agreement
cites no duties of art. 45–46 and settles shopping with the beneficiary's
money; the grammatical form of the party comes from the data.
"""

from django.db import migrations

LAW = (
    "ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego "
    "i o wolontariacie"
)
UPS = "ustawy z dnia 12 marca 2004 r. o pomocy społecznej"
RODO = (
    "rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia "
    "27 kwietnia 2016 r. w sprawie ochrony osób fizycznych w związku z "
    "przetwarzaniem danych osobowych i w sprawie swobodnego przepływu takich "
    "danych oraz uchylenia dyrektywy 95/46/WE, zwanego dalej „RODO”"
)

# Shared by every kind: the OPS is the party; the Centre is its unit.
PARTY_OPS = (
    "{{ centre }}, {{ centre_address }}, {{ centre_representation }}"
)
UNIT_NOTE = (
    "Centrum Wolontariatu jest komórką organizacyjną Ośrodka Pomocy Społecznej "
    "w Czechowicach-Dziedzicach, za której pośrednictwem Ośrodek wykonuje "
    "porozumienie; Centrum nie jest stroną porozumienia."
)

CONFIDENTIALITY_VOLUNTEER = """§ 6. Tajemnica i dane osobowe
1. Wolontariusz zachowuje w tajemnicy wszelkie informacje dotyczące osób korzystających z pomocy społecznej i członków ich rodzin, w tym ich dane osobowe oraz informacje o ich sytuacji zdrowotnej, rodzinnej i materialnej, uzyskane w związku z wykonywaniem świadczeń (art. 100 """ + UPS + """). Obowiązek ten trwa również po wygaśnięciu lub rozwiązaniu porozumienia.
2. Korzystający, jako administrator danych osobowych, upoważnia Wolontariusza do przetwarzania danych osobowych osób, na rzecz których Wolontariusz wykonuje świadczenia, wyłącznie w zakresie i w celu niezbędnym do wykonania świadczeń, o których mowa w § 1, i wyłącznie na polecenie Korzystającego (art. 29 i art. 32 ust. 4 """ + RODO + """). Upoważnienie wygasa z dniem wygaśnięcia lub rozwiązania porozumienia.
3. Wolontariusz nie utrwala, nie kopiuje i nie udostępnia osobom nieuprawnionym danych i informacji, o których mowa w ust. 1, w szczególności nie publikuje wizerunku odbiorców pomocy ani informacji o nich, także w mediach społecznościowych, a o ich utracie lub ujawnieniu niezwłocznie zawiadamia koordynatora Centrum Wolontariatu.
4. Informację o przetwarzaniu danych osobowych Wolontariusza (art. 13 RODO) przekazano Wolontariuszowi przed zawarciem porozumienia; jest ona dostępna także pod adresem {{ privacy_url }}."""

VOLUNTEER = """zawarte w dniu {{ signed_on }} w Czechowicach-Dziedzicach na podstawie art. 42–46 """ + LAW + """ (dalej: „ustawa”).

Stronami porozumienia są:
1) """ + PARTY_OPS + """, zwany dalej „Korzystającym”,
2) {{ party_name }}{% if party_address %}, zam. {{ party_address }}{% endif %}{% if party_identity %}, {{ party_identity }}{% endif %}, {{ party_designation }}.
{% if is_minor %}Wolontariusz jest małoletni; porozumienie zawiera za zgodą przedstawiciela ustawowego (rodzica lub opiekuna prawnego): {{ guardian_name }} (art. 17 Kodeksu cywilnego), wyrażoną w sposób opisany na końcu porozumienia.
{% endif %}""" + UNIT_NOTE + """

§ 1. Zakres świadczeń
1. Wolontariusz dobrowolnie i bez wynagrodzenia wykonuje na rzecz Korzystającego świadczenia w zakresie: {{ scope }}
2. Świadczenia Wolontariusza odpowiadają świadczeniu pracy, lecz nie są wykonywane w ramach stosunku pracy ani umowy zlecenia.

§ 2. Sposób wykonywania świadczeń
1. {{ manner }}{% if place %}
2. Miejsce wykonywania świadczeń: {{ place }}.{% endif %}
3. Korzystający kieruje Wolontariusza do konkretnych zadań w zakresie określonym w § 1; Wolontariusz może odmówić przyjęcia skierowania.
4. Wolontariusz wykonuje świadczenia osobiście, zgodnie ze wskazówkami koordynatora Centrum Wolontariatu, i niezwłocznie zawiadamia koordynatora o przeszkodzie w ich wykonaniu.
5. Skierowanie Wolontariusza do świadczeń związanych z wychowaniem, edukacją, wypoczynkiem, leczeniem, świadczeniem porad psychologicznych, rozwojem duchowym, uprawianiem sportu lub realizacją innych zainteresowań przez małoletnich lub z opieką nad nimi jest możliwe dopiero po spełnieniu wymagań art. 21 ustawy z dnia 13 maja 2016 r. o przeciwdziałaniu zagrożeniom przestępczością na tle seksualnym i ochronie małoletnich. Wolontariusz przestrzega Standardów ochrony małoletnich obowiązujących u Korzystającego, dostępnych pod adresem {{ standards_url }}, i potwierdza zapoznanie się z nimi.

§ 3. Czas wykonywania świadczeń
Porozumienie zawiera się na okres {{ period }}.

§ 4. Bezpieczeństwo i ubezpieczenie
1. {{ safety_information }}
2. Korzystający zapewnia Wolontariuszowi, na zasadach dotyczących pracowników, bezpieczne i higieniczne warunki wykonywania świadczeń, w tym – w zależności od rodzaju świadczeń i zagrożeń związanych z ich wykonywaniem – odpowiednie środki ochrony indywidualnej (art. 45 ust. 1 pkt 2 ustawy).
3. {{ insurance }}

§ 5. Koszty
1. Korzystający pokrywa, na zasadach dotyczących pracowników określonych w odrębnych przepisach, koszty podróży służbowych i diet Wolontariusza (art. 45 ust. 1 pkt 3 ustawy).{% if travel_costs_waiver %} {{ travel_costs_waiver }}{% endif %}
2. Korzystający może pokrywać, na zasadach dotyczących pracowników, inne niezbędne koszty ponoszone przez Wolontariusza w związku z wykonywaniem świadczeń na rzecz Korzystającego (art. 45 ust. 2 ustawy), jeżeli ich poniesienie zostało uzgodnione z koordynatorem Centrum Wolontariatu przed ich poniesieniem.{% if cost_reimbursement %} {{ cost_reimbursement }}{% endif %}

""" + CONFIDENTIALITY_VOLUNTEER + """

§ 7. Rozwiązanie porozumienia
{{ termination_clause }}

§ 8. Postanowienia końcowe
1. Na wniosek Wolontariusza Korzystający wydaje pisemne zaświadczenie o wykonaniu świadczeń, w tym o zakresie wykonywanych świadczeń (art. 44 ust. 2 ustawy); na prośbę Wolontariusza Korzystający może wydać pisemną opinię o wykonaniu świadczeń (art. 44 ust. 3 ustawy).
2. Zmiany porozumienia wymagają formy pisemnej pod rygorem nieważności.
3. W sprawach nieuregulowanych porozumieniem stosuje się przepisy ustawy oraz Kodeksu cywilnego.
4. Porozumienie sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron."""

INSTITUTION = """zawarte w dniu {{ signed_on }} w Czechowicach-Dziedzicach w związku z art. 42–46 """ + LAW + """ (dalej: „ustawa”).

Stronami porozumienia są:
1) """ + PARTY_OPS + """, zwany dalej „Ośrodkiem”,
2) instytucja: {{ party_name }}{% if party_address %}, {{ party_address }}{% endif %}{% if party_identity %}, {{ party_identity }}{% endif %}, {{ party_representation }}, zwana dalej „Instytucją”,
zwane dalej łącznie „Stronami”.
""" + UNIT_NOTE + """

§ 1. Przedmiot porozumienia
Strony współpracują w zakresie wolontariatu: {{ scope }}

§ 2. Korzystający i jego obowiązki
{% if korzystajacy_is_centre %}1. Wolontariusze wykonują świadczenia na rzecz Ośrodka, który jest korzystającym w rozumieniu art. 42 ust. 1 pkt 3 ustawy. Ośrodek zawiera z każdym wolontariuszem porozumienie, o którym mowa w art. 44 ustawy, i wykonuje wobec wolontariuszy obowiązki określone w art. 45 i 46 ustawy.
2. Instytucja informuje o możliwości wykonywania świadczeń i przekazuje Ośrodkowi zgłoszenia osób zainteresowanych; nie kieruje wolontariuszy do zadań Ośrodka i nie wydaje im poleceń.
3. Jeżeli świadczenia są wykonywane w pomieszczeniach Instytucji, Instytucja informuje Ośrodek o zagrożeniach występujących w tych pomieszczeniach i zapewnia w nich bezpieczne i higieniczne warunki.{% else %}1. Wolontariusze skierowani przez Ośrodek wykonują świadczenia na rzecz Instytucji, która jest korzystającym w rozumieniu art. 42 ust. 1 ustawy. Instytucja zawiera z wolontariuszem porozumienie, o którym mowa w art. 44 ustawy, i wykonuje wobec wolontariuszy obowiązki określone w art. 45 i 46 ustawy, w tym informuje ich o ryzyku dla zdrowia i bezpieczeństwa oraz zapewnia bezpieczne i higieniczne warunki wykonywania świadczeń.
2. Ośrodek kojarzy wolontariuszy z potrzebami Instytucji i przekazuje Instytucji wyłącznie dane niezbędne do zawarcia porozumienia z wolontariuszem i organizacji świadczeń.{% endif %}

§ 3. Bezpieczeństwo, ubezpieczenie i wolontariusze małoletni
1. {{ insurance }}
2. Świadczenia trwające dłużej niż 30 dni wymagają porozumienia z wolontariuszem w formie pisemnej (art. 44 ust. 4 ustawy); okresy kolejnych świadczeń tego samego wolontariusza na rzecz tego samego korzystającego liczy się łącznie.
3. Wolontariusz małoletni może wykonywać świadczenia wyłącznie za zgodą przedstawiciela ustawowego (rodzica lub opiekuna prawnego) wyrażoną przed rozpoczęciem świadczeń (art. 17 Kodeksu cywilnego).
4. Wolontariusz może wykonywać świadczenia związane z wychowaniem, edukacją, wypoczynkiem lub realizacją zainteresowań przez małoletnich albo z opieką nad nimi dopiero po spełnieniu wymagań art. 21 ustawy z dnia 13 maja 2016 r. o przeciwdziałaniu zagrożeniom przestępczością na tle seksualnym i ochronie małoletnich, których dopełnia Strona będąca korzystającym.

§ 4. Sposób realizacji
{{ manner }}{% if place %}
Miejsce realizacji: {{ place }}.{% endif %}

§ 5. Okres obowiązywania
Porozumienie zawiera się na okres {{ period }}.

§ 6. Koszty
Koszty podróży służbowych i diet wolontariuszy (art. 45 ust. 1 pkt 3 ustawy) oraz inne niezbędne koszty, na których pokrycie korzystający się zgodzi (art. 45 ust. 2 ustawy), pokrywa Strona będąca korzystającym. Porozumienie nie rodzi zobowiązań finansowych między Stronami.{% if cost_reimbursement %} {{ cost_reimbursement }}{% endif %}

§ 7. Dane osobowe i tajemnica
1. Strony udostępniają sobie dane osobowe wolontariuszy i osób kontaktowych wyłącznie w zakresie niezbędnym do wykonania porozumienia (imię i nazwisko, dane kontaktowe, termin i miejsce świadczeń). Każda ze Stron jest odrębnym administratorem danych, które otrzymała, i wypełnia wobec tych osób obowiązek informacyjny, o którym mowa w art. 14 """ + RODO + """.
2. Ośrodek nie udostępnia Instytucji danych osób korzystających z pomocy społecznej, chyba że jest to niezbędne do wykonania konkretnego świadczenia i dopuszczają to przepisy prawa. Osoby działające w imieniu Instytucji, które uzyskają informacje o osobach korzystających z pomocy społecznej, zachowują je w tajemnicy, także po zakończeniu porozumienia (art. 100 """ + UPS + """).
3. Jeżeli Instytucja miałaby przetwarzać dane osobowe w imieniu Ośrodka, Strony zawrą odrębną umowę powierzenia przetwarzania danych (art. 28 RODO).

§ 8. Rozwiązanie porozumienia
{{ termination_clause }}

§ 9. Postanowienia końcowe
1. Zmiany porozumienia wymagają formy pisemnej pod rygorem nieważności.
2. W sprawach nieuregulowanych porozumieniem stosuje się przepisy ustawy oraz Kodeksu cywilnego.
3. Porozumienie sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze Stron."""

BENEFICIARY = """zawarte w dniu {{ signed_on }} w Czechowicach-Dziedzicach.

Stronami porozumienia są:
1) """ + PARTY_OPS + """, zwany dalej „Ośrodkiem”,
2) {{ party_name }}{% if party_address %}, zam. {{ party_address }}{% endif %}, {{ party_designation }}.
""" + UNIT_NOTE + """

§ 1. Zakres pomocy
Ośrodek kieruje do Odbiorcy wolontariuszy, którzy dobrowolnie i bez wynagrodzenia świadczą pomoc w zakresie: {{ scope }}

§ 2. Sposób świadczenia pomocy
1. {{ manner }}{% if place %}
2. Miejsce świadczenia pomocy: {{ place }}.{% endif %}
3. Wolontariusz nie przyjmuje od Odbiorcy wynagrodzenia, pożyczek ani upominków innych niż zwyczajowe drobne podziękowania, nie przyjmuje pełnomocnictw, kart płatniczych ani kodów do nich i nie dokonuje w imieniu Odbiorcy czynności prawnych, z wyjątkiem drobnych zakupów, o których mowa w ust. 4.
4. Jeżeli wolontariusz robi zakupy za pieniądze Odbiorcy, Odbiorca przekazuje mu kwotę przed zakupami, a wolontariusz rozlicza się z Odbiorcą niezwłocznie po ich dostarczeniu: oddaje zakupione rzeczy, paragon lub inny dowód zakupu i resztę pieniędzy. Wolontariusz nie kupuje za własne pieniądze; w razie wątpliwości Odbiorca lub wolontariusz zawiadamia koordynatora Centrum Wolontariatu.
5. Odbiorca informuje Ośrodek przed rozpoczęciem pomocy o znanych mu okolicznościach, które mogą zagrażać zdrowiu lub bezpieczeństwu wolontariuszy w miejscu świadczenia pomocy (np. zwierzęta, choroba zakaźna domowników), aby Ośrodek mógł przekazać te informacje wolontariuszom.
6. Pomoc jest dla Odbiorcy nieodpłatna. Zmianę terminu lub rezygnację z pomocy Odbiorca zgłasza koordynatorowi Centrum Wolontariatu lub swojemu pracownikowi socjalnemu.

§ 3. Okres świadczenia pomocy
Porozumienie zawiera się na okres {{ period }}.

§ 4. Tajemnica i dane osobowe
1. Wolontariusze są obowiązani zachować w tajemnicy informacje o Odbiorcy, uzyskane w związku ze świadczeniem pomocy, także po jej zakończeniu (art. 100 """ + UPS + """).
2. Ośrodek przetwarza dane osobowe Odbiorcy w celu organizacji pomocy wolontariuszy, w zakresie niezbędnym do tego celu, i udostępnia wolontariuszom tylko imię, adres miejsca pomocy, termin i informacje potrzebne do jej wykonania. Informację o przetwarzaniu danych osobowych (art. 13 """ + RODO + """) przekazano Odbiorcy przed zawarciem porozumienia; jest ona dostępna także pod adresem {{ privacy_url }}.

§ 5. Rozwiązanie porozumienia
{{ termination_clause }}

§ 6. Postanowienia końcowe
1. Zmiany porozumienia wymagają formy pisemnej pod rygorem nieważności.
2. W sprawach nieuregulowanych porozumieniem stosuje się przepisy Kodeksu cywilnego.
3. Porozumienie sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron."""

TEXTS = [
    ("volunteer", "Porozumienie o wykonywaniu świadczeń przez wolontariusza", VOLUNTEER),
    ("institution", "Porozumienie o współpracy w zakresie wolontariatu", INSTITUTION),
    (
        "beneficiary",
        "Porozumienie w sprawie pomocy świadczonej przez wolontariuszy",
        BENEFICIARY,
    ),
]


SAFETY = (
    "Ogólne zasady bezpieczeństwa wolontariusza",
    "zasad bezpiecznego dźwigania i przenoszenia zakupów i innych ciężarów, "
    "postępowania w razie wypadku lub zasłabnięcia osoby, której udzielana jest "
    "pomoc (wezwanie pomocy pod numerem 112, powiadomienie koordynatora), "
    "zachowania ostrożności wobec zwierząt domowych, higieny i ochrony przed "
    "chorobami zakaźnymi, bezpiecznego poruszania się po drogach i w budynkach "
    "oraz zgłaszania koordynatorowi każdego zdarzenia zagrażającego zdrowiu lub "
    "bezpieczeństwu",
)


def publish(apps, schema_editor):
    SafetyInformation = apps.get_model("agreements", "SafetyInformation")
    SafetyInformation.objects.get_or_create(
        title=SAFETY[0], defaults={"text": SAFETY[1]}
    )
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    for kind, title, body in TEXTS:
        if AgreementTemplate.objects.filter(kind=kind, version=2).exists():
            continue
        AgreementTemplate.objects.filter(kind=kind, is_active=True).update(
            is_active=False
        )
        AgreementTemplate.objects.create(
            kind=kind, version=2, title=title, body=body, is_active=True
        )


def withdraw(apps, schema_editor):
    SafetyInformation = apps.get_model("agreements", "SafetyInformation")
    SafetyInformation.objects.filter(title=SAFETY[0]).delete()
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    for kind, _title, _body in TEXTS:
        unused = AgreementTemplate.objects.filter(
            kind=kind, version=2, agreements__isnull=True
        )
        if unused.delete()[0]:
            AgreementTemplate.objects.filter(kind=kind, version=1).update(
                is_active=True
            )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0007_signatories_safety_information_costs_and_stored_documents")
    ]

    operations = [migrations.RunPython(publish, withdraw)]
