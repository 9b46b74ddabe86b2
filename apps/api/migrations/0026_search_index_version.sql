-- Search index format versions. Rows written before this migration hold jieba's words only
-- (version 1); the application now also writes character bigrams of CJK runs (version 2, see
-- modules/search/tsvector.ts INDEX_VERSION). The search-reindex job rewrites older rows from the
-- title and body kept here, a batch at a time; the version on each row is its progress.
ALTER TABLE search_documents ADD COLUMN index_version smallint NOT NULL DEFAULT 1;
CREATE INDEX search_documents_index_version ON search_documents (index_version);
