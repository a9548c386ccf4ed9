// Browser test of a council's stage sheet on a phone (390×844): the 第2層 coordinator of 八幡 opens
// the district's council, goes to 「段階を記録する」, is told when a date goes before the previous
// stage's (nothing saved), corrects it and saves; the council page shows the stage with its date,
// the members per 年度 and the working groups section, and the page fits the phone's width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, assertNotice } from './support/browser.mjs';
import { assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;
const { withPage } = browserSuite();

test('a district coordinator records the founding stages of the district council on a phone', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'yawata-sc');
    const councils = await (await page.request.get('/api/v1/councils?per_page=0')).json();
    const yawata = councils.items.find((c) => c.name === '八幡地区協議体').id;

    await page.goto(`/councils/${yawata}`);
    await assertVisible(page.getByRole('heading', { name: '年度ごとのメンバー数' }), 'members per 年度');
    await assertVisible(page.getByRole('heading', { name: 'ワーキンググループ' }), 'working groups');
    await assertFitsWidth(page, 'council page');
    await page.getByRole('link', { name: '段階を記録する' }).click();
    await assertVisible(page.getByRole('heading', { name: '発足までの段階の記録', level: 1 }), 'the sheet opens');
    await assertFitsWidth(page, 'stage sheet');

    const broad = page.getByRole('group', { name: '1. 大づかみ勉強会' }).getByLabel('日付');
    const before = await broad.inputValue();
    await broad.fill('2016-12-01');  // after the later stages: refused
    await page.getByRole('button', { name: '段階を保存する' }).click();
    await assertVisible(page.getByText('保存できませんでした。何も変更していません'), 'the error summary');
    await assertVisible(page.getByText('「事前打ち合わせ」の日は「大づかみ勉強会」の日（2016-12-01）以降にしてください'), 'the order message');

    await page.getByRole('group', { name: '1. 大づかみ勉強会' }).getByLabel('日付').fill('2015-09-20');
    await page.getByRole('button', { name: '段階を保存する' }).click();
    await assertNotice(page, '段階を保存しました。');
    await assertVisible(page.getByText('平成27年9月20日').first(), 'the new date on the council page');
    assert.notEqual(before, '2015-09-20');
    await assertVisible(page.getByText('現在の段階:'), 'the stage');
  }));
