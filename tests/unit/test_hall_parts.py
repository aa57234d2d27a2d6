"""The served hall's parts, without a server: the kept screen, the access policy, a viewer's
backlog and the `serve` command line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pyte")
pytest.importorskip("aiohttp")

import pyte
from wcwidth import wcwidth

from tui550.app.web import hall
from tui550.app.web.access import AccessPolicy, normal_origin, split_host
from tui550.app.web.screen import WallScreen
from tui550.core.errors import UserError

# --- the kept screen ---------------------------------------------------------------------

COLOURS = st.one_of(
    st.sampled_from(["30", "31", "37", "39", "40", "42", "49", "90", "97", "100", "107"]),
    st.tuples(
        st.sampled_from(["38", "48"]), st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)
    ).map(lambda c: f"{c[0]};2;{c[1]};{c[2]};{c[3]}"),
    st.tuples(st.sampled_from(["38", "48"]), st.integers(0, 255)).map(lambda c: f"{c[0]};5;{c[1]}"),
)
STYLES = st.sampled_from(["0", "1", "3", "4", "5", "7", "9", "22", "23", "24", "27"])
TEXT = st.text(
    alphabet=st.sampled_from(list("ab 09:·—") + list("会议纪要问题逾期") + ["\u00e9"]),
    min_size=1,
    max_size=30,
)
OPS = st.one_of(
    TEXT,
    st.lists(st.one_of(COLOURS, STYLES), min_size=1, max_size=3).map(lambda c: f"\x1b[{';'.join(c)}m"),
    st.tuples(st.integers(1, 12), st.integers(1, 40)).map(lambda p: f"\x1b[{p[0]};{p[1]}H"),
    st.sampled_from(["\x1b[K", "\x1b[2J", "\r\n", "\x1b[?25l", "\x1b[?25h"]),
)


def _cells(screen: pyte.Screen) -> list[list[tuple[object, ...]]]:
    """Each cell as a terminal shows it: pyte keeps both halves of a wide character when one
    of them is overwritten, where a terminal (and so a newcomer) shows blanks."""
    rows = []
    for y in range(screen.lines):
        line = screen.buffer[y]
        row = []
        for x in range(screen.columns):
            char = line[x]
            if char.data and wcwidth(char.data[0]) == 2:
                if not (x + 1 < screen.columns and not line[x + 1].data):
                    char = char._replace(data=" ")
            elif not char.data and not (x and line[x - 1].data and wcwidth(line[x - 1].data[0]) == 2):
                char = char._replace(data=" ")
            row.append(tuple(char))
        rows.append(row)
    return rows


@settings(max_examples=150, deadline=None)
@given(st.lists(OPS, max_size=40))
def test_the_snapshot_draws_the_same_screen_from_blank(ops: list[str]) -> None:
    kept = WallScreen(40, 12)
    kept.feed("".join(ops).encode())
    # A newcomer's terminal: whatever it showed before, the snapshot alone makes it the same.
    newcomer = pyte.Screen(40, 12)
    stream = pyte.ByteStream(newcomer)
    stream.feed(b"\x1b[31mjunk left over\x1b[5;5Hmore")
    stream.feed(kept.snapshot())
    assert _cells(newcomer) == _cells(kept._screen)
    # A cursor just past the last column (waiting to wrap) comes back on the last column:
    # Textual places the cursor before everything it draws, so the difference never shows.
    kept_cursor = kept._screen.cursor
    assert (newcomer.cursor.x, newcomer.cursor.y, newcomer.cursor.hidden) == (
        min(kept_cursor.x, 39),
        kept_cursor.y,
        kept_cursor.hidden,
    )


def test_the_snapshot_is_made_once_per_change() -> None:
    kept = WallScreen(20, 3)
    kept.feed("\x1b[1;1H会议".encode())
    first = kept.snapshot()
    assert kept.snapshot() is first  # a hundred newcomers share one rendering
    kept.feed(b"x")
    assert kept.snapshot() is not first and kept.text()[0].startswith("会议x")


def test_a_frame_cut_in_the_middle_of_a_character_or_sequence_is_joined() -> None:
    kept = WallScreen(20, 3)
    data = "\x1b[38;2;255;0;0m逾期".encode()
    for i in range(len(data)):
        kept.feed(data[i : i + 1])
    assert kept.text()[0].startswith("逾期")
    assert b"38;2;255;0;0" in kept.snapshot()


# --- the access policy -----------------------------------------------------------------

POLICY = AccessPolicy(
    token=None, allowed_origins=frozenset({"https://wall.district.lan"}), names=frozenset({"meeting-pc"})
)


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8550", True),
        ("localhost:8550", True),
        ("[::1]:8550", True),
        ("192.168.3.20:8550", True),
        ("[fe80::1]", True),
        ("meeting-pc:8550", True),
        ("MEETING-PC", True),
        ("wall.district.lan", True),
        ("evil.example:8550", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
        ("a@127.0.0.1", False),
        ("127.0.0.1:99999", False),
        ("127.0.0.1/x", False),
    ],
)
def test_host_must_be_an_address_or_a_name_of_this_computer(host: str, allowed: bool) -> None:
    assert POLICY.host_allowed(host) is allowed


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),  # a program, not a page
        ("http://127.0.0.1:8550", True),
        ("HTTP://127.0.0.1:8550/", True),
        ("https://wall.district.lan", True),
        ("https://wall.district.lan:443", True),
        ("http://evil.example", False),
        ("http://127.0.0.1:9999", False),
        ("https://127.0.0.1:8550", False),
        ("null", False),
        ("file://", False),
        ("http://wall.district.lan", False),
        ("", False),
    ],
)
def test_a_websocket_comes_from_the_page_itself_or_a_named_origin(origin: str | None, allowed: bool) -> None:
    assert POLICY.origin_allowed(origin, host="127.0.0.1:8550", secure=False) is allowed


def test_the_token_is_checked_where_asked_and_the_order_of_refusals() -> None:
    policy = AccessPolicy(token="s3cret-token", names=frozenset())

    def refusal(
        token: str | None, *, needs_token: bool, host: str = "127.0.0.1:1", origin: str | None = None
    ) -> tuple[int, str] | None:
        """A websocket over plain HTTP: what the policy refuses it for, if it does."""
        refused = policy.check(
            host=host, origin=origin, token=token, secure=False, websocket=True, needs_token=needs_token
        )
        return None if refused is None else (refused.status, refused.reason)

    assert refusal("s3cret-token", needs_token=True) is None
    wrong = refusal("s3cret-tokeN", needs_token=True)
    assert wrong is not None and wrong[1] == "token"
    missing = refusal(None, needs_token=True)
    assert missing is not None and missing[0] == 403
    assert refusal(None, needs_token=False) is None
    assert refusal("s3cret-token", needs_token=True, host="evil.example") == (421, "host")
    foreign = refusal("s3cret-token", needs_token=True, origin="http://evil.example")
    assert foreign is not None and foreign[1] == "origin"


@given(st.text(max_size=40))
def test_origins_and_hosts_never_raise(text: str) -> None:
    normal_origin(text)
    split_host(text)
    POLICY.origin_allowed(text, host=text, secure=False)
    POLICY.host_allowed(text)


# --- a viewer's backlog -----------------------------------------------------------------


class FakeSocket:
    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.gate = asyncio.Event()

    async def send_bytes(self, data: bytes) -> None:
        await self.gate.wait()  # a slow network: nothing leaves until the test lets it
        self.sent.append(data)

    async def close(self) -> None:
        pass


def test_a_viewer_gets_the_screen_first_then_frames_and_a_slow_one_is_resynchronised() -> None:
    async def run() -> None:
        screen = WallScreen(20, 2)
        screen.feed(b"\x1b[1;1Hfirst")
        socket = FakeSocket()
        viewer = hall.Viewer(socket)  # type: ignore[arg-type]
        pump = asyncio.create_task(viewer.pump(screen))
        await asyncio.sleep(0)
        frame = b"\x1b[2;1Hsecond"
        screen.feed(frame)
        viewer.push(frame)  # before the first send: the screen it gets holds it already
        assert viewer.backlog == b""
        socket.gate.set()
        for _ in range(5):
            await asyncio.sleep(0)
        assert len(socket.sent) == 1 and b"first" in socket.sent[0] and b"second" in socket.sent[0]
        socket.gate.clear()
        viewer.push(b"x")
        for _ in range(5):
            await asyncio.sleep(0)  # the pump takes "x" and waits on the network
        big = b"y" * (hall.MAX_BACKLOG // 2 + 1)
        viewer.push(big)
        viewer.push(big)  # too far behind: the backlog goes, the screen will be sent
        assert viewer.resync and viewer.backlog == b""
        socket.gate.set()
        for _ in range(5):
            await asyncio.sleep(0)
        assert socket.sent[1] == b"x" and socket.sent[2] == screen.snapshot()
        pump.cancel()

    asyncio.run(run())


# --- the command line -------------------------------------------------------------------


def test_wall_sizes_are_bounded() -> None:
    from tui550.cli.view import parse_size

    assert parse_size("120x36") == (120, 36) and parse_size("160×45") == (160, 45)
    for bad in ("10000x10000", "79x36", "120x23", "120", "x", "a x b", "-120x36", ""):
        with pytest.raises(UserError):
            parse_size(bad)


def test_urls_bracket_ipv6_and_carry_the_token() -> None:
    policy = AccessPolicy(token="t0ken-t0ken", names=frozenset())
    for host, url in (
        ("::", "http://[::]:8550/?token=t0ken-t0ken"),
        ("0.0.0.0", "http://0.0.0.0:8550/?token=t0ken-t0ken"),
    ):
        config = hall.HallConfig(
            host=host, port=8550, size=(120, 36), max_viewers=5, policy=policy, lang="zh"
        )
        assert hall.Hall(config, ["true"], {}).urls()[0] == url


def test_the_view_process_never_holds_the_address(tmp_path: Path) -> None:
    from tui550.cli.context import Ctx
    from tui550.cli.view import view_argv
    from tui550.core.settings import Settings

    ctx = Ctx(
        settings=Settings(lang="zh"),
        db_arg="postgresql://u:s3cret@db.lan/x?password=pw",
        events_path=None,
        debug=False,
    )
    argv = view_argv(ctx, "--evil; rm -rf ~")
    assert argv[argv.index("view") :] == ["view", "--served", "--", "--evil; rm -rf ~"]
    assert not any("s3cret" in a or "db.lan" in a or a == "pw" for a in argv)
