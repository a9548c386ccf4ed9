// A district's own dashboard on a phone (390×844): the 八幡 coordinator signs in and sees 八幡
// first, with its aging-rate chart drawn on the server (large text, its numbers in a table under
// it), and no sideways scrolling. From the resource list, 「CSVで保存」 downloads the list and
// 「印刷する」 is there to print it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserSuite, assertVisible, ARTIFACTS } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, acceptDownloads: true };

const { withPages } = browserSuite();

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('the 八幡 coordinator on a phone: own district first with a chart, then the resource list as CSV', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('phone', PHONE);
    await signIn(page, 'yawata-sc');
    assert.equal(new URL(page.url()).pathname, '/');

    // 八幡 comes first: its heading is above every city-wide heading.
    const own = page.getByRole('heading', { level: 2, name: /^あなたの地区: 八幡地区$/ });
    await assertVisible(own, 'the dashboard starts with 八幡');
    const headings = await page.locator('main h2').allTextContents();
    assert.match(headings[0], /あなたの地区: 八幡地区/, `the first section is 八幡 (${headings.join(' / ')})`);

    // The chart: one image with a name, drawn in large text, and its numbers beside it.
    const section = page.locator('section.own-district');
    const chart = section.locator('svg.svg-chart').first();
    await assertVisible(chart, 'the district chart is drawn');
    assert.equal(await chart.getAttribute('role'), 'img');
    const name = await chart.evaluate((svg) => {
      const ids = svg.getAttribute('aria-labelledby').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    });
    assert.match(name, /八幡地区の高齢化率/, `the chart has a title and description (${name})`);
    const smallest = await chart.evaluate((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Math.min(...[...svg.querySelectorAll('text')].map((el) => parseFloat(el.getAttribute('font-size')) * scale));
    });
    assert.ok(smallest >= 14, `chart text is at least 14 px on a phone (smallest ${smallest.toFixed(1)})`);
    const box = await chart.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `the chart fits the phone (${box.x}+${box.width})`);
    const alternative = section.locator('figure.chart table').first();
    await assertVisible(alternative, 'the numbers stand in a table under the chart');
    assert.match(await alternative.textContent(), /2017年度/);
    assert.match(await chart.textContent(), /市全体/, 'the city rate is drawn as a labelled reference');
    assert.match(await alternative.textContent(), /\d+\.\d%/);
    assert.ok((await pageWidth(page)) <= 390, `the dashboard is no wider than the phone (${await pageWidth(page)} px)`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'district-dashboard-phone.png'), fullPage: true });

    // The city chart marks 八幡 in words, not by colour alone.
    await assertVisible(page.locator('svg.svg-chart text', { hasText: '八幡（この地区）' }).first(), 'the city chart names 八幡 as this district');

    // The resource list of 八幡: a CSV download and a print button.
    await Promise.all([page.waitForURL((u) => u.pathname === '/resources'), section.getByRole('link', { name: '社会資源の一覧' }).click()]);
    assert.ok((await pageWidth(page)) <= 390, 'the list is no wider than the phone');
    await assertVisible(page.getByRole('button', { name: '印刷する' }), 'the print button is shown (JavaScript is on)');
    const csv = page.getByRole('button', { name: 'CSVで保存' });
    await assertVisible(csv, 'the CSV button is shown');
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    assert.match(download.url(), /\/resources\/export\.csv\?.*district_id=\d+/, 'the CSV keeps the district filter');
    assert.equal(download.suggestedFilename(), 'resources-utf8.csv');
    const file = path.join(ARTIFACTS, 'resources-yawata.csv');
    await download.saveAs(file);
    const { readFile } = await import('node:fs/promises');
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    assert.match(header, /名称/);
    assert.match(header, /連絡先（担当者）/, 'the district coordinator sees the contact column');
    assert.ok(rows.length > 0, 'the file has the district resources');
    assert.match(rows[0], /八幡/, 'the rows are the 八幡 resources');
  }),
);
