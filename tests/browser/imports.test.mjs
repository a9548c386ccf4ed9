// Browser test of importing a register from a spreadsheet, as the city-wide coordinator (sc1):
// from the list of 社会資源, 「CSVなどから取り込む」 leads to the import page, whose template
// downloads with the headings the import reads; a Shift_JIS-free UTF-8 CSV with one bad line is
// refused naming its line and column, and nothing is stored; the corrected file shows a preview
// of what is new and what is updated, and 「この内容で取り込む」 stores it. The page passes axe-core
// and fits a phone's width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, assertNotice } from './support/browser.mjs';
import { seriousViolations, assertFitsWidth } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 120_000;
const { withPages } = browserSuite();

const csv = (rows) => Buffer.from('\uFEFF' + rows.join('\r\n') + '\r\n', 'utf8');

test('a coordinator imports resources from a CSV file with a preview', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const page = await open('sc1', { bypassCSP: true, acceptDownloads: true });  // bypassCSP: axe is injected
    await signIn(page, 'sc1');
    await page.goto('/resources');
    await page.getByRole('link', { name: 'CSVなどから取り込む' }).click();
    await assertVisible(page.getByRole('heading', { level: 1, name: '社会資源の取り込み' }), 'the import page opens');
    assert.deepEqual(await seriousViolations(page), [], 'the import page passes axe');

    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ひな形（CSV）をダウンロード' }).click()]);
    assert.equal(template.suggestedFilename(), 'resources-template.csv');

    const header = '名称,分類,地区,所在地,開催日時,参加費・利用料';
    await page.getByLabel('ファイル').setInputFiles({
      name: 'salons.csv', mimeType: 'text/csv',
      buffer: csv([header, 'ブラウザ取込サロン,居場所・サロン,八幡,八幡町20,毎週月曜 10:00-12:00,無料', 'ブラウザ取込カフェ,認知症カフェ,八幡,八幡町21,毎月第9水曜,100円']),
    });
    await page.getByRole('button', { name: '内容を確認する' }).click();
    const alert = page.getByRole('alert');
    await assertVisible(alert, 'the bad line is refused');
    assert.match(await alert.innerText(), /3行目 5列目（開催日時）/);
    assert.match(await alert.innerText(), /何も登録していません/);

    await page.getByLabel('ファイル').setInputFiles({
      name: 'salons.csv', mimeType: 'text/csv',
      buffer: csv([header, 'ブラウザ取込サロン,居場所・サロン,八幡,八幡町20,毎週月曜 10:00-12:00,無料', 'ブラウザ取込カフェ,認知症カフェ,八幡,八幡町21,第2水曜 13:30-15:00,100円']),
    });
    await page.getByRole('button', { name: '内容を確認する' }).click();
    const preview = page.getByRole('region', { name: '取り込む内容' });
    await assertVisible(preview, 'the preview lists the rows');
    assert.match(await preview.innerText(), /ブラウザ取込サロン[\s\S]*新規/);
    await assertFitsWidth(page, 'the import page');
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await assertNotice(page, '取り込みました。');
    assert.match(new URL(page.url()).pathname, /^\/resources$/);
    await page.goto('/resources?q=' + encodeURIComponent('ブラウザ取込'));
    await assertVisible(page.getByRole('link', { name: 'ブラウザ取込カフェ' }), 'the imported resource is in the list');
  }));
