"""Shared by the export tests: the demo's earlier meeting and fixed settings."""

from __future__ import annotations

import uuid

from tests.support.demo import DEMO_DAY
from tui550.core.demo import demo_id
from tui550.core.settings import Settings

TODAY = DEMO_DAY
EARLIER: uuid.UUID = demo_id("meeting", "earlier")
TODAY_MEETING: uuid.UUID = demo_id("meeting", "today")
SETTINGS = Settings(
    user="测试员",
    lang="zh",
    office="解放区人民政府办公室",
    cc="区委办公室，区人大常委会办公室，区政协办公室",
    printed_by="解放区人民政府办公室",
)
