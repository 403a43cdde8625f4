// Import from a spreadsheet: the CISO uploads a CSV with an error, sees every error by row and
// column, fixes the file, validates it, imports it and finds the rows in the register, from
// where the register exports as CSV and XLSX. Every page passes axe and is used by keyboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, newPage, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function csv(rows) {
  return Buffer.from(`\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`, 'utf8');
}

async function upload(page, name, rows, { dryRun = false } = {}) {
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: csv(rows) });
  const dry = page.locator('#import-dry-run');
  if ((await dry.isChecked()) !== dryRun) await dry.press('Space');
  // Submitted by keyboard: focus the button and press Enter.
  await page.getByRole('button', { name: 'Importera', exact: true }).focus();
  await Promise.all([
    page.waitForResponse((r) => r.url() === `${baseUrl}/assets/import` && r.request().method() === 'POST'),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState();
}

test('the CISO imports systems: errors listed, fixed, validated, imported, in the register', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');
  await visit(page, '/assets/systems');
  // The register links to its exports and to the import.
  const exports = page.getByRole('navigation', { name: 'Exportera registret' });
  assert.match(await exports.getByRole('link', { name: 'Exportera som CSV' }).getAttribute('href'),
    /^\/api\/v1\/systems\/export\?lang=sv&format=csv$/);
  await exports.getByRole('link', { name: 'Importera från fil' }).click();
  await page.waitForURL(`${baseUrl}/assets/import?kind=systems`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await checkAccessibility(page, '/assets/import');

  // An object to import the systems into.
  const objectName = unique('Importobjekt');
  const created = await page.request.post(`${baseUrl}/api/v1/objects`, {
    headers: { 'X-CSRF-Token': await page.locator('#import-form input[name=_csrf]').inputValue() },
    data: { name: objectName, org_unit_id: await unitId(page, 'Barn- och utbildningsförvaltningen') },
  });
  assert.equal(created.status(), 201);

  const first = unique('Importsystem');
  const second = unique('Importsystem');
  const bad = [['namn', 'objekt', 'drift'], [first, objectName, 'moln'], [second, 'Inget sådant objekt', '']];
  await upload(page, 'system.csv', bad);
  const errors = page.getByRole('table', { name: 'Fel i filen' });
  await errors.waitFor();
  const rows = await errors.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.match(rows[0], /^2\s+land \/ hosting country\s+/);
  assert.match(rows[1], /^3\s+objekt\s+Objektet Inget sådant objekt finns inte/);
  assert.match(await page.getByRole('alert').innerText(), /Ingenting importerades/);
  await checkAccessibility(page, '/assets/import with errors');

  // Fixed; validated first (nothing written), then imported.
  const good = [['namn', 'objekt', 'drift', 'land'], [first, objectName, 'moln', 'SE'], [second, objectName, 'egen drift', '']];
  await upload(page, 'system.csv', good, { dryRun: true });
  assert.match(await page.locator('#import-result').innerText(), /Filen är korrekt: 2 poster kan importeras/);
  await checkAccessibility(page, '/assets/import validated');
  const before = await page.request.get(`${baseUrl}/api/v1/systems?q=${encodeURIComponent(first)}`);
  assert.equal((await before.json()).total, 0);

  await upload(page, 'system.csv', good);
  assert.match(await page.locator('#import-result').innerText(), /2 poster importerades/);
  await page.locator('#import-result').getByRole('link', { name: 'System' }).click();
  await page.waitForURL(`${baseUrl}/assets/systems`);
  await page.getByLabel('Sök på namn').fill(first.split(' ')[0]);
  await page.getByLabel('Sök på namn').press('Enter');
  await page.waitForURL(/\/assets\/systems\?q=/);
  const register = await page.locator('main table').innerText();
  assert.ok(register.includes(first) && register.includes(second), register);
  await checkAccessibility(page, '/assets/systems after the import');

  // The filtered export holds the imported rows.
  const href = await exports.getByRole('link', { name: 'Exportera som CSV' }).getAttribute('href');
  assert.match(href, /q=Importsystem/);
  const exported = await page.request.get(baseUrl + href);
  assert.equal(exported.status(), 200);
  assert.match(exported.headers()['content-disposition'], /attachment; filename="systems\.csv"/);
  const text = await exported.text();
  assert.ok(text.includes(first) && text.includes(second));
  const xlsx = await page.request.get(baseUrl + href.replace('format=csv', 'format=xlsx'));
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
});

async function unitId(page, name) {
  const r = await page.request.get(`${baseUrl}/api/v1/org-units?limit=500`);
  const unit = (await r.json()).items.find((u) => u.name === name);
  assert.ok(unit, `no unit ${name}`);
  return unit.id;
}
