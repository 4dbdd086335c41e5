"""Prints a briefing (:func:`sitroom.analysis.briefing.build_briefing`) in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

STANCE_STYLE = {"asserted": "green", "denied": "red", "unconfirmed": "yellow", "hedged": "cyan"}


def _figure(p: dict) -> str:
    value = f"{p['value']:,.0f}" if float(p["value"]).is_integer() else f"{p['value']:,}"
    qualifier = f"{p['qualifier'].replace('_', ' ')} " if p.get("qualifier") else ("~" if p.get("approx") else "")
    return f"{qualifier}{value} {p['unit']}".strip()


def date_range(first: str | None, last: str | None) -> str:
    return (first or "?") if first == last else f"{first} → {last}"


def _source(p: dict) -> str:
    who = p.get("source_text") or ("the article" if p.get("source_kind") == "author" else "?")
    return f"{who[:40]}{' (' + p['side'] + ')' if p.get('side') else ''}"


def print_briefing(console: Console, b: dict) -> None:
    scope = f"story {b['story']['title']!r}" if b["story"] else (f"since {b['since']}" if b["since"] else "all dates")
    c = b["counts"]
    console.rule(f"[bold]Briefing[/] ({scope}): {c['documents']} documents, {c['claims']} claims, {c['stories']} stories")

    table = Table("story", "dates", "docs", "languages", "id", title="Top stories", title_justify="left")
    for s in b["stories"]:
        table.add_row(s["title"], date_range(s["first_date"], s["last_date"]), str(s["n_docs"]), " ".join(sorted(s["languages"])), s["id"])
    console.print(table)

    console.print("\n[bold]Contested claims[/]" + ("" if b["contested"] else ": none"))
    for g in b["contested"]:
        console.print(f"[bold]{g['label']}[/] ({date_range(g['first_date'], g['last_date'])}): {g['reason']}  [dim]{g['id']}[/]", highlight=False)
        table = Table("source", "side", "stance", "says", show_header=True, box=None, padding=(0, 1))
        for cl in g["claims"][:6]:
            style = STANCE_STYLE.get(cl["stance"], "")
            table.add_row(cl["source"][:40], cl["side"] or "", f"[{style}]{cl['stance']}[/]", cl["content"][:110])
        console.print(table)
        if len(g["claims"]) > 6:
            console.print(f"  [dim]… {len(g['claims']) - 6} more claims: sitroom claims --group {g['id']}[/]")

    table = Table("measure", "subject", "latest", "date", "source", "before", title="Latest figures",
                  title_justify="left")
    for f in b["figures"]:
        prev = f["previous"]
        before = f"{_figure(prev)} ({prev['date']}, {_source(prev)})" if prev else ""
        table.add_row(f["measure"], f["subject"], _figure(f["latest"]), f["latest"]["date"] or "?",
                      _source(f["latest"]), before)
    console.print(table if b["figures"] else "\n[bold]Latest figures[/]: none")

    if b["new_places"]:
        console.print("\n[bold]New places[/]: " + ", ".join(
            f"{p['name']} ({p['country'] or '?'}, {p['first'][:10]})" for p in b["new_places"]), highlight=False)
    if b["key_dates"]:
        console.print("\n[bold]Key dates[/]: " + ", ".join(b["key_dates"]), highlight=False)
        for e in b["timeline"]:
            console.print(f"  {e['date']}  {e['label']}  [dim]{e['status']}, {len(e['claim_ids'])} claims[/]",
                          highlight=False)
