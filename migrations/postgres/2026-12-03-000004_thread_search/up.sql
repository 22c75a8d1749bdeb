-- Search over threads (docs/search.md): a trigram GIN index on the folded text of every thread, as
-- `posts_search` was on posts; `search::backend` finds only the portal's visible ones. pg_trgm was
-- installed by migration 2026-11-25-000002_search, in whichever schema this finds it.
DO $search$
DECLARE
    trgm name;
BEGIN
    SELECT n.nspname INTO STRICT trgm
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    -- The searched expression, exactly as src/search/backend.rs writes it.
    EXECUTE format(
        'CREATE INDEX threads_search ON threads USING gin '
        '(hiroba_fold(title || E''\n'' || body) %I.gin_trgm_ops)',
        trgm
    );
END
$search$;
