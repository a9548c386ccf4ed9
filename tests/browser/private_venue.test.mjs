// Browser test of a venue in a private home (the demo's illustrative 「（例示）自宅開放サロン「えがお」」
// in 八幡, 場所 = 個人宅・空き家): a visitor finds it on the portal and the map with its 町内会 and
// 「おおよその場所」 and never its address; the 八幡 coordinator (yawata-sc), signed in, sees the
// address. The portal page passes axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, assertVisible } from './support/browser.mjs';
import { seriousViolations } from './support/page_checks.mjs';
import { signIn } from './support/auth.mjs';

const TEST_TIMEOUT_MS = 90_000;
const { withPages } = browserSuite();
const NAME = '（例示）自宅開放サロン「えがお」';
const ADDRESS_PART = '999-99';  // the made-up house number of the demo address

test('a visitor sees only the approximate place of a private home; its district coordinator sees the address', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPages(t, async (open) => {
    const visitor = await open('visitor', { bypassCSP: true });  // bypassCSP: axe is injected
    await visitor.setViewportSize({ width: 1280, height: 900 });

    // The portal: found by its name, shown with its 町内会 and 「おおよその場所」.
    await visitor.goto('/sagasu?q=' + encodeURIComponent('自宅開放サロン'));
    const card = visitor.locator('.portal-card').filter({ hasText: NAME });
    await assertVisible(card, 'the salon is found by its name');
    await assertVisible(card.getByText(/おおよその場所/).first(), 'the card says おおよその場所');
    assert.ok(!(await card.textContent()).includes(ADDRESS_PART), 'no address on the card');
    assert.ok(!(await visitor.content()).includes(ADDRESS_PART), 'no address anywhere in the page');

    await card.getByRole('link', { name: NAME }).click();
    await visitor.waitForURL(/\/sagasu\/\d+/);
    const id = visitor.url().match(/\/sagasu\/(\d+)/)[1];
    await assertVisible(visitor.getByText(/下大島.*（おおよその場所）/).first(), 'the page names the 町内会 and says おおよその場所');
    assert.ok(!(await visitor.content()).includes(ADDRESS_PART), 'no address on the portal page');
    assert.deepEqual(await seriousViolations(visitor), [], 'the portal page passes axe');

    // A search by the address finds nothing.
    await visitor.goto('/sagasu?q=' + encodeURIComponent(ADDRESS_PART));
    assert.equal(await visitor.locator('.portal-card').filter({ hasText: NAME }).count(), 0, 'not found by its address');

    // The map (with Leaflet): the list and the popup say おおよその場所, the legend explains it.
    await visitor.goto('/map?q=' + encodeURIComponent('自宅開放サロン'));
    const item = visitor.locator('#map-items li').filter({ hasText: NAME });
    await assertVisible(item, 'the salon is on the map');
    await assertVisible(item.getByText(/おおよその場所/).first(), 'the map list says おおよその場所');
    await assertVisible(visitor.locator('.approximate-note'), 'the legend explains おおよその場所');
    await item.getByRole('button', { name: '地図で見る' }).click();
    await assertVisible(visitor.locator('.leaflet-popup').getByText(/おおよその場所/).first(), 'the popup says おおよその場所');
    assert.ok(!(await visitor.content()).includes(ADDRESS_PART), 'no address on the map page');

    // The district's coordinator sees the address on the portal and the resource page.
    const coordinator = await open('yawata-sc');
    await coordinator.setViewportSize({ width: 1280, height: 900 });
    await signIn(coordinator, 'yawata-sc');
    await coordinator.goto(`/sagasu/${id}`);
    await assertVisible(coordinator.getByText(new RegExp(ADDRESS_PART)).first(), 'the coordinator sees the address on the portal');
    assert.equal(await coordinator.getByText(/（おおよその場所）/).count(), 0, 'no approximation for the coordinator');
    await coordinator.goto(`/resources/${id}`);
    await assertVisible(coordinator.getByText(new RegExp(ADDRESS_PART)).first(), 'the coordinator sees the address on the resource page');
  }),
);
