-- Search (docs/search.md): trigram GIN indexes on the folded text of posts, events and facilities.

-- The folding of src/search/normalise.rs, rule for rule: half-width katakana to full-width with
-- ﾞ/ﾟ merged where a voiced form exists (the replace calls), then one translate for full-width
-- ASCII to lower-case ASCII, the other half-width katakana, the ideographic space, 〜 and −, then
-- lower() in the "C" collation, which changes A–Z only (as Rust's to_ascii_lowercase). translate
-- is slow on multibyte text, so it runs only on text that has a character it changes (most
-- Japanese text has none): folding 10,000 posts went from 540 ms to 80 ms. IMMUTABLE so that
-- indexes may use it; a test compares it with the Rust function.
CREATE FUNCTION hiroba_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fold$
SELECT lower(
    CASE WHEN t ~ '[！-ﾟ　〜−]' THEN translate(
        CASE WHEN t ~ '[ﾞﾟ]' THEN
        replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t
            , 'ｳﾞ', 'ヴ')
            , 'ｶﾞ', 'ガ')
            , 'ｷﾞ', 'ギ')
            , 'ｸﾞ', 'グ')
            , 'ｹﾞ', 'ゲ')
            , 'ｺﾞ', 'ゴ')
            , 'ｻﾞ', 'ザ')
            , 'ｼﾞ', 'ジ')
            , 'ｽﾞ', 'ズ')
            , 'ｾﾞ', 'ゼ')
            , 'ｿﾞ', 'ゾ')
            , 'ﾀﾞ', 'ダ')
            , 'ﾁﾞ', 'ヂ')
            , 'ﾂﾞ', 'ヅ')
            , 'ﾃﾞ', 'デ')
            , 'ﾄﾞ', 'ド')
            , 'ﾊﾞ', 'バ')
            , 'ﾋﾞ', 'ビ')
            , 'ﾌﾞ', 'ブ')
            , 'ﾍﾞ', 'ベ')
            , 'ﾎﾞ', 'ボ')
            , 'ﾊﾟ', 'パ')
            , 'ﾋﾟ', 'ピ')
            , 'ﾌﾟ', 'プ')
            , 'ﾍﾟ', 'ペ')
            , 'ﾎﾟ', 'ポ')
        ELSE t END,
        '｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　〜−',
        '。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜!"#$%&''()*+,-./0123456789:;<=>?@abcdefghijklmnopqrstuvwxyz[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ~-'
    ) ELSE t END COLLATE "C"
)
$fold$;

-- pg_trgm belongs to the database, not to a schema: install it once, in `public` (so that it
-- outlives any one schema, e.g. the per-test schemas), unless it is installed already. Two
-- migrations running at once may both try; the loser finds it installed. The operator class is
-- then named with its schema, which need not be on the search path.
DO $search$
DECLARE
    trgm name;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN
                CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
            ELSE
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
            END IF;
        EXCEPTION WHEN unique_violation OR duplicate_object THEN
            NULL;
        END;
    END IF;
    SELECT n.nspname INTO STRICT trgm
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    -- The searched expressions, exactly as src/search/backend.rs writes them.
    EXECUTE format(
        'CREATE INDEX posts_search ON posts USING gin '
        '(hiroba_fold(title || E''\n'' || body) %I.gin_trgm_ops)',
        trgm
    );
    EXECUTE format(
        'CREATE INDEX events_search ON events USING gin '
        '(hiroba_fold(title || E''\n'' || place || E''\n'' || body) %I.gin_trgm_ops)',
        trgm
    );
    EXECUTE format(
        'CREATE INDEX facilities_search ON facilities USING gin '
        '(hiroba_fold(name || E''\n'' || kind || E''\n'' || address || E''\n'' || hours || E''\n'' || note) %I.gin_trgm_ops)',
        trgm
    );
END
$search$;
