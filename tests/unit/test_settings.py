from __future__ import annotations

from pathlib import Path

from tui550.core.settings import load_settings, remember


def test_defaults_then_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert load_settings(path, environ={}).tz == "Asia/Shanghai"
    path.write_text('tz = "Asia/Urumqi"\nyellow_days = 5\nuser = "文件"\nbogus = 1\n', encoding="utf-8")
    s = load_settings(path, environ={})
    assert (s.tz, s.yellow_days, s.user) == ("Asia/Urumqi", 5, "文件")
    s = load_settings(path, environ={"TUI550_YELLOW_DAYS": "7", "TUI550_USER": "环境"})
    assert (s.yellow_days, s.user, s.tz) == (7, "环境", "Asia/Urumqi")
    # The command line wins last.
    assert s.with_overrides(user="命令行", tz=None).user == "命令行"


def test_bad_file_and_bad_values_do_not_stop_the_app(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("yellow_days = 'many'\n[[[", encoding="utf-8")
    assert load_settings(path, environ={}).yellow_days == 3
    path.write_text("yellow_days = 'many'\n", encoding="utf-8")
    assert load_settings(path, environ={"TUI550_YELLOW_DAYS": "x"}).yellow_days == 3


def test_remember_writes_0600_and_keeps_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.toml"
    s = load_settings(path, environ={})
    s = remember(s, lang="en")
    s = remember(s, theme="textual-dark")
    again = load_settings(path, environ={})
    assert (again.lang, again.theme) == ("en", "textual-dark")
    assert path.stat().st_mode & 0o777 == 0o600
