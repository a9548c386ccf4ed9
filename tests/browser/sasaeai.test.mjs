// Browser tests: a real Chromium (the system one, driven by playwright-core) against a real
// sasaeai server with a fresh demo database. Run with `node --test tests/browser/`.
//
// Every page but the public resource search needs sign-in, so most tests start with
// signIn(page, <demo account>) (see support/auth.mjs for the accounts).
//
// Environment: SASAEAI_BIN (server binary, default build/src/sasaeai), CHROMIUM (default
// /usr/bin/chromium). Screenshots go to tests/browser/artifacts/ (git-ignored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserSuite, assertVisible, assertNotice, mainMenuLink, ARTIFACTS } from './support/browser.mjs';
import { signIn, signOut, submitSignIn, signOutButton, headerUser, sessionCookie, DEMO_PASSWORD } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;

// One server and one Chromium for this file; withPage/withPages give each test fresh contexts.
const { withPage, withPages } = browserSuite();

// --- kana helpers -----------------------------------------------------------------------

// Plain katakana without (han)dakuten or small forms, so each has a one-character half-width form.
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';
const HALF_WIDTH = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜ';
const EXTRA_HALF = { ン: 'ﾝ' };

function randomKatakana(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += KATAKANA[Math.floor(Math.random() * KATAKANA.length)];
  return s;
}
const toHiragana = (s) => s.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const toHalfWidth = (s) =>
  [...s].map((c) => EXTRA_HALF[c] ?? (KATAKANA.includes(c) ? HALF_WIDTH[KATAKANA.indexOf(c)] : c)).join('');

// --- page helpers -----------------------------------------------------------------------

async function resultCount(page) {
  const status = page.locator('p.result-count[role="status"]');
  const text = (await status.textContent()).trim();
  assert.match(text, /^\d+件$/, `result count text: ${text}`);
  return Number(await status.locator('strong').textContent());
}

const rowNames = (page) => page.locator('table.data tbody th[scope="row"] a').allTextContents();

async function search(page, query) {
  await page.goto('/resources');
  const form = page.getByRole('search');
  await form.getByLabel('キーワード').fill(query);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/resources' && url.searchParams.has('q')),
    form.getByRole('button', { name: 'さがす' }).click(),
  ]);
}

// Fills /resources/new the way a person would (by the visible labels) and submits it.
// Returns the response to the POST.
async function submitNewResource(page, { name, kana, category, district, schedule, status, phone }) {
  await page.goto('/resources/new');
  await page.getByLabel('名称', { exact: false }).fill(name);
  if (kana !== undefined) await page.getByLabel('ふりがな', { exact: true }).fill(kana);
  if (category !== undefined) await page.getByLabel('分類', { exact: false }).selectOption({ label: category });
  if (district !== undefined) await page.getByLabel('地区', { exact: true }).selectOption({ label: district });
  if (schedule !== undefined) await page.getByLabel('開催日時', { exact: true }).fill(schedule);
  if (status !== undefined) await page.getByLabel('状態', { exact: false }).selectOption({ label: status });
  if (phone !== undefined) await page.getByLabel('電話番号', { exact: true }).fill(phone);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/resources'),
    page.getByRole('button', { name: '登録する' }).click(),
  ]);
  // The browser has left the form page once the answer (303 → record page, or 422 → the form
  // again at /resources) is loaded.
  await page.waitForURL((url) => url.pathname !== '/resources/new');
  return response;
}

// Returns the new resource's id.
async function createResource(page, fields) {
  const response = await submitNewResource(page, fields);
  assert.equal(response.status(), 303, `POST /resources answered ${response.status()}`);
  await page.waitForURL(/\/resources\/\d+\?notice=created$/);
  assert.equal((await page.locator('h1').textContent()).trim(), fields.name);
  return Number(/\/resources\/(\d+)/.exec(page.url())[1]);
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The value shown for `label` on a record page (<dl class="record">), e.g. recordValue(page, '電話番号').
async function recordValue(page, label) {
  const rows = page
    .locator('dl.record > div.row')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  assert.equal(await rows.count(), 1, `exactly one row 「${label}」 on ${page.url()}`);
  return (await rows.locator('dd').textContent()).trim();
}

// --- tests ------------------------------------------------------------------------------

// First, so its screenshot shows the demo city as loaded, before the other tests add records.
test('dashboard shows founding progress', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    await page.goto('/');
    assert.equal(new URL(page.url()).pathname, '/', 'a signed-in user stays on the dashboard');
    const main = page.locator('main');
    await assertVisible(main.getByText('26 / 26', { exact: true }), '「26 / 26」 is shown');
    await assertVisible(main.getByText('地区で協議体発足'), '「地区で協議体発足」 is shown');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    const link = main.getByRole('link', { name: '八幡', exact: true });
    assert.equal(await link.count(), 1, 'exactly one link named 八幡');
    await Promise.all([page.waitForURL(/\/districts\/\d+$/), link.click()]);
    assert.match(await page.locator('h1').textContent(), /八幡地区/);
  }),
);

test('creates a resource through the UI and finds it by a kana-swapped search', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    const suffix = randomKatakana(4);
    const name = `テスト用ヒマワリサロン${suffix}`;

    const response = await submitNewResource(page, {
      name,
      kana: 'てすとようひまわりさろん',
      category: '居場所・サロン',
      district: '八幡',
      schedule: '毎週火曜 10:00-12:00',
      status: '活動中',
    });
    assert.equal(response.status(), 303, 'a valid form is answered with 303 See Other');
    await page.waitForURL(/\/resources\/\d+\?notice=created$/);
    assert.equal((await page.locator('h1').textContent()).trim(), name);
    const notice = page.getByText('登録しました。', { exact: true });
    await assertVisible(notice, 'the notice 「登録しました。」 is shown');

    // Hiragana for the katakana name. The random suffix is only in the name (ふりがな has none),
    // so this can only match through katakana→hiragana folding of the name itself.
    const hiraganaQuery = toHiragana(`ヒマワリサロン${suffix}`);
    await search(page, hiraganaQuery);
    assert.equal(new URL(page.url()).searchParams.get('q'), hiraganaQuery);
    assert.equal(await page.getByLabel('キーワード').inputValue(), hiraganaQuery, 'the query stays in the box');
    assert.equal(await resultCount(page), 1, `one result for ${hiraganaQuery}`);
    assert.deepEqual(await rowNames(page), [name]);

    // Half-width katakana, as typed on some older systems.
    await search(page, 'ﾋﾏﾜﾘ');
    assert.ok((await resultCount(page)) >= 1);
    assert.ok((await rowNames(page)).includes(name), `${name} is found by ﾋﾏﾜﾘ`);

    const halfWidthQuery = toHalfWidth(`ヒマワリサロン${suffix}`);
    await search(page, halfWidthQuery);
    assert.equal(await resultCount(page), 1, `one result for ${halfWidthQuery}`);
    assert.deepEqual(await rowNames(page), [name]);
  }),
);

test('invalid form comes back with values and a Japanese message', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await signIn(page, 'kanri');
    const name = `エラー確認${randomKatakana(5)}`;
    const response = await submitNewResource(page, {
      name,
      schedule: '毎週火曜 25:00-26:00',
      status: '活動中',
    });
    assert.equal(response.status(), 422, 'an invalid form is answered with 422');

    const summary = page.locator('.error-summary[role="alert"]');
    await assertVisible(summary, 'the error summary is shown');
    const summaryText = await summary.textContent();
    assert.match(summaryText, /分類/);
    assert.match(summaryText, /開催日時/);
    // Each message links to its field.
    assert.equal(await summary.locator('a[href="#f-category_id"]').count(), 1);
    assert.equal(await summary.locator('a[href="#f-schedule"]').count(), 1);

    // The messages beside the fields, tied to them for screen readers.
    const categoryError = page.locator('#f-category_id-error.error-message');
    assert.match(await categoryError.textContent(), /分類/);
    assert.equal(await page.locator('#f-category_id').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('.field.has-error .error-message').filter({ hasText: '開催日時' }).textContent(), /時刻/);

    // Typed values are kept.
    assert.equal(await page.getByLabel('名称', { exact: false }).inputValue(), name);
    assert.equal(await page.getByLabel('開催日時', { exact: true }).inputValue(), '毎週火曜 25:00-26:00');
    assert.equal(await page.locator('#f-status').inputValue(), '活動中');

    await page.screenshot({ path: path.join(ARTIFACTS, 'resource-form-errors.png'), fullPage: true });

    // Nothing was stored.
    await search(page, name);
    assert.equal(await resultCount(page), 0, `no resource named ${name} exists`);
    assert.deepEqual(await rowNames(page), []);
  }),
);

test('weekday filter', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    // The demo city has no 開催日時 at all, so make sure there is one Tuesday and one
    // Wednesday resource rather than depend on what the demo data happens to hold.
    await signIn(page, 'kanri');
    const tuesday = `カヨウビ確認${randomKatakana(5)}`;
    const wednesday = `スイヨウビ確認${randomKatakana(5)}`;
    await createResource(page, { name: tuesday, category: '通いの場（体操）', schedule: '毎週火曜 13:30-15:00', status: '活動中' });
    await createResource(page, { name: wednesday, category: '通いの場（体操）', schedule: '毎週水曜 13:30-15:00', status: '活動中' });

    await page.goto('/resources');
    const all = await resultCount(page);

    const form = page.getByRole('search');
    await form.getByLabel('曜日').selectOption('火');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.has('weekday')),
      form.getByRole('button', { name: 'さがす' }).click(),
    ]);
    assert.match(page.url(), /[?&]weekday=(%E7%81%AB|火)(&|$)/);
    assert.equal(await form.getByLabel('曜日').inputValue(), '火', 'the chosen weekday stays selected');

    const filtered = await resultCount(page);
    assert.ok(filtered >= 1, `at least one Tuesday resource (got ${filtered})`);
    assert.ok(filtered < all, `filtering narrows the list (${filtered} of ${all})`);
    const names = await rowNames(page);
    assert.ok(names.includes(tuesday), `${tuesday} is listed on Tuesdays`);
    assert.ok(!names.includes(wednesday), `${wednesday} is not listed on Tuesdays`);
  }),
);

// --- sign-in ----------------------------------------------------------------------------

test('a visitor sees only the public resource search', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await page.goto('/');
    assert.equal(new URL(page.url()).pathname, '/sagasu', '/ sends a visitor to the public portal');
    await page.goto('/resources');
    assert.ok((await resultCount(page)) > 0, 'the public resources are listed');
    assert.equal(await page.getByText('新しく登録する').count(), 0, 'no 「新しく登録する」 for a visitor');
    assert.equal(await headerUser(page), null, 'nobody is shown as signed in');
    assert.equal(await signOutButton(page).count(), 0, 'no サインアウト for a visitor');
    await assertVisible(page.locator('header').getByRole('link', { name: 'サインイン', exact: true }), 'the header offers サインイン');

    await page.goto('/districts/1');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/login', `/districts/1 sends a visitor to the sign-in page (got ${page.url()})`);
    assert.equal(url.searchParams.get('next'), '/districts/1', 'and remembers where they wanted to go');
    assert.equal((await page.locator('h1').textContent()).trim(), 'サインイン');
    assert.equal(await page.locator('form input[name="next"]').inputValue(), '/districts/1');
  }),
);

test('sign-in: a wrong password is refused, the right one leads on, サインアウト ends the session', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    const context = page.context();
    await page.goto('/districts/1');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/districts/1');

    // Wrong password. Only one: five failures within 15 minutes lock an account (twenty an
    // address, and every test signs in from 127.0.0.1).
    const refused = await submitSignIn(page, 'sc1', `${DEMO_PASSWORD}-wrong`);
    assert.equal(refused.status(), 401, 'a wrong password is answered with 401');
    assert.equal(new URL(page.url()).pathname, '/login');
    await assertVisible(
      page.getByRole('main').getByRole('alert').getByText('ログインIDまたはパスワードが違います。', { exact: true }),
      'the message 「ログインIDまたはパスワードが違います。」 is shown',
    );
    assert.equal(await page.getByLabel('ログインID', { exact: true }).inputValue(), 'sc1', 'the login ID is kept');
    assert.equal(await page.getByLabel('パスワード', { exact: true }).inputValue(), '', 'the password is not');
    assert.equal(await sessionCookie(context), null, 'no session cookie after a wrong password');
    assert.equal(await headerUser(page), null, 'nobody is shown as signed in');
    await page.goto('/districts/1');
    assert.equal(new URL(page.url()).pathname, '/login', 'still no access to /districts/1');

    // Right password: on to `next`, with the user in the header.
    const accepted = await submitSignIn(page, 'sc1', DEMO_PASSWORD);
    assert.equal(accepted.status(), 303, 'the right password is answered with 303');
    await page.waitForURL((u) => u.pathname === '/districts/1');
    assert.match(await page.locator('h1').textContent(), /地区/);
    // The demo name already says the role, so the header says it once, without 「 ・ 役割」.
    assert.equal(await headerUser(page), '第1層コーディネーター（デモ）', 'the header shows the name, with the role once');
    await assertVisible(signOutButton(page), 'the header offers サインアウト');
    const cookie = await sessionCookie(context);
    assert.ok(cookie, 'a session cookie is set');
    assert.equal(cookie.httpOnly, true, 'the session cookie is HttpOnly');

    // サインアウト: back to /login with a notice, and the old session is gone for good.
    await signOut(page);
    await assertNotice(page, 'サインアウトしました。');
    assert.equal(await headerUser(page), null, 'nobody is shown as signed in after サインアウト');
    assert.equal(await sessionCookie(context), null, 'the session cookie is removed');
    await page.goto('/');
    assert.equal(new URL(page.url()).pathname, '/sagasu', '/ sends to the public portal again');
    await context.addCookies([cookie]);
    await page.goto('/districts/1');
    assert.equal(new URL(page.url()).pathname, '/login', 'the signed-out session cookie no longer works');
  }),
);

// --- proposals --------------------------------------------------------------------------

// Opens the resource search filtered to `district` and returns the first resource listed.
async function firstResourceIn(page, district) {
  await page.goto('/resources');
  const form = page.getByRole('search');
  await form.getByLabel('地区', { exact: true }).selectOption({ label: district });
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/resources' && url.searchParams.get('district_id')),
    form.getByRole('button', { name: 'さがす' }).click(),
  ]);
  const rows = page.locator('table.data tbody tr');
  assert.ok((await rows.count()) >= 1, `at least one resource in ${district}`);
  // Columns: 名称 (th), 分類, 地区, 開催日時, 状態.
  for (const cell of await rows.locator('td:nth-of-type(2)').allTextContents()) assert.equal(cell.trim(), district);
  const link = rows.first().locator('th a');
  return { name: (await link.textContent()).trim(), path: await link.getAttribute('href') };
}

const PROPOSED = '変更を提案しました。コーディネーターの確認をお待ちください。';
const APPROVED = '提案を承認し、社会資源に反映しました。';

test('proposal → approval: a 協議体メンバー proposes, the coordinator approves', { timeout: 90_000 }, (t) =>
  withPages(t, async (open) => {
    // The 協議体メンバー of 八幡 opens a 八幡 resource.
    const member = await open('yawata-iin');
    await signIn(member, 'yawata-iin', { next: '/resources' });
    const memberHeader = await headerUser(member);
    assert.match(memberHeader, /^.+ ・ 協議体メンバー$/);
    const memberName = memberHeader.replace(/ ・ 協議体メンバー$/, '');
    const resource = await firstResourceIn(member, '八幡');
    assert.match(resource.path, /^\/resources\/\d+$/);
    await Promise.all([member.waitForURL((u) => u.pathname === resource.path), member.locator(`a[href="${resource.path}"]`).first().click()]);
    assert.equal((await member.locator('h1').textContent()).trim(), resource.name);
    assert.equal(await recordValue(member, '地区'), '八幡');
    const feeBefore = await recordValue(member, '参加費・利用料');
    const feeAfter = `1回${100 + Math.floor(Math.random() * 900)}円（提案テスト${randomKatakana(4)}）`;
    const note = `料金が変わったと聞きました（${randomKatakana(4)}）`;

    // No direct editing, only proposing.
    const memberMain = member.getByRole('main');
    assert.equal(await memberMain.getByRole('link', { name: '編集する' }).count(), 0, 'no 編集する for a 協議体メンバー');
    assert.equal(await memberMain.getByRole('link', { name: '削除する' }).count(), 0, 'no 削除する for a 協議体メンバー');
    const editPage = await member.goto(`${resource.path}/edit`);
    assert.equal(editPage.status(), 403, `GET ${resource.path}/edit answered ${editPage.status()} for a 協議体メンバー`);
    assert.match(await member.locator('h1').textContent(), /403/, 'the error page says 403');
    assert.equal(await member.locator('#f-name').count(), 0, 'and shows no edit form');
    await member.goto(resource.path);
    const proposeLink = memberMain.getByRole('link', { name: '変更を提案する', exact: true });
    await assertVisible(proposeLink, '「変更を提案する」 is offered');
    await Promise.all([member.waitForURL((u) => u.pathname === `${resource.path}/propose`), proposeLink.click()]);

    // The proposal form: the non-personal fields, filled in with the current values.
    assert.equal((await member.locator('h1').textContent()).trim(), `「${resource.name}」の変更を提案する`);
    assert.equal(await member.getByLabel('参加費・利用料', { exact: true }).inputValue(), feeBefore);
    assert.equal(await member.locator('#f-name').inputValue(), resource.name);
    for (const id of ['f-contact_name', 'f-contact_phone', 'f-contact_email', 'f-notes']) {
      assert.equal(await member.locator(`#${id}`).count(), 0, `no personal field #${id} on the proposal form`);
    }
    await member.getByLabel('参加費・利用料', { exact: true }).fill(feeAfter);
    await member.getByLabel('提案の理由・メモ', { exact: true }).fill(note);
    const [proposed] = await Promise.all([
      member.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${resource.path}/propose`),
      member.getByRole('button', { name: '提案する', exact: true }).click(),
    ]);
    assert.equal(proposed.status(), 303, `POST ${resource.path}/propose answered ${proposed.status()}`);
    await member.waitForURL((u) => u.pathname === resource.path);
    await assertNotice(member, PROPOSED);
    assert.equal(await recordValue(member, '参加費・利用料'), feeBefore, 'the resource is unchanged until approved');

    // The coordinator of 八幡 sees the resource unchanged and the proposal waiting.
    const coordinator = await open('yawata-sc');
    await signIn(coordinator, 'yawata-sc');
    assert.match(await headerUser(coordinator), /^.+あんしんセンター.* ・ 第2層コーディネーター$/);
    await coordinator.goto(resource.path);
    assert.equal(await recordValue(coordinator, '参加費・利用料'), feeBefore, 'the coordinator sees the resource unchanged');
    await Promise.all([coordinator.waitForURL((u) => u.pathname === '/proposals'), mainMenuLink(coordinator, /^提案/).click()]);
    const filter = coordinator.getByRole('form', { name: '提案の絞り込み' });
    assert.equal(await filter.getByLabel('状態').inputValue(), '審査待ち', 'the list shows 審査待ち by default');
    const rows = coordinator
      .locator('table.data tbody tr')
      .filter({ has: coordinator.getByRole('link', { name: resource.name, exact: true }) });
    assert.equal(await rows.count(), 1, `one waiting proposal for ${resource.name}`);
    // Columns: 社会資源 (th), 地区, 提案した人, 変更する項目, 状態.
    const cells = (await rows.locator('td').allTextContents()).map((s) => s.trim());
    assert.deepEqual(cells, ['八幡', memberName, '参加費・利用料', '審査待ち']);
    await Promise.all([
      coordinator.waitForURL(/\/proposals\/\d+$/),
      rows.getByRole('link', { name: resource.name, exact: true }).click(),
    ]);
    const proposalPath = new URL(coordinator.url()).pathname;

    // The proposal: who, why, and the one change, current and proposed.
    assert.equal((await coordinator.locator('h1').textContent()).trim(), `「${resource.name}」の変更の提案`);
    assert.equal(await recordValue(coordinator, '社会資源'), resource.name);
    assert.equal(await recordValue(coordinator, '提案した人'), memberName);
    assert.equal(await recordValue(coordinator, '理由・メモ'), note);
    assert.equal(await recordValue(coordinator, '状態'), '審査待ち');
    const changes = coordinator.locator('h2:text-is("変更する項目") + table');
    assert.deepEqual(
      (await changes.locator('thead th').allTextContents()).map((s) => s.trim()),
      ['項目', '現在', '提案'],
    );
    const changeRows = changes.locator('tbody tr');
    assert.equal(await changeRows.count(), 1, 'only the changed field is listed');
    assert.equal((await changeRows.locator('th').textContent()).trim(), '参加費・利用料');
    assert.deepEqual((await changeRows.locator('td').allTextContents()).map((s) => s.trim()), [feeBefore || '（空欄）', feeAfter]);  // an empty value reads 「（空欄）」
    await assertVisible(coordinator.getByRole('button', { name: '却下する', exact: true }), '「却下する」 is offered');

    // Approve, after a confirmation page that shows the change once more.
    await Promise.all([
      coordinator.waitForURL((u) => u.pathname === `${proposalPath}/approve`),
      coordinator.getByRole('link', { name: '承認する（内容の確認へ）', exact: true }).click(),
    ]);
    await coordinator.getByLabel('判断の理由・メモ（任意）', { exact: true }).fill('確認しました');
    const [approved] = await Promise.all([
      coordinator.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${proposalPath}/approve`),
      coordinator.getByRole('button', { name: '承認して反映する', exact: true }).click(),
    ]);
    assert.equal(approved.status(), 303, `POST ${proposalPath}/approve answered ${approved.status()}`);
    await coordinator.waitForURL((u) => u.pathname === proposalPath && u.searchParams.get('notice') === 'approved');
    await assertNotice(coordinator, APPROVED);
    assert.equal((await coordinator.locator('dl.record strong.status').textContent()).trim(), '承認');
    assert.equal(await recordValue(coordinator, '判断の理由'), '確認しました');
    assert.equal(await coordinator.getByRole('button', { name: '承認して反映する' }).count(), 0, 'a decided proposal cannot be decided again');

    // The resource now has the proposed value, for both of them.
    await Promise.all([
      coordinator.waitForURL((u) => u.pathname === resource.path),
      coordinator.locator('dl.record').getByRole('link', { name: resource.name, exact: true }).click(),
    ]);
    assert.equal(await recordValue(coordinator, '参加費・利用料'), feeAfter, 'the approved value is on the resource');
    await member.goto(resource.path);
    assert.equal(await recordValue(member, '参加費・利用料'), feeAfter, 'the member sees the approved value');
    assert.equal(await member.getByRole('main').getByRole('link', { name: '編集する' }).count(), 0, 'still no 編集する for the member');
  }),
);

// --- personal fields --------------------------------------------------------------------

test('a visitor sees 「（非公開）」 instead of a phone number', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const phone = '027-123-4567';
    const admin = await open('kanri');
    await signIn(admin, 'kanri');
    const name = `電話確認${randomKatakana(5)}`;
    const id = await createResource(admin, { name, category: '居場所・サロン', district: '八幡', status: '活動中', phone });
    assert.equal(await recordValue(admin, '電話番号'), phone, 'kanri sees the phone number');

    // A fresh browser, nobody signed in.
    const visitor = await open('visitor');
    await visitor.goto(`/resources/${id}`);
    assert.equal(new URL(visitor.url()).pathname, `/resources/${id}`, 'a visitor can open the resource page');
    assert.equal(await headerUser(visitor), null);
    assert.equal((await visitor.locator('h1').textContent()).trim(), name);
    assert.equal(await recordValue(visitor, '電話番号'), '（非公開）');
    for (const label of ['連絡先（担当者）', 'メールアドレス', '内部メモ']) {
      assert.equal(await recordValue(visitor, label), '（非公開）', `${label} is hidden from a visitor`);
    }
    assert.ok(!(await visitor.content()).includes('123-4567'), 'the number is nowhere in the page');
    const main = visitor.getByRole('main');
    for (const action of ['編集する', '削除する', '変更を提案する']) {
      assert.equal(await main.getByRole('link', { name: action }).count(), 0, `no 「${action}」 for a visitor`);
    }
  }),
);
