// Browser tests for the needs tables: importing an あんしんセンター style CSV (ニーズ表) through
// /needs/import, with its preview, name matching and line-numbered errors, and the computed
// totals on /needs afterwards. Run with `node --test tests/browser/` (see sasaeai.test.mjs).
//
// The CSV files are written to a temp directory at run time; the Shift_JIS one is encoded here
// (see encodeShiftJis), so nothing binary is kept in the repository.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserSuite, assertVisible, assertNotice, mainMenuLink, ARTIFACTS } from './support/browser.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;
const DISTRICT = '八幡';
const SOURCE = '総合相談・実態把握';

const { withPage } = browserSuite();

// --- CSV files --------------------------------------------------------------------------

// Shift_JIS (as Excel saves it) without an encoder library: Node's TextDecoder knows shift_jis,
// so every two-byte code is decoded once and the table is read the other way round.
let fromUnicode;
function encodeShiftJis(text) {
  if (!fromUnicode) {
    fromUnicode = new Map();
    const decoder = new TextDecoder('shift_jis', { fatal: true });
    const leads = [...Array(0x1f).keys()].map((i) => 0x81 + i).concat([...Array(0x1d).keys()].map((i) => 0xe0 + i));
    for (const lead of leads) {
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        let ch;
        try {
          ch = decoder.decode(Uint8Array.of(lead, trail));
        } catch {
          continue; // unassigned
        }
        if (ch.length === 1 && !fromUnicode.has(ch)) fromUnicode.set(ch, [lead, trail]);
      }
    }
  }
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) bytes.push(code);
    else if (fromUnicode.has(ch)) bytes.push(...fromUnicode.get(ch));
    else throw new Error(`「${ch}」 has no Shift_JIS code`);
  }
  return Buffer.from(bytes);
}

// 金井渕 (渕) is how the table spells the 町内会 stored as 金井淵 (淵), so it has to be matched by
// hand; 八幡１ (full-width digit) is the stored 八幡1. ゴミだし is an alias of the category ゴミ出し.
const NEEDS_TABLE = [
  '町内会名,世帯数,居場所・運動,見守り,ゴミだし,対象人数',
  '金井渕町内会,530,4,8,,31',
  '八幡１,330,6,,2,11',
  '',
].join('\r\n');

// UTF-8 with a BOM, as Excel's 「CSV UTF-8」 saves it. Line 3, column 2 (世帯数) is not a number;
// line 2 on its own would be fine.
const BAD_TABLE = ['\uFEFF町内会名,世帯数,居場所・運動,見守り,対象人数', '八幡１,330,6,1,11', '八幡２,abc,3,,5', ''].join('\n');

let csvDir;
const csvPath = (name) => path.join(csvDir, name);

before(async () => {
  csvDir = await mkdtemp(path.join(tmpdir(), 'sasaeai-needs-csv-'));
  const sjis = encodeShiftJis(NEEDS_TABLE);
  // The encoder must give real Shift_JIS, not UTF-8 in disguise.
  assert.equal(new TextDecoder('shift_jis').decode(sjis), NEEDS_TABLE);
  assert.notEqual(sjis.length, Buffer.byteLength(NEEDS_TABLE, 'utf8'));
  await writeFile(csvPath('needs-sjis.csv'), sjis);
  await writeFile(csvPath('needs-bad.csv'), BAD_TABLE, 'utf8');
});

after(async () => {
  if (csvDir) await rm(csvDir, { recursive: true, force: true });
});

// A period no other test (or the demo city) uses.
// 時点 must be a month (stored as YYYY-MM), so a far-off one is chosen at random.
const uniquePeriod = () => `${randomInt(2100, 2200)}-${String(randomInt(1, 13)).padStart(2, '0')}`;
// How the pages show a period: the month with its 和暦 (令和 began in 2019).
const periodLabel = (period) => {
  const [year, month] = period.split('-').map(Number);
  return `${year}年${month}月（令和${year - 2018}年${month}月）`;
};

// --- page helpers -----------------------------------------------------------------------

const isImportPost = (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/needs/import';

// Clicks `button` on an import form and returns the response to the POST once the next page is loaded.
async function submitImport(page, button) {
  const [response] = await Promise.all([page.waitForResponse(isImportPost), button.click()]);
  await page.waitForLoadState('load');
  return response;
}

// /needs → 「ニーズ表（CSV）を取り込む」 → the import form, filled in and sent for the preview.
async function uploadNeeds(page, { file, period, district = DISTRICT, source = SOURCE }) {
  await page.goto('/');
  await Promise.all([page.waitForURL((u) => u.pathname === '/needs'), mainMenuLink(page, 'ニーズ').click()]);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/needs/import'),
    page.getByRole('main').getByRole('link', { name: 'ニーズ表（CSV）を取り込む', exact: true }).click(),
  ]);
  assert.equal((await page.locator('h1').textContent()).trim(), 'ニーズ表（CSV）の取り込み');
  await page.getByLabel(/^地区/).selectOption({ label: district });
  await page.getByLabel(/^把握の方法/).selectOption({ label: source });
  await page.getByLabel(/^時点・期間/).fill(period);
  await page.getByLabel(/^CSVファイル/).setInputFiles(csvPath(file));
  return submitImport(page, page.getByRole('button', { name: '内容を確認する', exact: true }));
}

// The preview's 「登録する件数: N　置き換える既存の件数: M」 line, as numbers.
async function previewCounts(page) {
  const status = page.locator('main p.notice[role="status"]');
  const text = (await status.textContent()).trim();
  const m = /^登録する件数: (\d+)　置き換える既存の件数: (\d+)/.exec(text);
  assert.ok(m, `preview status line: ${text}`);
  return { new: Number(m[1]), replaced: Number(m[2]) };
}

// Trimmed texts; runs of ASCII white space become one space (the full-width 「　」 is kept, the
// choices of /needs use it).
const trimmed = async (locator) => (await locator.allTextContents()).map((s) => s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, ''));

// A table as { head: [...], rows: [[...], ...], foot: [...] } of trimmed cell texts.
async function readTable(table) {
  const rows = [];
  const bodyRows = table.locator('tbody tr');
  for (let i = 0; i < (await bodyRows.count()); i++) rows.push(await trimmed(bodyRows.nth(i).locator('th, td')));
  return {
    head: await trimmed(table.locator('thead th')),
    rows,
    foot: await trimmed(table.locator('tfoot tr').first().locator('th, td')),
  };
}

const byColumn = (head, cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]]));

const importButton = (page) => page.getByRole('button', { name: '取り込む', exact: true });
const unmatchedBlock = (page) =>
  page.getByRole('alert').filter({ has: page.getByRole('heading', { name: '町内会名が一致しない行があります', exact: true }) });

// The 「<period>　<source>」 choices of /needs (none while no needs are registered at all).
async function needsChoices(page) {
  await page.goto('/needs');
  const select = page.locator('#n-choice');
  return (await select.count()) === 0 ? [] : trimmed(select.locator('option'));
}

// --- tests ------------------------------------------------------------------------------

test('needs import: preview, match a name, commit, totals', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    const period = uniquePeriod();

    // Preview: both rows, read from Shift_JIS, one of them not matched yet.
    const previewed = await uploadNeeds(page, { file: 'needs-sjis.csv', period });
    assert.equal(previewed.status(), 200, `the preview was answered with ${previewed.status()}`);
    assert.equal((await page.locator('h1').textContent()).trim(), '取り込みの確認');
    const main = page.getByRole('main');
    assert.match(
      await main.textContent(),
      new RegExp(`${DISTRICT}地区・${SOURCE}・${periodLabel(period)}（文字コード: Shift_JIS[^、]*、2 行）`),
      'the file is read as Shift_JIS',
    );
    const preview = await readTable(page.locator('main table.data'));
    assert.deepEqual(preview.head, ['行', '表の町内会名', '登録先', '世帯数', '居場所・運動', '見守り', 'ゴミ出し', '対象人数']);
    assert.equal(preview.rows.length, 2, 'the preview lists the 2 rows of the file');
    assert.deepEqual(preview.rows.map((r) => r[1]), ['金井渕町内会', '八幡１'], 'the names are read from Shift_JIS');
    const kanai = byColumn(preview.head, preview.rows[0]);
    assert.equal(kanai['登録先'], '未対応', '金井渕町内会 is not matched by itself');
    assert.deepEqual([kanai['世帯数'], kanai['居場所・運動'], kanai['見守り'], kanai['対象人数']], ['530', '4', '8', '31']);
    const yawata1 = byColumn(preview.head, preview.rows[1]);
    assert.match(yawata1['登録先'], /八幡1/, '八幡１ is matched to 八幡1 by itself');
    assert.deepEqual([yawata1['世帯数'], yawata1['居場所・運動'], yawata1['ゴミ出し'], yawata1['対象人数']], ['330', '6', '2', '11']);
    const unmatchedCounts = await previewCounts(page);
    assert.equal(unmatchedCounts.replaced, 0, 'nothing to replace for a new period');

    // Match the name by hand; no 取り込む until then.
    await assertVisible(unmatchedBlock(page), 'the block 「町内会名が一致しない行があります」 is shown');
    assert.equal(await importButton(page).count(), 0, 'no 「取り込む」 while a name is not matched');
    await page.screenshot({ path: path.join(ARTIFACTS, 'needs-import-preview.png'), fullPage: true });
    await unmatchedBlock(page).getByLabel('「金井渕町内会」', { exact: true }).selectOption({ label: `${DISTRICT} / 金井淵` });
    const rechecked = await submitImport(page, page.getByRole('button', { name: 'もう一度確認する', exact: true }));
    assert.equal(rechecked.status(), 200, `もう一度確認する was answered with ${rechecked.status()}`);
    assert.equal((await page.locator('h1').textContent()).trim(), '取り込みの確認');
    assert.equal(await unmatchedBlock(page).count(), 0, 'no unmatched block once every name is matched');
    await assertVisible(importButton(page), '「取り込む」 is offered once every name is matched');
    assert.deepEqual(await previewCounts(page), { new: 4, replaced: 0 });
    const matched = await readTable(page.locator('main table.data'));
    assert.match(byColumn(matched.head, matched.rows[0])['登録先'], /金井淵/, '金井渕町内会 now goes to 金井淵');

    // Commit: back on /needs with this district, source and period.
    const committed = await submitImport(page, importButton(page));
    assert.equal(committed.status(), 303, `取り込む was answered with ${committed.status()}`);
    await page.waitForURL((u) => u.pathname === '/needs' && u.searchParams.get('notice') === 'imported');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('source'), SOURCE);
    assert.equal(url.searchParams.get('period'), period);
    assert.match(url.searchParams.get('district_id'), /^\d+$/);
    await assertNotice(page, '取り込みました。');
    await assertVisible(
      main.getByRole('heading', { name: `${DISTRICT}：${SOURCE}（${periodLabel(period)}）`, exact: true }),
      `the heading 「${DISTRICT}：${SOURCE}（${periodLabel(period)}）」 is shown`,
    );

    // The totals are computed: per category, all of them, people and households.
    const table = await readTable(page.locator('main table.data.needs'));
    assert.deepEqual(table.head.slice(0, 2), ['町内会・地区', '世帯数']);
    assert.deepEqual(table.head.slice(-3), ['合計', '対象人数', '対象人数／世帯']);
    assert.deepEqual(
      table.head.slice(2, -3).sort(),
      ['居場所・運動', '見守り', 'ゴミ出し'].sort(),
      'the columns are the categories of the file (ゴミだし counted as ゴミ出し)',
    );
    const foot = byColumn(table.head, table.foot);
    assert.equal(foot['町内会・地区'], '合計');
    const expected = { 居場所・運動: '10', 見守り: '8', ゴミ出し: '2', 合計: '20', 対象人数: '42', 世帯数: '860' };
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, foot[k]])), expected, 'the footer totals');
    const rows = Object.fromEntries(table.rows.map((r) => [r[0], byColumn(table.head, r)]));
    assert.equal(rows['金井淵']?.['合計'], '12', '金井淵: 4 + 8');
    assert.equal(rows['八幡1']?.['合計'], '8', '八幡1: 6 + 2');
    await page.screenshot({ path: path.join(ARTIFACTS, 'needs-imported.png'), fullPage: true });
    assert.ok((await needsChoices(page)).includes(`${periodLabel(period)}　${SOURCE}`), `「${periodLabel(period)}　${SOURCE}」 is among the choices of /needs`);
  }),
);

test('needs import: a bad file changes nothing', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    const period = uniquePeriod();

    const response = await uploadNeeds(page, { file: 'needs-bad.csv', period });
    assert.equal(response.status(), 422, `a bad file was answered with ${response.status()}`);
    const summary = page.locator('.error-summary[role="alert"]');
    await assertVisible(summary, 'the error summary is shown');
    assert.equal(
      (await summary.getByRole('heading').textContent()).trim(),
      '取り込めませんでした（何も登録していません）',
    );
    const messages = await trimmed(summary.locator('li'));
    assert.ok(
      messages.includes('3行目: 2列目（世帯数）「abc」は0以上の整数にしてください'),
      `the line message is listed (got ${JSON.stringify(messages)})`,
    );
    assert.equal(await importButton(page).count(), 0, 'no 「取り込む」 for a bad file');
    // The form is back with what was chosen (the file has to be chosen again).
    assert.equal(await page.getByLabel(/^時点・期間/).inputValue(), period);
    assert.equal(await page.locator('#i-district option:checked').textContent(), DISTRICT);
    assert.equal(await page.locator('#i-source option:checked').textContent(), SOURCE);
    await page.screenshot({ path: path.join(ARTIFACTS, 'needs-import-errors.png'), fullPage: true });

    // Nothing was registered: the period is not among the choices of /needs.
    const choices = await needsChoices(page);
    assert.ok(!choices.some((c) => c.includes(periodLabel(period))), `「${periodLabel(period)}」 is not among ${JSON.stringify(choices)}`);
  }),
);
