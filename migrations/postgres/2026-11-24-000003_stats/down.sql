DROP TABLE member_days;
DROP TABLE page_view_counts;
