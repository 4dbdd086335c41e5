"""The ingest pipeline: read -> clean -> language -> dates -> dedup -> store.

``Ingestor`` loads its models once, processes inputs one by one (pure functions, no
store access) and writes them in batches, one transaction each, so a crash loses at
most the batch in flight and a re-run resumes: inputs already stored are skipped by
their (origin, raw hash).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from sitroom import dedup, htmlclean, language, pubdate, textclean, timex
from sitroom.errors import NoArticleText, RejectedInput, TruncatedInput
from sitroom.language import LanguageIdentifier
from sitroom.model import Document, RawItem, Rejection
from sitroom.readers import iter_paths, read_path
from sitroom.settings import Settings
from sitroom.store import Store
from sitroom.textclean import TextCleaner

STAGES = [textclean.STAGE, htmlclean.STAGE, language.STAGE, pubdate.STAGE, timex.STAGE, dedup.STAGE]


@dataclass
class IngestReport:
    run_id: int
    counts: Counter = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejections


class Ingestor:
    def __init__(
        self,
        store: Store,
        settings: Settings | None = None,
        identifier: LanguageIdentifier | None = None,
        cleaner: TextCleaner | None = None,
        today: date | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.identifier = identifier or LanguageIdentifier()
        self.cleaner = cleaner or TextCleaner()
        self.today = today or date.today()
        self.index = dedup.NearDuplicateIndex(
            self.settings.near_duplicate_threshold, self.settings.minhash_permutations, self.settings.shingle_size
        )
        for doc_id, blob in store.iter_minhashes():
            self.index.add(doc_id, self.index.from_bytes(blob))
        self._staged: list[tuple[str, object]] = []  # new canonical signatures of the open batch

    # -- public --------------------------------------------------------------------
    def ingest(
        self,
        inputs: Iterable[str],
        command: str = "ingest",
        on_path: Callable[[str, int, int], None] | None = None,
    ) -> IngestReport:
        """Ingest files, folders and URLs. ``on_path(path, done, total)`` reports progress."""
        own = {str(Path(self.store.path).resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
        paths = [p for p in iter_paths(inputs) if not (isinstance(p, str) and str(Path(p).resolve()) in own)]
        report = IngestReport(self.store.start_run(command))
        pending: list[Document | Rejection] = []
        try:
            for n, path in enumerate(paths, 1):
                for item in self._items(path):
                    outcome = self._process_item(item, report)
                    if outcome is not None:
                        pending.append(outcome)
                    if len(pending) >= self.settings.batch_size:
                        self._write(pending, report)
                        pending = []
                if on_path:
                    on_path(path if isinstance(path, str) else path.origin, n, len(paths))
            self._write(pending, report)
        except BaseException:
            self.store.finish_run(report.run_id, dict(report.counts), status="failed")
            raise
        self.store.finish_run(report.run_id, dict(report.counts))
        return report

    def process(self, item: RawItem) -> Document:
        """One input to one document (no store access). Raises RejectedInput."""
        stages = {}
        meta_date, meta_field = item.published, item.published_field
        title, outlet, author, url = item.title, item.outlet, item.author, item.url
        if item.fmt == "html":
            try:
                ext = htmlclean.extract_html(item.content, item.url)
            except NoArticleText as exc:
                cls = TruncatedInput if htmlclean.is_truncated(item.content) else NoArticleText
                raise cls(str(exc), item.origin) from exc
            if ext.truncated:
                item.warnings.append("truncated HTML (no closing </body> or </html>): text kept up to the cut")
            body = ext.text
            title = title or ext.title
            outlet, author, url = outlet or ext.sitename, author or ext.author, url or ext.url
            if not meta_date and ext.date:
                meta_date, meta_field = ext.date, "html (htmldate)"
            stages["html"] = htmlclean.STAGE[1]
        else:
            body = item.content
        clean = self.cleaner.clean(body, title=title, find_title=item.fmt == "text" and not title)
        stages["clean"] = textclean.STAGE[1]
        if len(clean.text) < self.settings.min_text_chars:
            cls = TruncatedInput if item.fmt == "html" and htmlclean.is_truncated(item.content) else NoArticleText
            raise cls(
                f"only {len(clean.text)} characters of text after cleaning (minimum {self.settings.min_text_chars})",
                item.origin,
            )
        lang = self.identifier.identify(clean.text, clean.paragraphs, item.language)
        stages["language"] = language.STAGE[1]
        mentions = timex.find_mentions(clean.text, lang.language)
        pub = self._pubdate(item, meta_date, meta_field, mentions, clean, lang.language)
        stages["dates"] = pubdate.STAGE[1]
        timexes = timex.to_expressions(mentions, pub.value, pub.offsets)
        stages["timex"] = timex.STAGE[1]
        content_sha = dedup.content_hash(clean.text)
        doc_id = "doc_" + hashlib.sha256(f"{item.origin}\n{content_sha}".encode()).hexdigest()[:16]
        return Document(
            id=doc_id,
            origin=item.origin,
            raw_sha=item.raw_sha,
            content_sha=content_sha,
            text=clean.text,
            title=clean.title,
            title_how=clean.title_how,
            fmt=item.fmt,
            container=item.container,
            url=url,
            outlet=outlet or clean.outlet_hint or _host(url),
            author=author,
            genre=item.genre or clean.genre,
            language=lang.language,
            language_score=lang.score,
            languages=lang.languages,
            paragraphs=clean.paragraphs,
            removed=clean.removed,
            published=pub.value.isoformat() if pub.value else None,
            published_how=pub.how,
            published_evidence=pub.evidence,
            published_precision=pub.precision,
            published_earliest=pub.earliest.isoformat() if pub.earliest else None,
            published_latest=pub.latest.isoformat() if pub.latest else None,
            timexes=timexes,
            encoding=item.encoding,
            warnings=list(item.warnings),
            stages=stages,
        )

    # -- internals -----------------------------------------------------------------
    def _items(self, path: str | Rejection) -> Iterator[RawItem | Rejection]:
        if isinstance(path, Rejection):
            yield path
        elif path.startswith(("http://", "https://")):
            from sitroom.fetch import fetch_url

            yield from fetch_url(path, self.settings)
        else:
            yield from read_path(path, self.settings)

    def _process_item(self, item: RawItem | Rejection, report: IngestReport) -> Document | Rejection | None:
        if isinstance(item, Rejection):
            return item
        if self.store.input_status(item.origin, item.raw_sha) in ("ingested", "duplicate"):
            report.counts["unchanged"] += 1
            return None
        try:
            return self.process(item)
        except RejectedInput as exc:
            return Rejection(item.origin, exc.reason, str(exc), item.raw_sha)

    def _pubdate(self, item, meta_date, meta_field, mentions, clean, lang) -> pubdate.PubDate:
        d = pubdate.parse_metadata_date(meta_date, self.today)
        if d is not None:
            inferred = pubdate.from_text(mentions, clean.text, clean.removals, lang, self.today)
            return pubdate.PubDate(d, "metadata", f"{meta_field}: {meta_date}", "day", d, d, inferred.offsets)
        pub = pubdate.from_text(mentions, clean.text, clean.removals, lang, self.today)
        captured = pubdate.parse_metadata_date(item.captured, self.today)
        if pub.value is None and captured is not None:
            return pubdate.PubDate(captured, "metadata", f"WARC-Date {item.captured}: captured then, published no later",
                                   "range", None, captured, pub.offsets)
        return pub

    def _write(self, pending: list[Document | Rejection], report: IngestReport) -> None:
        if not pending:
            return
        with self.store.transaction():
            for entry in pending:
                if isinstance(entry, Rejection):
                    self.store.record_input(entry.origin, entry.raw_sha or "-", "rejected", report.run_id,
                                            entry.reason, entry.detail)
                    report.rejections.append(entry)
                    report.counts["rejected"] += 1
                    continue
                if self.store.has_document(entry.id):
                    report.counts["unchanged"] += 1
                    self.store.record_input(entry.origin, entry.raw_sha, "ingested", report.run_id, doc_id=entry.id)
                    continue
                status, sig, demoted = self._dedup(entry)
                entry.stages["dedup"] = dedup.STAGE[1]
                self.store.add_document(entry, report.run_id)
                if demoted:  # the new copy is older than the group's canonical: it takes its place
                    for member in self.store.duplicates_of(demoted.canonical) + [demoted.canonical]:
                        self.store.set_duplicate(member, entry.id, "near", demoted.similarity)
                if status == "ingested":
                    self.store.add_minhash(entry.id, self.index.to_bytes(sig))
                    self._staged.append((entry.id, sig))
                self.store.record_input(entry.origin, entry.raw_sha, status, report.run_id, doc_id=entry.id)
                for w in entry.warnings:
                    report.warnings.append((entry.origin, w))
                report.counts["ingested"] += 1
                if status == "duplicate":
                    report.counts["duplicates"] += 1
                report.doc_ids.append(entry.id)
        # the LSH index only learns documents whose transaction committed
        for doc_id, sig in self._staged:
            self.index.add(doc_id, sig)
        self._staged = []

    def _dedup(self, doc: Document):
        """Set doc.duplicate_of. Returns (status, signature, demoted): status is "duplicate"
        or "ingested"; demoted is the Match of a canonical document the new one replaces."""
        exact = [r for r in self.store.find_by_content(doc.content_sha) if r["id"] != doc.id]
        if exact:
            canonical = exact[0]["duplicate_of"] or exact[0]["id"]
            doc.duplicate_of, doc.duplicate_kind, doc.duplicate_similarity = canonical, "exact", 1.0
            return "duplicate", None, None
        sig = self.index.signature(doc.text)
        matches = self.index.query(sig) + [
            dedup.Match(k, round(float(sig.jaccard(s)), 3)) for k, s in self._staged
            if sig.jaccard(s) >= self.index.threshold
        ]
        if not matches:
            return "ingested", sig, None
        best = max(matches, key=lambda m: m.similarity)
        known = self.store.document_dates([best.canonical])
        published, redirect = known.get(best.canonical, (None, None))
        canonical = redirect or best.canonical
        if redirect:
            published = self.store.document_dates([canonical]).get(canonical, (None, None))[0]
        if doc.published and published and doc.published < published:
            return "ingested", sig, dedup.Match(canonical, best.similarity)
        doc.duplicate_of, doc.duplicate_kind, doc.duplicate_similarity = canonical, "near", best.similarity
        return "duplicate", sig, None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
