"""Forms: each error appears once; institution contact persons and programme
partners with their roles are edited on the staff screens."""

import pytest
from django.urls import reverse

from matching.models import Programme
from registry.forms import BeneficiaryForm, InstitutionForm, SignUpForm, VolunteerForm
from registry.models import ContactPerson

pytestmark = pytest.mark.django_db

BAD = {
    "first_name": "Anna",
    "last_name": "Nowak",
    "name": "Szkoła",
    "kind": "school",
    "birth_date": "1990-01-01",
    "email": "to nie e-mail",
    "phone": "12",
    "guardian_phone": "34",
    "postal_code": "43502x",
}


@pytest.mark.parametrize(
    "form_class", [VolunteerForm, SignUpForm, BeneficiaryForm, InstitutionForm]
)
def test_each_error_appears_once(form_class, coordinator):
    try:
        form = form_class(data=BAD, user=coordinator)
    except TypeError:
        form = form_class(data=BAD)
    assert not form.is_valid()
    assert form.errors["phone"]
    for field, errors in form.errors.items():
        assert len(errors) == len(set(errors)), (field, errors)


def _rows(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _institution_data(**rows):
    return {
        "name": "Szkoła Podstawowa nr 9",
        "kind": "school",
        "city": "Czechowice",
        **rows,
    }


def test_contact_persons_are_added_changed_and_removed_on_the_staff_form(
    make_institution, coordinator_client
):
    school = make_institution()
    url = reverse("registry:institution-update", args=[school.pk])
    coordinator_client.post(
        url,
        _institution_data(
            **_rows("contacts", [{"name": "Ewa Dyrektor", "phone": "600 100 200"}])
        ),
    )
    (ewa,) = school.contacts.all()
    assert (ewa.name, ewa.phone) == ("Ewa Dyrektor", "+48600100200")
    page = coordinator_client.get(url).content.decode()
    assert 'value="Ewa Dyrektor"' in page
    coordinator_client.post(
        url,
        _institution_data(
            **_rows(
                "contacts",
                [
                    {"id": ewa.pk, "name": "Ewa Dyrektor", "position": "dyrektor"},
                    {"name": "Jan Pedagog"},
                ],
                initial=1,
            )
        ),
    )
    assert sorted(school.contacts.values_list("name", "position")) == [
        ("Ewa Dyrektor", "dyrektor"),
        ("Jan Pedagog", ""),
    ]
    jan = school.contacts.get(name="Jan Pedagog")
    coordinator_client.post(
        url,
        _institution_data(
            **_rows(
                "contacts",
                [
                    {"id": ewa.pk, "name": "Ewa Dyrektor", "DELETE": "on"},
                    {"id": jan.pk, "name": "Jan Pedagog"},
                ],
                initial=2,
            )
        ),
    )
    assert list(school.contacts.values_list("name", flat=True)) == ["Jan Pedagog"]
    assert ContactPerson.history.filter(name="Ewa Dyrektor", history_type="-").exists()


def test_a_contact_person_without_a_name_is_refused_next_to_the_row(
    make_institution, coordinator_client
):
    school = make_institution()
    response = coordinator_client.post(
        reverse("registry:institution-update", args=[school.pk]),
        _institution_data(**_rows("contacts", [{"phone": "600 100 200"}])),
    )
    assert response.status_code == 200
    assert "Podaj imię i nazwisko osoby kontaktowej." in response.content.decode()
    assert not school.contacts.exists()


def test_a_forged_row_count_builds_no_more_rows_than_the_maximum(
    make_institution, coordinator_client
):
    school = make_institution()
    data = _institution_data(**_rows("contacts", [{"name": "Jan Pedagog"}]))
    data["contacts-TOTAL_FORMS"] = "9" * 30
    response = coordinator_client.post(
        reverse("registry:institution-update", args=[school.pk]), data
    )
    assert response.status_code == 200
    assert len(response.context["form"].rows_formset.forms) == 50
    assert "Wpisz najwyżej 50 wierszy." in response.content.decode()
    assert not school.contacts.exists()


def test_the_programme_form_edits_partners_and_their_roles(
    make_institution, coordinator_client
):
    school = make_institution()
    parish = make_institution(name="Parafia św. Andrzeja", kind="parish")
    data = {
        "name": "Zima",
        "date_from": "2026-12-01",
        **_rows(
            "partners",
            [
                {"institution": school.pk, "role": "zbiórka"},
                {"institution": parish.pk, "role": "transport"},
            ],
        ),
    }
    coordinator_client.post(reverse("matching:programme-create"), data)
    programme = Programme.objects.get()
    roles = {p.institution: p.role for p in programme.programmepartner_set.all()}
    assert roles == {school: "zbiórka", parish: "transport"}
    edit = reverse("matching:programme-update", args=[programme.pk])
    assert 'value="zbiórka"' in coordinator_client.get(edit).content.decode()
    data.update(
        _rows(
            "partners",
            [
                {"institution": school.pk, "role": "koordynacja"},
                {"institution": parish.pk, "role": "transport", "DELETE": "on"},
            ],
            initial=2,
        )
    )
    coordinator_client.post(edit, data)
    roles = {p.institution: p.role for p in programme.programmepartner_set.all()}
    assert roles == {school: "koordynacja"}


def test_the_same_partner_twice_is_refused(make_institution, coordinator_client):
    school = make_institution()
    data = {
        "name": "Zima",
        "date_from": "2026-12-01",
        **_rows("partners", [{"institution": school.pk}, {"institution": school.pk}]),
    }
    response = coordinator_client.post(reverse("matching:programme-create"), data)
    assert response.status_code == 200
    assert not Programme.objects.exists()
