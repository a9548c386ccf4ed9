// Every object /api/hsds/ serves, checked by an independent validator against the published
// Open Referral HSDS 3.0 JSON Schemas (data/hsds/, see its PROVENANCE.md): ajv-cli with
// ajv-formats, JSON Schema draft 2020-12, run on a real server with the demo city.
//
// The modular schemas refer to each other by bare file name ("attribute.json") and have no $id;
// a temporary copy of each gets its file name as $id so ajv can resolve those references. The
// lists are checked as HSDS's Page (from the OpenAPI document) whose contents are the *_list
// items, full objects against their object schemas, and export.json as an array of services.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer, repoRoot } from '../browser/support/server.mjs';

const run = promisify(execFile);
const SCHEMAS = path.join(repoRoot, 'data', 'hsds', 'schema');
const AJV = path.join(repoRoot, 'node_modules', '.bin', 'ajv');

let server;
let work; // temp dir: schemas/ (with $id) and data/<kind>/*.json
let schemaFiles = [];

// Lists: the Page's contents items are validated against these schemas.
const LIST_ITEMS = {
  services: 'service_list.json',
  organizations: 'organization_list.json',
  service_at_locations: 'service_at_location_list.json',
  locations: 'location.json',
  schedules: 'schedule.json',
  phones: 'phone.json',
  addresses: 'address.json',
  taxonomies: 'taxonomy.json',
  taxonomy_terms: 'taxonomy_term.json',
  attributes: 'attribute.json',
};
// Full objects at /api/hsds/<collection>/<id>.
const FULL = { services: 'service.json', organizations: 'organization.json', service_at_locations: 'service_at_location.json' };

async function prepareSchemas() {
  const dir = path.join(work, 'schemas');
  await mkdir(dir);
  const copy = async (from, name) => {
    const schema = JSON.parse(await readFile(from, 'utf8'));
    await writeFile(path.join(dir, name), JSON.stringify({ $id: name, ...schema }));
    schemaFiles.push(name);
  };
  for (const f of (await readdir(SCHEMAS)).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) await copy(path.join(SCHEMAS, f), f);
  for (const f of await readdir(path.join(SCHEMAS, 'compiled'))) await copy(path.join(SCHEMAS, 'compiled', f), f);
  // HSDS's Page wrapper around a list of one kind of item.
  const openapi = JSON.parse(await readFile(path.join(SCHEMAS, 'openapi.json'), 'utf8'));
  const pageSchema = openapi.components.schemas.Page;
  assert.ok(pageSchema?.properties?.total_items, 'openapi.json has the Page schema');
  for (const [collection, item] of Object.entries(LIST_ITEMS)) {
    const name = `${collection}_page.json`;
    await writeFile(path.join(dir, name), JSON.stringify({
      $id: name,
      allOf: [pageSchema],
      required: [...Object.keys(pageSchema.properties), 'contents'],
      properties: { contents: { type: 'array', items: { $ref: item } } },
    }));
    schemaFiles.push(name);
  }
  await writeFile(path.join(dir, 'service_array.json'), JSON.stringify({ $id: 'service_array.json', type: 'array', items: { $ref: 'service.json' } }));
  schemaFiles.push('service_array.json');
}

// Runs ajv-cli on every file of data/<kind>/ against `schema`; resolves with its output, rejects
// (with the output) when any file is invalid.
async function ajv(schema, kind) {
  const refs = schemaFiles.filter((f) => f !== schema).flatMap((f) => ['-r', f]);
  const args = ['validate', '--spec=draft2020', '-c', 'ajv-formats', '--strict=false', '--all-errors', '-s', schema, ...refs, '-d', path.join(work, 'data', kind, '*.json')];
  try {
    const { stdout, stderr } = await run(AJV, args, { cwd: path.join(work, 'schemas'), maxBuffer: 64 << 20 });
    // ajv names every file it checked: all of them, each valid.
    const files = await readdir(path.join(work, 'data', kind));
    const valid = `${stdout}${stderr}`.split('\n').filter((line) => / valid$/.test(line));
    assert.equal(valid.length, files.length, `ajv checked ${valid.length} of the ${files.length} files of ${kind}:\n${stdout}${stderr}`);
    return stdout + stderr;
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    const e = new Error(`ajv: ${kind} against ${schema} is invalid:\n${err.stdout}${err.stderr}`.slice(0, 8000));
    e.output = `${err.stdout}${err.stderr}`;
    throw e;
  }
}

async function save(kind, name, value) {
  const dir = path.join(work, 'data', kind);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify(value));
}

async function getJson(pathname) {
  const res = await fetch(new URL(pathname.replace(/^\//, ''), server.baseURL));
  assert.equal(res.status, 200, `${pathname} answered ${res.status}`);
  return res.json();
}

// The demo city has no public telephone number and one schedule: two more resources (through the
// JSON API, with a token of the demo administrator) give every table rows of every kind.
async function addResources() {
  const bin = process.env.SASAEAI_BIN ? path.resolve(repoRoot, process.env.SASAEAI_BIN) : path.join(repoRoot, 'build', 'src', 'sasaeai');
  const { stdout } = await run(bin, ['--db', server.db, 'token', '--login', 'kanri', '--name', 'hsds schema test']);
  const token = stdout.trim().split(/\s+/).pop();
  const api = async (pathname, body) => {
    const res = await fetch(new URL(pathname.replace(/^\//, ''), server.baseURL), {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.ok(res.ok, `${pathname}: ${res.status} ${await res.clone().text()}`);
    return res.json();
  };
  const idOf = async (register, name) => (await api(`/api/v1/${register}?per_page=0`)).items.find((r) => r.name === name).id;
  const common = {
    municipality_id: await idOf('municipalities', '高崎市'),
    category_id: await idOf('resource-categories', '居場所・サロン'),
    district_id: await idOf('districts', '八幡'),
  };
  await api('/api/v1/resources', {
    ...common, name: 'スキーマ確認の会', operator_name: 'スキーマ確認の会運営委員会', operator_type: 'ボランティア団体',
    postal_code: '370-0884', address: '高崎市八幡町1-1', latitude: 36.34, longitude: 138.95,
    schedule: '毎週月・木曜 10:00-12:00、第1・第3土曜 13:00-15:00', fee: '1回100円', eligibility: 'どなたでも',
    public_contact: '八幡地区高齢者あんしんセンター 027-000-1234 FAX 027-000-1235', status: '休止',
    tsudoi_operator: '住民団体', venue_type: '公民館・自治会館・集会所', tsudoi_activities: '体操（運動）、茶話会',
  });
  await api('/api/v1/resources', { ...common, name: 'スキーマ確認の準備中の会', schedule: '第2水曜', status: '準備中' });
}

before(async () => {
  server = await startServer({ args: ['--tiles', 'none'] });
  work = await mkdtemp(path.join(tmpdir(), 'sasaeai-hsds-'));
  await prepareSchemas();
  await addResources();
});

after(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

test('every page of every list is an HSDS Page of valid items', async () => {
  const index = await getJson('/api/hsds/');
  assert.equal(index.version, '3.0');
  for (const collection of Object.keys(LIST_ITEMS)) {
    assert.ok(index.endpoints.some((e) => e.name === collection), `the index names ${collection}`);
    let page = 1;
    let items = 0;
    for (;;) {
      const body = await getJson(`/api/hsds/${collection}?page=${page}&per_page=20`);
      await save(`${collection}_page`, `page${page}`, body);
      items += body.contents.length;
      if (body.last_page) break;
      page += 1;
    }
    assert.ok(items > 0, `${collection} has items`);
    await ajv(`${collection}_page.json`, `${collection}_page`);
  }
});

test('full services, organizations and service_at_locations, and export.json, are valid', async () => {
  for (const [collection, schema] of Object.entries(FULL)) {
    const list = await getJson(`/api/hsds/${collection}?per_page=1000`);
    assert.ok(list.contents.length > 0);
    for (const item of list.contents) await save(collection, item.id, await getJson(`/api/hsds/${collection}/${item.id}`));
    await ajv(schema, collection);
  }
  const all = await getJson('/api/hsds/export.json');
  assert.ok(Array.isArray(all) && all.length > 0);
  await save('export', 'export', all);
  await ajv('service_array.json', 'export');
});

test('the validator rejects what HSDS does not allow (so the checks above can fail)', async () => {
  const list = await getJson('/api/hsds/services?per_page=1');
  const service = await getJson(`/api/hsds/services/${list.contents[0].id}`);
  await save('broken_id', 'service', { ...service, id: 'resource-1' });
  await assert.rejects(ajv('service.json', 'broken_id'), (e) => /must match format "uuid"/.test(e.output));
  await save('broken_status', 'service', { ...service, status: '活動中' });
  await assert.rejects(ajv('service.json', 'broken_status'), (e) => /must be equal to one of the allowed values/.test(e.output));
  const { service_at_locations: [sal] } = service;
  await save('broken_address', 'service', {
    ...service,
    service_at_locations: [{ ...sal, location: { ...sal.location, addresses: [{ id: sal.id, address_1: '高崎市' }] } }],
  });
  await assert.rejects(ajv('service.json', 'broken_address'), (e) => /must have required property 'city'/.test(e.output));
});
