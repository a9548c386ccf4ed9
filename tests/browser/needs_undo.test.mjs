// Browser test: a coordinator imports a needs table, sees it on /needs, undoes the import from the
// link offered right after it (through the confirmation page), and sees the figures gone.
// The period is written in 和暦 and shown with the western month beside it.
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
const SOURCE = 'ワークショップ';

const { withPage } = browserSuite();

let csvDir;
before(async () => {
  csvDir = await mkdtemp(path.join(tmpdir(), 'sasaeai-needs-undo-'));
  await writeFile(path.join(csvDir, 'needs.csv'), ['町内会名,見守り,買い物,対象人数', '金井淵,7,3,9', ''].join('\n'), 'utf8');
});
after(async () => {
  if (csvDir) await rm(csvDir, { recursive: true, force: true });
});

// A month in 令和 no other test uses: 令和<year>年<month>月 and how the pages show it.
function uniqueReiwaMonth() {
  const era = randomInt(30, 80);  // 2048–2097: the 2-digit years people write
  const month = randomInt(1, 13);
  const year = era + 2018;
  return {
    typed: `令和${era}年${month}月`,
    canonical: `${year}-${String(month).padStart(2, '0')}`,
    label: `${year}年${month}月（令和${era}年${month}月）`,
  };
}

test('needs import can be undone by the coordinator who made it', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'sc1');
    const period = uniqueReiwaMonth();

    // Import through the ordinary path: /needs → 取り込む → preview → 取り込む.
    await page.goto('/');
    await Promise.all([page.waitForURL((u) => u.pathname === '/needs'), mainMenuLink(page, 'ニーズ').click()]);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/needs/import'),
      page.getByRole('main').getByRole('link', { name: 'ニーズ表（CSV）を取り込む', exact: true }).click(),
    ]);
    await page.getByLabel(/^地区/).selectOption({ label: DISTRICT });
    await page.getByLabel(/^把握の方法/).selectOption({ label: SOURCE });
    await page.getByLabel(/^時点・期間/).fill(period.typed);
    await page.getByLabel(/^CSVファイル/).setInputFiles(path.join(csvDir, 'needs.csv'));
    const isImportPost = (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/needs/import';
    const [previewed] = await Promise.all([page.waitForResponse(isImportPost), page.getByRole('button', { name: '内容を確認する', exact: true }).click()]);
    await page.waitForLoadState('load');
    assert.equal(previewed.status(), 200, `the preview was answered with ${previewed.status()}`);
    assert.equal((await page.locator('h1').textContent()).trim(), '取り込みの確認');
    assert.match(await page.getByRole('main').textContent(), new RegExp(`${SOURCE}・${period.label}`), 'the period as read');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/needs' && u.searchParams.get('notice') === 'imported'),
      page.getByRole('button', { name: '取り込む', exact: true }).click(),
    ]);
    assert.equal(new URL(page.url()).searchParams.get('period'), period.canonical, 'stored as one month');
    await assertNotice(page, '取り込みました。');
    const main = page.getByRole('main');
    const heading = main.getByRole('heading', { name: `${DISTRICT}：${SOURCE}（${period.label}）`, exact: true });
    await assertVisible(heading, 'the imported table is shown');
    const row = main.locator('table.data.needs tbody tr').filter({ has: page.locator('th', { hasText: /^金井淵$/ }) });
    await assertVisible(row, 'the row of 金井淵 is in the table');
    assert.match((await row.textContent()).replace(/\s+/g, ' '), /7.*3.*10/, '見守り 7, 買い物 3, total 10');

    // Undo: the link right after the import, a confirmation page, then the table is gone.
    await Promise.all([
      page.waitForURL((u) => /^\/needs\/imports\/\d+\/undo$/.test(u.pathname)),
      main.getByRole('link', { name: 'この取り込みを取り消す', exact: true }).click(),
    ]);
    assert.equal((await page.locator('h1').textContent()).trim(), '取り込みの取り消し');
    assert.match(await main.textContent(), /登録した件数 2 件を削除/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'needs-undo-confirm.png'), fullPage: true });
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/needs' && u.searchParams.get('notice') === 'import_undone'),
      main.getByRole('button', { name: 'この取り込みを取り消す', exact: true }).click(),
    ]);
    await assertNotice(page, '取り込みを取り消しました。取り込む前の件数に戻っています。');
    await assertVisible(main.getByText('この地区には、この時点・方法の件数がありません。', { exact: true }), 'no figures for the period any more');
    assert.equal(await main.locator('table.data.needs').count(), 0, 'no table');

    // Gone from the choices of /needs, and the history says it was undone.
    await page.goto('/needs');
    const choices = await page.locator('#n-choice option').allTextContents();
    assert.ok(!choices.some((c) => c.includes(period.label)), `「${period.label}」 is not among the choices`);
    await page.goto('/needs/imports');
    const entry = page.locator('main table.imports tbody tr').filter({ hasText: period.label });
    await assertVisible(entry, 'the import is in the history');
    assert.match(await entry.textContent(), /取り消し済み/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'needs-undo-history.png'), fullPage: true });
  }),
);
