// Downloads from list pages, as people do them: the administrator opens the list of 会議・行事,
// clicks 「Excel（XLSX）」 and gets a workbook that a real reader (python3-openpyxl, through
// tests/support/xlsx_cells.py) reads with Japanese headers, the header row frozen and dates as
// dates; 「CSV（Shift_JIS）」 gives the Shift_JIS file. The city-wide coordinator downloads the
// consultations from their own list page; a viewer is offered no download there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { browserSuite, assertVisible, ARTIFACTS } from './support/browser.mjs';
import { repoRoot } from './support/server.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const DESKTOP = { viewport: { width: 1366, height: 900 }, acceptDownloads: true };
const { withPages } = browserSuite();

// What openpyxl reads from the workbook: { freeze_panes, rows: [[{v, t, f, b} | null]] }.
function readWorkbook(file) {
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  return JSON.parse(execFileSync(python, [path.join(repoRoot, 'tests', 'support', 'xlsx_cells.py'), file], { encoding: 'utf8' }));
}

test('the administrator downloads the list of meetings as Excel and as Shift_JIS CSV', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('kanri', DESKTOP);
    await signIn(page, 'kanri');
    await page.goto('/meetings');
    const excel = page.getByRole('button', { name: 'Excel（XLSX）' });
    await assertVisible(excel, 'the list offers Excel');
    const [download] = await Promise.all([page.waitForEvent('download'), excel.click()]);
    assert.match(new URL(download.url()).pathname, /^\/meetings\/export\.xlsx$/);
    assert.equal(download.suggestedFilename(), 'meetings.xlsx');
    const file = path.join(ARTIFACTS, 'meetings.xlsx');
    await download.saveAs(file);
    const sheet = readWorkbook(file);
    assert.equal(sheet.freeze_panes, 'A2', 'the header row is frozen');
    const header = sheet.rows[0].map((c) => c && c.v);
    assert.ok(header.includes('開催日'), `the header has 開催日: ${header.join(', ')}`);
    assert.ok(header.includes('参加者数'), 'the header has 参加者数');
    const held = header.indexOf('開催日');
    assert.ok(sheet.rows.length > 1, 'the workbook has the meetings');
    for (const row of sheet.rows.slice(1)) assert.equal(row[held].t, 'datetime', `開催日 is a date: ${JSON.stringify(row[held])}`);

    const [sjis] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV（Shift_JIS）' }).click()]);
    assert.equal(sjis.suggestedFilename(), 'meetings-sjis.csv');
    const csv = path.join(ARTIFACTS, 'meetings-sjis.csv');
    await sjis.saveAs(csv);
    const text = new TextDecoder('shift_jis').decode(await readFile(csv));
    assert.match(text.split(/\r?\n/)[0], /開催日/, 'the Shift_JIS file decodes with its Japanese header');
  }));

test('the city-wide coordinator downloads consultations from their list; a viewer is offered none', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('sc1', DESKTOP);
    await signIn(page, 'sc1');
    await page.goto('/consultations');
    const link = page.getByRole('link', { name: 'Excel（XLSX）' });
    await assertVisible(link, 'the consultations list offers Excel');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'consultations.xlsx');
    const file = path.join(ARTIFACTS, 'consultations.xlsx');
    await download.saveAs(file);
    const sheet = readWorkbook(file);
    assert.equal(sheet.freeze_panes, 'A2');
    assert.ok(sheet.rows[0].some((c) => c && c.v === '相談日'), 'the header has 相談日');

    const viewer = await open('etsuran', DESKTOP);
    await signIn(viewer, 'etsuran');
    await viewer.goto('/consultations');
    assert.equal(await viewer.getByRole('link', { name: 'Excel（XLSX）' }).count(), 0, 'no download for a viewer');
  }));
