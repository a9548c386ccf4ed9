// Browser test of coverage results on a phone: the suggested sites are named in words (the
// facility, the place), numbered rows match large numbered markers on the map, and the legend
// names each marker's shape. Run with `node --test tests/browser/coverage_everyday.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserSuite, assertVisible, ARTIFACTS } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const { withPages } = browserSuite();

test('on a phone, suggested sites show names and places, with numbered markers matching the rows', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('phone', PHONE);
    await signIn(page, 'sc1');
    await page.goto('/coverage/suggest');
    await page.getByLabel('距離', { exact: true }).fill('800');
    await page.getByLabel('選ぶ数').fill('3');
    await page.getByRole('button', { name: '候補を選ぶ' }).click();
    const rows = page.locator('table.data tbody tr');
    await assertVisible(rows.first(), 'suggested sites are listed');
    const count = await rows.count();
    assert.ok(count >= 1 && count <= 3, `one to three suggestions (${count})`);

    for (let i = 0; i < count; i += 1) {
      const row = rows.nth(i);
      assert.equal((await row.locator('.rank-marker').textContent()).trim(), String(i + 1), 'each row carries its map number');
      const name = (await row.locator('th').textContent()).trim();
      assert.ok(name.length > 0 && !/^[\d.,\s]+$/.test(name), `the row names the facility (${name})`);
      await assertVisible(row.locator('th a'), 'the facility links to its page');
      const place = (await row.locator('td').nth(1).textContent()).trim();
      assert.ok(!/^[\d.]+, [\d.]+/.test(place), `the place is in words first, coordinates after (${place})`);
      // The map has a marker with the same number, named like the row, and larger than the others.
      const marker = page.locator('.coverage-map svg g.map-point').filter({ has: page.locator(`text:text-is("${i + 1}")`) });
      assert.equal(await marker.count(), 1, `one marker numbered ${i + 1}`);
      assert.ok((await marker.locator('title').textContent()).includes(name), `marker ${i + 1} is ${name}`);
      const box = await marker.locator('circle').boundingBox();
      assert.ok(box && box.width >= 18, `marker ${i + 1} is large enough to find on a phone (${box && box.width} px)`);
    }
    if (count < 3) await assertVisible(page.getByText(/3か所を求めましたが、選べたのは/), 'fewer sites than asked come with a reason');

    const legend = page.getByRole('group', { name: '地図の凡例' });
    await assertVisible(legend.getByText('徒歩圏外の小地域（四角）'), 'the legend names shapes, not only colours');
    await assertVisible(legend.getByText(/候補（番号つきの大きな丸/), 'the legend explains the numbered markers');
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 390, `the page fits a 390 px screen (${pageWidth} px)`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'coverage-everyday-phone.png'), fullPage: true });
  }),
);
