-- Usage statistics for coordinators: page views by day and device profile, members seen per day.

-- Page views as counted by each app process and added here every few seconds: a day and profile
-- may have several rows (one per flush); reports add them up.
CREATE TABLE page_view_counts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    day DATE NOT NULL,
    profile TEXT NOT NULL,
    views BIGINT NOT NULL
);
CREATE INDEX page_view_counts_day ON page_view_counts (day);

-- Which members opened a page on which day (Japan time): unique members per day, week or month.
CREATE TABLE member_days (
    day DATE NOT NULL,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (day, member_id)
);
