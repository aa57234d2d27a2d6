"""Who may watch the served wall: one policy, checked on every request before anything else.

- Host: a page may be asked for only by a name this computer answers to: an address
  written as digits, `localhost`, this computer's own names, or a name given with
  `--allow-origin`. A page of some other site whose name was pointed at this computer
  (DNS rebinding) carries that site's name in Host and is refused.
- Origin: a browser names the page that opens a websocket. Only the served page itself
  (same scheme, name and port as the request) and origins named with `--allow-origin`
  (a reverse proxy's public address) may open one; any other page open in a
  browser on this computer cannot read the meeting.
- Token: on a network address every page and websocket needs `?token=...` from the URL
  printed at start.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost"})


def new_token() -> str:
    return secrets.token_urlsafe(18)


def split_host(header: str) -> tuple[str, int | None] | None:
    """A Host header (`name`, `name:port`, `[v6]:port`) as (name, port); None if malformed."""
    try:
        parts = urlsplit(f"//{header}")
        port = parts.port
    except ValueError:
        return None
    name = parts.hostname
    if not name or parts.username is not None or parts.path or parts.query:
        return None
    return name.lower(), port


def is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def own_names() -> frozenset[str]:
    """The names this computer answers to by its own account."""
    names = {socket.gethostname(), socket.getfqdn()}
    return frozenset(name.lower() for name in names if name)


def normal_origin(origin: str) -> str | None:
    """`scheme://host[:port]` lower-cased, or None for anything that is not an origin."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        return None
    if parts.query or parts.fragment or parts.username is not None:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    default = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{host.lower()}" + (f":{port}" if port and port != default else "")


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str  # a key of the refusal reasons logged, not shown to the browser


@dataclass(frozen=True)
class AccessPolicy:
    token: str | None = None
    allowed_origins: frozenset[str] = frozenset()
    names: frozenset[str] = field(default_factory=own_names)

    @classmethod
    def build(cls, *, token: str | None, origins: Iterable[str]) -> AccessPolicy:
        """`origins` are checked by the caller (`normal_origin` is not None for each)."""
        return cls(token=token, allowed_origins=frozenset(filter(None, map(normal_origin, origins))))

    def host_allowed(self, header: str) -> bool:
        parsed = split_host(header)
        if parsed is None:
            return False
        name = parsed[0]
        return (
            is_ip_literal(name)
            or name in LOOPBACK_NAMES
            or name in self.names
            or any(urlsplit(o).hostname == name for o in self.allowed_origins)
        )

    def token_ok(self, given: str | None) -> bool:
        if self.token is None:
            return True
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def origin_allowed(self, origin: str | None, *, host: str, secure: bool) -> bool:
        """Same origin as the page, or named; no Origin at all is a program, not a page."""
        if origin is None:
            return True
        normal = normal_origin(origin)
        if normal is None:
            return False
        own = normal_origin(f"{'https' if secure else 'http'}://{host}")
        return normal == own or normal in self.allowed_origins

    def check(
        self,
        *,
        host: str,
        origin: str | None,
        token: str | None,
        secure: bool,
        websocket: bool,
        needs_token: bool,
    ) -> Refusal | None:
        if not self.host_allowed(host):
            return Refusal(421, "host")
        if needs_token and not self.token_ok(token):
            return Refusal(403, "token")
        if websocket and not self.origin_allowed(origin, host=host, secure=secure):
            return Refusal(403, "origin")
        return None
