// Names on the live map are text, never HTML: a district or resource named with markup shows the
// markup as characters and adds no element (issue: a district named 八幡<a href=…>再ログイン</a>
// put a live link on the public map). The map's data is answered by the test itself, so any
// name can be tried without changing the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite } from './support/browser.mjs';

const TEST_TIMEOUT_MS = 60_000;
const HOSTILE = '八幡<a href="/login" id="planted">再ログイン</a><img src=x id="planted-img">';

const { withPage } = browserSuite();

// Replaces the name of the first feature in the answers for `path` (and `level`) with `name`;
// `renamed.id` is then the id of that feature.
async function renameFirstFeature(page, path, level, name) {
  const renamed = { id: null };
  const matches = (url) => url.pathname === path && (!level || url.searchParams.get('level') === level);
  await page.route(matches, async (route) => {
    const response = await route.fetch();
    const data = await response.json();
    if (data.features && data.features.length) {
      data.features[0].properties.name = name;
      renamed.id = data.features[0].properties.id;
    }
    await route.fulfill({ response, json: data });
  });
  return renamed;
}

test('district labels and resource popups on the map show names as text', { timeout: TEST_TIMEOUT_MS }, (t) =>
  withPage(t, async (page) => {
    await renameFirstFeature(page, '/api/v1/map/boundaries', 'district', HOSTILE);
    const resource = await renameFirstFeature(page, '/api/v1/map/resources', null, HOSTILE);
    await page.goto('/map');
    await page.locator('#map[data-ready="true"]').waitFor({ state: 'attached', timeout: 15_000 });

    const label = page.locator('.district-label', { hasText: '再ログイン' });
    assert.equal(await label.count(), 1, 'the renamed district is labelled');
    assert.equal((await label.textContent()).trim(), HOSTILE, 'the label shows the name with its markup as characters');

    assert.ok(resource.id !== null, 'a resource was renamed');
    await page.evaluate((markerId) => {
      const { map, markers } = window.sasaeaiMap;
      map.setView(markers[markerId].getLatLng(), 15, { animate: false });
      markers[markerId].openPopup();
    }, resource.id);
    const popup = page.locator('.leaflet-popup-content');
    await popup.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal((await popup.locator('strong a').textContent()).trim(), HOSTILE, 'the popup shows the name as characters');

    assert.equal(await page.locator('#planted, #planted-img').count(), 0, 'no element of the name reaches the page');
  }),
);
