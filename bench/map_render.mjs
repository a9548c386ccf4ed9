// How the map page copes with 5,000 resources in Chromium: the time until every marker is drawn,
// and the frame times while panning and zooming. Run after building (scripts/build):
//
//   node bench/map_render.mjs
//
// It starts a throw-away server with the demo city (no base map), adds 5,000 located resources
// through the API, and prints the figures as JSON. Figures go to docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, repoRoot } from '../tests/browser/support/server.mjs';

const RESOURCES = 5000;
const bin = path.resolve(repoRoot, process.env.SASAEAI_BIN || 'build/src/sasaeai');

const server = await startServer({ args: ['--tiles', 'none'] });
try {
  const token = execFileSync(bin, ['--db', server.db, 'token', '--login', 'kanri', '--name', 'bench'], { encoding: 'utf8' }).trim().split('\n').pop();
  const api = (p, init = {}) =>
    fetch(new URL(p, server.baseURL), { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers || {}) } });
  const first = async (register, field, value) => (await (await api(`/api/v1/${register}?per_page=0`)).json()).items.find((r) => r[field] === value).id;
  const city = await first('municipalities', 'name', '高崎市');
  const categories = (await (await api('/api/v1/resource-categories?per_page=0')).json()).items.map((c) => c.id);
  const started = Date.now();
  for (let i = 0; i < RESOURCES; i += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, k) => {
      const n = i + k;
      return api('/api/v1/resources', {
        method: 'POST',
        body: JSON.stringify({
          municipality_id: city, name: `試験の居場所 ${n}`, category_id: categories[n % categories.length], status: '活動中',
          latitude: 36.25 + (0.15 * ((n * 7919) % 1000)) / 1000, longitude: 138.9 + (0.2 * ((n * 104729) % 1000)) / 1000,
        }),
      }).then((r) => { if (r.status !== 201) throw new Error(`create: ${r.status}`); });
    }));
  }
  const loadSeconds = (Date.now() - started) / 1000;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ baseURL: server.baseURL, viewport: { width: 1280, height: 900 } });
  const runs = [];
  for (let run = 0; run < 3; run += 1) {
    await page.goto('/map?status=');
    await page.locator('#map[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    runs.push(await page.evaluate(() => performance.now()));
  }
  const markers = await page.evaluate(() => Object.keys(window.sasaeaiMap.markers).length);
  // Frame times while the map moves: 60 pans, then 6 zoom steps in and out, one per frame.
  const frames = await page.evaluate(async () => {
    const { map } = window.sasaeaiMap;
    const times = [];
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let last = await frame();
    for (let i = 0; i < 60; i += 1) {
      map.panBy([i % 2 ? -40 : 40, 20], { animate: false });
      const now = await frame();
      times.push(now - last);
      last = now;
    }
    for (const z of [1, 1, 1, -1, -1, -1]) {
      map.setZoom(map.getZoom() + z, { animate: false });
      const now = await frame();
      times.push(now - last);
      last = now;
    }
    return times.sort((a, b) => a - b);
  });
  await browser.close();
  const pct = (p) => frames[Math.min(frames.length - 1, Math.floor((p / 100) * frames.length))].toFixed(1);
  console.log(JSON.stringify({
    resources_created: RESOURCES,
    seconds_to_create_through_api: loadSeconds,
    markers_on_map: markers,
    ms_until_all_markers_drawn: runs.map((t) => Math.round(t)),
    frame_ms_median: pct(50),
    frame_ms_p95: pct(95),
    frame_ms_max: frames[frames.length - 1].toFixed(1),
  }, null, 1));
} finally {
  await server.stop();
}
