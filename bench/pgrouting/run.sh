#!/usr/bin/env bash
# The coverage queries of bench/coverage_bench, run in pgRouting (pgr_drivingDistance) on the same
# synthetic 160,000-node network, then Sasaeai's, and the ratio of the two. Usage:
#
#   bench/pgrouting/run.sh
#
# Installs Debian's postgresql-15 and postgresql-15-pgrouting if missing, starts a throw-away
# cluster in a temporary directory (Unix socket only), loads the CSV files bench/walk_graph_gen
# writes, and times each query three times, keeping the best. pgr_drivingDistance is called with
# equicost := false (equicost := true is known to drop reachable nodes), so it returns every node
# within the distance of each start; the coverage query keeps each node once (its minimum cost).
set -euo pipefail
cd "$(dirname "$0")/../.."

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
missing=()
for p in postgresql-15 postgresql-15-pgrouting libbenchmark-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "== installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

scripts/install-deps >/dev/null
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSASAEAI_TESTS=OFF -DSASAEAI_BENCH=ON >/dev/null
cmake --build build-bench -j "$(nproc)" --target walk_graph_gen coverage_bench >/dev/null

work=$(mktemp -d)
chmod 755 "$work"
as_db_user=()
if [[ $(id -u) -eq 0 ]]; then
  # initdb refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd --system postgres
  chown postgres "$work"
  as_db_user=(runuser -u postgres --)
fi
pgbin=/usr/lib/postgresql/15/bin
port=54329
cleanup() {
  "${as_db_user[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

ours=$(build-bench/bench/walk_graph_gen "$work")
chmod 644 "$work"/*.csv
echo "== network: $ours"
"${as_db_user[@]}" "$pgbin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
"${as_db_user[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -o "-k $work -p $port -c listen_addresses='' -c shared_buffers=256MB -c work_mem=256MB" -w start >/dev/null
psql=("${as_db_user[@]}" psql -h "$work" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
"${psql[@]}" <<SQL
CREATE EXTENSION pgrouting CASCADE;
CREATE TABLE edges (id bigint PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL, cost float8 NOT NULL);
CREATE TABLE sites (id bigint);
CREATE TABLE candidates (id bigint);
\copy edges FROM '$work/edges.csv' CSV HEADER
\copy sites FROM '$work/sites.csv' CSV
\copy candidates FROM '$work/candidates.csv' CSV
ANALYZE;
SQL

best_ms() {  # best of three runs of a query, in ms, from psql's \timing
  local best=""
  for _ in 1 2 3; do
    local t
    t=$("${psql[@]}" -c '\timing on' -c "$1" | grep -Eo 'Time: [0-9.]+' | awk '{print $2}')
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
  done
  echo "$best"
}

coverage_sql="SELECT count(*) FROM (SELECT node FROM pgr_drivingDistance('SELECT id, source, target, cost FROM edges', (SELECT array_agg(id) FROM sites), 1000, directed => false, equicost => false) GROUP BY node) t"
catchments_sql="SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost FROM edges', (SELECT array_agg(id) FROM candidates), 1000, directed => false, equicost => false)"

covered=$("${psql[@]}" -c "$coverage_sql")
pairs=$("${psql[@]}" -c "$catchments_sql")
pg_coverage=$(best_ms "$coverage_sql")
pg_catchments=$(best_ms "$catchments_sql")
echo "== pgRouting $("${psql[@]}" -c 'SELECT pgr_version()'): nodes within 1 km of the 300 sites: $covered; (candidate, node) pairs within 1 km of the 5,000 candidates: $pairs"
echo "pgrouting_coverage_1km_300_sites_ms=$pg_coverage"
echo "pgrouting_catchments_1km_5000_candidates_ms=$pg_catchments"

json=$(build-bench/bench/coverage_bench --benchmark_filter='Coverage1km|Catchments5000At1kmAndGreedy50/2' --benchmark_format=json 2>/dev/null)
ours_coverage=$(echo "$json" | python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"]; print([x["real_time"] for x in b if "Coverage1km" in x["name"]][0])')
ours_catchments=$(echo "$json" | python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"]; print([x["real_time"] for x in b if "Catchments" in x["name"]][0])')
ours_pairs=$(echo "$json" | python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"]; print(int([x["catchment_nodes"] for x in b if "Catchments" in x["name"]][0]))')
ours_covered=$(echo "$json" | python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"]; print(int([x["covered_nodes"] for x in b if "Coverage1km" in x["name"]][0]))')
echo "sasaeai_coverage_1km_300_sites_ms=$ours_coverage (covered nodes $ours_covered)"
echo "sasaeai_catchments_1km_5000_candidates_plus_greedy_50_ms=$ours_catchments (pairs $ours_pairs, 2 threads)"
awk -v p="$pg_coverage" -v o="$ours_coverage" -v pc="$pg_catchments" -v oc="$ours_catchments" \
  'BEGIN { printf "ratio_coverage=%.1f (pgRouting / Sasaeai)\nratio_catchments=%.1f (pgRouting catchments only / Sasaeai catchments + greedy)\n", p/o, pc/oc }'
if [[ "$covered" != "$ours_covered" || "$pairs" != "$ours_pairs" ]]; then
  echo "!! the two disagree on what is within 1 km" >&2
  exit 1
fi
echo "== both found the same nodes within 1 km"
