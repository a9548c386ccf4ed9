// Browser tests for the maps and the public portal: the map page offline with tiles served by
// Sasaeai from a local MBTiles file (no request may leave the machine), clicking a marker,
// filtering by weekday, placing a resource by clicking the map or from a postal code and an
// address, accessibility of the portal (axe-core), and the A4 print view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserSuite, assertVisible, ARTIFACTS } from './support/browser.mjs';
import { seriousViolations } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;

// A 1×1 grey PNG, stretched by the map to each 256-pixel tile.
const TILE_PNG_HEX =
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c63f8fbf7ef3f0007f103fd9a2b6d3a0000000049454e44ae426082';

// An MBTiles file (TMS rows) covering 高崎市 at zooms 9–14, written with the sqlite3 command.
const tilesDir = mkdtempSync(path.join(tmpdir(), 'sasaeai-tiles-'));
const tilesFile = path.join(tilesDir, 'takasaki.mbtiles');
function writeMbtiles() {
  const lon2x = (lon, z) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const lat2y = (lat, z) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  const rows = [];
  for (let z = 9; z <= 14; z += 1) {
    for (let x = lon2x(138.55, z); x <= lon2x(139.2, z); x += 1) {
      for (let y = lat2y(36.55, z); y <= lat2y(36.15, z); y += 1) rows.push(`(${z},${x},${2 ** z - 1 - y},X'${TILE_PNG_HEX}')`);
    }
  }
  const sql = [
    'CREATE TABLE metadata (name TEXT, value TEXT);',
    'CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);',
    "INSERT INTO metadata VALUES ('format','png'),('attribution','試験用の背景地図'),('minzoom','9'),('maxzoom','14');",
    `INSERT INTO tiles VALUES ${rows.join(',')};`,
  ].join('\n');
  execFileSync('sqlite3', [tilesFile], { input: sql });
}

const { withPage, withPages, server } = browserSuite({
  beforeServer: writeMbtiles,
  serverArgs: () => ['--tiles', tilesFile],
});
process.on('exit', () => rmSync(tilesDir, { recursive: true, force: true }));

// Every request the page makes, to check none leaves the machine.
function recordRequests(page) {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

async function waitForMap(page) {
  await page.locator('#map[data-ready="true"]').waitFor({ state: 'attached', timeout: 15_000 });
}

test('the map works offline: boundaries, local tiles, and a marker that opens its resource', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    const requests = recordRequests(page);
    await page.goto('/map');
    await waitForMap(page);
    await page.waitForLoadState('networkidle');
    const origin = new URL(server().baseURL).origin;
    const outside = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    assert.deepEqual(outside, [], 'no request goes to any host but the server');
    assert.ok(requests.some((u) => /\/tiles\/\d+\/\d+\/\d+\.png$/.test(u)), 'tiles come from the server itself');
    assert.ok(await page.locator('.leaflet-overlay-pane canvas, .leaflet-overlay-pane svg').count() > 0, 'boundaries and markers are drawn');
    assert.equal(await page.locator('.district-label').count(), 26, 'the 26 districts are labelled');
    await assertVisible(page.locator('.leaflet-control-attribution').getByText('試験用の背景地図'), 'the tiles attribution is shown on the map');

    // Click the marker of the first listed resource where it is drawn on the canvas.
    const first = page.locator('#map-items li:not([hidden])').first();
    const id = await first.getAttribute('data-id');
    const name = (await first.locator('a').first().textContent()).trim();
    await page.locator('#map').scrollIntoViewIfNeeded();
    const point = await page.evaluate((markerId) => {
      const { map, markers } = window.sasaeaiMap;
      map.setView(markers[markerId].getLatLng(), 15, { animate: false });
      const p = map.latLngToContainerPoint(markers[markerId].getLatLng());
      const box = map.getContainer().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, id);
    // Leaflet redraws its canvas on the next animation frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.mouse.move(point.x, point.y);
    await page.mouse.click(point.x, point.y);
    const popup = page.locator('.leaflet-popup-content');
    await assertVisible(popup, 'clicking the marker opens its popup');
    assert.equal((await popup.locator('a').first().textContent()).trim(), name, 'the popup names the clicked resource');
    await popup.locator('a').first().click();
    await page.waitForURL(`**/resources/${id}`);
    await assertVisible(page.getByRole('heading', { level: 1, name }), 'the link opens the resource page');
  }),
);

// Registers a resource through the form, the way a coordinator does.
async function createResource(page, { name, schedule, lat, lng }) {
  await page.goto('/resources/new');
  await page.getByLabel('市町村').selectOption({ label: '高崎市' });
  await page.getByLabel('名称').fill(name);
  await page.getByLabel('分類').selectOption({ label: '居場所・サロン' });
  await page.getByLabel('状態').selectOption('活動中');
  await page.getByLabel('開催日時').fill(schedule);
  await page.getByLabel('緯度', { exact: true }).fill(String(lat));
  await page.getByLabel('経度', { exact: true }).fill(String(lng));
  await page.getByRole('button', { name: '登録する' }).click();
  await page.waitForURL(/\/resources\/\d+(\?|$)/);
}

test('filtering by weekday leaves only resources held that day, on the map and in the list', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'sc1');
    await createResource(page, { name: '火曜の試験サロン', schedule: '毎週火曜 10:00-12:00', lat: 36.33, lng: 139.0 });
    await createResource(page, { name: '水曜の試験サロン', schedule: '第2・第4水曜 13:30-15:00', lat: 36.31, lng: 139.02 });
    await page.goto('/map?status=');
    await waitForMap(page);
    const everyDay = await page.locator('#map-items li').count();
    await page.getByLabel('曜日').selectOption({ label: '火曜日' });
    await page.getByRole('button', { name: '地図に出す' }).click();
    await page.waitForURL(/weekday=1/);
    await waitForMap(page);
    const expected = await page.evaluate(async () => {
      const r = await fetch('/api/v1/map/resources?weekday=1');
      return (await r.json()).features.map((f) => String(f.properties.id)).sort();
    });
    const listed = (await page.locator('#map-items li').evaluateAll((lis) => lis.map((li) => li.dataset.id))).sort();
    const drawn = (await page.evaluate(() => Object.keys(window.sasaeaiMap.markers))).sort();
    assert.ok(expected.length > 0 && expected.length < everyDay, `some but not all resources meet on Tuesdays (${expected.length} of ${everyDay})`);
    assert.deepEqual(listed, expected, 'the list holds exactly the Tuesday resources');
    assert.deepEqual(drawn, expected, 'the map draws exactly the Tuesday resources');
    for (const meta of await page.locator('#map-items li .meta').allTextContents()) assert.match(meta, /火/, `「${meta}」 is on a Tuesday`);
    const names = await page.locator('#map-items li a').allTextContents();
    assert.ok(names.includes('火曜の試験サロン') && !names.includes('水曜の試験サロン'), 'the Tuesday salon is listed, the Wednesday one is not');
  }),
);

test('a coordinator places a new resource by clicking the map, and from a postal code and an address', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'sc1');
    await page.goto('/resources/new');
    const picker = page.locator('#place-map');
    await assertVisible(picker, 'the form has a map to place the resource');
    await page.waitForLoadState('networkidle');

    // The map sits beside the place fields, not after the whole form.
    const pickerTop = (await picker.boundingBox()).y;
    const scheduleTop = (await page.getByLabel('開催日時').boundingBox()).y;
    assert.ok(pickerTop < scheduleTop, 'the map comes before the schedule, right after the coordinates');

    // A postal code fills the town name and, while there is no point yet, the town's representative point.
    await page.getByLabel('郵便番号').fill('370-0884');
    await assertVisible(page.locator('#place-status').getByText('郵便番号から町名「八幡町」とその代表点を入れました。'), 'the postal code names the town');
    assert.equal(await page.getByLabel('所在地').inputValue(), '八幡町');
    assert.equal(await page.getByLabel('緯度', { exact: true }).inputValue(), '36.34102');
    assert.equal(await page.getByLabel('経度', { exact: true }).inputValue(), '138.94495');
    assert.equal(await page.locator('select[name="district_id"] option:checked').textContent(), '八幡', 'the district follows the town');
    const offered = await page.locator('select[name="neighbourhood_id"] option:not([value=""]):not([disabled])').allTextContents();
    assert.ok(offered.length > 0, 'the district has 町内会 to offer');
    assert.deepEqual(offered.filter((name) => !name.startsWith('八幡 / ')), [], 'only the chosen district\'s 町内会 are offered');

    // Clicking the map moves the place to the clicked point.
    await picker.scrollIntoViewIfNeeded();
    const box = await picker.boundingBox();
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
    const lat = Number(await page.getByLabel('緯度', { exact: true }).inputValue());
    const lng = Number(await page.getByLabel('経度', { exact: true }).inputValue());
    assert.ok(Math.abs(lat - 36.34102) > 1e-4 || Math.abs(lng - 138.94495) > 1e-4, 'the click changed the point');
    assert.ok(lat > 36.1 && lat < 36.6 && lng > 138.6 && lng < 139.3, `the clicked point (${lat}, ${lng}) is near 高崎`);

    await page.getByLabel('市町村').selectOption({ label: '高崎市' });
    await page.getByLabel('名称').fill('地図で置いた試験サロン');
    await page.getByLabel('分類').selectOption({ label: '居場所・サロン' });
    await page.getByLabel('状態').selectOption('活動中');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/resources\/\d+(\?|$)/);
    const id = new URL(page.url()).pathname.split('/').pop();
    const stored = await page.evaluate(async (rid) => (await fetch(`/api/v1/resources/${rid}`)).json(), id);
    assert.equal(stored.latitude, lat, 'the stored latitude is the clicked one');
    assert.equal(stored.longitude, lng, 'the stored longitude is the clicked one');
    assert.equal(stored.postal_code, '3700884');
  }),
);

test('without JavaScript a postal code gives a new resource its town\'s point, and an unknown address asks before saving without one', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('no-js', { javaScriptEnabled: false });
    await signIn(page, 'sc1');
    const fillCommon = async (name) => {
      await page.getByLabel('市町村').selectOption({ label: '高崎市' });
      await page.getByLabel('名称').fill(name);
      await page.getByLabel('分類').selectOption({ label: '居場所・サロン' });
      await page.getByLabel('状態').selectOption('活動中');
    };
    await page.goto('/resources/new');
    await fillCommon('郵便番号で置いた試験サロン');
    await page.getByLabel('郵便番号').fill('370-0884');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/resources\/\d+\?notice=created_at_town/);
    await assertVisible(page.getByText('地図の位置は郵便番号・住所の町丁目の代表点です'), 'the page says the point is the town\'s');
    await assertVisible(page.getByText('370-0884'), 'the postal code reads with its hyphen');
    assert.equal(await page.getByText('内容の確認が必要です').count(), 0, 'a record just entered is not due for checking');

    await page.goto('/resources/new');
    await fillCommon('位置の分からない試験サロン');
    await page.getByLabel('所在地').fill('どこにもない村1-2');
    await page.getByRole('button', { name: '登録する' }).click();
    await assertVisible(page.getByRole('alert').getByText(/地図の位置がありません/), 'an address without a point is warned about');
    assert.equal(await page.getByLabel('所在地').inputValue(), 'どこにもない村1-2', 'what was typed comes back');
    await page.getByLabel(/地図の位置なしで保存する/).check();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/resources\/\d+\?notice=created$/);
  }),
);

test('the portal and the map pass axe-core with no serious violations', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('axe', { bypassCSP: true });
    for (const url of ['/sagasu', `/sagasu?near=${encodeURIComponent('中居町1丁目')}&weekday=1`, '/sagasu/1', '/sagasu/print', '/map']) {
      await page.goto(url);
      if (url === '/map') await waitForMap(page);
      const violations = await seriousViolations(page);
      assert.deepEqual(violations, [], `${url} has no serious accessibility violations`);
    }
  }),
);

test('the portal finds places near an address and prints them as an A4 list with a map', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await page.goto('/sagasu');
    await page.getByLabel('場所（住所・町の名前・郵便番号）').fill('高崎市中居町1-2-3');
    await page.getByRole('button', { name: 'さがす' }).click();
    await assertVisible(page.getByText('中居町1丁目', { exact: true }), 'the address is read as 中居町1丁目');
    const distances = await page.locator('.portal-card .card-category strong').allTextContents();
    const metres = distances.map((d) => (d.includes('km') ? parseFloat(d.replace(/[^\d.]/g, '')) * 1000 : parseFloat(d.replace(/[^\d.]/g, ''))));
    assert.equal(metres.length, 20, 'the first page lists 20 places with their distance');
    assert.deepEqual([...metres].sort((a, b) => a - b), metres, 'nearest first');
    const found = Number(await page.locator('.result-heading strong').textContent());
    await assertVisible(page.getByRole('navigation', { name: '結果のページ' }).getByRole('link', { name: '次の20件 →' }), 'more results are on the next page');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-search.png'), fullPage: true });

    await page.getByRole('link', { name: /印刷する/ }).click();
    await page.waitForURL(/\/sagasu\/print/);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-nav').isVisible(), false, 'the menu is not printed');
    await assertVisible(page.locator('.print-map svg'), 'the printed page has the map');
    assert.equal(await page.locator('.print-list li').count(), found, 'every result is printed');
    const unplaced = await page.locator('.print-list li .no-location').count();
    assert.equal(await page.locator('.print-map .map-point').count(), found - unplaced, 'every result with a place is numbered on the map');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.length > 10_000, 'the print view renders to an A4 PDF');
  }),
);

test('without JavaScript /map shows no button that does nothing, and its list and links work', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('no-js', { javaScriptEnabled: false });
    await signIn(page, 'sc1');
    await page.goto('/map');
    assert.ok((await page.locator('.show-on-map').count()) > 0, 'the list has its 「地図で見る」 buttons, for when the script runs');
    // Every visible button sends a form: nothing needs a script that does not run.
    const buttons = page.locator('button');
    const dead = [];
    for (let i = 0; i < (await buttons.count()); i += 1) {
      const button = buttons.nth(i);
      if (!(await button.isVisible())) continue;
      const works = await button.evaluate((b) => b.type === 'submit' && b.form !== null);
      if (!works) dead.push(((await button.textContent()) || '').trim());
    }
    assert.deepEqual(dead, [], 'no visible button needs JavaScript');
    await assertVisible(page.locator('.map-static svg'), 'the server-drawn map is shown');
    // The filters are a form that works without a script.
    await page.getByLabel('分類').selectOption({ label: '居場所・サロン' });
    await page.getByRole('button', { name: '地図に出す' }).click();
    await page.waitForURL(/category_id=\d+/);
    const first = page.locator('#map-items li a').first();
    await assertVisible(first, 'the list shows the filtered resources');
    const name = (await first.textContent()).trim();
    await first.click();
    await page.waitForURL(/\/resources\/\d+/);
    await assertVisible(page.getByRole('heading', { level: 1, name }), 'a list link opens the resource');
  }),
);
