#!/usr/bin/env bash
# scripts/check-layers must fail on a copy of src/ with forbidden includes planted in it, naming
# each file and line, and pass on the unchanged copy.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/src" "$work/src"

"$root/scripts/check-layers" "$work/src" >/dev/null || { echo "FAIL: the unchanged copy does not pass"; exit 1; }

expect_refused() {  # file, line to plant, text the report must contain
  local file="$1" line="$2" expected="$3"
  cp "$work/src/$file" "$work/saved"
  printf '%s\n' "$line" >>"$work/src/$file"
  local lines
  lines=$(wc -l <"$work/src/$file")
  if out=$("$root/scripts/check-layers" "$work/src" 2>&1); then
    echo "FAIL: $line in $file was accepted"; exit 1
  fi
  grep -qF "src/$file:$lines:" <<<"$out" || { echo "FAIL: report does not name src/$file:$lines: $out"; exit 1; }
  grep -qF "$expected" <<<"$out" || { echo "FAIL: report does not say '$expected': $out"; exit 1; }
  cp "$work/saved" "$work/src/$file"
}

expect_refused domain/rules.cpp '#include "store/store.hpp"' 'domain/ may not include store/store.hpp'
expect_refused store/sql_builder.cpp '#include "app/policy.hpp"' 'store/ may not include app/policy.hpp'
expect_refused app/maps.cpp '#include "web/http_io.hpp"' 'app/ may not include web/http_io.hpp'
expect_refused app/maps.cpp '#include "io/xlsx.hpp"' 'app/ may not include io/xlsx.hpp'
expect_refused geo/geometry.hpp '#include "analysis/walk_graph.hpp"' 'geo/ may not include analysis/walk_graph.hpp'
expect_refused analysis/dijkstra.cpp '#include "app/actor.hpp"' 'analysis/ may not include app/actor.hpp'
expect_refused auth/redirect_target.cpp '#include "domain/value.hpp"' 'auth/ may not include domain/value.hpp'
expect_refused io/xlsx.cpp '#include "web/routes.hpp"' 'io/ may not include web/routes.hpp'
expect_refused analysis/walk_graph.hpp '#include <nlohmann/json.hpp>' 'may not include <nlohmann/json.hpp>'
expect_refused geo/geojson.hpp '#include <nlohmann/json.hpp>' 'may not include <nlohmann/json.hpp>'
expect_refused app/maps.hpp '#include <httplib.h>' 'may not include <httplib.h>'

mkdir "$work/src/newlayer" && echo '#pragma once' >"$work/src/newlayer/x.hpp"
if "$root/scripts/check-layers" "$work/src" >/dev/null 2>&1; then echo "FAIL: a folder outside the table was accepted"; exit 1; fi
echo "ok"
