"""The command line: parses arguments, shows progress, prints results. The work happens
in library functions; any ``SitroomError`` becomes one readable line and exit code 1."""

from __future__ import annotations

import functools
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitroom import __version__
from sitroom.errors import SitroomError
from sitroom.settings import Settings

EXIT_REJECTED = 3  # ingest finished, but some inputs were rejected
MAX_LISTED = 25  # rejections printed after a run; `sitroom rejections` shows all
console = Console(stderr=False)
err = Console(stderr=True)


def friendly(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SitroomError as exc:
            hint = f" ({exc.hint})" if getattr(exc, "hint", "") else ""
            err.print(f"[bold red]error:[/] {exc}{hint}", highlight=False)
            sys.exit(1)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted: stored batches are kept; run the same command again to resume[/]")
            sys.exit(130)

    return wrapper


db_option = click.option("--db", default=None, help=f"Store file (default: {Settings().db}, or $SITROOM_DB).")


@click.group(help="sitroom: multilingual war reporting in, a sourced situation picture out.")
@click.version_option(__version__)
def main() -> None:
    pass


@main.command(help="Ingest files, folders (recursively) and http(s) URLs into the store.")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--max-bytes", type=int, default=None, help="Reject inputs larger than this (default 20 MB).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@friendly
def ingest(paths, db, max_bytes, quiet) -> None:
    report = _ingest(list(paths), Settings.load(db=db, max_bytes=max_bytes), quiet)
    sys.exit(EXIT_REJECTED if report.rejections else 0)


def _ingest(paths: list[str], settings: Settings, quiet: bool = False, command: str = "ingest"):
    from sitroom.pipeline import Ingestor
    from sitroom.store import open_store

    with open_store(settings.db) as store:
        ingestor = Ingestor(store, settings)
        with Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=err, disable=quiet, transient=True,
        ) as progress:
            task = progress.add_task("", total=None)

            def on_path(path: str, done: int, total: int) -> None:
                progress.update(task, completed=done, total=total, description=Path(path).name[:40])

            report = ingestor.ingest(paths, command=f"{command} {' '.join(paths)}"[:500], on_path=on_path)
        _summary(report, settings.db)
    return report


def _summary(report, db: str) -> None:
    c = report.counts
    console.print(
        f"[bold]{c['ingested']}[/] ingested ({c['duplicates']} duplicates grouped), "
        f"{c['unchanged']} unchanged, [bold]{c['rejected']}[/] rejected  -> {db}", highlight=False
    )
    if report.rejections:
        shown = report.rejections[:MAX_LISTED]
        table = Table("rejected input", "reason", "detail", title="Rejected", title_justify="left")
        for r in shown:
            table.add_row(r.origin, r.reason, r.detail)
        console.print(table)
        if len(report.rejections) > len(shown):
            by_reason = Counter(r.reason for r in report.rejections)
            console.print(f"... and {len(report.rejections) - len(shown)} more ("
                          + ", ".join(f"{n} {reason}" for reason, n in by_reason.most_common())
                          + "): `sitroom rejections` lists them all", highlight=False)
    for origin, warning in report.warnings:
        console.print(f"[yellow]warning[/] {origin}: {warning}", highlight=False)


@main.command(help="Run the analysis stages on documents that lack them: entities and places, claims and "
                   "events, stories; then rebuild claim groups and indicator series.")
@db_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--rebuild-stories", is_flag=True, help="Re-cluster every document into stories (vectors are reused).")
@friendly
def process(db, quiet, rebuild_stories) -> None:
    settings = Settings.load(db=db)
    from sitroom.store import open_store

    with open_store(_existing(settings.db)) as store:
        reports = _process(store, settings, quiet, rebuild_stories)
    _process_summary(reports)


def _process(store, settings: Settings, quiet: bool = False, rebuild_stories: bool = False):
    from sitroom.analysis.stage import run_analysis
    from sitroom.claims.stage import run_claims
    from sitroom.entities.stage import run_entities
    from sitroom.stories.stage import run_stories

    def bar(label: str) -> Progress:
        return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, disable=quiet or not err.is_terminal)

    def on_status(message: str) -> None:
        err.print(message, highlight=False)

    reports = []
    for label, run in (("entities", lambda cb: run_entities(store, settings, on_progress=cb, on_status=on_status)),
                       ("claims", lambda cb: run_claims(store, settings, on_progress=cb)),
                       ("stories", lambda cb: run_stories(store, settings, on_progress=cb, rebuild=rebuild_stories))):
        progress = bar(label)
        with progress:
            task = progress.add_task(label, total=None)
            reports.append(run(lambda done, total, task=task, progress=progress:
                               progress.update(task, completed=done, total=total)))
    reports.append(run_analysis(store))
    from sitroom.search import index_documents

    progress = bar("search index")
    with progress:
        task = progress.add_task("search", total=None)
        reports.append(index_documents(store, on_progress=lambda done, total: progress.update(
            task, completed=done, total=total)))
    return reports


def _process_summary(reports) -> None:
    entity_report, claim_report, story_report, analysis, indexed = reports
    if not entity_report.documents:
        console.print("entities: every document is up to date")
    else:
        types = ", ".join(f"{n} {t}" for t, n in entity_report.by_type.most_common())
        console.print(f"entities: {entity_report.documents} documents, {entity_report.mentions} mentions ({types}), "
                      f"{entity_report.new_entities} entities added to the knowledge base", highlight=False)
    if not claim_report.documents:
        console.print("claims: every document is up to date")
    else:
        stances = ", ".join(f"{n} {s}" for s, n in claim_report.by_stance.most_common())
        kinds = ", ".join(f"{n} {k}" for k, n in claim_report.by_kind.most_common())
        console.print(f"claims: {claim_report.documents} documents, {claim_report.claims} claims ({stances}; "
                      f"sources: {kinds}); {claim_report.events} events", highlight=False)
    if not story_report.documents:
        console.print(f"stories: every document is placed ({story_report.stories} stories)")
    else:
        console.print(f"stories: {story_report.documents} documents placed, {story_report.new_stories} new stories, "
                      f"{story_report.touched} updated, {story_report.stories} in all", highlight=False)
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(analysis.by_status.items()))
    console.print(f"analysis: {analysis.groups} claim groups ({statuses}); {analysis.series} indicator series, "
                  f"{analysis.points} points", highlight=False)
    console.print(f"search index: {indexed} documents added" if indexed else "search index: up to date")


@main.command(help="List the most mentioned entities with their forms.")
@db_option
@click.option("--type", "type_", type=click.Choice(["person", "organization", "place", "group", "other"]),
              default=None, help="Only this type.")
@click.option("--limit", type=int, default=30, show_default=True)
@friendly
def entities(db, type_, limit) -> None:
    from sitroom.store import open_store

    with open_store(_existing(Settings.load(db=db).db)) as store:
        rows = store.entity_counts(limit=limit, type_=type_)
        table = Table("entity", "type", "mentions", "docs", "where / role", "forms seen", title_justify="left",
                      title=f"top {len(rows)} entities")
        for r in rows:
            forms = [a["alias"] for a in store.aliases_of(r["id"]) if a["seen"]]
            where = _where(r)
            table.add_row(r["name"], r["type"], str(r["mentions"]), str(r["documents"]), where,
                          ", ".join(forms[:8]) + (" ..." if len(forms) > 8 else ""))
    console.print(table)


def _where(r: dict) -> str:
    if r["type"] == "place":
        bits = [r.get("region"), r.get("country")]
        coords = f"{r['lat']:.3f},{r['lon']:.3f}" if r.get("lat") is not None else ""
        return " ".join(b for b in (", ".join(x for x in bits if x), coords) if b)
    return ", ".join(x for x in (r.get("role"), r.get("affiliation")) if x)


@main.command(help="Show one entity: all its forms across languages and the documents mentioning it.")
@click.argument("name")
@db_option
@friendly
def entity(name, db) -> None:
    from sitroom.store import open_store

    with open_store(_existing(Settings.load(db=db).db)) as store:
        # the language of the name typed is unknown: its key under every language's habits
        found = _lookup_entities(store, name)
        if not found:
            raise SitroomError(f"no entity called {name!r} in this store",
                               hint="`sitroom entities` lists them; run `sitroom process` after ingesting")
        for e in found:
            console.print(f"[bold]{e['name']}[/]  {e['type']}  [dim]{e['id']}[/]", highlight=False)
            where = _where(e)
            if where:
                console.print(f"  {where}", highlight=False)
            aliases = store.aliases_of(e["id"])
            seen = [a["alias"] + (f" ({a['language']})" if a["language"] else "") for a in aliases if a["seen"]]
            known = [a["alias"] for a in aliases if not a["seen"]]
            console.print(f"  forms seen in text: {', '.join(seen) or '-'}", highlight=False)
            if known:
                console.print(f"  known names: {', '.join(known[:30])}" + (" ..." if len(known) > 30 else ""),
                              highlight=False)
            docs = store.documents_mentioning(e["id"])
            table = Table("published", "lang", "mentions", "as", "title", title=f"{len(docs)} documents",
                          title_justify="left")
            for d in docs:
                table.add_row(d["published"] or "?", d["language"] or "?", str(d["mentions"]), d["forms"] or "",
                              d["title"])
            console.print(table)


@main.command(help="List attributed claims: who said what, when, how sure, with what figures; each with its sentence.")
@db_option
@click.option("--source", default=None, help="Only claims whose source text or source entity id contains this.")
@click.option("--stance", type=click.Choice(["asserted", "denied", "unconfirmed", "hedged"]), default=None)
@click.option("--entity", "entity_name", default=None, help="Only claims naming (or said by) this entity, any spelling.")
@click.option("--since", default=None, help="Only claims made on or after this date (YYYY-MM-DD).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--group", default=None, help="Only the claims of this claim group (id or id prefix).")
@click.option("--status", "group_status", type=click.Choice(["corroborated", "single-source", "contested"]),
              default=None, help="Only claims whose group has this status.")
@friendly
def claims(db, source, stance, entity_name, since, limit, group=None, group_status=None) -> None:
    from sitroom.store import open_store

    if since:
        _iso_date(since)
    with open_store(_existing(Settings.load(db=db).db)) as store:
        ids = None
        if entity_name:
            ids = [e["id"] for e in _lookup_entities(store, entity_name)]
            if not ids:
                raise SitroomError(f"no entity called {entity_name!r} in this store",
                                   hint="`sitroom entities` lists them")
        rows = list(store.iter_claims(source=source, stance=stance, entity_ids=ids, since=since, limit=limit,
                                      group=group, group_status=group_status))
    console.print(f"[bold]{len(rows)} claims[/]" + (f" (first {limit}; --limit to see more)" if len(rows) == limit else ""))
    for r in rows:
        who = r["source_text"] or ("the article" if r["source_kind"] == "author" else "unnamed source")
        tags = ", ".join(x for x in (r["source_kind"], r["side"]) if x)
        quote = " [quote]" if r["quote"] else ""
        channel = f" on {r['channel']}" if r["channel"] else ""
        console.print(f"\n[bold]{r['said_on'] or '????-??-??'}[/]  {who} [dim]({tags})[/] "
                      f"[cyan]{r['cue'] or ''}[/]{channel}  [magenta]{r['stance']}[/]{quote}", highlight=False)
        console.print(f"  {r['content']}", highlight=False, soft_wrap=False)
        if r["group_status"] and r["group_status"] != "single-source":
            console.print(f"  group: {r['group_status']} [dim]({r['group_id']})[/]", highlight=False)
        if r["quantities"]:
            console.print("  figures: " + "; ".join(_figure(q) for q in r["quantities"]), highlight=False)
        if r["refers_to"]:
            console.print(f"  refers to: {r['refers_to']}", highlight=False)
        if r["sentence"] != r["content"]:
            console.print(f"  [dim]sentence: {r['sentence']}[/]", highlight=False)
        console.print(f"  [dim]{r['doc_title'][:80]} ({r['doc_id']}, chars {r['start']}-{r['end']})[/]", highlight=False)


def _figure(q: dict) -> str:
    value = q["value"]
    approx = "~" if q["approx"] else ""
    what = q["measure"] or q["unit"] or ""
    return f"{approx}{value:g} {q['unit'] or ''} {'(' + what + ')' if what and what != q['unit'] else ''}".strip() \
        if isinstance(value, (int, float)) else str(value)


def _iso_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise SitroomError(f"--since {value!r} is not a date", hint="write it as YYYY-MM-DD") from exc


def _lookup_entities(store, name: str) -> list[dict]:
    from sitroom.entities.names import default_romanizer

    romanizer = default_romanizer()
    keys = sorted({romanizer.key(name, lang) for lang in (None, "en", "fr", "de", "ru", "uk")} - {""})
    return store.find_entities(keys, name)[:5]


@main.command(help="List events (who did what, where, when) with the claims that report them.")
@db_option
@click.option("--limit", type=int, default=50, show_default=True)
@friendly
def events(db, limit) -> None:
    from sitroom.store import open_store

    with open_store(_existing(Settings.load(db=db).db)) as store:
        rows = list(store.iter_events())[:limit]
        table = Table("date", "type", "summary", "status", "claims", "docs", title=f"{len(rows)} events",
                      title_justify="left")
        for e in rows:
            table.add_row(e["date"] or "?", e["subtype"], e["summary"], e["status"], str(len(e["claim_ids"])),
                          str(len(e["doc_ids"])))
    console.print(table)


@main.command(help="Print a briefing: top stories, contested claims side by side, latest figures, new places, "
                   "key dates.")
@db_option
@click.option("--since", default=None, help="Only what happened or was said on or after this date (YYYY-MM-DD).")
@click.option("--story", default=None, help="Only this story (id, id prefix or words of its title).")
@click.option("--limit", type=int, default=5, show_default=True, help="Stories and contested groups shown.")
@friendly
def brief(db, since, story, limit) -> None:
    from sitroom.analysis.briefing import build_briefing
    from sitroom.briefing_view import print_briefing
    from sitroom.store import open_store

    if since:
        _iso_date(since)
    with open_store(_existing(Settings.load(db=db).db)) as store:
        print_briefing(console, build_briefing(store, since=since, story=story, limit=limit))


@main.command(help="List stories: documents about one development, across languages.")
@db_option
@click.option("--limit", type=int, default=30, show_default=True)
@friendly
def stories(db, limit) -> None:
    from sitroom.briefing_view import date_range
    from sitroom.store import open_store

    with open_store(_existing(Settings.load(db=db).db)) as store:
        rows = list(store.iter_stories(limit=limit))
        table = Table("id", "dates", "docs", "languages", "title", title=f"{store.count_stories()} stories",
                      title_justify="left")
        for s in rows:
            table.add_row(s["id"], date_range(s["first_date"], s["last_date"]), str(s["n_docs"]), " ".join(sorted(s["languages"])), s["title"])
    console.print(table)


@main.command(help="Write the store per the export contract: JSON Lines (default), CSV (one file per table), "
                   "GeoJSON (places and events) or an ACLED-style CSV of events.")
@click.argument("out_dir", type=click.Path(file_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "acled"]), default="jsonl",
              show_default=True, help="acled writes OUT_DIR/events_acled.csv.")
@friendly
def export(out_dir, db, fmt) -> None:
    from sitroom import export_formats
    from sitroom.export import export_jsonl
    from sitroom.store import open_store

    with open_store(_existing(Settings.load(db=db).db)) as store:
        if fmt == "jsonl":
            counts = export_jsonl(store, out_dir)
        elif fmt == "csv":
            counts = export_formats.export_csv(store, out_dir)
        elif fmt == "geojson":
            counts = export_formats.export_geojson(store, out_dir)
        else:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            counts = {"events_acled.csv": export_formats.export_acled(store, Path(out_dir) / "events_acled.csv")}
    for name, n in counts.items():
        if "." in name:
            console.print(f"{n:>7} rows  {Path(out_dir) / name}", highlight=False)
        else:
            console.print(f"{n:>7} {name.replace('_', ' ')} (left out)", highlight=False)


@main.command(help="Serve the web interface: overview, timeline, map, claims, figures, entities, documents, "
                   "search. Read-only: no page writes to the store.")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default is reachable from this machine only.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--tiles", default=None, help="Online tile URL template for the maps (default: $SITROOM_MAP_TILES, "
                                            "else the offline basemap only).")
@friendly
def serve(db, host, port, tiles) -> None:
    import uvicorn

    from sitroom.web.app import create_app

    settings = Settings.load(db=db, map_tiles=tiles)
    app = create_app(settings.db, tiles=settings.map_tiles)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning: listening on {host}: anyone who can reach this machine can read the store[/]")
    console.print(f"sitroom: serving {settings.db} at http://{host}:{port}/  (Ctrl+C to stop)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command(help="Write one self-contained HTML report (briefing, timeline, map, figures, contested claims) "
                   "that opens offline.")
@click.argument("out_file", type=click.Path(dir_okay=False))
@db_option
@click.option("--since", default=None, help="Only what happened or was said on or after this date (YYYY-MM-DD).")
@friendly
def report(out_file, db, since) -> None:
    from sitroom.web.report import write_report

    if since:
        _iso_date(since)
    settings = Settings.load(db=db)
    size = write_report(_existing(settings.db), out_file, since=since)
    console.print(f"report: {out_file} ({size / 1e6:.1f} MB)", highlight=False)


@main.command(help="List documents: date, language, title, how the date was found, duplicates.")
@db_option
@click.option("--limit", type=int, default=50)
@friendly
def documents(db, limit) -> None:
    from sitroom.store import open_store

    with open_store(_existing(Settings.load(db=db).db)) as store:
        table = Table(title=f"{store.count_documents()} documents", title_justify="left")
        wide = console.width >= 110  # narrow terminals get the essentials only
        columns = ["published (how)", "lang"] + (["genre", "outlet"] if wide else []) + ["title", "copy"]
        fixed = {"published (how)": 15, "lang": 4, "genre": 10, "outlet": 16, "copy": 5}
        title_width = max(20, console.width - sum(fixed[c] + 3 for c in columns if c in fixed) - 4)
        for name in columns:
            width = fixed.get(name, title_width)
            table.add_column(name, no_wrap=True, overflow="ellipsis", min_width=min(width, 15), max_width=width)
        for i, doc in enumerate(store.iter_documents()):
            if i >= limit:
                break
            extra = [doc.genre, doc.outlet or ""] if wide else []
            table.add_row(f"{doc.published or '?'} {doc.published_how[:4]}", doc.language or "?", *extra,
                          doc.title, doc.duplicate_kind or "")
        console.print(table)


@main.command(help="Show every input rejected so far, with the reason.")
@db_option
@friendly
def rejections(db) -> None:
    from sitroom.store import open_store

    with open_store(_existing(Settings.load(db=db).db)) as store:
        rows = store.rejections()
    table = Table("input", "reason", "detail", "run")
    for r in rows:
        table.add_row(r["origin"], r["reason"], r["detail"], str(r["run_id"]))
    console.print(table)


@main.command(help="Run the whole job on the bundled sample corpus and export it.")
@click.option("--db", default="demo.db", show_default=True)
@click.option("--out", default="demo-export", show_default=True)
@friendly
def demo(db, out) -> None:
    from sitroom.export import export_jsonl
    from sitroom.store import open_store

    sample = str(resources.files("sitroom") / "sample" / "corpus")
    console.print(f"[bold]sitroom demo[/]: ingesting the bundled sample corpus ({sample})", highlight=False)
    settings = Settings.load(db=db)
    _ingest([sample], settings, quiet=not sys.stderr.isatty(), command="demo")
    with open_store(db) as store:
        _process_summary(_process(store, settings, quiet=not sys.stderr.isatty()))
        counts = export_jsonl(store, out)
    for name, n in counts.items():
        console.print(f"{n:>7} rows  {Path(out) / name}", highlight=False)
    console.print("The sample holds one deliberately malformed JSON line: its rejection above is expected.")
    documents.callback(db=db, limit=100)
    entities.callback(db=db, type_=None, limit=25)
    claims.callback(db=db, source=None, stance=None, entity_name=None, since=None, limit=25)
    brief.callback(db=db, since=None, story=None, limit=5)
    from sitroom.web.report import write_report

    report_path = str(Path(out) / "report.html")
    size = write_report(db, report_path)
    console.print(f"\nReport (one file, opens offline): {report_path} ({size / 1e6:.1f} MB)", highlight=False)
    console.print(f"Browse it: .venv/bin/sitroom serve --db {db}  (then open http://127.0.0.1:8000/)",
                  highlight=False)


@main.command(name="eval", context_settings={"ignore_unknown_options": True, "help_option_names": []},
              help="Score sitroom on public benchmarks: sitroom eval [TASK...] --data DIR [--limit N] [--json OUT].")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def evaluate(args) -> None:
    from sitroom.evaluation.runner import main as run_evaluation

    sys.exit(run_evaluation(list(args)))


@main.command(help="Print the settings, their defaults and what they do.")
def settings() -> None:
    table = Table("setting", "default", "env", "help")
    for name, default, help_ in Settings.describe():
        table.add_row(name, str(default), f"SITROOM_{name.upper()}", help_)
    console.print(table)


def _existing(db: str) -> str:
    if not Path(db).exists():
        raise SitroomError(f"no store at {db}", hint="run `sitroom ingest PATH --db FILE` first")
    return db


if __name__ == "__main__":
    main()
