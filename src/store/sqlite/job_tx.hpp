#pragma once
// SQLite implementation of the publication jobs concern (store/job_tx.hpp).
#include "store/job_tx.hpp"
#include "store/sqlite/connection.hpp"

namespace sasaeai::store::sqlite {

class Jobs : public virtual JobReads, public virtual JobWrites {
 public:
  // REQUIRES: `conn` is in a transaction for as long as this object is used.
  explicit Jobs(Connection& conn) : conn_(conn) {}

  std::optional<PublicationJob> publication_job(std::string_view id) override;
  std::optional<std::string> publication_job_file(std::string_view id) override;
  std::optional<std::string> live_publication_job(std::string_view document, std::string_view viewer, std::string_view live_since) override;

  void insert_publication_job(const PublicationJob& job) override;
  bool run_publication_job(std::string_view id, std::string_view now) override;
  bool report_publication_job(std::string_view id, int done, int total, std::string_view step, std::string_view now) override;
  void finish_publication_job(std::string_view id, std::string_view state, std::string_view error, std::string_view filename, int pages,
                              std::string_view bytes, std::string_view now) override;
  bool cancel_publication_job(std::string_view id, std::string_view now) override;
  void forget_publication_jobs(std::string_view before, int keep) override;

 private:
  Connection& conn_;
};

}  // namespace sasaeai::store::sqlite
