"""The page of the 会议纪要 and the measures every part of its .docx is built on
(GB/T 9704-2012; docs/minutes-format.md says why these and not a character grid)."""

from __future__ import annotations

# Page (mm): 156 × 225 mm of text, 22 lines of 28 characters.
PAGE_W, PAGE_H = 210, 297
TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26
LINES, CHARS = 22, 28
BODY_PT = 16
TWIPS_PER_MM = 1440 / 25.4
TEXT_W = int((PAGE_W - LEFT - RIGHT) * TWIPS_PER_MM)  # 8844 twips = 442.2 pt
TEXT_H = int((PAGE_H - TOP - BOTTOM) * TWIPS_PER_MM)  # 12756 twips
LINE_PITCH = TEXT_H // LINES  # 579 twips = 28.95 pt
# Character spacing (w:spacing, twips): 28 characters of 16 pt are 448 pt, 5.8 pt too many
# for the line; 0.25 pt less each leaves 28 (441 pt) and never 29 (456.75 pt).
CHAR_SPACING = -5
TITLE_PT = 22
TABLE_PT = 10.5  # 五号, the attachments' tables
