-- A member's own posting address for one community (`c<community>-<token>@`): its token is this
-- row's, not her private posting token (`members.posting_token`), so an address she shares or that
-- leaks opens nothing but that community. Old community addresses, which carried her posting
-- token, are unknown from now on (docs/communities.md).
CREATE TABLE community_posting_tokens (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, member_id)
);
CREATE INDEX community_posting_tokens_member ON community_posting_tokens (member_id);
