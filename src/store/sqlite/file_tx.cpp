#include "store/sqlite/file_tx.hpp"

namespace sasaeai::store::sqlite {

std::optional<std::string> Files::setting(std::string_view key) {
  auto stmt = conn_.prepare("SELECT value FROM settings WHERE key = ?");
  stmt->bind(1, std::string(key));
  if (!stmt->executeStep()) return std::nullopt;
  return stmt->getColumn(0).getString();
}

std::optional<FileReads::StoredFile> Files::stored_file(std::string_view key, bool with_bytes) {
  auto stmt = conn_.prepare(with_bytes ? "SELECT bytes, description, updated_at FROM stored_files WHERE key = ?"
                                         : "SELECT NULL, description, updated_at FROM stored_files WHERE key = ?");
  stmt->bind(1, std::string(key));
  if (!stmt->executeStep()) return std::nullopt;
  StoredFile file;
  if (with_bytes) {
    const auto column = stmt->getColumn(0);
    file.bytes.assign(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
  }
  file.description = stmt->getColumn(1).getString();
  file.updated_at = stmt->getColumn(2).getString();
  return file;
}

void Files::set_setting(std::string_view key, std::string_view value) {
  auto stmt = conn_.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  stmt->bind(1, std::string(key));
  stmt->bind(2, std::string(value));
  stmt->exec();
}

void Files::put_stored_file(std::string_view key, std::string_view bytes, std::string_view description) {
  auto stmt = conn_.prepare(
      "INSERT INTO stored_files (key, bytes, description, updated_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) "
      "ON CONFLICT (key) DO UPDATE SET bytes = excluded.bytes, description = excluded.description, updated_at = excluded.updated_at");
  stmt->bind(1, std::string(key));
  stmt->bind(2, bytes.data(), static_cast<int>(bytes.size()));
  stmt->bind(3, std::string(description));
  stmt->exec();
}

void Files::delete_stored_file(std::string_view key) {
  auto stmt = conn_.prepare("DELETE FROM stored_files WHERE key = ?");
  stmt->bind(1, std::string(key));
  stmt->exec();
}

}  // namespace sasaeai::store::sqlite
