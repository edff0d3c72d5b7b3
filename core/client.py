"""The visitor's address, for the rate limits and the staff login lockout.

Behind the proxy that README's production set-up puts in front of gunicorn,
``REMOTE_ADDR`` is the proxy's address for every visitor; the visitor's own is
the last one the proxy appended to ``X-Forwarded-For``. That header is only
believed when the request came from a proxy named in ``KENTRO_TRUSTED_PROXIES``
(addresses or networks, e.g. ``127.0.0.1`` or ``10.0.0.0/8``): with none named,
the header changes nothing, since anyone can send it.

The chain is read from the right, skipping the trusted proxies; the first
address that is not one of them is the visitor (what a proxy appended, never
what the visitor wrote at the left of the header). This is the algorithm of
Rails' ``remote_ip`` and Werkzeug's ``ProxyFix``; django-ipware is not used
because it reads the header whatever the peer is unless configured, and its
trusted-proxy list describes hops inside the header rather than the peer that
sent the request.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

FORWARDED_HEADER = "HTTP_X_FORWARDED_FOR"


@lru_cache(maxsize=8)
def _networks(entries):
    # Read once per distinct setting value: the list is settings, not data.
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks():
    return _networks(tuple(getattr(settings, "KENTRO_TRUSTED_PROXIES", ()) or ()))


def _address(text):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address, networks):
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(
        address.version == network.version and address in network
        for network in networks
    )


def client_address(request):
    """The visitor's IP address as text, or None when the request has none
    (a request made in code; django-axes stores None, not a bad address)."""
    peer = _address(request.META.get("REMOTE_ADDR") or "")
    if peer is None:
        return None
    networks = trusted_networks()
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    hops = (request.META.get(FORWARDED_HEADER) or "").split(",")
    for text in reversed(hops):
        address = _address(text)
        if address is None:
            # A hop nobody can vouch for: stop at the last address known good.
            break
        if not _is_trusted(address, networks):
            return str(address)
        peer = address
    return str(peer)
