import pytest
from django.contrib.auth.models import Group

from registry.models import District

pytestmark = pytest.mark.django_db


def test_districts_of_the_municipality_are_preloaded():
    assert set(District.objects.values_list("name", flat=True)) >= {
        "Czechowice-Dziedzice",
        "Bronów",
        "Ligota",
        "Zabrzeg",
    }


def test_role_groups_have_their_permissions():
    coordinator = Group.objects.get(name="Koordynator")
    codes = set(coordinator.permissions.values_list("codename", flat=True))
    assert {"view_volunteer", "change_beneficiary", "view_dashboard"} <= codes
    admin_codes = set(
        Group.objects.get(name="Administrator").permissions.values_list(
            "codename", flat=True
        )
    )
    assert "add_skill" in admin_codes
    assert "view_volunteer" not in admin_codes


def test_public_home_page_shows_office_hours(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Nad Białką 1B" in response.content.decode()
