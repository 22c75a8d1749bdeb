DROP TABLE notebook_join_failures;
