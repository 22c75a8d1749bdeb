DROP TABLE community_posting_tokens;
