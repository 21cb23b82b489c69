"""Version 1 of the agreement texts (ustawa z dnia 24 kwietnia 2003 r. o
działalności pożytku publicznego i o wolontariacie, art. 42–46). The
administrator edits them in the admin; each edit becomes a new version."""

from django.db import migrations

LAW = (
    "ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego "
    "i o wolontariacie"
)

COMMON_END = """§ 7. Postanowienia końcowe
1. Na wniosek Wolontariusza Korzystający wydaje pisemne zaświadczenie o wykonaniu świadczeń, zawierające informację o zakresie wykonanych świadczeń, a także opinię o wykonywanych świadczeniach (art. 44 """ + LAW + """).
2. Zmiany porozumienia wymagają formy pisemnej pod rygorem nieważności.
3. W sprawach nieuregulowanych porozumieniem stosuje się przepisy """ + LAW + """ oraz Kodeksu cywilnego.
4. Porozumienie sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron."""

VOLUNTEER = """zawarte w dniu {{ signed_on }} w Czechowicach-Dziedzicach na podstawie art. 42–46 """ + LAW + """, pomiędzy:
{{ centre }}, {{ centre_address }}, w imieniu którego działa Centrum Wolontariatu, zwanym dalej „Korzystającym”,
a
{{ party_name }}{% if party_address %}, zam. {{ party_address }}{% endif %}{% if party_identity %}, {{ party_identity }}{% endif %}, zwanym dalej „Wolontariuszem”{% if guardian_name %}, działającym za pisemną zgodą przedstawiciela ustawowego (opiekuna prawnego): {{ guardian_name }}{% endif %}.

§ 1. Zakres świadczeń
Korzystający powierza, a Wolontariusz dobrowolnie i bez wynagrodzenia zobowiązuje się wykonywać następujące świadczenia: {{ scope }}

§ 2. Sposób wykonywania świadczeń
{{ manner }}{% if place %}
Miejsce wykonywania świadczeń: {{ place }}.{% endif %}
Wolontariusz wykonuje świadczenia osobiście, zgodnie ze wskazówkami koordynatora Centrum Wolontariatu, i zachowuje w tajemnicy informacje, w tym dane osobowe odbiorców pomocy, uzyskane w związku z wykonywaniem świadczeń.

§ 3. Okres wykonywania świadczeń
Porozumienie zawiera się na okres {{ period }}.

§ 4. Bezpieczeństwo i higiena (art. 45 i 46 ustawy)
1. Korzystający poinformował Wolontariusza o ryzyku dla zdrowia i bezpieczeństwa związanym z wykonywanymi świadczeniami oraz o zasadach ochrony przed zagrożeniami{% if safety_info_given %}, co Wolontariusz potwierdza podpisem na porozumieniu{% endif %}.
2. Korzystający zapewnia Wolontariuszowi bezpieczne i higieniczne warunki wykonywania świadczeń, w tym, w zależności od ich rodzaju, odpowiednie środki ochrony indywidualnej.
3. {{ insurance }}

§ 5. Koszty
Korzystający pokrywa, na zasadach dotyczących pracowników, koszty podróży służbowych i diet oraz inne niezbędne koszty ponoszone przez Wolontariusza w związku z wykonywaniem świadczeń (art. 45 ustawy). {{ cost_reimbursement }}

§ 6. Rozwiązanie porozumienia
{{ termination_clause }}
{% if guardian_name %}
Zgoda przedstawiciela ustawowego
Wyrażam zgodę na wykonywanie przez małoletniego świadczeń wolontariackich na warunkach określonych w niniejszym porozumieniu. Opiekun prawny: {{ guardian_name }}.
{% endif %}
""" + COMMON_END

INSTITUTION = """zawarte w dniu {{ signed_on }} w Czechowicach-Dziedzicach na podstawie art. 42–46 """ + LAW + """, pomiędzy:
{{ centre }}, {{ centre_address }}, w imieniu którego działa Centrum Wolontariatu, zwanym dalej „Centrum”,
a
{{ party_name }}{% if party_address %}, {{ party_address }}{% endif %}{% if party_identity %}, {{ party_identity }}{% endif %}, zwaną dalej „Instytucją”.

§ 1. Przedmiot i zakres współpracy
Strony współpracują w zakresie wolontariatu: {{ scope }}

§ 2. Sposób realizacji
{{ manner }}{% if place %}
Miejsce realizacji: {{ place }}.{% endif %}
Wolontariusze wykonują świadczenia na podstawie odrębnych porozumień zawartych zgodnie z art. 44 ustawy; świadczenia trwające dłużej niż 30 dni wymagają porozumienia w formie pisemnej.

§ 3. Okres obowiązywania
Porozumienie zawiera się na okres {{ period }}.

§ 4. Bezpieczeństwo i higiena (art. 45 i 46 ustawy)
1. Strona, u której wolontariusze wykonują świadczenia, informuje ich o ryzyku dla zdrowia i bezpieczeństwa związanym z wykonywanymi świadczeniami oraz o zasadach ochrony przed zagrożeniami, i zapewnia bezpieczne i higieniczne warunki wykonywania świadczeń.
2. {{ insurance }}
3. Wolontariusz niepełnoletni może wykonywać świadczenia wyłącznie za pisemną zgodą przedstawiciela ustawowego (opiekuna prawnego), którą Instytucja przekazuje Centrum przed rozpoczęciem świadczeń.

§ 5. Koszty
Koszty podróży służbowych i diet oraz inne niezbędne koszty wolontariuszy pokrywa strona, na rzecz której wykonywane są świadczenia (art. 45 ustawy). {{ cost_reimbursement }}

§ 6. Rozwiązanie porozumienia
{{ termination_clause }}

""" + COMMON_END.replace("Wolontariusza", "wolontariusza").replace(
    "dla każdej ze stron", "dla każdej ze Stron"
)

BENEFICIARY = """zawarte w dniu {{ signed_on }} w Czechowicach-Dziedzicach, w związku z art. 42–46 """ + LAW + """, pomiędzy:
{{ centre }}, {{ centre_address }}, w imieniu którego działa Centrum Wolontariatu, zwanym dalej „Centrum”,
a
{{ party_name }}{% if party_address %}, zam. {{ party_address }}{% endif %}, zwanym dalej „Odbiorcą”.

§ 1. Zakres pomocy
Centrum kieruje do Odbiorcy wolontariuszy, którzy dobrowolnie i bez wynagrodzenia świadczą następującą pomoc: {{ scope }}

§ 2. Sposób świadczenia pomocy
{{ manner }}{% if place %}
Miejsce świadczenia pomocy: {{ place }}.{% endif %}
Wolontariusze nie przyjmują od Odbiorcy pieniędzy ani upominków i nie dokonują w jego imieniu czynności prawnych.

§ 3. Okres świadczenia pomocy
Porozumienie zawiera się na okres {{ period }}.

§ 4. Bezpieczeństwo (art. 45 i 46 ustawy)
1. Odbiorca informuje Centrum o znanych mu zagrożeniach dla zdrowia i bezpieczeństwa wolontariuszy w miejscu świadczenia pomocy (np. zwierzęta, choroby zakaźne), a Centrum przekazuje te informacje wolontariuszom przed rozpoczęciem świadczeń.
2. {{ insurance }}
3. Wolontariusze niepełnoletni wykonują świadczenia wyłącznie za pisemną zgodą przedstawiciela ustawowego (opiekuna prawnego).

§ 5. Koszty
Pomoc jest nieodpłatna. Koszty wolontariuszy pokrywa Centrum na zasadach art. 45 ustawy. {{ cost_reimbursement }}

§ 6. Rozwiązanie porozumienia
{{ termination_clause }}

§ 7. Postanowienia końcowe
1. Dane osobowe Odbiorcy są przetwarzane przez Ośrodek Pomocy Społecznej wyłącznie w celu organizacji pomocy wolontariackiej, zgodnie z klauzulą informacyjną RODO przekazaną Odbiorcy.
2. Zmiany porozumienia wymagają formy pisemnej pod rygorem nieważności.
3. W sprawach nieuregulowanych porozumieniem stosuje się przepisy """ + LAW + """ oraz Kodeksu cywilnego.
4. Porozumienie sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron."""

TEXTS = [
    ("volunteer", "Porozumienie o wykonywaniu świadczeń wolontariusza", VOLUNTEER),
    ("institution", "Porozumienie o współpracy w zakresie wolontariatu", INSTITUTION),
    (
        "beneficiary",
        "Porozumienie w sprawie pomocy świadczonej przez wolontariuszy",
        BENEFICIARY,
    ),
]


def create_texts(apps, schema_editor):
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    for kind, title, body in TEXTS:
        AgreementTemplate.objects.get_or_create(
            kind=kind, version=1, defaults={"title": title, "body": body}
        )


def remove_texts(apps, schema_editor):
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    AgreementTemplate.objects.filter(
        version=1, kind__in=[kind for kind, _, _ in TEXTS], agreements__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_agreements_templates_certificates")]

    operations = [migrations.RunPython(create_texts, remove_texts)]
