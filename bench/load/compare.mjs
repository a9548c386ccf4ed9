// Prints one Markdown table from the JSON files of several scripts/bench-load runs (see
// scripts/bench-scaling): a row per scenario and connection count, a column group per run, so
// the engines and city counts of one run stand side by side.
import { readFileSync } from "node:fs";

const runs = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, "utf8")));
const label = (run) => `${run.engine === "postgresql" ? "PostgreSQL" : "SQLite"}, ${run.cities} ${run.cities === 1 ? "city" : "cities"}`;
const ms = (us) => (us === 0 ? "—" : us >= 10000 ? `${(us / 1000).toFixed(0)} ms` : `${(us / 1000).toFixed(2)} ms`);
const thousands = (n) => n.toLocaleString("en-US");

// Scenarios in the order of the first run that has them; "city N of N" rows exist only with N cities.
const keys = [];
for (const run of runs) {
  for (const row of run.rows) {
    const key = `${row.scenario}\u0000${row.connections}`;
    if (!keys.includes(key)) keys.push(key);
  }
}
const healthz = (run, connections) => run.rows.find((r) => r.scenario === "healthz" && r.connections === connections);

console.log(`| scenario | conn. | ${runs.map((r) => `${label(r)}: req/s · p50 · p99 · vs /healthz`).join(" | ")} |`);
console.log(`|---|---:|${runs.map(() => "---:").join("|")}|`);
for (const key of keys) {
  const [scenario, connections] = key.split("\u0000");
  const cells = runs.map((run) => {
    const row = run.rows.find((r) => r.scenario === scenario && r.connections === Number(connections));
    if (!row) return "";
    const base = healthz(run, row.connections);
    const ratio = base && base.rps > 0 ? `${((100 * row.rps) / base.rps).toFixed(row.rps * 10 < base.rps ? 1 : 0)} %` : "—";
    const errors = row.errors > 0 ? `, ${row.errors} errors` : "";
    return `${thousands(row.rps)} · ${ms(row.p50_us)} · ${ms(row.p99_us)} · ${ratio}${errors}`;
  });
  console.log(`| ${scenario} | ${connections} | ${cells.join(" | ")} |`);
}
console.log();
for (const run of runs) {
  console.log(
    `- ${label(run)}: generated in ${(run.generate_ms / 1000).toFixed(1)} s, first answer ${run.startup_ms} ms after start, ` +
      `${run.rss_mb_start} MB resident after start-up and ${run.rss_mb_after} MB after the load; ` +
      `writes ${run.writes_ok} answered, ${run.writes_stored} stored; load average ${run.load_before} before, ${run.load_after} after.`,
  );
}
