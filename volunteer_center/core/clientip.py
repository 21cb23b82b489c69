"""Who is trying: the client's address, for the rate limits of public forms
and for django-axes (``AXES_CLIENT_IP_CALLABLE``), and the login name axes
records (``AXES_USERNAME_CALLABLE``).

``X-Forwarded-For`` is believed only when the connection comes from a proxy
listed in ``settings.TRUSTED_PROXIES`` (none by default), and then only from
the right: each trusted proxy appends the address it saw, while everything to
the left of the last one could have been written by the client. Taking the
first untrusted address from the right means a client cannot pick its own
address by sending the header itself (django-ipware's trusted-proxy list is
matched against that header, not against the connection, so it does not hold
here).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in net for net in networks)


def client_ip(request) -> str:
    """The address of the client that sent ``request`` (see the module)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(remote)):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(forwarded):
        address = _address(hop)
        if address is None:
            # A malformed hop: nothing to the left of it can be believed.
            break
        if not _trusted(address):
            return str(address)
    return remote


# AccessAttempt.username holds 255 characters; no account's name is longer
# than auth's 150, so nothing is lost by cutting there.
AXES_USERNAME_LENGTH = 255


def login_username(request, credentials=None) -> str | None:
    """The login name django-axes records (``AXES_USERNAME_CALLABLE``): the
    one typed, cut to what its table holds, so that an overlong name is a
    refused login and not a server error."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username")
    return username[:AXES_USERNAME_LENGTH] if username else username
