DROP INDEX facilities_search;
DROP INDEX events_search;
DROP INDEX posts_search;
DROP FUNCTION hiroba_fold(text);
-- pg_trgm stays: other objects may use it, and dropping it needs more rights than creating it.
