-- Lupus Reader's library: everything the reader keeps. One file, library.sqlite3.
-- This is always the whole current schema (user_version = db.SCHEMA_VERSION);
-- db.MIGRATIONS brings older libraries to it step by step.
-- Times are ISO-8601 in UTC ("2026-11-25T16:11:08+00:00"). A section is named
-- by its id in the pack ("pack/chapter/slug"); section_title and quote are kept
-- so a bookmark or note can be shown, and placed again, if the guide changes.
-- "detached" marks one that could not be placed in the current guide: kept, shown, never dropped.

CREATE TABLE bookmarks (
    id            INTEGER PRIMARY KEY,
    pack          TEXT    NOT NULL,
    pack_version  TEXT    NOT NULL DEFAULT '',
    section       TEXT    NOT NULL,
    section_title TEXT    NOT NULL DEFAULT '',
    offset        REAL    NOT NULL DEFAULT 0 CHECK (offset >= 0 AND offset <= 1),
    quote         TEXT    NOT NULL DEFAULT '',
    label         TEXT    NOT NULL,
    created       TEXT    NOT NULL,
    detached      INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1)),
    UNIQUE (pack, section, offset, created)
);
CREATE INDEX bookmarks_by_section ON bookmarks (pack, section);
CREATE INDEX bookmarks_by_time ON bookmarks (created, id);

CREATE TABLE notes (
    id            INTEGER PRIMARY KEY,
    pack          TEXT    NOT NULL,
    section       TEXT    NOT NULL,
    section_title TEXT    NOT NULL DEFAULT '',
    quote         TEXT    NOT NULL DEFAULT '',
    text          TEXT    NOT NULL,
    created       TEXT    NOT NULL,
    updated       TEXT    NOT NULL,
    -- Bumped by every save: a save that expected another revision is kept as
    -- a separate note instead of overwriting what another window wrote.
    revision      INTEGER NOT NULL DEFAULT 1,
    detached      INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1))
);
CREATE INDEX notes_by_section ON notes (pack, section);
CREATE INDEX notes_with_text ON notes (section) WHERE text != '';

CREATE TABLE questions (
    id       INTEGER PRIMARY KEY,
    pack     TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    checked  INTEGER NOT NULL DEFAULT 0 CHECK (checked IN (0, 1)),
    mine     INTEGER NOT NULL DEFAULT 0 CHECK (mine IN (0, 1)),
    created  TEXT    NOT NULL,
    UNIQUE (pack, text, mine)
);

-- Full-text search over the reader's own words (search/): FTS5 indexes whose
-- content is the notes and the reader's own questions themselves (nothing is
-- stored twice), kept in step by triggers. Same tokenizer as the pack indexes:
-- FTS_TOKENIZE in db.py (tests/unit/test_search_notes.py checks that they agree).
CREATE VIRTUAL TABLE notes_fts USING fts5(
    text, section_title, quote,
    content = 'notes', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, text, section_title, quote)
    VALUES (new.id, new.text, new.section_title, new.quote);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text, section_title, quote)
    VALUES ('delete', old.id, old.text, old.section_title, old.quote);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF id, text, section_title, quote ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, text, section_title, quote)
    VALUES ('delete', old.id, old.text, old.section_title, old.quote);
    INSERT INTO notes_fts (rowid, text, section_title, quote)
    VALUES (new.id, new.text, new.section_title, new.quote);
END;

-- Every question is indexed (FTS5's integrity-check and 'rebuild' expect the whole
-- table); search shows only the reader's own (mine = 1): the guide's are in its text.
CREATE VIRTUAL TABLE questions_fts USING fts5(
    text,
    content = 'questions', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN
    INSERT INTO questions_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN
    INSERT INTO questions_fts (questions_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER questions_fts_update AFTER UPDATE OF id, text ON questions BEGIN
    INSERT INTO questions_fts (questions_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO questions_fts (rowid, text) VALUES (new.id, new.text);
END;
