"""The Textual app. It calls the core through `tui550.core.store` and gets plain objects back."""

import os

# Textual paints at most MAX_FPS times a second, read from TEXTUAL_FPS when Textual is first
# imported (this package imports it after this line). A change waits for the next frame, on
# average half a frame: at Textual's 60 that was a third of the time from Enter to the saved
# item on the wall, and at 120 still a fifth. Painting happens only when something changed
# (a key, a save, the clock each second), so a higher cap costs nothing while the screen is
# still and nothing more while typing. A value set by the user is kept.
os.environ.setdefault("TEXTUAL_FPS", "240")
