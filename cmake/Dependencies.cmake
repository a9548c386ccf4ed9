# Every third-party library comes from Debian 12 packages (see scripts/install-deps).
# Libraries without a CMake config are wrapped here once as imported targets.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# cpp-httplib: take its pkg-config flags, they change the ABI (TLS, compression).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

find_package(nlohmann_json 3.11 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)

find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(sasaeai_mustache INTERFACE IMPORTED)
target_include_directories(sasaeai_mustache SYSTEM INTERFACE ${MUSTACHE_INCLUDE_DIR})

# libosmium (header-only, no CMake config in Debian): reads .osm.pbf/.osm/.opl.
find_path(OSMIUM_INCLUDE_DIR osmium/version.hpp REQUIRED)
find_path(PROTOZERO_INCLUDE_DIR protozero/version.hpp REQUIRED)
find_package(ZLIB REQUIRED)
find_package(BZip2 REQUIRED)
find_package(EXPAT REQUIRED)
add_library(sasaeai_osmium INTERFACE IMPORTED)
target_include_directories(sasaeai_osmium SYSTEM INTERFACE ${OSMIUM_INCLUDE_DIR} ${PROTOZERO_INCLUDE_DIR})
target_link_libraries(sasaeai_osmium INTERFACE ZLIB::ZLIB BZip2::BZip2 EXPAT::EXPAT Threads::Threads)
