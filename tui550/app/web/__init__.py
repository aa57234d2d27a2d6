"""Serving the read-only view to a hall of browsers (`tui550 serve`).

One `tui550 view` draws the wall (`wall`), the server keeps the screen it drew
(`screen`) and sends every frame to every viewer (`hall`), after the access policy
(`access`) let them in. The page (`templates/index.html`, `static/`) uses the browser
terminal that textual-serve ships, and loads nothing from elsewhere. docs/serve.md
says why this design and what it costs.
"""

from tui550.app.web.access import AccessPolicy, new_token, normal_origin
from tui550.app.web.hall import Hall, HallConfig

__all__ = ["AccessPolicy", "Hall", "HallConfig", "new_token", "normal_origin"]
