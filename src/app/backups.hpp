#pragma once
// A copy of the whole database for 管理者 to download, with its audit entry.
#include <filesystem>
#include <string>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// Refused (forbidden) unless the actor administers: the page that offers the download.
void require_backup(const Actor& actor);

// Refused (forbidden) unless the actor administers. The copy is made in a new directory under
// `work_dir` that only this process's user may open, with a name nobody can guess (mkdtemp),
// and that directory is removed before returning, whether the copy succeeded or not.
std::string backup_bytes(store::Store& store, const Actor& actor,
                         const std::filesystem::path& work_dir = std::filesystem::temp_directory_path());

}  // namespace sasaeai::app
