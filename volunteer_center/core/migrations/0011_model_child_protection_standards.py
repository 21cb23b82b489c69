"""Version 1 of the child protection standards: a model text, marked as such,
with the headings art. 22c ust. 1 of the act of 13 May 2016 requires. The
OPS replaces it with the standards its Director adopted (a new version in the
admin); until then the page says that the paper standards apply."""

from django.db import migrations

TITLE = (
    "Standardy ochrony małoletnich w Ośrodku Pomocy Społecznej "
    "w Czechowicach-Dziedzicach — Centrum Wolontariatu"
)

BODY = """Podstawa prawna: art. 22b i 22c ustawy z dnia 13 maja 2016 r. o przeciwdziałaniu zagrożeniom przestępczością na tle seksualnym i ochronie małoletnich. Standardy dotyczą pracowników Ośrodka i wolontariuszy Centrum Wolontariatu, którzy w związku ze swoimi zadaniami mają kontakt z osobami poniżej 18 lat, w tym z małoletnimi wolontariuszami.

1. Bezpieczne relacje z małoletnimi
Personel i wolontariusze traktują małoletnich z szacunkiem, dbają o ich bezpieczeństwo i prywatność. Zakazane jest w szczególności: stosowanie przemocy w jakiejkolwiek formie, zachowania o charakterze seksualnym, utrzymywanie z małoletnim kontaktów poza zadaniem bez wiedzy rodzica lub opiekuna i koordynatora, przyjmowanie od małoletniego lub wręczanie mu prezentów, utrwalanie i publikowanie wizerunku małoletniego bez zgody rodzica lub opiekuna.

2. Interwencja w razie podejrzenia krzywdzenia
Kto podejrzewa, że małoletni jest krzywdzony, albo wie o tym, niezwłocznie zawiadamia koordynatora Centrum Wolontariatu lub osobę wskazaną w pkt 7. W sytuacji zagrożenia życia lub zdrowia wzywa Policję (tel. 112).

3. Zawiadomienia
Osoba wskazana przez Dyrektora Ośrodka zawiadamia Policję lub prokuraturę o podejrzeniu przestępstwa na szkodę małoletniego, sąd opiekuńczy o potrzebie wglądu w sytuację rodziny, a pracownik socjalny wszczyna procedurę „Niebieskie Karty”, gdy zachodzą jej przesłanki.

4. Przegląd i aktualizacja standardów
Standardy przegląda się co najmniej raz na dwa lata oraz po każdym zdarzeniu, które wskazuje na potrzebę ich zmiany.

5. Przygotowanie personelu
Osoba wskazana przez Dyrektora przygotowuje personel i wolontariuszy do stosowania standardów. Wolontariusz potwierdza zapoznanie się ze standardami przed pierwszym skierowaniem do pracy z małoletnimi; system zapisuje datę i wersję standardów.

6. Udostępnianie standardów
Standardy są dostępne na tej stronie i w siedzibie Ośrodka; wersję skróconą, napisaną zrozumiale dla dzieci, przekazuje się małoletnim wolontariuszom i ich rodzicom lub opiekunom.

7. Osoby przyjmujące zgłoszenia
Zgłoszenia przyjmuje: [imię i nazwisko, stanowisko, telefon, e-mail — do uzupełnienia przez Ośrodek].

8. Dokumentowanie zdarzeń
Zgłoszone zdarzenia dokumentuje się w formie notatki przechowywanej w dokumentacji papierowej Ośrodka, z dostępem ograniczonym do osób wskazanych przez Dyrektora.

9. Bezpieczne relacje między małoletnimi
Personel reaguje na przemoc rówieśniczą, także w internecie, i zawiadamia o niej rodziców lub opiekunów.

10. Urządzenia elektroniczne i internet
Małoletni korzystają z urządzeń Ośrodka z dostępem do internetu tylko pod nadzorem, z oprogramowaniem chroniącym przed treściami szkodliwymi.

11. Weryfikacja osób dopuszczanych do pracy z małoletnimi (art. 21 ustawy)
Przed skierowaniem do pracy z małoletnimi Ośrodek sprawdza osobę w Rejestrze Sprawców Przestępstw na Tle Seksualnym (wydruk przechowuje się w dokumentacji papierowej), przyjmuje informację z Krajowego Rejestru Karnego w zakresie określonym w art. 21 ust. 3 ustawy, a od osoby, która w ostatnich 20 latach mieszkała za granicą, także oświadczenie o państwach zamieszkania i informację z rejestru karnego tych państw albo oświadczenie zastępcze. W systemie zapisuje się tylko fakty, daty i osobę, która sprawdziła; nie przechowuje się kopii dokumentów. Weryfikację powtarza się przed każdym nowym zaangażowaniem do pracy z małoletnimi i nie rzadziej niż co 12 miesięcy."""


def create(apps, schema_editor):
    Standards = apps.get_model("core", "ChildProtectionStandards")
    Standards.objects.get_or_create(
        version=1, defaults={"title": TITLE, "body": BODY, "is_model_text": True}
    )


def remove(apps, schema_editor):
    apps.get_model("core", "ChildProtectionStandards").objects.filter(
        version=1, is_model_text=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0010_child_protection_standards")]

    operations = [migrations.RunPython(create, remove)]
