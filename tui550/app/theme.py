"""The projector theme: black ground, white text, saturated lights.

A projector washes out mid-tones and thin colours; only high contrast survives
the back row, so nothing important is drawn in grey on grey. The selected row of
every list (the block cursor, focused or not) is a solid field of the theme's
strongest colour with the ground's colour on it: it stays a field of its own when a
16-colour terminal reduces every colour to its nearest.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="tui550-projector",
    primary="#FFD400",
    secondary="#3FB0FF",
    accent="#FFD400",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    success="#2EE05A",
    warning="#FFD400",
    error="#FF3B3B",
    dark=True,
    variables={
        "footer-key-foreground": "#FFD400",
        "footer-background": "#1C1C1C",
        "input-selection-background": "#3FB0FF 50%",
        "block-cursor-background": "#FFD400",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        # A list without focus still shows which row E or Enter would act on.
        "block-cursor-blurred-background": "#8C7400",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-text-style": "bold",
    },
)

PROJECTOR_LIGHT = Theme(
    name="tui550-daylight",
    primary="#0040C0",
    secondary="#006080",
    accent="#0040C0",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E8E8E8",
    success="#007A20",
    warning="#9A6A00",
    error="#C00000",
    dark=False,
    variables={
        "block-cursor-background": "#0040C0",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#6A8AD0",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-text-style": "bold",
    },
)

THEMES = (PROJECTOR, PROJECTOR_LIGHT)
