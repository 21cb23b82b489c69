"""Checks one ACCESS table: each persona gets exactly the access it lists."""

from django.urls import reverse

PERSONAS = ("coordinator", "social_worker", "administrator")


def assert_access(url_name, allowed, clients, kwargs, method="get"):
    url = reverse(url_name, kwargs=kwargs)
    anonymous = getattr(clients["anonymous"], method)(url)
    assert anonymous.status_code == 302, url_name
    assert anonymous["Location"].startswith(reverse("login")), url_name
    for persona in PERSONAS:
        response = getattr(clients[persona], method)(url)
        if persona in allowed:
            assert response.status_code in {200, 302}, (url_name, persona)
        else:
            assert response.status_code == 403, (url_name, persona)
