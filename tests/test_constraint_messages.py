"""A rule the database holds never reaches a person as the constraint's name
(issue 10.5: "Ograniczenie volunteer_max_hours_range"): every constraint of
the project's models has a sentence of its own, Polish in the Polish UI, which
forms, the admin and the import show when the rule is broken."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import BaseConstraint
from django.utils import translation

from registry.models import Volunteer

PROJECT_APPS = {
    "core",
    "registry",
    "matching",
    "agreements",
    "volunteer_center",
    "volunteer_area",
}

CONSTRAINTS = [
    (model, constraint)
    for model in apps.get_models()
    if model._meta.app_label in PROJECT_APPS
    for constraint in model._meta.constraints
]


def test_the_project_has_constraints():
    assert len(CONSTRAINTS) > 30


@pytest.mark.parametrize(
    ("model", "constraint"), CONSTRAINTS, ids=[c.name for _m, c in CONSTRAINTS]
)
def test_every_constraint_says_what_is_wrong_in_polish(model, constraint):
    assert (
        constraint.violation_error_message
        != BaseConstraint.default_violation_error_message
    ), f"{model._meta.label}: {constraint.name} has no message of its own"
    with translation.override("en"):
        english = str(constraint.get_violation_error_message())
    with translation.override("pl"):
        polish = str(constraint.get_violation_error_message())
    assert constraint.name not in polish
    assert polish != english, f"{english!r} is not in the Polish catalogue"


@pytest.mark.django_db
def test_the_reported_constraint_speaks_polish_when_broken():
    """The case of the issue: 99 hours a week, once "Ograniczenie
    volunteer_max_hours_range"."""
    volunteer = Volunteer(first_name="Anna", last_name="Nowak", max_hours_per_week=99)
    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        volunteer.validate_constraints()
    assert refused.value.messages == [
        "Maksymalna liczba godzin tygodniowo musi wynosić od 1 do 40."
    ]
