"""A document's text cut into flat segments, each with the annotations that cover it
(mentions, claims with their source, cue and content, time expressions), so a template can
render overlapping spans without building nested HTML from strings. The text itself is
never turned into markup here: templates escape each segment."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    start: int
    end: int
    kind: str             # mention | claim | source | cue | content | timex
    data: dict = field(default_factory=dict)


def spans_of(mentions: list[dict], claims: list[dict], timexes: list[dict]) -> list[Span]:
    out = [Span(m["start"], m["end"], "mention", {"entity_id": m["entity_id"], "type": m["type"]}) for m in mentions]
    for c in claims:
        out.append(Span(c["start"], c["end"], "claim", {"id": c["id"], "stance": c["stance"]}))
        for part in ("source", "cue"):
            if c.get(f"{part}_start") is not None and c.get(f"{part}_end") is not None:
                out.append(Span(c[f"{part}_start"], c[f"{part}_end"], part, {}))
    out += [Span(t["start"], t["end"], "timex", {"value": t.get("value")}) for t in timexes]
    return [s for s in out if 0 <= s.start < s.end]


def segments(text: str, spans: list[Span]) -> list[dict]:
    """``[{"text", "classes", "entity_id", "title", "anchor"}]`` covering ``text`` in order."""
    n = len(text)
    cuts = {0, n}
    for s in spans:
        cuts.add(min(s.start, n))
        cuts.add(min(s.end, n))
    bounds = sorted(cuts)
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(min(s.start, n), []).append(s)
    active: list[Span] = []
    out = []
    for a, b in zip(bounds, bounds[1:]):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        seg = {"text": text[a:b], "classes": [], "entity_id": None, "title": None, "anchor": None}
        titles = []
        for s in active:
            if s.kind == "mention":
                seg["entity_id"] = s.data["entity_id"]
                seg["classes"].append(f"m m-{s.data['type']}")
                titles.append(f"{s.data['type']}: {s.data['entity_id']}")
            elif s.kind == "claim":
                seg["classes"].append(f"claim st-{s.data['stance']}")
                if s.start == a:
                    seg["anchor"] = f"c-{s.data['id']}"
            elif s.kind == "timex":
                seg["classes"].append("tx")
                if s.data.get("value"):
                    titles.append(f"date: {s.data['value']}")
            else:
                seg["classes"].append(s.kind)
        seg["classes"] = " ".join(dict.fromkeys(seg["classes"]))
        seg["title"] = "; ".join(titles) or None
        out.append(seg)
    return out
