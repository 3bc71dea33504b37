-- Events resume bookmarks by name, hash and correlation id; with (name, hash) alone a lookup read every
-- bookmark waiting on that event name (benchmark section c). The wider index serves both lookups.
CREATE INDEX bookmarks_name_hash_correlation ON workflows.bookmarks (name, hash, correlation_id);
DROP INDEX workflows.bookmarks_name_hash;
