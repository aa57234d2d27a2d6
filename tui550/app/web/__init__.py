"""Serving the read-only view to browsers, through textual-serve, with nothing from outside.

textual-serve's own page loads a web font from the internet; district networks
often have none. Ours is a page of our own (`templates/index.html`) that takes
the terminal's script, its stylesheet and the font from textual-serve's own
static folder, which this server serves, so a browser fetches nothing else.

Each browser connection starts one `tui550 view` process (measured: about 75 MB,
1.3 s of CPU to start, 0.5 % of a core while idle), which reads the database and
draws the terminal; what the browser sends goes to that process's keyboard and
nowhere else, and the view has no key that writes. Twenty viewers are twenty such
processes, about 1.5 GB: fine on an ordinary office computer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server

from tui550.i18n import language, t

TEMPLATES = Path(__file__).parent / "templates"
HOST_RE = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]+)?|\[[0-9A-Fa-f:.]+\](:[0-9]+)?")
STATIC = Path(textual_serve.__file__).parent / "static"


class ViewServer(Server):
    def __init__(self, command: str, *, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title=t("serve.title"),
                         statics_path=STATIC, templates_path=TEMPLATES)

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(t("cli.serve.listening", host=self.host, port=self.port),
                           markup=False, highlight=False)

    async def handle_index(self, request: web.Request) -> web.Response:
        # Addresses are made from the request: a page opened through another name or
        # address than the one bound (0.0.0.0, a host name) still finds its websocket.
        scheme = "wss" if request.secure else "ws"
        host = request.host if HOST_RE.fullmatch(request.host or "") else f"{self.host}:{self.port}"
        font_size = request.query.get("fontsize", "16")
        context: dict[str, Any] = {
            "lang": "zh-CN" if language() == "zh" else "en",
            "title": self.title,
            "ended": t("serve.ended"),
            "restart": t("serve.restart"),
            "static": "/static/",
            "websocket_url": f"{scheme}://{host}/ws",
            "font_size": int(font_size) if font_size.isdigit() and 6 <= int(font_size) <= 64 else 16,
        }
        return aiohttp_jinja2.render_template("index.html", request, context)
