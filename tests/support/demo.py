"""The demo district as the tests name it."""

from __future__ import annotations

from datetime import date

# The day of the demo's meeting in progress (a Monday); `build_demo` is given this day.
DEMO_DAY = date(2026, 7, 20)
