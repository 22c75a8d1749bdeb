DROP TABLE magazine_targets;
DROP TABLE magazines;
DROP TABLE magazine_topics;
DROP TABLE magazine_areas;
