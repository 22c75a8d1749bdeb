-- Search (docs/search.md): an FTS5 table with the trigram tokenizer holds a folded copy
-- (`hiroba_fold`, registered by the application on every connection; see src/search/normalise.rs)
-- of every post, event and facility. Its rowid is the row's id * 8 + a kind code
-- (1 post, 2 event, 3 facility; 4–7 free for more kinds such as community topics), so a row's
-- entry is found by rowid. Triggers keep it in step with the three tables.
CREATE VIRTUAL TABLE search_index USING fts5 (doc, tokenize = 'trigram');

INSERT INTO search_index (rowid, doc)
SELECT id * 8 + 1, hiroba_fold(title || char(10) || body) FROM posts;
INSERT INTO search_index (rowid, doc)
SELECT id * 8 + 2, hiroba_fold(title || char(10) || place || char(10) || body) FROM events;
INSERT INTO search_index (rowid, doc)
SELECT id * 8 + 3, hiroba_fold(name || char(10) || kind || char(10) || address || char(10) || hours || char(10) || note)
FROM facilities;

CREATE TRIGGER posts_search_insert AFTER INSERT ON posts BEGIN
    INSERT INTO search_index (rowid, doc) VALUES (new.id * 8 + 1, hiroba_fold(new.title || char(10) || new.body));
END;
-- Hiding a post changes no text: only edits of the text re-index.
CREATE TRIGGER posts_search_update AFTER UPDATE OF title, body ON posts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    INSERT INTO search_index (rowid, doc) VALUES (new.id * 8 + 1, hiroba_fold(new.title || char(10) || new.body));
END;
CREATE TRIGGER posts_search_delete AFTER DELETE ON posts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;

CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    INSERT INTO search_index (rowid, doc)
    VALUES (new.id * 8 + 2, hiroba_fold(new.title || char(10) || new.place || char(10) || new.body));
END;
CREATE TRIGGER events_search_update AFTER UPDATE OF title, place, body ON events BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    INSERT INTO search_index (rowid, doc)
    VALUES (new.id * 8 + 2, hiroba_fold(new.title || char(10) || new.place || char(10) || new.body));
END;
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER facilities_search_insert AFTER INSERT ON facilities BEGIN
    INSERT INTO search_index (rowid, doc)
    VALUES (new.id * 8 + 3, hiroba_fold(new.name || char(10) || new.kind || char(10) || new.address || char(10) || new.hours || char(10) || new.note));
END;
CREATE TRIGGER facilities_search_update AFTER UPDATE OF name, kind, address, hours, note ON facilities BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    INSERT INTO search_index (rowid, doc)
    VALUES (new.id * 8 + 3, hiroba_fold(new.name || char(10) || new.kind || char(10) || new.address || char(10) || new.hours || char(10) || new.note));
END;
CREATE TRIGGER facilities_search_delete AFTER DELETE ON facilities BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;
