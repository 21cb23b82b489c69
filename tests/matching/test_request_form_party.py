"""For whom a help request is: the social worker's form has only the
beneficiary, and says it is needed next to that field; the coordinator's,
with the beneficiary and the institution, asks for one of the two."""

from django.urls import reverse

from matching.models import HelpRequest

EITHER = "Wybierz odbiorcę albo instytucję (jedno z dwojga)."
CHOOSE = "Wybierz podopiecznego."


def _feedback(html: str, name: str) -> str:
    start = html.index(f'id="id_{name}_error"')
    return html[start : html.index("</div>", start)]


def test_an_empty_form_of_a_social_worker_asks_for_the_beneficiary_once(
    social_worker_client,
):
    page = social_worker_client.post(reverse("matching:request-create"), {})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="institution"' not in html
    assert CHOOSE in _feedback(html, "beneficiary")
    assert EITHER not in html
    assert "To pole jest wymagane." not in _feedback(html, "beneficiary")
    summary = html[html.index('id="form-error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert summary.count(CHOOSE) == 1
    assert 'href="#id_beneficiary"' in summary
    assert page.context["form"].errors["beneficiary"] == [CHOOSE]


def test_the_coordinators_form_asks_for_one_of_the_two(coordinator_client, db):
    page = coordinator_client.post(
        reverse("matching:request-create"), {"title": "Zakupy"}
    )
    assert page.status_code == 200
    form = page.context["form"]
    assert form.non_field_errors() == [EITHER]
    assert "beneficiary" not in form.errors
    assert page.content.decode().count(EITHER) >= 1
    assert not HelpRequest.objects.exists()
