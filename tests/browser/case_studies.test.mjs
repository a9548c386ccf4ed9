// Browser test of composing a newsletter issue (協議体だより) as the 第2層 coordinator of 八幡
// (yawata-sc): a new issue is registered on the register form (dates typed in 和暦), an article is
// pulled from a demo case study with one button, another is written, the written one is moved up,
// and the PDF link answers a PDF. The compose page passes axe-core and fits a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, mainMenuLink } from './support/browser.mjs';
import { seriousViolations, assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const { withPages } = browserSuite();

test('a coordinator composes a 協議体だより issue and gets its PDF', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('yawata-sc', { bypassCSP: true });  // bypassCSP: axe is injected
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, 'yawata-sc');
    await mainMenuLink(page, '印刷物').click();
    await page.waitForURL(/\/publications$/);
    await page.getByRole('link', { name: '協議体だより・SC通信' }).click();
    await page.waitForURL(/\/newsletters$/);

    await page.getByRole('link', { name: '新しく登録する' }).click();
    await page.waitForURL(/\/newsletters\/new$/);
    await page.getByLabel(/^種類/).selectOption('協議体だより');
    await page.getByLabel(/^地区/).selectOption({ label: '八幡' });
    await page.getByLabel(/^協議体/).selectOption({ label: '八幡地区協議体' });
    await page.getByLabel(/^号/).fill('6');
    await page.getByLabel(/^発行日/).fill('令和8年3月1日');
    await page.getByLabel(/^題名/).fill('八幡地区協議体だより 第6号（画面試験）');
    await page.getByLabel(/^発行者/).fill('八幡地区協議体');
    await page.getByLabel(/^連絡先/).fill('八幡 あんしんセンター（画面試験）');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/newsletters\/\d+\?notice=created/);

    await page.getByRole('link', { name: /紙面をつくる/ }).click();
    await page.waitForURL(/\/newsletters\/\d+\/compose$/);
    const compose = page.url();
    await assertVisible(page.getByText('まだ記事がありません。'), 'a new issue has no articles');
    await assertVisible(page.getByRole('link', { name: /第5号/ }), 'the past issue of the same council is listed');

    // One button pulls a case study in, its source linked.
    await page.getByLabel('事例から記事を取り込む').selectOption({ label: '（例示）集会所で始めた週1回の体操の集い' });
    await page.getByRole('button', { name: '事例を取り込む' }).click();
    await page.waitForURL(/\/compose\?notice=created/);
    await assertVisible(page.getByRole('heading', { name: '（例示）集会所で始めた週1回の体操の集い', level: 3 }), 'the pulled article');
    await assertVisible(page.getByText(/【目的】歩いて行ける場所に/), 'its text is copied in');

    // A written article, then moved to the top.
    await page.getByRole('link', { name: '記事を書く' }).click();
    await page.getByLabel(/^見出し/).fill('ごあいさつ（画面試験）');
    await page.getByLabel(/^本文/).fill('協議体の活動をお知らせします。');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.goto(compose);
    await page.getByRole('button', { name: '「ごあいさつ（画面試験）」を上へ' }).click();
    await page.waitForURL(/\/compose\?notice=updated/);
    const headings = await page.locator('.article-list h3').allTextContents();
    assert.deepEqual(headings, ['ごあいさつ（画面試験）', '（例示）集会所で始めた週1回の体操の集い'], 'the written article comes first');

    assert.deepEqual(await seriousViolations(page), [], 'the compose page passes axe');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertFitsWidth(page, 'the compose page');

    const pdfLink = page.getByRole('link', { name: /PDF（A4・2段組み）をつくる/ });
    const href = await pdfLink.getAttribute('href');
    assert.match(href, /^\/newsletters\/\d+\/pdf/);
    const pdf = await page.request.get(new URL(href + (href.includes('?') ? '&' : '?') + 'wait=1', page.url()).toString());
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.ok((await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'the answer is a PDF');
  }));
