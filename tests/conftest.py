from __future__ import annotations

import json
import os
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from sitroom.language import LanguageIdentifier
from sitroom.pipeline import Ingestor
from sitroom.settings import Settings
from sitroom.store import open_store
from sitroom.textclean import TextCleaner

TODAY = date(2026, 11, 22)
SAMPLE = Path(str(resources.files("sitroom") / "sample"))


@pytest.fixture(scope="session")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


@pytest.fixture(scope="session")
def cleaner() -> TextCleaner:
    return TextCleaner()


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()


@pytest.fixture
def make_ingestor(identifier, cleaner, tmp_path):
    def make(store, **settings):
        return Ingestor(store, Settings.load(db=store.path, **settings), identifier=identifier, cleaner=cleaner, today=TODAY)

    return make


@pytest.fixture(scope="session")
def manifest() -> list[dict]:
    return json.loads((SAMPLE / "manifest.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, identifier, cleaner):
    """The bundled sample corpus ingested once for the whole session (read-only use)."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    s = open_store(str(path))
    report = Ingestor(s, Settings.load(db=str(path)), identifier=identifier, cleaner=cleaner, today=TODAY).ingest(
        [str(SAMPLE / "corpus")]
    )
    yield s, report
    s.close()


ARTICLE_EN = """Drone strikes hit fuel depot near Kursk, officials say

Ukrainian drones struck a fuel depot on the outskirts of Kursk overnight, the regional governor said on Tuesday, adding that firefighters had contained the blaze by morning.

Russia's defence ministry said its air defences shot down 27 drones over the region. Kyiv did not comment on the strike.
"""


@pytest.fixture(scope="session")
def entity_settings(tmp_path_factory) -> Settings:
    """Settings whose cache (the gazetteer index) lives in one temporary folder per session."""
    return Settings.load(cache_dir=str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def romanizer():
    from sitroom.entities.names import Romanizer

    return Romanizer()


@pytest.fixture(scope="session")
def engine(entity_settings):
    """One entity engine (models + gazetteer built from the shipped data) for the session."""
    from sitroom.entities import EntityEngine

    return EntityEngine.load(entity_settings)


@pytest.fixture(scope="module")
def entity_cache_dir(entity_settings):
    """Commands run in this module build and find the gazetteer in the session's cache."""
    old = os.environ.get("SITROOM_CACHE_DIR")
    os.environ["SITROOM_CACHE_DIR"] = entity_settings.cache_dir
    yield entity_settings.cache_dir
    if old is None:
        os.environ.pop("SITROOM_CACHE_DIR", None)
    else:
        os.environ["SITROOM_CACHE_DIR"] = old


def write_articles(folder: Path, articles: list[tuple[str, str, str]]) -> Path:
    """JSON records (title = first line, text, date, url) for (name, text, day) triples."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text, day in articles:
        stem = name.rsplit(".", 1)[0]
        (folder / f"{stem}.json").write_text(json.dumps(
            {"title": text.splitlines()[0], "text": text, "date": day, "url": f"https://example.org/{name}"}),
            encoding="utf-8")
    return folder


def ingest_and_process(corpus: Path, db: str, *, rejections_ok: bool = False, quiet: bool = False):
    """``sitroom ingest`` then ``sitroom process`` through the CLI; (runner, process output).
    The caller provides the gazetteer cache (``entity_cache_dir`` or ``entity_settings``)."""
    from click.testing import CliRunner

    from sitroom.cli import main

    runner = CliRunner()
    res = runner.invoke(main, ["ingest", "--db", db, "--quiet", str(corpus)])
    assert res.exit_code in ((0, 3) if rejections_ok else (0,)), res.output
    res = runner.invoke(main, ["process", "--db", db] + (["--quiet"] if quiet else []))
    assert res.exit_code == 0, res.output
    return runner, res.output


XSS_ARTICLE = {
    "title": "Drone debris <script>window.__xss = 1</script> falls on Kursk",
    "text": ("Drone debris <script>window.__xss = 1</script> falls on Kursk\n\n"
             "The regional governor said on Monday that debris from a downed drone damaged two houses in Kursk "
             "<img src=x onerror=\"window.__xss = 2\">. Kyiv did not confirm the strike.\n\n"
             "A local official said 3 people were injured <a href=\"javascript:window.__xss=3\">details</a>."),
    "date": "2025-03-14",
    "url": "https://example.org/xss-fixture",
    "outlet": "Fixture <b>Times</b>",
}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, entity_settings) -> str:
    """The bundled sample corpus plus an article full of markup (the XSS fixture),
    ingested and processed once per session; tests only read it."""
    import shutil

    tmp = tmp_path_factory.mktemp("demo")
    corpus = tmp / "in"
    shutil.copytree(SAMPLE / "corpus", corpus)
    (corpus / "xss.json").write_text(json.dumps(XSS_ARTICLE), encoding="utf-8")
    db = str(tmp / "demo.db")
    old = os.environ.get("SITROOM_CACHE_DIR")
    os.environ["SITROOM_CACHE_DIR"] = entity_settings.cache_dir
    try:
        ingest_and_process(corpus, db, rejections_ok=True, quiet=True)
    finally:
        if old is None:
            os.environ.pop("SITROOM_CACHE_DIR", None)
        else:
            os.environ["SITROOM_CACHE_DIR"] = old
    return db
