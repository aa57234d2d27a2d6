"""The one mask for database secrets, for every message, log line, status line and page.

A server address can carry its password in several places, and each is masked as `***`:
- in the URL's authority, `postgresql://user:PW@host/db`;
- in its query, `?password=PW`, `&sslpassword=PW`, `?passfile=/home/u/.pgpass`
  (a password file's path is masked too: it says where the password is);
- in a libpq keyword string, `host=h password=PW` or `password='P W'`;
- in the environment, `PGPASSWORD` (and `PGPASSFILE`), which the driver reads
  without it ever appearing in the URL but which a driver's message may repeat.

`redact(url)` is for showing an address; `scrub(text)` for any text that may quote
one (a driver's error, a log line): it also masks every password this process has
been given (`remember_secret`), wherever it appears.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote

MASK = "***"
# Keys whose value is a secret, in a URL query or a libpq keyword string.
SECRET_KEYS = ("password", "sslpassword", "passfile", "pass", "pwd")
SECRET_ENV = ("PGPASSWORD", "PGPASSFILE")

_AUTHORITY = re.compile(r"(://[^:/?#@\s]*:)[^@\s]*@")
_KEY_VALUE = re.compile(
    r"(?i)((?:^|[?&;\s])(?:" + "|".join(SECRET_KEYS) + r")\s*=\s*)"
    r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^&;#\s]*)"
)
# Passwords this process was given, masked wherever they appear (longest first).
_SECRETS: set[str] = set()


def redact(url: str) -> str:
    """The database address with every secret in it masked, safe to show anyone."""
    return scrub(url)


def scrub(text: str) -> str:
    """`text` with every secret masked: URL passwords, secret query or keyword values,
    the environment's PGPASSWORD, and every password remembered by this process."""
    known = set(_SECRETS)
    for name in SECRET_ENV:
        value = os.environ.get(name)
        if value and len(value) >= 3:
            known.add(value)
    for secret in sorted(known, key=len, reverse=True):
        text = text.replace(secret, MASK)
    text = _AUTHORITY.sub(lambda m: m.group(1) + MASK + "@", text)
    return _KEY_VALUE.sub(lambda m: m.group(1) + MASK, text)


def remember_secret(url: str) -> None:
    """Keep every secret of `url` (decoded and as written) for `scrub` to mask later."""
    for match in _AUTHORITY.finditer(url):
        _add(match.group(0)[len(match.group(1)) : -1])
    for match in _KEY_VALUE.finditer(url):
        _add(match.group(2).strip("'\""))


def forget_secret(secret: str) -> None:
    _SECRETS.discard(secret)
    _SECRETS.discard(unquote(secret))


def _add(secret: str) -> None:
    # A one- or two-character "password" would mask every such letter in every message.
    for form in (secret, unquote(secret)):
        if len(form) >= 3 and form != MASK:
            _SECRETS.add(form)
