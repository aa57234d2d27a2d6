"""Several clients on one database, on both backends: conflicts, the change feed,
starting together, and passwords that never show."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.cli import call
from tests.support.pg_server import PgServer
from tui550.core.changes import ChangeWatcher
from tui550.core.db import Database, head_revision, open_database
from tui550.core.domain import Kind
from tui550.core.errors import ConflictError, UserError
from tui550.core.secrets import forget_secret, redact, remember_secret, scrub
from tui550.core.store import drafts, items, meetings, projects


@pytest.fixture
def two(db_url: str):
    """Two clients (two Database objects, as two laptops would have) on one database."""
    a = open_database(db_url, who="甲")
    b = open_database(db_url, who="乙")
    project = projects.add_project(a, "焦北污水处理厂")
    meeting = meetings.create_meeting(a, "调度会", date(2026, 7, 5), project_ids=[project.id])
    yield a, b, meeting, project
    a.close()
    b.close()


def test_second_save_of_one_item_is_a_conflict_not_an_overwrite(two) -> None:
    a, b, meeting, project = two
    item = items.capture(a, meeting_id=meeting.id, project_id=project.id, kind=Kind.DECISION, text="原文")
    seen_by_a = items.get_item(a, item.id)
    seen_by_b = items.get_item(b, item.id)
    items.update_item(a, item.id, seen_by_a.version, text="甲改")
    with pytest.raises(ConflictError) as err:
        items.update_item(b, item.id, seen_by_b.version, text="乙改")
    assert err.value.current_version == 2
    stored = items.get_item(b, item.id)
    assert stored.text == "甲改" and stored.version == 2
    assert [h.who for h in items.history_of(b, item.id)] == ["甲", "甲"]


def test_a_write_by_one_client_reaches_the_others_watcher_within_two_seconds(two) -> None:
    a, b, meeting, project = two
    with ChangeWatcher(b) as watcher:
        assert not watcher.poll()
        started = time.monotonic()
        items.capture(a, meeting_id=meeting.id, project_id=project.id, kind=Kind.MINUTE, text="新")
        assert watcher.wait(2.0)
        assert time.monotonic() - started < 2.0
        if b.dialect == "postgresql":
            assert "item" in watcher.tables
        # Seen once: the next wait reports only a new change.
        assert not watcher.wait(0.6)
        drafts.save_draft(a, meeting.id, project.id, "minute", "打字中")
        assert watcher.wait(2.0)


def test_close_ends_a_blocking_wait(db: Database) -> None:
    watcher = ChangeWatcher(db)
    result: list[bool] = []
    waiting = threading.Thread(target=lambda: result.append(watcher.wait(30)))
    started = time.monotonic()
    waiting.start()
    watcher.close()
    waiting.join(10)
    assert not waiting.is_alive() and result == [False]
    assert time.monotonic() - started < 10


def test_two_clients_opening_a_new_database_together_migrate_it_once(empty_db_url: str) -> None:
    barrier = threading.Barrier(3)
    opened: list[Database] = []
    errors: list[BaseException] = []

    def client() -> None:
        barrier.wait()
        try:
            opened.append(open_database(empty_db_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=client) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert errors == [] and len(opened) == 3
    with opened[0].reader.connect() as conn:
        assert conn.exec_driver_sql("select version_num from alembic_version").scalars().all() == [
            head_revision()
        ]
    for database in opened:
        database.close()


@pytest.mark.postgres
def test_every_table_but_history_notifies_on_change(pg_server: PgServer, pg_template: str) -> None:
    from tui550.core.models import metadata

    with PgServer(pg_server.url(pg_template)).admin as conn:
        rows = conn.execute(
            "select c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid "
            "where t.tgname like 'tui550_notify_%'"
        ).fetchall()
    # History is written with the change it records, and the search index by the
    # triggers of the tables it indexes: neither needs a notice of its own.
    assert {r[0] for r in rows} == set(metadata.tables) - {"history", "search_doc"}


@pytest.mark.postgres
def test_password_never_shows_when_the_server_refuses(pg_server: PgServer) -> None:
    url = pg_server.base.set(password="Wrong-Secret-123").render_as_string(hide_password=False)
    with pytest.raises(UserError) as err:
        open_database(url)
    assert err.value.key == "db.cannot_connect"
    text = f"{err.value.message('en')} {err.value.remedy_text('en')} {err.value!r}"
    assert "Wrong-Secret-123" not in text and "***" in text


@pytest.mark.postgres
def test_password_never_shows_in_repr_or_shown_url(pg_server: PgServer, pg_template: str) -> None:
    password = pg_server.base.password
    assert password
    database = open_database(pg_server.url(pg_template))
    try:
        for shown in (repr(database), database.shown_url, repr(database.writer), str(database.writer.url)):
            assert password not in shown
    finally:
        database.close()


def test_cli_never_prints_a_password(capsys) -> None:

    code, out, err = call(
        ["--lang", "en", "--db", "postgresql://clerk:S3cret-Pass@127.0.0.1:1/tui550", "meetings"], capsys
    )
    assert code == 1 and "S3cret-Pass" not in out + err
    assert "clerk:***@127.0.0.1:1/tui550" in err


def test_other_kinds_of_server_are_refused_plainly() -> None:
    with pytest.raises(UserError) as err:
        open_database("mysql://root:pw1234@localhost/x")
    assert err.value.key == "db.unsupported" and "pw1234" not in err.value.message("en")


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.characters(
            min_codepoint=0x21, max_codepoint=0x9FFF, exclude_categories=["Cs", "Cc", "Zs"]
        ),
        min_size=6,
        max_size=20,
    ).filter(lambda p: "*" not in p)
)
def test_redact_and_scrub_hide_any_password(password: str) -> None:
    from sqlalchemy.engine import URL

    url = URL.create(
        "postgresql+psycopg",
        username="clerk",
        password=password,
        host="db.example",
        port=5432,
        database="tui550",
    )
    rendered = url.render_as_string(hide_password=False)
    masked = "postgresql+psycopg://clerk:***@db.example:5432/tui550"
    assert redact(rendered) == masked
    remember_secret(rendered)
    try:
        # Masking is greedy on purpose: a password that is also a word elsewhere hides it too.
        scrubbed = scrub(f"failed for {rendered}: {password}!")
        assert password not in scrubbed and scrubbed.endswith(": ***!")
    finally:
        forget_secret(password)
