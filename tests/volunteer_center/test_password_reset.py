"""A staff member who forgot the password sets a new one through an e-mailed
link that points at the configured site address."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse


def _ask(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_login_page_links_to_the_forgotten_password_page(client, db):
    html = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in html


def test_a_staff_member_gets_a_link_and_sets_a_new_password(
    client, coordinator, settings
):
    settings.SITE_URL = "http://127.0.0.1:8101"
    response = _ask(client, coordinator.email)
    assert response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject == "Centrum Wolontariatu: ustawienie nowego hasła"
    # No name: Polish greets in the vocative, which a name does not give.
    assert message.body.startswith("Dzień dobry,\n")
    assert "Dzień dobry, Koordynator" not in message.body
    link = re.search(r"http://127\.0\.0\.1:8101(/konto/haslo/nowe/\S+)", message.body)
    assert link, message.body
    browser = Client()
    form_page = browser.get(link.group(1), follow=True)
    assert "Ustaw nowe hasło" in form_page.content.decode()
    done = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nowe-haslo-2026!", "new_password2": "Nowe-haslo-2026!"},
    )
    assert done["Location"] == reverse("password_reset_complete")
    coordinator.refresh_from_db()
    assert coordinator.check_password("Nowe-haslo-2026!")


def test_an_unknown_address_gets_the_same_page_and_no_e_mail(client, db):
    response = _ask(client, "nikt@example.pl")
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_burst_of_requests_sends_no_more_mail(client, coordinator, settings):
    settings.RATE_LIMIT_PER_EMAIL_PER_HOUR = 2
    for _ in range(4):
        _ask(client, coordinator.email)
    assert len(mail.outbox) == 2
