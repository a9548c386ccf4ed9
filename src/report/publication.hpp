#pragma once
// What every publication (a PDF made from the data: data book, guidebook, 事例集, newsletter,
// poster) has in common: the finished file, how a long build reports how far it is and learns
// that it should stop, and the footer with the attribution lines of the data it shows.
//
// Builders read through app/ (the protected read path), never the store directly, so a
// publication shows exactly what its reader may see.
#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"
#include "store/store.hpp"

namespace sasaeai::report {

struct Publication {
  std::string bytes;      // the PDF
  std::string filename;   // ASCII, e.g. "databook-city.pdf"
  std::string title;      // Japanese, e.g. 「地域別データブック（市全体）」
  int pages = 0;
};

// Told after each step of a long build (e.g. each district's chapter); a build asks `stop`
// between steps and ends with Error(unavailable, 「作成を取り消しました」) when it is set.
class Progress {
 public:
  using Report = std::function<void(int done, int total, std::string_view step)>;
  Progress() = default;
  Progress(Report report, const std::atomic<bool>* stop) : report_(std::move(report)), stop_(stop) {}
  // Reports the step, then throws when the build was cancelled.
  void step(int done, int total, std::string_view what) const;

 private:
  Report report_;
  const std::atomic<bool>* stop_ = nullptr;
};

// A day as the city writes dates (和暦 unless it chose 西暦, app/settings.hpp): 「令和8年12月2日」.
std::string date_label(store::Store& store, dates::Date date);
// Today in Japan, so written: the 「作成日」 every publication prints.
std::string today_label(store::Store& store);

// The footer: the data set's attribution lines as they are written (each source's 「出典：…」 and
// the data set's own notes), then `extra` (the publisher and the date).
std::string attribution_footer(const std::vector<std::string>& attribution_lines, std::string_view extra = {});

}  // namespace sasaeai::report
