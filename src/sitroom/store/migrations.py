"""Named, ordered schema migrations. Applied ones are recorded in ``_migrations``.

Never edit a migration that has shipped; add a new one. Names are stable identifiers.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_documents",
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running',   -- running | done | failed
            counts TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            raw_sha TEXT NOT NULL,
            content_sha TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            author TEXT,
            title TEXT NOT NULL,
            title_how TEXT NOT NULL,
            fmt TEXT NOT NULL,
            container TEXT NOT NULL,
            genre TEXT NOT NULL,
            language TEXT,
            language_score REAL,
            languages TEXT NOT NULL DEFAULT '[]',
            paragraphs TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            published_how TEXT NOT NULL DEFAULT 'none',
            published_evidence TEXT NOT NULL DEFAULT '',
            published_precision TEXT,
            published_earliest TEXT,
            published_latest TEXT,
            duplicate_of TEXT REFERENCES documents(id),
            duplicate_kind TEXT,
            duplicate_similarity REAL,
            story_id TEXT,
            text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            encoding TEXT,
            warnings TEXT NOT NULL DEFAULT '[]',
            run_id INTEGER REFERENCES runs(id),
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_content_sha ON documents(content_sha);
        CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE time_expressions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            precision TEXT NOT NULL,
            how TEXT NOT NULL,
            PRIMARY KEY (doc_id, start, end)
        );
        CREATE TABLE doc_minhash (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        -- which stage (name, version) produced what for each document
        CREATE TABLE stage_outputs (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            version TEXT NOT NULL,
            produced_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, stage)
        );
        -- every input ever seen, with what became of it (resume, re-ingest, rejections)
        CREATE TABLE inputs (
            origin TEXT NOT NULL,
            raw_sha TEXT NOT NULL,
            status TEXT NOT NULL,          -- ingested | duplicate | rejected
            reason TEXT,
            detail TEXT,
            doc_id TEXT,
            run_id INTEGER REFERENCES runs(id),
            at TEXT NOT NULL,
            PRIMARY KEY (origin, raw_sha)
        );
        CREATE INDEX inputs_status ON inputs(status);
        """,
    ),
    (
        "0002_entities",
        """
        -- the knowledge base: curated actors, places once mentioned, entities found in text
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,                 -- person | organization | place | group | other
            origin TEXT NOT NULL,               -- kb | gazetteer | text
            lat REAL,
            lon REAL,
            country TEXT,
            region TEXT,
            feature TEXT,
            role TEXT,
            affiliation TEXT,
            kind TEXT,
            ids TEXT NOT NULL DEFAULT '{}',
            attrs TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE entity_aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            key TEXT NOT NULL,
            language TEXT,
            seen INTEGER NOT NULL DEFAULT 0,    -- 1 when the form occurred in a document
            PRIMARY KEY (entity_id, alias)
        );
        CREATE INDEX entity_aliases_key ON entity_aliases(key);
        CREATE TABLE mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            detector TEXT NOT NULL,
            how TEXT NOT NULL,                  -- how it was linked
            PRIMARY KEY (doc_id, start, end)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE kb_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        "0003_claims",
        """
        -- attributed statements: who says what, how sure, with what numbers
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,             -- the evidence: the sentence(s)
            end INTEGER NOT NULL,
            source_text TEXT,
            source_start INTEGER,
            source_end INTEGER,
            source_entity_id TEXT,
            source_kind TEXT NOT NULL,          -- person | official | media | anonymous | group | author
            side TEXT,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            content TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            quote INTEGER NOT NULL DEFAULT 0,
            stance TEXT NOT NULL,               -- asserted | denied | unconfirmed | hedged
            said_on TEXT,
            refers_to TEXT,
            quantities TEXT NOT NULL DEFAULT '[]',
            entity_ids TEXT NOT NULL DEFAULT '[]',
            channel TEXT,
            how TEXT,
            event_types TEXT NOT NULL DEFAULT '[]',
            group_id TEXT,
            group_status TEXT
        );
        CREATE INDEX claims_doc ON claims(doc_id);
        CREATE INDEX claims_source ON claims(source_entity_id);
        CREATE TABLE claim_entities (
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL,
            role TEXT NOT NULL,                 -- source | content
            PRIMARY KEY (claim_id, entity_id, role)
        );
        CREATE INDEX claim_entities_entity ON claim_entities(entity_id);
        -- events: typed happenings backed by claims, rebuilt from the claims after each run
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            subtype TEXT NOT NULL,
            date TEXT,
            date_precision TEXT,
            place_entity_id TEXT,
            actor_entity_ids TEXT NOT NULL DEFAULT '[]',
            summary TEXT NOT NULL,
            claim_ids TEXT NOT NULL DEFAULT '[]',
            doc_ids TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL                -- corroborated | single-source | contested
        );
        CREATE INDEX events_date ON events(date);
        """,
    ),
    (
        "0004_stories",
        """
        -- document vectors (multilingual sentence encoder), kept so stories can be rebuilt
        CREATE TABLE doc_vectors (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            vector BLOB NOT NULL                -- float16
        );
        -- stories: documents about one development (members carry documents.story_id)
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            title_doc_id TEXT,
            first_date TEXT,
            last_date TEXT,
            n_docs INTEGER NOT NULL,            -- members, syndicated copies included
            languages TEXT NOT NULL DEFAULT '{}',
            centroid BLOB NOT NULL,             -- float32 sum of member vectors
            n_vectors INTEGER NOT NULL,         -- members counted in the centroid
            entities TEXT NOT NULL DEFAULT '{}',  -- entity id -> members mentioning it
            days TEXT NOT NULL DEFAULT '{}',      -- ISO day -> members published that day
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stories_last ON stories(last_date);
        CREATE INDEX documents_story ON documents(story_id);
        -- claims about one proposition across documents and languages
        CREATE TABLE claim_groups (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,                 -- event | figure | statement
            label TEXT NOT NULL,
            status TEXT NOT NULL,               -- corroborated | single-source | contested
            reason TEXT NOT NULL DEFAULT '',
            first_date TEXT,
            last_date TEXT,
            place_entity_id TEXT,
            measure TEXT,
            event_type TEXT,
            claim_ids TEXT NOT NULL DEFAULT '[]',
            doc_ids TEXT NOT NULL DEFAULT '[]',
            sources INTEGER NOT NULL,           -- independent sources
            sides TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX claim_groups_status ON claim_groups(status);
        CREATE INDEX claims_group ON claims(group_id);
        -- figures from claims, normalised into series (measure, subject, unit)
        CREATE TABLE indicators (
            series_id TEXT NOT NULL,
            measure TEXT NOT NULL,
            subject TEXT NOT NULL,
            subject_entity_id TEXT,
            unit TEXT NOT NULL,
            date TEXT,
            value REAL NOT NULL,
            approx INTEGER NOT NULL DEFAULT 0,
            qualifier TEXT,
            text TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            source_entity_id TEXT,
            source_text TEXT,
            source_kind TEXT,
            side TEXT,
            stance TEXT
        );
        CREATE INDEX indicators_series ON indicators(series_id, date);
        """,
    ),
    (
        "0005_search",
        """
        -- full-text search over documents (FTS5, contentless: the text stays in documents);
        -- rowid = documents.rowid, and the column folded holds the spelling-independent key of every word
        -- (Курськ, Koursk and Kursk all give "kursk") so a search finds every script and spelling
        CREATE VIRTUAL TABLE doc_search USING fts5(
            title, body, folded, content='', tokenize='unicode61 remove_diacritics 2'
        );
        -- the web pages filter and sort claims by these
        CREATE INDEX claims_said_on ON claims(said_on);
        CREATE INDEX claims_stance ON claims(stance);
        CREATE INDEX claims_side ON claims(side);
        CREATE INDEX events_place ON events(place_entity_id);
        CREATE INDEX documents_language ON documents(language);
        """,
    ),
    (
        "0006_mention_near",
        """
        -- a place mention the gazetteer lacks (a street, a building) lies about at the document's focus place
        ALTER TABLE mentions ADD COLUMN near_entity_id TEXT REFERENCES entities(id);
        """,
    ),
]
