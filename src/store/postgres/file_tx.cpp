#include "store/postgres/file_tx.hpp"

namespace sasaeai::store::postgres {

std::optional<std::string> Files::setting(std::string_view key) {
  Params p;
  p.text(key);
  const auto q = conn_.query("SELECT value FROM settings WHERE key = ?", p);
  if (q.rows() == 0) return std::nullopt;
  return q.string(0, 0);
}

std::optional<FileReads::StoredFile> Files::stored_file(std::string_view key, bool with_bytes) {
  Params p;
  p.text(key);
  // In binary, bytea arrives as its bytes (text columns are their UTF-8 either way).
  const auto q = conn_.query(with_bytes ? "SELECT bytes, description, updated_at FROM stored_files WHERE key = ?"
                                        : "SELECT NULL::bytea, description, updated_at FROM stored_files WHERE key = ?",
                             p, true);
  if (q.rows() == 0) return std::nullopt;
  StoredFile file;
  if (with_bytes) file.bytes = q.string(0, 0);
  file.description = q.string(0, 1);
  file.updated_at = q.string(0, 2);
  return file;
}

void Files::set_setting(std::string_view key, std::string_view value) {
  Params p;
  p.text(key);
  p.text(value);
  conn_.query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", p);
}

void Files::put_stored_file(std::string_view key, std::string_view bytes, std::string_view description) {
  Params p;
  p.text(key);
  p.bytes(bytes);
  p.text(description);
  // Milliseconds, like SQLite's '%Y-%m-%dT%H:%M:%fZ': the version of a file replaced twice in a second still changes.
  conn_.query("INSERT INTO stored_files (key, bytes, description, updated_at) "
              "VALUES (?, ?, ?, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')) "
              "ON CONFLICT (key) DO UPDATE SET bytes = excluded.bytes, description = excluded.description, updated_at = excluded.updated_at",
              p);
}

void Files::delete_stored_file(std::string_view key) {
  Params p;
  p.text(key);
  conn_.query("DELETE FROM stored_files WHERE key = ?", p);
}

}  // namespace sasaeai::store::postgres
