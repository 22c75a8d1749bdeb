-- Search over threads (docs/search.md): the rows of code 1 in `search_index`, クチコミ until now,
-- are every thread's; `search::backend` finds only the portal's visible ones. Portal threads kept
-- the ids posts had, so their rows stay where they were; all are made again from `threads` here.
DELETE FROM search_index WHERE rowid % 8 = 1;
INSERT INTO search_index (rowid, doc)
SELECT id * 8 + 1, hiroba_fold(title || char(10) || body) FROM threads;

CREATE TRIGGER threads_search_insert AFTER INSERT ON threads BEGIN
    INSERT INTO search_index (rowid, doc) VALUES (new.id * 8 + 1, hiroba_fold(new.title || char(10) || new.body));
END;
-- Hiding a thread changes no text: only edits of the text re-index.
CREATE TRIGGER threads_search_update AFTER UPDATE OF title, body ON threads BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    INSERT INTO search_index (rowid, doc) VALUES (new.id * 8 + 1, hiroba_fold(new.title || char(10) || new.body));
END;
CREATE TRIGGER threads_search_delete AFTER DELETE ON threads BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;
