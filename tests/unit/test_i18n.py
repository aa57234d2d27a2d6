from __future__ import annotations

import re
import string

from tui550.i18n import catalogue, t

_FIELDS = string.Formatter()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(text) if name}


def test_every_string_has_both_languages_and_the_same_placeholders() -> None:
    strings = catalogue()
    assert len(strings) > 50
    for key, (zh, en) in strings.items():
        assert zh.strip() and en.strip(), key
        assert _placeholders(zh) == _placeholders(en), key
        assert re.search(r"[\u4e00-\u9fff]", zh) or not re.search(r"[A-Za-z]{4,}", zh), key


def test_language_choice_and_unknown_key() -> None:
    assert t("kind.issue", "zh") == "问题"
    assert t("kind.issue", "en") == "issue"
    assert t("no.such.key", "en") == "no.such.key"
    assert t("meeting.unknown", "en", selector="x") == "No such meeting: x"
