"""Synthetic multilingual news corpus for ingest benchmarks.

    python benchmarks/corpus_gen.py OUT_DIR --docs 10000 --seed 7

Writes a folder of news-like inputs about the Russia-Ukraine war in English, French,
German, Russian and Ukrainian, deterministic for (docs, seed, generator version):

- ``text/``  plain .txt articles, some with page leftovers (READ ALSO, PREV/NEXT links
  with a date, comment counters, hashtag and share lines), some hard-wrapped, a few
  Russian/Ukrainian ones in windows-1251;
- ``html/``  full pages (head metadata incl. ``article:published_time``, nav, sidebar,
  footer, scripts) around the article;
- ``jsonl/`` dumps of many records each (title, text, url, date, outlet, language);
- ``feeds/`` one or two RSS 2.0 files with HTML ``content:encoded`` bodies;
- about 5 % near-duplicate syndicated copies (same body, new headline, added credit
  line, usually another outlet and format) and about 0.5 % bad inputs (empty files,
  binary bytes, malformed JSON lines).

Every sentence comes from the templates in ``corpus_templates.py`` (written for this benchmark); slots take
places, actors, dates and figures, ``[a|b|c]`` picks one variant, so texts differ while
staying on topic. ``manifest.json`` records what was generated and what an ingest should
report (ingested, duplicates, rejected).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

GENERATOR_VERSION = "1"
LANGS = ("en", "fr", "de", "ru", "uk")
LANG_WEIGHTS = (0.30, 0.15, 0.15, 0.20, 0.20)
# share of documents (not files) per input form
FORM_WEIGHTS = {"text": 0.36, "html": 0.26, "jsonl": 0.34, "feed": 0.04}
DUP_SHARE = 0.05
BAD_SHARE = 0.005
START, END = date(2024, 8, 6), date(2025, 10, 31)

from corpus_templates import (  # noqa: E402 - the benchmark folder is on sys.path when run
    PLACES,
    ACTORS,
    PEOPLE,
    MONTHS,
    WEEKDAYS,
    PREFIXES,
    SENTENCES,
    HEADLINES,
    OUTLETS,
    AUTHORS,
    AGENCIES,
    CREDITS,
    HASHTAGS,
)

# --------------------------------------------------------------------------------------
# Filling templates
# --------------------------------------------------------------------------------------
_ALT = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def fmt_int(n: int, lang: str) -> str:
    s = f"{n:,}"
    if lang == "en":
        return s
    if lang == "de":
        return s.replace(",", ".")
    return s.replace(",", "\u00a0") if n >= 10000 else s.replace(",", "")


def fmt_date(d: date, lang: str, year: bool, us: bool = False) -> str:
    """The bare date phrase (no preposition)."""
    m = MONTHS[lang][d.month - 1]
    if lang == "en":
        core = f"{m} {d.day}" if us else f"{d.day} {m}"
        return f"{core}, {d.year}" if (us and year) else (f"{core} {d.year}" if year else core)
    if lang == "fr":
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {m} {d.year}" if year else f"{day} {m}"
    if lang == "de":
        return f"{d.day}. {m} {d.year}" if year else f"{d.day}. {m}"
    suffix = " года" if lang == "ru" else " року"
    return f"{d.day} {m} {d.year}{suffix}" if year else f"{d.day} {m}"


def date_phrase(d: date, lang: str, year: bool, us: bool = False) -> str:
    bare = fmt_date(d, lang, year, us)
    return {"en": f"on {bare}", "fr": f"le {bare}", "de": f"am {bare}"}.get(lang, bare)


class Filler:
    """Fills templates for one document: a pool of places, actors and dates around ``pub``."""

    def __init__(self, rng: Random, lang: str, pub: date) -> None:
        self.rng, self.lang, self.pub = rng, lang, pub
        places = PLACES[lang]
        k = rng.randint(2, 4)
        self.places = rng.sample(places, k)  # the story's focus places
        self.us_dates = lang == "en" and rng.random() < 0.4

    def _count(self, lo: int, hi: int, step: int = 1) -> int:
        """A count; for ru/uk one that takes the genitive plural (5-20, x0, x5-x9)."""
        for _ in range(50):  # a bounded loop: some small ranges hold no such number
            n = self.rng.randrange(lo, hi + 1, step) if step > 1 else self.rng.randint(lo, hi)
            if self.lang not in ("ru", "uk") or n % 10 in (0, 5, 6, 7, 8, 9) or 11 <= n % 100 <= 14:
                break
        return n

    def slots(self) -> dict[str, str]:
        rng, lang = self.rng, self.lang
        p = rng.choice(self.places)
        q = rng.choice([x for x in PLACES[lang] if x[0] != p[0]])
        actor = rng.choice(ACTORS[lang])
        person = rng.choice(PEOPLE[lang])
        d = self.pub - timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 4, 6)))
        since = self.pub - timedelta(days=rng.randint(5, 60))
        n = lambda lo, hi, step=1: fmt_int(self._count(lo, hi, step), lang)  # noqa: E731
        drones = self._count(15, 160)
        return {
            "p": p[1], "p_in": p[2], "p_near": p[3], "p_gen": p[4], "q": q[1], "q_gen": q[4],
            "actor": actor[0], "according": actor[1], "actor_short": actor[2], "poss": actor[3],
            "person": person[0], "person_acc": person[1], "person_short": person[2],
            "date": date_phrase(d, lang, rng.random() < 0.3, self.us_dates),
            "date_bare": fmt_date(since, lang, True, self.us_dates),
            "weekday": WEEKDAYS[lang][d.weekday()],
            "km": str(rng.randint(1, 15)), "km2": n(40, 1300, 5), "soldiers": n(500, 60000, 100),
            "pct": str(self._count(5, 95)), "villages": str(self._count(2, 30)),
            "drones": fmt_int(drones, lang), "drones2": str(self._count(2, max(3, drones // 3))),
            "civilians": n(150, 25000, 50), "tanks": str(self._count(2, 25)), "vehicles": str(self._count(3, 45)),
            "days": str(self._count(2, 12)), "attacks": str(self._count(20, 220)), "attacks2": str(self._count(5, 60)),
            "households": n(1000, 90000, 100), "population": n(8000, 120000, 500),
            "killed": str(self._count(1, 25)), "wounded": str(self._count(2, 60)),
        }

    def fill(self, template: str, prefix: bool = False) -> str:
        rng = self.rng
        t = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
        values = self.slots()
        s = _SLOT.sub(lambda m: values[m.group(1)], t)
        if prefix and PREFIXES[self.lang] and rng.random() < 0.15:
            s = rng.choice(PREFIXES[self.lang]) + s
        return s[0].upper() + s[1:]

    def sentence(self) -> str:
        return self.fill(self.rng.choice(SENTENCES[self.lang]), prefix=True)

    def headline(self) -> str:
        return self.fill(self.rng.choice(HEADLINES[self.lang]))


# --------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------
@dataclass
class Doc:
    idx: int
    lang: str
    pub: datetime
    title: str
    paragraphs: list[str]
    outlet: tuple[str, str]
    author: str
    form: str
    slug: str
    credit: str | None = None
    copy_of: int | None = None
    extras: dict = field(default_factory=dict)  # boilerplate decisions

    @property
    def url(self) -> str:
        return f"https://{self.outlet[1]}/{self.pub:%Y/%m/%d}/{self.slug}"

    @property
    def body_paragraphs(self) -> list[str]:
        return self.paragraphs + ([self.credit] if self.credit else [])


def _slug(rng: Random, idx: int) -> str:
    return f"story-{idx:06d}-{rng.getrandbits(24):06x}"


def make_doc(rng: Random, idx: int, form: str, feed_langs: tuple[str, ...] = ("en",)) -> Doc:
    # a feed is one outlet in one language
    lang = rng.choice(feed_langs) if form == "feed" else rng.choices(LANGS, LANG_WEIGHTS)[0]
    day = START + timedelta(days=rng.randint(0, (END - START).days))
    pub = datetime(day.year, day.month, day.day, rng.randint(6, 22), rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)))
    f = Filler(rng, lang, day)
    target = int(rng.triangular(150, 600, 280))
    paragraphs: list[str] = []
    words = 0
    while words < target:
        para = " ".join(f.sentence() for _ in range(rng.randint(2, 4)))
        paragraphs.append(para)
        words += len(para.split())
    doc = Doc(idx, lang, pub, f.headline(), paragraphs, rng.choice(OUTLETS[lang]), rng.choice(AUTHORS[lang]),
              form, _slug(rng, idx))
    doc.extras = _extras(rng, f)
    return doc


def make_copy(rng: Random, idx: int, orig: Doc, form: str) -> Doc:
    """A syndicated copy: same body, another headline, a credit line, often another outlet."""
    f = Filler(rng, orig.lang, orig.pub.date())
    others = [o for o in OUTLETS[orig.lang] if o != orig.outlet]
    pub = orig.pub + timedelta(minutes=rng.randint(10, 60 * 30))
    credit = rng.choice(CREDITS[orig.lang]).format(agency=rng.choice(AGENCIES))
    doc = Doc(idx, orig.lang, pub, f.headline(), list(orig.paragraphs), rng.choice(others), rng.choice(AUTHORS[orig.lang]),
              form, _slug(rng, idx), credit=credit, copy_of=orig.idx)
    doc.extras = _extras(rng, f)
    return doc


def _extras(rng: Random, f: Filler) -> dict:
    """Which page leftovers a plain-text or record rendering carries."""
    return {
        "byline": rng.random() < 0.55,
        "read_also": [f.headline() for _ in range(rng.randint(1, 2))] if rng.random() < 0.4 else [],
        "prev_next": rng.random() < 0.3,
        "prev_title": f.headline(), "next_title": f.headline(),
        "prev_delta": rng.randint(1, 72), "next_delta": rng.randint(1, 96),
        "hashtags": rng.sample(HASHTAGS[f.lang], rng.randint(2, 4)) if rng.random() < 0.3 else [],
        "comments": rng.random() < 0.25,
        "share": rng.random() < 0.2,
        "wrap": rng.random() < 0.15,
        "cp1251": f.lang in ("ru", "uk") and rng.random() < 0.05,
        "crlf": rng.random() < 0.1,
        "related": [f.headline() for _ in range(5)],
        "sidebar": [f.headline() for _ in range(rng.randint(5, 9))],
        "meta_date": rng.random() < 0.85,
        "jsonld": rng.random() < 0.5,
        "date_style": rng.randint(0, 3),
        "leftovers_in_record": rng.random() < 0.2,
        # about half the pages carry the bulk real pages have: a mega menu, an inline app state
        "bulk": rng.random() < 0.5,
        "menu_size": rng.randint(20, 60),
        "state_items": rng.randint(40, 150),
    }


from corpus_render import render_feed, render_html, render_record, render_text  # noqa: E402


# --------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------
def generate(out: str | Path, docs: int = 10_000, seed: int = 7) -> dict:
    """Write the corpus to ``out`` (replaced if present); return the manifest."""
    out = Path(out)
    rng = Random(f"sitroom-bench:{seed}:{docs}")
    n_bad = max(3, round(docs * BAD_SHARE))
    n_dup = round(docs * DUP_SHARE)
    n_orig = docs - n_bad - n_dup
    forms = list(FORM_WEIGHTS)
    weights = list(FORM_WEIGHTS.values())

    feed_langs = ("en", "uk") if docs >= 2000 else ("en",)
    originals = [make_doc(rng, i, rng.choices(forms, weights)[0], feed_langs) for i in range(n_orig)]
    copies = []
    sources = rng.sample(range(n_orig), n_dup)
    for k, src in enumerate(sources):
        orig = originals[src]
        allowed = [f for f in forms if f != "feed" or orig.lang in feed_langs]
        form = rng.choice([f for f in allowed if f != orig.form]) if rng.random() < 0.7 else orig.form
        copies.append(make_copy(rng, n_orig + k, orig, form))
    all_docs = originals + copies

    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    files = {"text": 0, "html": 0, "jsonl": 0, "feed": 0}
    by_form: dict[str, list[Doc]] = {f: [] for f in forms}
    for d in all_docs:
        by_form[d.form].append(d)

    def write(rel: str, data: bytes) -> None:
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)

    for d in by_form["text"]:
        write(f"text/{d.outlet[1].split('.')[0]}/{d.pub:%Y-%m}/{d.slug}.txt", render_text(d))
        files["text"] += 1
    for d in by_form["html"]:
        write(f"html/{d.outlet[1].split('.')[0]}/{d.pub:%Y-%m}/{d.slug}.html", render_html(d))
        files["html"] += 1

    # JSONL dumps: 100-250 records per file, one outlet language mix per dump
    n_bad_json = n_bad // 3
    n_empty = (n_bad - n_bad_json + 1) // 2
    n_binary = n_bad - n_bad_json - n_empty
    records = by_form["jsonl"]
    chunks: list[list[Doc]] = []
    i = 0
    while i < len(records):
        size = rng.randint(100, 250)
        chunks.append(records[i : i + size])
        i += size
    bad_line_count = 0
    for c, chunk in enumerate(chunks):
        lines = [json.dumps(render_record(d), ensure_ascii=False) for d in chunk]
        # malformed lines: a record cut off mid-write, spread over the dumps
        for _ in range(_bad_for_chunk(c, n_bad_json, len(chunks))):
            cut = rng.choice(lines)
            lines.insert(rng.randint(0, len(lines)), cut[: rng.randint(20, max(21, len(cut) // 2))])
            bad_line_count += 1
        write(f"jsonl/dump-{c:04d}.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
        files["jsonl"] += 1
    if not chunks and n_bad_json:  # tiny corpora: a file of its own
        write("jsonl/dump-broken.jsonl", b'{"title": "cut off", "text": "Fighting near Pok\n')
        files["jsonl"] += 1
        bad_line_count += n_bad_json

    # RSS: one feed per feed language (one feed below 2000 docs, two above)
    for lang in feed_langs:
        part = sorted((d for d in by_form["feed"] if d.lang == lang), key=lambda d: d.pub, reverse=True)
        if part:
            build = part[0].pub + timedelta(hours=1)
            write(f"feeds/war-news-{lang}.rss",
                  render_feed(f"War news ({lang})", f"feed-{lang}.example", lang, part, build))
            files["feed"] += 1

    # bad inputs: empty files and binary bytes under a text/html name
    for k in range(n_empty):
        write(f"text/inbox/empty-{k:03d}.txt", b"" if k % 2 == 0 else b"\n  \n")
    for k in range(n_binary):
        blob = (b"\x89PNG\r\n\x1a\n" if k % 2 else b"\x00\x01\x02\x03") + rng.randbytes(rng.randint(512, 4096))
        write(f"{'html' if k % 2 else 'text'}/inbox/upload-{k:03d}.{'html' if k % 2 else 'txt'}", blob)

    words = [sum(len(p.split()) for p in d.body_paragraphs) for d in all_docs]
    manifest = {
        "generator": "benchmarks/corpus_gen.py",
        "generator_version": GENERATOR_VERSION,
        "generator_sha": source_sha(),
        "seed": seed,
        "docs": docs,
        "items": len(all_docs) + n_bad,
        "documents": len(all_docs),
        "originals": n_orig,
        "near_duplicate_copies": n_dup,
        "bad_inputs": {"empty_files": n_empty, "binary_files": n_binary, "malformed_json_lines": bad_line_count},
        "documents_by_form": {f: len(v) for f, v in by_form.items()},
        "files_by_form": files,
        "languages": {lang: sum(1 for d in all_docs if d.lang == lang) for lang in LANGS},
        "words": {"min": min(words), "max": max(words), "mean": round(sum(words) / len(words), 1)},
        "bytes": sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file()),
        "expected": {"ingested": len(all_docs), "duplicates": n_dup, "rejected": n_bad},
    }
    (tmp / ".manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return manifest


def _bad_for_chunk(c: int, n_bad_json: int, n_chunks: int) -> int:
    """Spread the malformed lines over the dumps, round robin."""
    if n_chunks == 0:
        return 0
    return n_bad_json // n_chunks + (1 if c < n_bad_json % n_chunks else 0)


def source_sha() -> str:
    """Changes whenever the generator or its templates change (cached corpora are rebuilt)."""
    here = Path(__file__).parent
    data = b"".join((here / name).read_bytes() for name in ("corpus_gen.py", "corpus_render.py", "corpus_templates.py"))
    return hashlib.sha256(data).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="folder to write (replaced if present)")
    ap.add_argument("--docs", type=int, default=10_000, help="number of input items (default 10000)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    m = generate(args.out, args.docs, args.seed)
    json.dump(m, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
