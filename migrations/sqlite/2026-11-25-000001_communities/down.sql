DROP INDEX photos_topic;
ALTER TABLE photos DROP COLUMN topic_id;
DROP TABLE community_log;
DROP TABLE community_comments;
DROP TABLE community_topics;
DROP TABLE community_members;
DROP TABLE communities;
