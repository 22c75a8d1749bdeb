DROP TRIGGER threads_search_delete;
DROP TRIGGER threads_search_update;
DROP TRIGGER threads_search_insert;
DELETE FROM search_index WHERE rowid % 8 = 1;
