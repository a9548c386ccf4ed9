// Browser test of the walking-distance coverage page: a coordinator analyses how many older
// residents live within walking distance of the gathering places, changes the distance, sees the
// districts and least-covered areas, and asks for new sites. Run with `node --test tests/browser/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserSuite, assertVisible, mainMenuLink, ARTIFACTS } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;
const { withPage } = browserSuite();

const cityShare = async (page) => {
  const text = await page.locator('.big-figure strong').textContent();
  return parseFloat(text);
};

test('a coordinator analyses walking coverage, widens the distance and gets suggested sites', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'sc1');
    await mainMenuLink(page, '徒歩圏').click();
    await page.waitForURL(/\/coverage/);
    await assertVisible(page.getByRole('heading', { level: 1, name: '徒歩圏の分析' }), 'the coverage page opens');
    // The first visit analyses the gathering places at 500 m and says how.
    assert.ok(await page.getByLabel('居場所・サロン').isChecked(), 'gathering places are chosen at first');
    await assertVisible(page.getByText(/直線距離×1.30/), 'the page says it uses straight lines without a walking network');
    await assertVisible(page.getByText(/推計/).first(), 'estimated figures are labelled');
    const at500 = await cityShare(page);
    assert.ok(at500 > 0 && at500 < 100, `a share between 0 and 100 % (${at500})`);
    const districts = await page.locator('table[aria-labelledby="districts-title"] tbody tr').count();
    assert.equal(districts, 26, 'every district has a row');

    // 20 minutes at 50 m a minute is 1 km: more people are within reach.
    await page.getByLabel('距離', { exact: true }).fill('20');
    await page.getByLabel('距離の単位').selectOption('min');
    await page.getByRole('button', { name: '分析する' }).click();
    await page.waitForURL(/unit=min/);
    await assertVisible(page.getByText(/1,000 m/).first(), 'the distance is shown in metres');
    const at1km = await cityShare(page);
    assert.ok(at1km >= at500, `walking further covers at least as many (${at500} → ${at1km})`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'coverage.png'), fullPage: true });

    await page.getByRole('link', { name: '新しい場所の候補を選ぶ' }).click();
    await page.waitForURL(/\/coverage\/suggest/);
    await page.getByLabel('選ぶ数').fill('3');
    await page.getByRole('button', { name: '候補を選ぶ' }).click();
    const rows = page.locator('table.data tbody tr');
    await assertVisible(rows.first(), 'suggested sites are listed');
    const count = await rows.count();
    assert.ok(count >= 1 && count <= 3, `one to three suggestions (${count})`);
    const shares = (await page.locator('table.data tbody tr td:last-child').allTextContents()).map(parseFloat);
    assert.deepEqual([...shares].sort((a, b) => a - b), shares, 'each added site raises the share');
    assert.ok(shares[0] > at1km, 'the first suggestion raises the share above today');
  }),
);

test('a suggested point becomes a new resource in one step', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'sc1');
    await page.goto('/coverage/suggest');
    await page.getByLabel('次の地点').check();
    await page.getByLabel(/地点（1行に/).fill('36.3205, 139.038');
    await page.getByLabel('選ぶ数').fill('1');
    await page.getByRole('button', { name: '候補を選ぶ' }).click();
    await page.getByRole('link', { name: /この場所を社会資源に登録/ }).click();
    await page.waitForURL(/\/resources\/new\?latitude=36\.320500/);
    assert.equal(await page.getByLabel('緯度', { exact: true }).inputValue(), '36.320500', 'the point comes with the form');
    await page.getByLabel('市町村').selectOption({ label: '高崎市' });
    await page.getByLabel('名称').fill('候補から生まれた試験サロン');
    await page.getByLabel('分類').selectOption({ label: '居場所・サロン' });
    await page.getByLabel('状態').selectOption('準備中');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/resources\/\d+\?notice=created$/);
    const id = new URL(page.url()).pathname.split('/').pop();
    const stored = await page.evaluate(async (rid) => (await fetch(`/api/v1/resources/${rid}`)).json(), id);
    assert.equal(stored.latitude, 36.3205);
    assert.equal(stored.longitude, 139.038);
  }),
);
