DROP INDEX threads_search;
