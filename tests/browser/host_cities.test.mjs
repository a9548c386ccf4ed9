// Browser test of the host administrator's page: the demo's administrator adds a municipality
// from 市町村の管理, is shown its first administrator's one-time password once, and that
// administrator signs in on the new city's own host name (served at once, no restart) and is
// asked to change the password; the installation's accounts are unknown there. When that
// password is lost, the host administrator re-issues it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible, mainMenuLink } from './support/browser.mjs';
import { signIn, submitSignIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 60_000;
const { withPages } = browserSuite();

test('a city added on 市町村の管理 is served at once on its host name, with its own first administrator', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const host = await open('host');
    await signIn(host, 'kanri');
    await mainMenuLink(host, 'アカウント').click();
    await host.getByRole('main').getByRole('link', { name: '市町村の管理' }).click();
    await assertVisible(host.getByRole('heading', { name: '市町村の管理', level: 1 }), 'the page of the cities');
    await assertVisible(host.getByRole('row', { name: /092011\s*宇都宮市/ }), 'the demo\'s second city is listed');

    await host.getByRole('link', { name: '市町村を追加する' }).click();
    // A wrong check digit is named, and nothing is added.
    await host.getByLabel('団体コード').fill('072011');
    await host.getByLabel('市町村名').fill('福島市');
    await host.getByLabel('ホスト名').fill('fukushima.localhost');
    await host.getByRole('button', { name: '追加する' }).click();
    await assertVisible(host.getByRole('alert').getByText(/団体コード「072011」/), 'the bad code is named');
    assert.equal(await host.getByLabel('市町村名').inputValue(), '福島市', 'what was typed is kept');

    await host.getByLabel('団体コード').fill('072010');
    await host.getByRole('button', { name: '追加する' }).click();
    await assertVisible(host.getByRole('heading', { name: '福島市を追加しました' }), 'the city is added');
    const password = (await host.locator('code.secret').textContent()).trim();
    assert.ok(password.length >= 10, 'a one-time password is shown');
    const link = host.getByRole('link', { name: /fukushima\.localhost/ });
    const cityUrl = new URL(await link.getAttribute('href'));
    assert.equal(cityUrl.hostname, 'fukushima.localhost');

    // Its first administrator signs in there, in a browser of their own.
    const city = await open('city', { baseURL: cityUrl.origin });
    await city.goto('/login');
    const refused = await submitSignIn(city, 'kanri', 'sasaeai-demo');
    assert.equal(refused.status(), 401, 'the installation\'s accounts are unknown in the new city');
    const accepted = await submitSignIn(city, 'admin', password);
    assert.equal(accepted.status(), 303);
    await assertVisible(city.getByRole('heading', { name: 'パスワードの変更' }), 'the one-time password must be changed first');

    // Its map, with no boundary or place yet, opens on the whole of Japan, not on another city.
    const visitor = await open('visitor', { baseURL: cityUrl.origin });
    await visitor.goto('/map');
    await visitor.locator('#map[data-ready="true"]').waitFor();
    const view = await visitor.evaluate(() => {
      const { map } = window.sasaeaiMap;
      return { zoom: map.getZoom(), lat: map.getCenter().lat, lng: map.getCenter().lng };
    });
    assert.ok(view.zoom <= 6, `the map is zoomed out to the country (zoom ${view.zoom})`);
    assert.ok(Math.abs(view.lat - 36.5) < 1 && Math.abs(view.lng - 138) < 1, `the map is centred on Japan (${view.lat}, ${view.lng})`);

    // The list now has it, with a link to its host name.
    await host.getByRole('link', { name: '市町村の一覧へ戻る' }).click();
    await assertVisible(host.getByRole('row', { name: /072010\s*福島市/ }), 'the new city is listed');

    // Its administrator forgot the password: the host administrator re-issues it, after asking.
    await host.getByRole('row', { name: /072010\s*福島市/ }).getByRole('link', { name: /管理者のパスワード再発行/ }).click();
    await assertVisible(host.getByRole('heading', { name: '福島市の管理者のパスワードを再発行しますか' }), 'the re-issue asks first');
    await host.getByRole('button', { name: 'パスワードを再発行する' }).click();
    await assertVisible(host.getByRole('heading', { name: '福島市の管理者のパスワードを再発行しました' }), 'the password is re-issued');
    const reissued = (await host.locator('code.secret').textContent()).trim();
    assert.notEqual(reissued, password, 'a new one-time password');
    await city.context().clearCookies();
    await city.goto('/login');
    assert.equal((await submitSignIn(city, 'admin', password)).status(), 401, 'the old password no longer works');
    assert.equal((await submitSignIn(city, 'admin', reissued)).status(), 303, 'the new one does');
    await assertVisible(city.getByRole('heading', { name: 'パスワードの変更' }), 'and must be changed first');
  }),
);
