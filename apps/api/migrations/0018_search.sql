-- Community search (圈子搜索): one row per searchable piece of content, whatever module owns it.
-- The owning module writes and deletes its rows in the same transaction as the content itself, so
-- hidden, recalled or deleted content is gone from search the moment it is gone from the group.
-- tsv holds jieba's lexemes (title weight A, body weight D) written by the application as a
-- tsvector literal, never re-parsed by a text search configuration: identical on every server.
CREATE TABLE search_documents (
  kind        text NOT NULL CHECK (kind IN ('message', 'thread', 'reply', 'question', 'answer')),
  id          text NOT NULL,
  -- Who may see it: 'public' or 'group:<groupId>'. Queries filter on it in SQL.
  scope       text NOT NULL CHECK (scope = 'public' OR scope ~ '^[a-z]+:[A-Za-z0-9_-]+$'),
  title       text,
  -- Kept as typed (never HTML): snippets are cut from it at query time.
  body        text NOT NULL,
  author_id   uuid,
  -- The app path that opens the hit, never a foreign URL.
  link        text NOT NULL CHECK (link LIKE '/%'),
  created_at  timestamptz NOT NULL,
  tsv         tsvector NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv);
-- Dropping a whole scope (a group is deleted) and scope-first plans for a member in few groups.
CREATE INDEX search_documents_scope_created ON search_documents (scope, created_at);
