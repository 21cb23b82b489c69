"""The admin's sentences that name a model read as Polish in Polish: the name
stands where the nominative is right, and no sentence offers every ending at
once (volunteer_center.core.admin_wording)."""

import gettext
import re
from pathlib import Path

import django.contrib.admin
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from registry.models import Skill
from volunteer_center.core import admin_wording

pytestmark = pytest.mark.django_db

ADMIN_CATALOGUE = (
    Path(django.contrib.admin.__file__).parent / "locale/pl/LC_MESSAGES/django.mo"
)
# Django's Polish writes "został(a)(-ło) dodany(-na)(-ne)", "kolejne(go)(-ną)".
EVERY_ENDING = re.compile(r"\((-|a\)|go\)|nych)")


def _admin_msgids() -> set:
    with ADMIN_CATALOGUE.open("rb") as file:
        return set(gettext.GNUTranslations(file)._catalog)


def test_each_sentence_is_one_the_admin_still_says():
    msgids = _admin_msgids()
    for sentence in admin_wording.SENTENCES:
        assert sentence in msgids, sentence
    assert ("%(count)s %(name)s was changed successfully.", 0) in msgids


def test_the_project_words_each_sentence_with_the_name_in_the_nominative():
    with translation.override("pl"):
        for sentence in admin_wording.SENTENCES:
            polish = translation.gettext(sentence)
            assert polish != sentence, sentence
            assert not EVERY_ENDING.search(polish), polish
        changed = admin_wording.CHANGED_IN_THE_LIST % {
            "count": 5,
            "name": "umiejętności",
        }
        assert changed == "Zapisano zmiany (umiejętności): 5."


def test_the_administrator_adds_a_skill_and_reads_polish(administrator_client):
    changelist = administrator_client.get(reverse("admin:registry_skill_changelist"))
    assert "<h1>Wybierz do zmiany: umiejętność</h1>" in changelist.text
    assert "Dodaj: umiejętność" in changelist.text
    add = administrator_client.get(reverse("admin:registry_skill_add"))
    assert "<title>Dodawanie: umiejętność" in add.text
    response = administrator_client.post(
        reverse("admin:registry_skill_add"),
        {"name": "Pielęgnacja ogrodów działkowych"},
        follow=True,
    )
    skill = Skill.objects.get(name="Pielęgnacja ogrodów działkowych")
    said = [strip_tags(str(message)) for message in response.context["messages"]]
    assert said == ["Dodano: umiejętność „Pielęgnacja ogrodów działkowych”."]
    change = administrator_client.get(
        reverse("admin:registry_skill_change", args=[skill.pk])
    )
    assert "Pielęgnacja ogrodów działkowych | Edycja: umiejętność |" in change.text
