-- The audit trail is append-only in the database itself: an UPDATE or DELETE of an entry fails,
-- whichever code or SQL runs it. (Whoever can write the file can still drop the triggers; a
-- restore refuses a file whose schema differs.) Nothing in the program updates or deletes audit
-- rows, and audit_log has no foreign keys, so no ON DELETE action touches it either.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '監査ログは変更できません（追記のみ）');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '監査ログは削除できません（追記のみ）');
END;
