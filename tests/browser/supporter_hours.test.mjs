// Browser test of supporters' activity hours and the yearly figures, as the 第2層 coordinator of
// 八幡 (yawata-sc): a supporter registered, one month of one activity entered on the hours sheet
// (令和7年6月, written in 和暦), the 年度 total on /supporters/hours, the printable statement
// (A4, the form and links hidden in print); then /figures, whose numbers lead to the records
// they count. The sheet, the totals, the statement and the figures pass axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, assertNotice, mainMenuLink } from './support/browser.mjs';
import { seriousViolations } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const { withPages } = browserSuite();

test('a coordinator enters a month of hours, sees the 年度 total and prints a statement; figures link to records', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('yawata-sc', { bypassCSP: true });  // bypassCSP: axe is injected
    await signIn(page, 'yawata-sc');

    // A supporter of 八幡 to enter hours for.
    await mainMenuLink(page, 'サポーター').click();
    await page.getByRole('link', { name: '新しく登録する' }).click();
    await page.getByLabel('氏名').fill('活動 はなこ');
    await page.getByLabel('ふりがな').fill('かつどう はなこ');
    await page.getByLabel('地区', { exact: true }).selectOption({ label: '八幡' });
    await page.getByLabel('状態').selectOption('活動中');
    await page.getByRole('button', { name: '登録する' }).click();
    await assertNotice(page, '登録しました。');

    // The hours sheet of one activity and month, reached from the supporters' list.
    await mainMenuLink(page, 'サポーター').click();
    await page.getByRole('link', { name: '活動時間の入力（活動・月ごと）' }).click();
    await page.getByLabel('活動名（社会資源でない活動）').fill('公園の花壇の手入れ（画面試験）');
    await page.getByLabel('月', { exact: true }).fill('令和7年6月');
    await page.getByRole('button', { name: '入力表を開く' }).click();
    await assertVisible(page.getByRole('heading', { name: /公園の花壇の手入れ（画面試験） — 2025年6月/ }), 'the sheet names the activity and month');
    assert.deepEqual(await seriousViolations(page), [], 'the sheet passes axe');
    await page.getByLabel('活動 はなこさんの時間').fill('4.5');
    await page.getByRole('button', { name: '活動時間を保存する' }).click();
    await page.waitForURL(/notice=hours_saved/);
    await assertVisible(page.getByText('活動時間を保存しました（追加 1・変更 0・削除 0）。'), 'the save is confirmed');
    assert.equal(await page.getByLabel('活動 はなこさんの時間').inputValue(), '4.5', 'the sheet shows the saved hours');

    // The 年度 total.
    await page.getByRole('link', { name: '年度の集計を見る' }).click();
    await page.waitForURL(/\/supporters\/hours\?year=2025/);
    const row = page.locator('#hours-people tr').filter({ hasText: '活動 はなこ' });
    assert.equal((await row.locator('td[data-hours]').textContent()).trim(), '4.5', 'the person\'s 年度 total');
    assert.deepEqual(await seriousViolations(page), [], 'the totals pass axe');

    // The printable statement.
    await row.getByRole('link', { name: '明細（印刷用）' }).click();
    await assertVisible(page.getByRole('heading', { name: /活動時間の明細.*令和7年度/ }), 'the statement has its 年度');
    assert.equal((await page.locator('[data-total-hours]').textContent()).trim(), '4.5');
    assert.equal((await page.locator('tr[data-month="2025-06"] td').textContent()).trim(), '4.5', 'June has the hours');
    assert.deepEqual(await seriousViolations(page), [], 'the statement passes axe');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('form.search').isVisible(), false, 'the year form is not printed');
    assert.equal(await page.locator('.statement h1').isVisible(), true, 'the statement is printed');
    await page.emulateMedia({ media: 'screen' });

    // The figures of this 年度: a number leads to the records it counts.
    await mainMenuLink(page, '年度の集計').click();
    await page.waitForURL(/\/figures$/);
    assert.deepEqual(await seriousViolations(page), [], 'the figures pass axe');
    const councils = page.locator('table[data-group="councils"] td[data-figure] a').first();
    const shown = Number((await councils.textContent()).replace(/,/g, ''));
    assert.ok(shown > 0, 'the demo city has councils counted');
    await councils.click();
    await page.waitForURL(/\/figures\/records\?/);
    assert.equal(Number(await page.locator('[data-count]').getAttribute('data-count')), shown, 'the records page counts the same');
    assert.equal(await page.locator('ul.figure-records li a').count(), shown, 'one link per council counted');
    await page.locator('ul.figure-records li a').first().click();
    await page.waitForURL(/\/councils\/\d+$/);
  }));
