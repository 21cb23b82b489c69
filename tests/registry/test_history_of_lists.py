"""A record's change history says what changed, in words, when a save changed
only its lists (a volunteer's skills, districts, availability; an
institution's contact persons), and a save that changed nothing leaves no
empty "modified" entry: through the staff forms and the admin alike."""

import pytest
from django.urls import reverse

from registry import services
from registry.models import District, Institution, Volunteer
from tests.registry.test_admin import admin_url
from tests.volunteer_center.test_no_path_around_services import (
    admin_form_data,
    form_data,
    formset_data,
)
from volunteer_center.core.history import change_history


def edit_page(client, volunteer):
    return client.get(reverse("registry:volunteer-update", args=[volunteer.pk]))


def save_volunteer(client, volunteer, **changes):
    """Posts the staff edit form as the page holds it, with ``changes``."""
    data = {**form_data(edit_page(client, volunteer).context["form"]), **changes}
    response = client.post(
        reverse("registry:volunteer-update", args=[volunteer.pk]), data
    )
    assert response.status_code == 302, response.context["form"].errors
    return response


def history_html(client, record) -> str:
    html = client.get(record.get_absolute_url()).content.decode()
    return html[html.index('id="history-heading"') :]


@pytest.fixture
def anna(make_volunteer, skills):
    return make_volunteer(
        phone="600 100 200",
        skills=[skills["Pierwsza pomoc"], skills["Drobne naprawy"]],
        availability={(0, "morning")},
    )


def test_changing_only_the_skills_on_the_staff_form_says_which(
    coordinator_client, coordinator, anna, skills
):
    before = anna.history.count()
    wanted = [skills["Pierwsza pomoc"], skills["Prace ogrodowe"]]
    save_volunteer(coordinator_client, anna, skills=[str(s.pk) for s in wanted])

    assert anna.history.count() == before + 1
    (latest, *_older) = change_history(anna)
    assert (latest.kind, latest.changes, latest.who) == (
        "Zmodyfikowane",
        (),
        coordinator,
    )
    assert latest.note == (
        "umiejętności: Drobne naprawy, Pierwsza pomoc → Pierwsza pomoc, "
        "Prace ogrodowe (dodano: Prace ogrodowe; usunięto: Drobne naprawy)"
    )
    assert latest.note in history_html(coordinator_client, anna)


def test_changing_only_the_districts_or_the_availability_says_which(
    coordinator_client, anna
):
    bronow = District.objects.get(name="Bronów")
    save_volunteer(coordinator_client, anna, reachable_districts=[str(bronow.pk)])
    assert change_history(anna)[0].note == (
        "dzielnice, do których wolontariusz może dojechać: — → Bronów"
    )

    save_volunteer(coordinator_client, anna, availability=["0:morning", "2:evening"])
    note = change_history(anna)[0].note
    assert note.startswith("dostępność: poniedziałek, rano (8–12) → ")
    assert note.endswith("(dodano: środa, wieczorem (16–20))")
    assert note in history_html(coordinator_client, anna)


def test_saving_the_staff_form_unchanged_leaves_no_entry(coordinator_client, anna):
    before = list(anna.history.values_list("history_id", flat=True))
    save_volunteer(coordinator_client, anna)
    save_volunteer(coordinator_client, anna, phone="600 100 200")  # as stored
    assert list(anna.history.values_list("history_id", flat=True)) == before
    html = history_html(coordinator_client, anna)
    assert "Zmodyfikowane" not in html


def test_a_field_change_still_shows_its_old_and_new_value(coordinator_client, anna):
    save_volunteer(coordinator_client, anna, phone="600 999 888")
    (latest, *_older) = change_history(anna)
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("telefon", "+48600100200", "+48600999888")
    ]
    assert latest.note == ""
    html = history_html(coordinator_client, anna)
    assert "<del>+48600100200</del> → <ins>+48600999888</ins>" in html


def test_the_admin_change_form_leaves_the_same_entries(
    coordinator_client, anna, skills
):
    url = admin_url(Volunteer, "change", anna.pk)
    data = admin_form_data(coordinator_client.get(url))
    before = anna.history.count()
    assert coordinator_client.post(url, data).status_code == 302
    assert anna.history.count() == before

    wanted = [
        skills["Drobne naprawy"],
        skills["Pierwsza pomoc"],
        skills["Opieka nad dziećmi"],
    ]
    data["skills"] = [str(s.pk) for s in wanted]
    assert coordinator_client.post(url, data).status_code == 302
    assert anna.history.count() == before + 1
    assert change_history(anna)[0].note == (
        "umiejętności: Drobne naprawy, Pierwsza pomoc → Drobne naprawy, "
        "Opieka nad dziećmi, Pierwsza pomoc (dodano: Opieka nad dziećmi)"
    )


def test_a_confirmed_different_person_is_said_in_the_history(
    coordinator_client, make_volunteer, anna
):
    # Ola signed up later with Anna's phone (the public sign-up looks for the
    # e-mail only); the staff confirm on Anna's form that she is someone else.
    other = make_volunteer(first_name="Ola", phone="600 300 400")
    Volunteer.objects.filter(pk=other.pk).update(phone=anna.phone)
    refused = coordinator_client.post(
        reverse("registry:volunteer-update", args=[anna.pk]),
        form_data(edit_page(coordinator_client, anna).context["form"]),
    )
    assert "Ola Nowak" in refused.content.decode()
    before = anna.history.count()
    save_volunteer(coordinator_client, anna, save_anyway="on")
    assert anna.history.count() == before + 1
    assert change_history(anna)[0].note == (
        f"potwierdzono, że to inna osoba niż: {other}"
    )


def test_a_beneficiary_saved_unchanged_leaves_no_entry(
    coordinator_client, make_beneficiary
):
    jan = make_beneficiary(phone="600 200 300")
    url = reverse("registry:beneficiary-update", args=[jan.pk])
    data = form_data(coordinator_client.get(url).context["form"])
    before = jan.history.count()
    assert coordinator_client.post(url, data).status_code == 302
    assert jan.history.count() == before

    assert coordinator_client.post(url, {**data, "city": "Bronów"}).status_code == 302
    (latest, *_older) = change_history(jan)
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("miasto", "Czechowice-Dziedzice", "Bronów")
    ]


def institution_form_data(client, institution) -> dict:
    page = client.get(reverse("registry:institution-update", args=[institution.pk]))
    form = page.context["form"]
    return {**form_data(form), **formset_data(form.rows_formset)}


def test_changing_only_the_contact_persons_says_which_in_the_institution(
    coordinator_client, coordinator, make_institution
):
    school = make_institution()
    services.institution_update(
        actor=coordinator,
        institution=school,
        fields={},
        contacts=[
            {"name": "Ewa Dyrektor", "phone": "600 100 200"},
            {"name": "Jan Pedagog"},
        ],
    )
    assert change_history(school)[0].note == (
        "osoby kontaktowe: dodano: Ewa Dyrektor, Jan Pedagog"
    )
    url = reverse("registry:institution-update", args=[school.pk])
    data = institution_form_data(coordinator_client, school)
    before = school.history.count()
    assert coordinator_client.post(url, data).status_code == 302
    assert school.history.count() == before  # nothing changed

    ewa = next(k for k, v in data.items() if v == "Ewa Dyrektor")
    jan = next(k for k, v in data.items() if v == "Jan Pedagog")
    data[ewa.replace("name", "phone")] = "600 999 888"
    data[jan.replace("name", "DELETE")] = "on"
    data.update(
        {
            "contacts-TOTAL_FORMS": "3",
            "contacts-2-name": "Ola Sekretarka",
        }
    )
    assert coordinator_client.post(url, data).status_code == 302
    note = (
        "osoby kontaktowe: dodano: Ola Sekretarka; zmieniono: Ewa Dyrektor "
        "(telefon); usunięto: Jan Pedagog"
    )
    assert change_history(Institution.objects.get(pk=school.pk))[0].note == note
    assert note in history_html(coordinator_client, school)
