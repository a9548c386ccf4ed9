// Browser tests: a real Chromium (the system one, driven by playwright-core) against a real
// sasaeai server with a fresh demo database. Run with `node --test tests/browser/`.
//
// Environment: SASAEAI_BIN (server binary, default build/src/sasaeai), CHROMIUM (default
// /usr/bin/chromium). Screenshots go to tests/browser/artifacts/ (git-ignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, repoRoot } from './support/server.mjs';

const ARTIFACTS = path.join(repoRoot, 'tests', 'browser', 'artifacts');
const TEST_TIMEOUT_MS = 60_000;

let server;
let browser;

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  // Each step on its own, so a failing browser close still stops the server.
  await browser?.close().catch(() => {});
  await server?.stop();
});

// A fresh browser context per test; on failure a screenshot of where it stopped is kept.
async function withPage(t, fn) {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'ja-JP' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  try {
    await fn(page);
  } catch (err) {
    const file = path.join(ARTIFACTS, `failed-${t.name.replace(/[^\w-]+/g, '_')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    err.message += `\n(page: ${page.url()}; screenshot: ${file})`;
    throw err;
  } finally {
    await context.close();
  }
}

// --- kana helpers -----------------------------------------------------------------------

// Plain katakana without (han)dakuten or small forms, so each has a one-character half-width form.
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';
const HALF_WIDTH = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜ';
const EXTRA_HALF = { ン: 'ﾝ' };

function randomKatakana(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += KATAKANA[Math.floor(Math.random() * KATAKANA.length)];
  return s;
}
const toHiragana = (s) => s.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const toHalfWidth = (s) =>
  [...s].map((c) => EXTRA_HALF[c] ?? (KATAKANA.includes(c) ? HALF_WIDTH[KATAKANA.indexOf(c)] : c)).join('');

// --- page helpers -----------------------------------------------------------------------

async function resultCount(page) {
  const status = page.locator('p.result-count[role="status"]');
  const text = (await status.textContent()).trim();
  assert.match(text, /^\d+件$/, `result count text: ${text}`);
  return Number(await status.locator('strong').textContent());
}

// Waits a little for the element to be visible, then fails with `message`.
async function assertVisible(locator, message) {
  try {
    await locator.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    assert.fail(message);
  }
}

const rowNames = (page) => page.locator('table.data tbody th[scope="row"] a').allTextContents();

async function search(page, query) {
  await page.goto('/resources');
  const form = page.getByRole('search');
  await form.getByLabel('キーワード').fill(query);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/resources' && url.searchParams.has('q')),
    form.getByRole('button', { name: 'さがす' }).click(),
  ]);
}

// Fills /resources/new the way a person would (by the visible labels) and submits it.
// Returns the response to the POST.
async function submitNewResource(page, { name, kana, category, district, schedule, status }) {
  await page.goto('/resources/new');
  await page.getByLabel('名称', { exact: false }).fill(name);
  if (kana !== undefined) await page.getByLabel('ふりがな', { exact: true }).fill(kana);
  if (category !== undefined) await page.getByLabel('分類', { exact: false }).selectOption({ label: category });
  if (district !== undefined) await page.getByLabel('地区', { exact: true }).selectOption({ label: district });
  if (schedule !== undefined) await page.getByLabel('開催日時', { exact: true }).fill(schedule);
  if (status !== undefined) await page.getByLabel('状態', { exact: false }).selectOption({ label: status });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/resources'),
    page.getByRole('button', { name: '登録する' }).click(),
  ]);
  // The browser has left the form page once the answer (303 → record page, or 422 → the form
  // again at /resources) is loaded.
  await page.waitForURL((url) => url.pathname !== '/resources/new');
  return response;
}

async function createResource(page, fields) {
  const response = await submitNewResource(page, fields);
  assert.equal(response.status(), 303, `POST /resources answered ${response.status()}`);
  await page.waitForURL(/\/resources\/\d+\?notice=created$/);
  assert.equal((await page.locator('h1').textContent()).trim(), fields.name);
}

// --- tests ------------------------------------------------------------------------------

// First, so its screenshot shows the demo city as loaded, before the other tests add records.
test('dashboard shows founding progress', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await page.goto('/');
    const main = page.locator('main');
    await assertVisible(main.getByText('26 / 26', { exact: true }), '「26 / 26」 is shown');
    await assertVisible(main.getByText('地区で協議体発足'), '「地区で協議体発足」 is shown');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    const link = main.getByRole('link', { name: '八幡', exact: true });
    assert.equal(await link.count(), 1, 'exactly one link named 八幡');
    await Promise.all([page.waitForURL(/\/districts\/\d+$/), link.click()]);
    assert.match(await page.locator('h1').textContent(), /八幡地区/);
  }),
);

test('creates a resource through the UI and finds it by a kana-swapped search', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    const suffix = randomKatakana(4);
    const name = `テスト用ヒマワリサロン${suffix}`;

    const response = await submitNewResource(page, {
      name,
      kana: 'てすとようひまわりさろん',
      category: '居場所・サロン',
      district: '八幡',
      schedule: '毎週火曜 10:00-12:00',
      status: '活動中',
    });
    assert.equal(response.status(), 303, 'a valid form is answered with 303 See Other');
    await page.waitForURL(/\/resources\/\d+\?notice=created$/);
    assert.equal((await page.locator('h1').textContent()).trim(), name);
    const notice = page.getByText('登録しました。', { exact: true });
    await assertVisible(notice, 'the notice 「登録しました。」 is shown');

    // Hiragana for the katakana name. The random suffix is only in the name (ふりがな has none),
    // so this can only match through katakana→hiragana folding of the name itself.
    const hiraganaQuery = toHiragana(`ヒマワリサロン${suffix}`);
    await search(page, hiraganaQuery);
    assert.equal(new URL(page.url()).searchParams.get('q'), hiraganaQuery);
    assert.equal(await page.getByLabel('キーワード').inputValue(), hiraganaQuery, 'the query stays in the box');
    assert.equal(await resultCount(page), 1, `one result for ${hiraganaQuery}`);
    assert.deepEqual(await rowNames(page), [name]);

    // Half-width katakana, as typed on some older systems.
    await search(page, 'ﾋﾏﾜﾘ');
    assert.ok((await resultCount(page)) >= 1);
    assert.ok((await rowNames(page)).includes(name), `${name} is found by ﾋﾏﾜﾘ`);

    const halfWidthQuery = toHalfWidth(`ヒマワリサロン${suffix}`);
    await search(page, halfWidthQuery);
    assert.equal(await resultCount(page), 1, `one result for ${halfWidthQuery}`);
    assert.deepEqual(await rowNames(page), [name]);
  }),
);

test('invalid form comes back with values and a Japanese message', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    const name = `エラー確認${randomKatakana(5)}`;
    const response = await submitNewResource(page, {
      name,
      schedule: '毎週火曜 25:00-26:00',
      status: '活動中',
    });
    assert.equal(response.status(), 422, 'an invalid form is answered with 422');

    const summary = page.locator('.error-summary[role="alert"]');
    await assertVisible(summary, 'the error summary is shown');
    const summaryText = await summary.textContent();
    assert.match(summaryText, /分類/);
    assert.match(summaryText, /開催日時/);
    // Each message links to its field.
    assert.equal(await summary.locator('a[href="#f-category_id"]').count(), 1);
    assert.equal(await summary.locator('a[href="#f-schedule"]').count(), 1);

    // The messages beside the fields, tied to them for screen readers.
    const categoryError = page.locator('#f-category_id-error.error-message');
    assert.match(await categoryError.textContent(), /分類/);
    assert.equal(await page.locator('#f-category_id').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('.field.has-error .error-message').filter({ hasText: '開催日時' }).textContent(), /時刻/);

    // Typed values are kept.
    assert.equal(await page.getByLabel('名称', { exact: false }).inputValue(), name);
    assert.equal(await page.getByLabel('開催日時', { exact: true }).inputValue(), '毎週火曜 25:00-26:00');
    assert.equal(await page.locator('#f-status').inputValue(), '活動中');

    await page.screenshot({ path: path.join(ARTIFACTS, 'resource-form-errors.png'), fullPage: true });

    // Nothing was stored.
    await search(page, name);
    assert.equal(await resultCount(page), 0, `no resource named ${name} exists`);
    assert.deepEqual(await rowNames(page), []);
  }),
);

test('weekday filter', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    // The demo city has no 開催日時 at all, so make sure there is one Tuesday and one
    // Wednesday resource rather than depend on what the demo data happens to hold.
    const tuesday = `カヨウビ確認${randomKatakana(5)}`;
    const wednesday = `スイヨウビ確認${randomKatakana(5)}`;
    await createResource(page, { name: tuesday, category: '通いの場（体操）', schedule: '毎週火曜 13:30-15:00', status: '活動中' });
    await createResource(page, { name: wednesday, category: '通いの場（体操）', schedule: '毎週水曜 13:30-15:00', status: '活動中' });

    await page.goto('/resources');
    const all = await resultCount(page);

    const form = page.getByRole('search');
    await form.getByLabel('曜日').selectOption('火');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.has('weekday')),
      form.getByRole('button', { name: 'さがす' }).click(),
    ]);
    assert.match(page.url(), /[?&]weekday=(%E7%81%AB|火)(&|$)/);
    assert.equal(await form.getByLabel('曜日').inputValue(), '火', 'the chosen weekday stays selected');

    const filtered = await resultCount(page);
    assert.ok(filtered >= 1, `at least one Tuesday resource (got ${filtered})`);
    assert.ok(filtered < all, `filtering narrows the list (${filtered} of ${all})`);
    const names = await rowNames(page);
    assert.ok(names.includes(tuesday), `${tuesday} is listed on Tuesdays`);
    assert.ok(!names.includes(wednesday), `${wednesday} is not listed on Tuesdays`);
  }),
);
