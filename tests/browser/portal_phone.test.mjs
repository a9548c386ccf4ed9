// The resident's portal on a phone (390×844): search from a postal code, see the place searched
// from and the nearest places on a map whose markers are a finger's size, open one, come back to
// the same results, and print a large-print list with a 印刷する button and contacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserSuite, assertVisible, ARTIFACTS } from './support/browser.mjs';

const TEST_TIMEOUT_MS = 90_000;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PT = 96 / 72; // CSS px per point

const { withPages } = browserSuite();

// Sizes on screen of the map's parts: markers (px across), numbers and labels (px font size).
function mapSizes(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('.portal-map svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const font = (el) => parseFloat(getComputedStyle(el).fontSize) * scale;
    const markers = [...svg.querySelectorAll('.map-point circle')].map((c) => c.getBoundingClientRect().width);
    const numbers = [...svg.querySelectorAll('.map-point text')].map(font);
    const labels = [...svg.querySelectorAll('.map-label, .map-start-label')].map(font);
    return { scale, markers, numbers, labels, mapWidth: svg.getBoundingClientRect().width };
  });
}

test('on a phone a resident searches from a postal code, opens a place, comes back and prints the list', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('phone', PHONE);
    await page.goto('/sagasu');
    await page.getByLabel('場所（住所・町の名前・郵便番号）').fill('370-0065');
    await page.getByRole('button', { name: 'さがす' }).click();
    await page.waitForURL(/\/sagasu\?/);

    // The place searched from: named above the results and marked on the map.
    await assertVisible(page.locator('.place-used strong', { hasText: '末広町' }), 'the postal code is read as 末広町');
    await assertVisible(page.locator('.portal-map .map-start'), 'the map marks the place searched from');
    assert.equal(await page.locator('.portal-map .map-start-label').textContent(), '検索した場所');
    assert.ok(
      (await page.evaluate(() => document.documentElement.scrollWidth)) <= 390,
      'the results page is no wider than the phone',
    );

    // Nearest first, every result on the map, numbered as in the list; markers large enough.
    const found = Number(await page.locator('.result-heading strong').textContent());
    assert.ok(found > 20, 'more results than one page');
    const distances = await page.locator('.portal-card .card-category strong').allTextContents();
    const metres = distances.map((d) => (d.includes('km') ? parseFloat(d.replace(/[^\d.]/g, '')) * 1000 : parseFloat(d.replace(/[^\d.]/g, ''))));
    assert.deepEqual([...metres].sort((a, b) => a - b), metres, 'nearest first');
    const sizes = await mapSizes(page);
    assert.ok(sizes.markers.length > 20, `all results are drawn, not only the first 20 (${sizes.markers.length} of ${found})`);
    assert.ok(Math.min(...sizes.markers) >= 24, `markers are at least 24 px across on a phone (smallest ${Math.min(...sizes.markers).toFixed(1)})`);
    assert.ok(Math.min(...sizes.numbers) >= 14, `numbers in markers are at least 14 px (smallest ${Math.min(...sizes.numbers).toFixed(1)})`);
    assert.ok(Math.min(...sizes.labels) >= 14, `map labels are at least 14 px (smallest ${Math.min(...sizes.labels).toFixed(1)})`);
    const numbers = await page.locator('.portal-map .map-point text').allTextContents();
    assert.deepEqual(numbers.slice(0, 21), Array.from({ length: 21 }, (_, i) => String(i + 1)), 'markers are numbered 1, 2, 3 … as the list');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-phone-search.png'), fullPage: true });

    // Page 2, open result 21, come back: the same page of the same search.
    await page.getByRole('navigation', { name: '結果のページ' }).getByRole('link', { name: '次の20件 →' }).click();
    await page.waitForURL(/page=2/);
    const searchUrl = new URL(page.url());
    const card21 = page.locator('.portal-card', { has: page.locator('.card-number', { hasText: /^21$/ }) });
    const name21 = await card21.locator('h3 a').textContent();
    await card21.locator('h3 a').click();
    await page.waitForURL(/\/sagasu\/\d+\?/);
    await assertVisible(page.getByRole('heading', { level: 1, name: name21 }), 'the place opens');
    await assertVisible(page.locator('.place-used', { hasText: '検索した場所（末広町）から' }), 'the detail page says how far it is from the place searched from');
    await page.locator('.breadcrumb').getByRole('link', { name: 'さがす' }).click();
    await page.waitForURL(/\/sagasu\?/);
    const back = new URL(page.url());
    assert.equal(back.searchParams.get('near'), searchUrl.searchParams.get('near'), 'the place searched from is kept');
    assert.equal(back.searchParams.get('page'), '2', 'back on the same page');
    assert.equal(back.hash.startsWith('#result-'), true, 'back at the card opened');
    await assertVisible(page.locator('.place-used strong', { hasText: '末広町' }), 'the same search');
    assert.equal(await page.locator('.portal-card', { has: page.locator('.card-number', { hasText: /^21$/ }) }).locator('h3 a').textContent(), name21);

    // The print view: a 印刷する button that prints, large print, contacts, date and sources.
    await page.getByRole('link', { name: /印刷する/ }).click();
    await page.waitForURL(/\/sagasu\/print/);
    const printButton = page.getByRole('button', { name: '印刷する' });
    await assertVisible(printButton, 'the print view has a 印刷する button');
    await page.evaluate(() => {
      window.printed = 0;
      window.print = () => { window.printed += 1; };
    });
    await printButton.click();
    assert.equal(await page.evaluate(() => window.printed), 1, 'the button opens the print dialogue');
    const details = await page.locator('.print-list .print-details').allTextContents();
    assert.equal(details.length, found, 'every result is listed');
    assert.ok(details.every((d) => d.includes('問い合わせ:')), 'each place has a contact (its own or its district’s centre)');
    await assertVisible(page.locator('.printed-on'), 'the date printed is on the page');
    assert.match(await page.locator('.printed-on').textContent(), /印刷日: 令和(元|\d{1,2})年\d{1,2}月\d{1,2}日/);
    await assertVisible(page.locator('.print-attribution li').first(), 'the data’s sources are on the page');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await printButton.isVisible(), false, 'the button itself is not printed');
    const printSizes = await page.evaluate(() => ({
      item: parseFloat(getComputedStyle(document.querySelector('.print-list li')).fontSize),
      details: parseFloat(getComputedStyle(document.querySelector('.print-details')).fontSize),
    }));
    assert.ok(printSizes.item >= 14 * PT - 0.1, `printed list at 14 pt or more (${(printSizes.item / PT).toFixed(1)} pt)`);
    assert.ok(printSizes.details >= 14 * PT - 0.1, `printed details at 14 pt or more (${(printSizes.details / PT).toFixed(1)} pt)`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-phone-print.png'), fullPage: true });

    // Without JavaScript the button stays hidden and the page says how to print.
    const plain = await open('no-js', { ...PHONE, javaScriptEnabled: false });
    await plain.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    assert.equal(await plain.getByRole('button', { name: '印刷する' }).count(), 0, 'no button that would do nothing');
    await assertVisible(plain.getByText(/Ctrl キーを押しながら P/), 'how to print from the browser');
  }),
);
