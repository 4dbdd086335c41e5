"""Chart geometry computed on the server (plain SVG in the templates, no chart library):
the timeline's histogram and one chart per indicator series. Every mark keeps the record it
stands for, so the template can give it a tooltip and a link."""

from __future__ import annotations

from datetime import date, timedelta

WIDTH, HEIGHT, PAD = 900, 160, 36


def _d(value: str) -> date:
    return date.fromisoformat(value[:10])


def bins(first: str, last: str, max_bins: int = 120) -> tuple[list[tuple[date, date]], str]:
    """Consecutive periods covering [first, last]: days, or weeks or months when the span
    is long; and the unit used."""
    a, b = _d(first), _d(last)
    span = (b - a).days + 1
    if span <= max_bins:
        return [(a + timedelta(days=i), a + timedelta(days=i)) for i in range(span)], "day"
    if span <= max_bins * 7:
        start = a - timedelta(days=a.weekday())
        out = []
        while start <= b:
            out.append((start, start + timedelta(days=6)))
            start += timedelta(days=7)
        return out, "week"
    out, y, m = [], a.year, a.month
    while date(y, m, 1) <= b:
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append((date(y, m, 1), nxt - timedelta(days=1)))
        y, m = nxt.year, nxt.month
    return out, "month"


def histogram(entries: list[dict], first: str, last: str, colour_of) -> dict:
    """Stacked bars of entries per period, one colour per entry colour key."""
    periods, unit = bins(first, last)
    counts: list[dict[str, int]] = [{} for _ in periods]
    starts = [p[0] for p in periods]
    import bisect

    for e in entries:
        i = bisect.bisect_right(starts, _d(e["date"])) - 1
        if 0 <= i < len(periods):
            key = colour_of(e)
            counts[i][key] = counts[i].get(key, 0) + 1
    top = max((sum(c.values()) for c in counts), default=0) or 1
    bar_w = (WIDTH - 2 * PAD) / max(len(periods), 1)
    bars = []
    for i, ((s, e), c) in enumerate(zip(periods, counts)):
        y = HEIGHT - PAD
        stack = []
        for colour, n in sorted(c.items()):
            h = (HEIGHT - 2 * PAD) * n / top
            y -= h
            stack.append({"colour": colour, "n": n, "y": round(y, 1), "h": round(h, 1)})
        bars.append({"x": round(PAD + i * bar_w, 1), "w": round(max(bar_w - 1, 1), 1), "start": s.isoformat(),
                     "end": e.isoformat(), "n": sum(c.values()), "stack": stack})
    step = max(1, len(periods) // 8)
    ticks = [{"x": b["x"], "label": b["start"]} for b in bars[::step]]
    return {"width": WIDTH, "height": HEIGHT, "pad": PAD, "unit": unit, "bars": bars, "ticks": ticks, "max": top}


def series_chart(points: list[dict], width: int = 640, height: int = 220, pad: int = 44) -> dict | None:
    """A dated series as points (x by date, y by value from zero) and a line through
    them in date order; None when fewer than one dated point."""
    dated = [p for p in points if p.get("date")]
    if not dated:
        return None
    days = [_d(p["date"]) for p in dated]
    lo, hi = min(days), max(days)
    span = max((hi - lo).days, 1)
    vmax = max(p["value"] for p in dated)
    vmin = min(0.0, min(p["value"] for p in dated))
    vr = (vmax - vmin) or 1.0

    def x(d: date) -> float:
        return round(pad + (width - 2 * pad) * ((d - lo).days / span if hi > lo else 0.5), 1)

    def y(v: float) -> float:
        return round(height - pad - (height - 2 * pad) * (v - vmin) / vr, 1)

    marks = [{"x": x(d), "y": y(p["value"]), "point": p} for d, p in zip(days, dated)]
    # one line per side (its own figures over time), not one zigzag through every source
    by_side: dict[str, list[dict]] = {}
    for m in marks:
        by_side.setdefault(m["point"].get("colour") or "#9aa4ae", []).append(m)
    lines = [{"colour": colour, "points": " ".join(f"{m['x']},{m['y']}" for m in sorted(ms, key=lambda m: m["x"]))}
             for colour, ms in by_side.items() if len(ms) > 1]
    yticks = [{"y": y(v), "label": _fmt(v)} for v in (vmin, vmin + vr / 2, vmax)]
    xticks = [{"x": x(lo), "label": lo.isoformat()}] + ([{"x": x(hi), "label": hi.isoformat()}] if hi > lo else [])
    return {"width": width, "height": height, "pad": pad, "marks": marks, "lines": lines, "yticks": yticks,
            "xticks": xticks}


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 10 or v == int(v) else f"{v:,.1f}"
