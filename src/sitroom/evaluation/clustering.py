"""Story clustering (``sitroom.stories.offline.cluster_texts``) on the Diverse_CDCR_datasets.

Data: ``6_clustering/Diverse_CDCR_datasets`` (Zhukova et al., LREC 2022), CoNLL-2012 style
files: ``#begin document (<doc id>); part N`` then one token a line, tab-separated
``doc_id, sentence, token_id, token, coref[, ...]``, a blank line between sentences. Only the
tokens and the document ids are used; the coreference columns are not. Text is rebuilt from
the tokens (:func:`detokenize`: no space before closing punctuation and clitics, none after
opening brackets and elided articles like Italian ``l'``; PTB quotes become ``"``).

- MEANTIME (``MEANTIME-prep/output_data/{en,es,it,nl}/meantime.conll``): 120 Wikinews articles
  a language, the Spanish, Italian and Dutch ones translations of the English ones (same doc
  ids), in 4 topics (doc id ``corpus_<topic>/<n>``: airbus, apple, gm, stock). Gold = topic
  (the only grouping there is: a topic is an entity-centred "corpus" spanning years, not
  one story). Sentence 0 is the headline (the title), sentence 1 the publication date in
  the language's format (``March 01 , 2008``, ``1 de marzo de 2008``, ``1 marzo 2008``,
  ``01-Mar-08``): parsed into ``day`` and left out of the text when it parses (all 480 do; 5
  translations carry a date other than the English one's, kept as written). Rows: the 480
  documents of the 4 languages pooled (cross-lingual: a topic holds the articles in every
  language), and each language alone (120). The pooled row's ``extra`` also has
  ``parallel_together``: the share of articles whose versions in all the pooled languages
  got one predicted cluster.
- ECB+ (``ECBplus-prep/output_data/test/dataset.conll``; every ``output_data/*/dataset.conll``
  when there is no ``test`` split): the test topics 36-45, doc id ``<topic>/<topic><half>/<n>``
  with half ``ecb`` or ``ecbplus`` (ECB+ added, for every ECB topic, articles on a second,
  similar event: the sub-topic is the story). Rows: topic clustering (10 gold clusters) and
  sub-topic clustering (20), scored on the same predicted clustering. ECB+ documents open
  with their URL, tokenised (``http : / / www . ...``): that sentence is left out (TextItem
  has no URL field, and the URL slug repeats the headline); the next sentence is the title.
  No dates (``day`` None).
- NewsWCL50 (``NewsWCL50-prep/output_data/NewsWCL50.conll``), a diagnostic: 50 articles, 10
  political events x 5 outlets (doc id ``<topic>/-/<topic>_<leaning>``); gold = event. The
  tokens hold literal ``\\n`` markers (line breaks); the title is the first line.

Title: the first (non-URL) sentence; text: the remaining sentences (the title itself when
nothing remains). Language from the folder (MEANTIME) or ``en``.

Metrics over documents (:func:`bcubed`, :func:`v_measure`): B-cubed precision / recall / F1
(Bagga & Baldwin 1998: for each document, the share of its predicted cluster that is in its
gold cluster, and of its gold cluster that is in its predicted cluster, averaged over
documents; F1 the harmonic mean of the two averages) in the P / R / F1 columns, V-measure
(Rosenberg & Hirschberg 2007, beta 1: homogeneity ``1 - H(gold|pred)/H(gold)``,
completeness ``1 - H(pred|gold)/H(pred)``, each 1 when its denominator entropy is 0) in the
accuracy column; homogeneity, completeness and the numbers of gold and predicted clusters
in ``extra``.

Systems: ``sitroom-stories`` (``cluster_texts``, imported only when a dataset is found), and
context: ``all-in-one`` (one cluster), ``one-per-doc`` (singletons) and
``tfidf-single-link (baseline)`` (:func:`tfidf_single_link`: TF-IDF cosine over lower-cased
word tokens of title + text, documents linked at cosine >= ``LEXICAL_THRESHOLD``, clusters
the connected components; the threshold was set a priori, not tuned on these sets).

Published anchors (the dataset README): document topic clustering on ECB+ is "near-perfect
(~0.95+ F1)", sub-topic (story) clustering "harder" (no figure; metric not named); MEANTIME
and NewsWCL50 have only the LREC 2022 baselines, with no clustering figure quoted.

``--limit N``: the first N documents of each dataset (of each language, the same articles in
every language, so the pooled MEANTIME set has up to 4N), taken round-robin over the gold
topics in file order so every topic stays represented.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "clustering"
GROUP = "6_clustering"
ROOT = "Diverse_CDCR_datasets"
MEANTIME = "MEANTIME-prep"
ECBPLUS = "ECBplus-prep"
NEWSWCL = "NewsWCL50-prep"
MEANTIME_LANGS = ("en", "es", "it", "nl")
SYSTEM = "sitroom-stories"
SYSTEM_TOPICS = "sitroom-stories, no date window"  # the same clusterer told nothing of dates: topic level
ALL_IN_ONE = "all-in-one"
ONE_PER_DOC = "one-per-doc"
LEXICAL = "tfidf-single-link (baseline)"
LEXICAL_THRESHOLD = 0.3
LEXICAL_MAX_DF = 0.5  # terms in more than this share of the documents are ignored (stop words)
PUBLISHED = {
    "ecb_topic": "README: ECB+ topic clustering ~0.95+ F1 (approx., metric unnamed)",
    "ecb_subtopic": "none quoted (README: sub-topic 'harder')",
    "meantime": "none quoted (LREC 2022 baselines only)",
    "newswcl": "none quoted (diagnostic)",
}

Clusterer = Callable[[list[Any]], Sequence[Hashable]]


# -- metrics ------------------------------------------------------------------------------


def _contingency(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> Counter:
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predicted ones")
    return Counter(zip(gold, pred))


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1), per-item averages (Bagga & Baldwin 1998); all 0 for
    no items. With n_gp items in gold cluster g and predicted cluster p: P = sum n_gp^2/n_p / N,
    R = sum n_gp^2/n_g / N."""
    table = _contingency(gold, pred)
    n = len(gold)
    if not n:
        return 0.0, 0.0, 0.0
    gsize, psize = Counter(gold), Counter(pred)
    p = sum(c * c / psize[pl] for (_, pl), c in table.items()) / n
    r = sum(c * c / gsize[gl] for (gl, _), c in table.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _entropy(counts: Sequence[int] | Any, n: int) -> float:
    return -sum(c / n * math.log(c / n) for c in counts if c)


def v_measure(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """(homogeneity, completeness, V) with beta 1 (Rosenberg & Hirschberg 2007), natural
    logarithms; homogeneity is 1 when the gold has one cluster, completeness 1 when the
    prediction has one (as scikit-learn); all 1 for no items."""
    table = _contingency(gold, pred)
    n = len(gold)
    if not n:
        return 1.0, 1.0, 1.0
    gsize, psize = Counter(gold), Counter(pred)
    h_gold, h_pred = _entropy(gsize.values(), n), _entropy(psize.values(), n)
    # H(gold|pred) = -sum n_gp/N log(n_gp/n_p); H(pred|gold) likewise with n_g
    h_gold_given_pred = -sum(c / n * math.log(c / psize[pl]) for (_, pl), c in table.items())
    h_pred_given_gold = -sum(c / n * math.log(c / gsize[gl]) for (gl, _), c in table.items())
    hom = 1.0 if h_gold == 0 else 1.0 - h_gold_given_pred / h_gold
    com = 1.0 if h_pred == 0 else 1.0 - h_pred_given_gold / h_pred
    # clamp rounding noise (e.g. 1 - 1.0000000002)
    hom, com = min(1.0, max(0.0, hom)), min(1.0, max(0.0, com))
    return hom, com, (2 * hom * com / (hom + com) if hom + com else 0.0)


def cluster_scores(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, Any]:
    p, r, f = bcubed(gold, pred)
    h, c, v = v_measure(gold, pred)
    return {"precision": p, "recall": r, "f1": f, "v_measure": v, "homogeneity": h, "completeness": c,
            "n": len(gold), "gold_clusters": len(set(gold)), "pred_clusters": len(set(pred))}


# -- reading ------------------------------------------------------------------------------


@dataclass
class Doc:
    """One document of a dataset with its gold groups."""

    id: str  # unique within a scored set: "<lang>:<doc id>"
    doc: str  # the dataset's doc id (the same for the translations of a MEANTIME article)
    topic: str
    subtopic: str | None
    language: str
    title: str
    text: str
    day: date | None = None


_BEGIN = re.compile(r"^#begin document \(?(.+?)\)?;\s*part\b")

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "n't", "'s", "'S", "'re",
                    "'ve", "'ll", "'d", "'m", "’s", "»"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "¿", "¡", "«", "‘", "“"}
_BEFORE_NUMBER = {"$", "#", "US$", "€", "£"}  # glued to a following number only
_ELIDED = re.compile(r"^\w+['’]$")  # l' dell' un' (Italian, French): glued to the next word


def read_conll(path: Path) -> OrderedDict[str, list[list[str]]]:
    """doc id -> sentences (lists of tokens) in sentence-number order, documents in file order."""
    docs: OrderedDict[str, dict[int, list[str]]] = OrderedDict()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                m = _BEGIN.match(line)
                if m:
                    docs.setdefault(m.group(1).strip(), {})
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or not parts[0]:
                continue
            try:
                sent = int(parts[1])
            except ValueError:
                continue
            docs.setdefault(parts[0], {}).setdefault(sent, []).append(parts[3])
    return OrderedDict((d, [s[k] for k in sorted(s)]) for d, s in docs.items())


def detokenize(tokens: Sequence[str]) -> str:
    """Tokens back to running text; a literal ``\\n`` token is a line break."""
    out: list[str] = []
    glue: bool | str = True  # no space before the next token ("number": only if it is a number)
    open_quote = False
    for tok in tokens:
        if tok in ("\\n", "\n"):
            while out and out[-1] == " ":
                out.pop()
            out.append("\n")
            glue = True
            continue
        if tok in ("``", "''", '"'):
            opening = tok == "``" or (tok == '"' and not open_quote)
            open_quote = opening
            if not glue and opening:
                out.append(" ")
            out.append('"')
            glue = opening
            continue
        number = tok[:1].isdigit()
        if glue == "number" and not number:
            glue = False
        time_part = number and len(out) > 1 and out[-1] == ":" and out[-2][-1:].isdigit()  # 4 : 49 -> 4:49
        if not glue and not time_part and tok not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(tok)
        glue = tok in _NO_SPACE_AFTER or bool(_ELIDED.match(tok)) or ("number" if tok in _BEFORE_NUMBER else False)
    return "".join(out).strip()


_MONTHS = {
    # en / nl abbreviations (Mar, Oct ...) are the prefixes of the English names
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "juni": 6, "juli": 7, "augustus": 8, "oktober": 10,
}
_DATE_LINE = re.compile(r"^[\w\s,.\-/]+$")


def parse_dateline(line: str) -> date | None:
    """A MEANTIME date line (``March 01 , 2008``, ``1 de marzo del 2008``, ``1 marzo 2008``,
    ``01-Mar-08``) as a date; None unless the line is only a date."""
    if not line or len(line) > 40 or not _DATE_LINE.match(line):
        return None
    words = re.findall(r"[^\W\d_]+", line.lower())
    month = None
    for w in words:
        if w in ("de", "del"):
            continue
        hit = _MONTHS.get(w) or (next((m for name, m in _MONTHS.items() if len(w) >= 3 and name.startswith(w)), None))
        if hit is None or month is not None:
            return None
        month = hit
    numbers = re.findall(r"\d+", line)
    if month is None or len(numbers) < 2:
        return None
    year_s, day_s = numbers[-1], numbers[-2]
    year = int(year_s) + (2000 if len(year_s) == 2 else 0)
    try:
        return date(year, month, int(day_s))
    except ValueError:
        return None


def _is_url(tokens: Sequence[str]) -> bool:
    return bool(tokens) and tokens[0].lower() in ("http", "https", "www")


def _title_and_text(sentences: list[list[str]], dateline: bool) -> tuple[str, str, date | None]:
    sents = [s for s in sentences if s]
    if sents and _is_url(sents[0]):
        sents = sents[1:]
    if not sents:
        return "", "", None
    first = detokenize(sents[0])
    title, _, rest_of_first = first.partition("\n")  # NewsWCL50: headline \n body in one sentence
    body = [rest_of_first.strip()] if rest_of_first.strip() else []
    day = None
    tail = sents[1:]
    if dateline and tail:
        day = parse_dateline(detokenize(tail[0]))
        if day is not None:
            tail = tail[1:]
    body += [detokenize(s) for s in tail]
    text = " ".join(b for b in body if b).strip()
    return title.strip(), text or title.strip(), day


def _doc(doc_id: str, sentences: list[list[str]], topic: str, subtopic: str | None, lang: str,
         dateline: bool = False) -> Doc:
    title, text, day = _title_and_text(sentences, dateline)
    return Doc(f"{lang}:{doc_id}", doc_id, topic, subtopic, lang, title, text, day)


def read_meantime(folder: Path) -> dict[str, list[Doc]]:
    """language -> documents (the languages whose ``meantime.conll`` exists)."""
    out: dict[str, list[Doc]] = {}
    for lang in MEANTIME_LANGS:
        path = folder / "output_data" / lang / "meantime.conll"
        if not path.is_file():
            continue
        docs = []
        for doc_id, sents in read_conll(path).items():
            topic = doc_id.split("/", 1)[0]
            topic = topic[len("corpus_"):] if topic.startswith("corpus_") else topic
            docs.append(_doc(doc_id, sents, topic, None, lang, dateline=True))
        out[lang] = docs
    return out


def ecbplus_files(folder: Path) -> tuple[list[Path], str]:
    """The test split's ``dataset.conll``, else every split's; and the split's name."""
    test = folder / "output_data" / "test" / "dataset.conll"
    if test.is_file():
        return [test], "test"
    files = sorted((folder / "output_data").glob("*/dataset.conll"))
    return files, "+".join(f.parent.name for f in files) or "none"


def read_ecbplus(folder: Path) -> tuple[list[Doc], str]:
    files, split = ecbplus_files(folder)
    docs = []
    for path in files:
        for doc_id, sents in read_conll(path).items():
            parts = doc_id.split("/")
            topic = parts[0]
            subtopic = parts[1] if len(parts) > 2 else None
            docs.append(_doc(doc_id, sents, topic, subtopic, "en"))
    return docs, split


def read_newswcl(folder: Path) -> list[Doc]:
    path = folder / "output_data" / "NewsWCL50.conll"
    if not path.is_file():
        return []
    return [_doc(doc_id, sents, doc_id.split("/", 1)[0], None, "en") for doc_id, sents in read_conll(path).items()]


def round_robin(docs: Sequence[Doc], limit: int | None) -> list[Doc]:
    """The first ``limit`` documents taken one topic at a time (topics in order of first
    appearance, documents in file order), kept in file order; all when ``limit`` is None."""
    if limit is None or limit >= len(docs):
        return list(docs)
    by_topic: OrderedDict[str, list[int]] = OrderedDict()
    for i, d in enumerate(docs):
        by_topic.setdefault(d.topic, []).append(i)
    chosen: list[int] = []
    depth = 0
    while len(chosen) < limit:
        for idx in by_topic.values():
            if depth < len(idx) and len(chosen) < limit:
                chosen.append(idx[depth])
        depth += 1
    return [docs[i] for i in sorted(chosen)]


def _locate(data_dir: Path, name: str) -> Path | None:
    root = find_dataset(data_dir, ROOT, GROUP)
    found = find_dataset(root, name, GROUP) if root else None
    return found or find_dataset(data_dir, name, GROUP)


# -- systems --------------------------------------------------------------------------------


def all_in_one(items: Sequence[Any]) -> list[int]:
    return [0] * len(items)


def one_per_doc(items: Sequence[Any]) -> list[int]:
    return list(range(len(items)))


_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def tfidf_single_link(items: Sequence[Any], threshold: float = LEXICAL_THRESHOLD,
                      max_df: float = LEXICAL_MAX_DF) -> list[int]:
    """Connected components of the graph linking documents whose TF-IDF cosine (sublinear
    tf, idf ``log(N/df)``, words of title + text lower-cased, terms in more than ``max_df``
    of the documents dropped) is at least ``threshold``. Labels in order of first member."""
    n = len(items)
    bags = [Counter(w.lower() for w in _WORD.findall(f"{it.title}\n{it.text}")) for it in items]
    df = Counter(t for bag in bags for t in bag)
    cap = max(1.0, max_df * n)
    vectors: list[dict[str, float]] = []
    for bag in bags:
        vec = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in bag.items() if df[t] <= cap and df[t] < n}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for t, v in vec.items():
            postings[t].append((i, v))
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, vec in enumerate(vectors):
        dots: dict[int, float] = defaultdict(float)
        for t, v in vec.items():
            for j, w in postings[t]:
                if j > i:
                    dots[j] += v * w
        for j, s in dots.items():
            if s >= threshold:
                parent[find(j)] = find(i)
    labels: dict[int, int] = {}
    return [labels.setdefault(find(i), len(labels)) for i in range(n)]


def _fallback_item_class() -> type:
    @dataclass
    class TextItem:  # the shape of sitroom.stories.offline.TextItem, for baselines-only runs
        id: str
        title: str
        text: str
        language: str | None
        day: date | None

    return TextItem


def _item_class() -> type:
    try:
        from sitroom.stories.offline import TextItem
    except ImportError:
        return _fallback_item_class()
    return TextItem


# -- scoring --------------------------------------------------------------------------------


@dataclass
class View:
    """A set of documents clustered together, and the gold groupings to score it against."""

    name: str  # dataset column
    docs: list[Doc]
    golds: list[tuple[str, Callable[[Doc], str], str, str]]  # (suffix, gold label, published, granularity)


def _row(dataset: str, system: str, s: dict[str, Any], published: str, **extra: Any) -> Row:
    keep = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in s.items()
            if k not in ("precision", "recall", "f1", "v_measure", "n")}
    return Row(TASK, dataset, system, s["precision"], s["recall"], s["f1"], s["v_measure"], s["n"], published,
               {**keep, **extra})


def parallel_together(docs: Sequence[Doc], pred: Sequence[Hashable]) -> float | None:
    """Share of the articles present in more than one language whose versions all got one
    predicted cluster (None when no article is)."""
    labels: dict[str, set] = defaultdict(set)
    counts: Counter = Counter()
    for d, p in zip(docs, pred):
        labels[d.doc].add(p)
        counts[d.doc] += 1
    multi = [k for k, c in counts.items() if c > 1]
    return sum(len(labels[k]) == 1 for k in multi) / len(multi) if multi else None


def score_view(view: View, systems: dict[str, Clusterer], item_cls: type, use_dates: bool = True) -> list[Row]:
    items = [item_cls(id=d.id, title=d.title, text=d.text, language=d.language, day=d.day if use_dates else None)
             for d in view.docs]
    rows = []
    for system, clusterer in systems.items():
        pred = list(clusterer(list(items)))
        if len(pred) != len(items):
            raise ValueError(f"{system} returned {len(pred)} labels for {len(items)} documents ({view.name})")
        for suffix, gold_of, published, granularity in view.golds:
            gold = [gold_of(d) for d in view.docs]
            extra: dict[str, Any] = {"granularity": granularity}
            if len({d.language for d in view.docs}) > 1:
                together = parallel_together(view.docs, pred)
                if together is not None:
                    extra["parallel_together"] = round(together, 4)
            rows.append(_row(f"{view.name}{suffix}", system, cluster_scores(gold, pred), published, **extra))
    return rows


def _describe(name: str, docs: Sequence[Doc]) -> str:
    topics = Counter(d.topic for d in docs)
    days = [d.day for d in docs if d.day]
    span = f", dates {min(days)}..{max(days)} ({len(days)} parsed)" if days else ", no dates"
    return f"{name}: {len(docs)} documents, {len(topics)} topics ({', '.join(f'{t} {c}' for t, c in topics.items())}){span}"


def build_views(data_dir: Path, limit: int | None, notes: list[str]) -> list[View]:
    views: list[View] = []
    topic = lambda d: d.topic  # noqa: E731
    meantime = _locate(data_dir, MEANTIME)
    if meantime:
        by_lang = read_meantime(meantime)
        if by_lang:
            base = next(iter(by_lang.values()))
            keep = {d.doc for d in round_robin(base, limit)}
            by_lang = {lang: [d for d in docs if d.doc in keep] for lang, docs in by_lang.items()}
            pooled = [d for docs in by_lang.values() for d in docs]
            langs = "+".join(by_lang)
            gran = "topic (MEANTIME 'corpus': airbus/apple/gm/stock; no sub-topics)"
            if len(by_lang) > 1:
                views.append(View(f"MEANTIME {langs} pooled", pooled, [("", topic, PUBLISHED["meantime"], gran)]))
            for lang, docs in by_lang.items():
                views.append(View(f"MEANTIME {lang}", docs, [("", topic, PUBLISHED["meantime"], gran)]))
                notes.append(_describe(f"MEANTIME {lang}", docs))
            notes.append("MEANTIME gold = topic, 4 entity-centred corpora spanning years (not single stories): a "
                         "story clusterer is expected to split them (low B3 recall / completeness)")
        else:
            notes.append(f"{MEANTIME}: no output_data/<lang>/meantime.conll found")
    ecb = _locate(data_dir, ECBPLUS)
    if ecb:
        docs, split = read_ecbplus(ecb)
        docs = round_robin(docs, limit)
        if docs:
            golds = [(" topic", topic, PUBLISHED["ecb_topic"], "topic (ECB+ topic, both halves)")]
            if all(d.subtopic for d in docs):
                golds.append((" subtopic", lambda d: f"{d.subtopic}", PUBLISHED["ecb_subtopic"],
                              "sub-topic (topic x ecb/ecbplus half: the story)"))
            views.append(View(f"ECB+ {split}", docs, golds))
            notes.append(_describe(f"ECB+ {split}", docs) + f", {len({d.subtopic for d in docs})} sub-topics")
        else:
            notes.append(f"{ECBPLUS}: no output_data/*/dataset.conll found")
    wcl = _locate(data_dir, NEWSWCL)
    if wcl:
        docs = round_robin(read_newswcl(wcl), limit)
        if docs:
            views.append(View("NewsWCL50 (diagnostic)", docs,
                              [("", topic, PUBLISHED["newswcl"], "event (10 events x 5 outlets)")]))
            notes.append(_describe("NewsWCL50", docs))
    return views


def _without_dates(clusterer: Clusterer) -> Clusterer:
    """The clusterer with the items' dates withheld: stories are then not cut by the date
    window, which is how a topic (MEANTIME's multi-year company corpora) is formed."""
    def run(items):
        return clusterer([replace(it, day=None) for it in items])
    return run


def run(data_dir: Path, limit: int | None = None, clusterer: Clusterer | None = None,
        use_dates: bool = True, lexical: bool = True) -> TaskReport:
    """Score ``clusterer`` (default ``sitroom.stories.offline.cluster_texts``) and the
    baselines on every dataset found; ``use_dates=False`` hides the MEANTIME dates."""
    report = TaskReport(TASK)
    notes: list[str] = []
    views = build_views(Path(data_dir), limit, notes)
    if not views:
        report.skipped = (f"none of {MEANTIME}, {ECBPLUS}, {NEWSWCL} found under {data_dir} "
                          f"(expected {GROUP}/{ROOT}/<dataset>/output_data)")
        return report
    systems: dict[str, Clusterer] = {}
    if clusterer is None:
        try:
            from sitroom.stories.offline import cluster_texts
        except ImportError as exc:
            report.notes.append(f"{SYSTEM} not scored: sitroom.stories.offline unavailable ({exc})")
        else:
            systems[SYSTEM] = cluster_texts
            systems[SYSTEM_TOPICS] = _without_dates(cluster_texts)
    else:
        systems[getattr(clusterer, "system_name", SYSTEM)] = clusterer
    systems[ALL_IN_ONE] = all_in_one
    systems[ONE_PER_DOC] = one_per_doc
    if lexical:
        systems[LEXICAL] = tfidf_single_link
    item_cls = _item_class()
    for view in views:
        report.rows.extend(score_view(view, systems, item_cls, use_dates))
    report.notes.extend(notes)
    report.notes.append("P/R/F1 = B-cubed over documents (per-document average); Acc = V-measure (beta 1); "
                        "homogeneity, completeness, gold/predicted cluster counts in extra")
    report.notes.append(f"baselines: {ALL_IN_ONE}, {ONE_PER_DOC}, {LEXICAL} = TF-IDF cosine >= {LEXICAL_THRESHOLD} "
                        "single-link (threshold fixed a priori, not tuned)")
    if not use_dates:
        report.notes.append("dates withheld from the clusterer (use_dates=False)")
    for r in report.rows:
        if r.system not in (ALL_IN_ONE, ONE_PER_DOC):
            pt = f", translations together {r.extra['parallel_together']:.2f}" if "parallel_together" in r.extra else ""
            report.notes.append(f"{r.dataset} / {r.system}: B3 F1 {r.f1:.3f}, V {r.accuracy:.3f} "
                                f"(h {r.extra['homogeneity']:.3f}, c {r.extra['completeness']:.3f}), "
                                f"{r.extra['pred_clusters']} clusters for {r.extra['gold_clusters']} gold{pt}")
    return report
