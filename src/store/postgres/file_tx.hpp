#pragma once
// PostgreSQL implementation of the settings and stored files concern (store/file_tx.hpp).
#include "store/file_tx.hpp"
#include "store/postgres/connection.hpp"

namespace sasaeai::store::postgres {

class Files : public virtual FileReads, public virtual FileWrites {
 public:
  // REQUIRES: `conn` is in a transaction for as long as this object is used.
  explicit Files(Connection& conn) : conn_(conn) {}

  std::optional<std::string> setting(std::string_view key) override;
  std::optional<StoredFile> stored_file(std::string_view key, bool with_bytes) override;

  void set_setting(std::string_view key, std::string_view value) override;
  void put_stored_file(std::string_view key, std::string_view bytes, std::string_view description) override;
  void delete_stored_file(std::string_view key) override;

 private:
  Connection& conn_;
};

}  // namespace sasaeai::store::postgres
