"""Dates written short (lists, cards, listings): the year only when it differs."""

STRINGS = {
    "date.short": ("{mon}{d}日", "{d} {mon}"),
    "date.long": ("{y}年{mon}{d}日", "{d} {mon} {y}"),
    **{
        f"date.mon.{n}": (f"{n}月", name)
        for n, name in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
        )
    },
}
