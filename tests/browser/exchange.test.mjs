// Browser test of the exchange-meeting planner (情報交換会): the city coordinator opens the demo's
// 2024-02 plan from the menu, changes the weights, groups the units again, sees each group's
// score explained, and opens the printable programme; both pages pass axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, assertNotice, mainMenuLink } from './support/browser.mjs';
import { seriousViolations } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;
const { withPages } = browserSuite();

test('a city coordinator groups the exchange meeting and prints its programme', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('sc1', { bypassCSP: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, 'sc1');
    await page.goto('/');
    await mainMenuLink(page, '情報交換会').click();
    await page.getByRole('link', { name: /令和5年度 第2回 第2層協議体小規模情報交換会/ }).click();
    await page.getByRole('link', { name: '組み分けと点数を見る' }).click();
    await assertVisible(page.getByRole('heading', { level: 1, name: /情報交換会の組み分け/ }), 'the planner opens');
    assert.equal(await page.locator('article.exchange-session').count(), 6, 'six sessions');

    await page.getByLabel('前回と同じ組の重み').fill('5');
    await page.getByLabel('乱数の種').fill('42');
    await page.getByRole('button', { name: '組み分ける' }).click();
    await assertNotice(page, '組み分けました。各グループの点数の内訳を確かめてください。');
    await assertVisible(page.getByText('いまの重み: テーマ 1、移動 0.05、前回と同じ組 5（乱数の種 42）'), 'the weights used are shown');
    assert.ok((await page.locator('article.exchange-session table').count()) >= 6, 'each group has its score table');
    assert.deepEqual(await seriousViolations(page), [], 'the planner page passes axe');

    await page.getByRole('link', { name: 'プログラム（印刷用）' }).first().click();
    await assertVisible(page.getByRole('heading', { level: 1, name: /令和5年度 第2回/ }), 'the programme opens');
    assert.equal(await page.locator('section.programme-session').count(), 6, 'one page per session');
    assert.equal(await page.locator('.summary-box').count() >= 6, true, 'a box for each group summary');
    assert.deepEqual(await seriousViolations(page), [], 'the programme passes axe');
  }),
);
