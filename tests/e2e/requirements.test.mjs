// The requirement catalogue and restore: the CISO adds and edits a requirement (and meets a
// conflicting change side by side), records how a system meets a requirement its
// classification triggers, sets the systems an information set is processed by, deletes a
// system and restores it from the register of deleted systems; a bad import lists its
// errors and the export, chosen as a file, imports without a change. Every page passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, logout, mainText, newPage, notice, submitAndWait, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Creates a record through a register's create form; its URL without the query.
async function createThroughForm(page, register, name, button, extra = async () => {}) {
  await visit(page, `/assets/${register}`);
  await page.locator('#asset-create-name').fill(name);
  await extra();
  await submitAndWait(page, button, new RegExp(`/assets/${register}/\\d+\\?notice=created$`));
  return page.url().replace(/\?.*$/, '');
}

test('the CISO edits the catalogue, records a requirement status and restores a system', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;

  // The catalogue, filtered.
  await visit(page, '/assets/requirements?aspect=confidentiality&level=2');
  await page.getByRole('heading', { level: 1, name: 'Skyddskrav' }).waitFor();
  const rows = page.locator('main table tbody tr');
  assert.ok(await rows.count() > 0, 'level 2 confidentiality requirements are shipped');
  for (const row of await rows.all()) {
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Konfidentialitet Betydande \(2\)/);
  }
  await checkAccessibility(page, '/assets/requirements filtered');

  // A new requirement; a blank Swedish text is shown at its field.
  await visit(page, '/assets/requirements');
  await page.locator('#requirement-create-code').fill(code);
  await page.locator('#requirement-create-area').fill('access_control');
  await page.locator('#requirement-create-aspect').selectOption('confidentiality');
  await page.locator('#requirement-create-min_level').selectOption('2');
  await page.locator('#requirement-create-text_sv').evaluate((e) => e.removeAttribute('required'));
  await page.locator('#requirement-create-text_en').fill('Test requirement from the browser.');
  await page.locator('#requirement-create-controls').fill('A.5.15, A.8.5');
  await page.getByRole('button', { name: 'Lägg till kravet' }).click();
  await page.locator('#requirement-create-text_sv[aria-invalid="true"]').waitFor();
  await checkAccessibility(page, 'catalogue with a failed create');
  await page.locator('#requirement-create-text_sv').fill('Testkrav från webbläsaren.');
  await submitAndWait(page, 'Lägg till kravet', /\/assets\/requirements\/\d+\?notice=created$/);
  const requirementUrl = page.url().replace(/\?.*$/, '');
  assert.match(await mainText(page), /Kontroller A\.5\.15, A\.8\.5/);
  await checkAccessibility(page, 'requirement detail');

  // Edited twice from two tabs: the second save meets the first side by side.
  const other = await page.context().newPage();
  await other.goto(requirementUrl);
  await page.locator('#requirement-edit-text_sv').fill('Ändrad i första fliken.');
  await submitAndWait(page, 'Spara', /\?notice=saved$/);
  assert.equal(await notice(page), 'Ändringarna har sparats.');
  await other.locator('#requirement-edit-text_en').fill('Changed in the second tab.');
  await other.getByRole('button', { name: 'Spara', exact: true }).click();
  await other.locator('.conflict-table').waitFor();
  assert.match((await other.locator('.conflict-table').innerText()).replace(/\s+/g, ' '),
    /Ändrad i första fliken\./);
  // Only the two changed texts differ: theirs in Swedish, yours in English.
  assert.equal(await other.locator('.conflict-table tbody tr').count(), 2);
  assert.equal(await other.locator('.conflict-table tbody tr', { hasText: 'Kontroller' }).count(), 0);
  await checkAccessibility(other, 'requirement edit conflict');
  await Promise.all([
    other.waitForURL(/\?notice=saved$/),
    other.getByRole('button', { name: 'Spara', exact: true }).click(),
  ]);
  const both = await mainText(other);
  assert.match(both, /Ändrad i första fliken\./);
  assert.match(both, /Changed in the second tab\./);
  await other.close();

  // A system whose information set is classified 2 on confidentiality triggers it.
  const objectName = unique('Kravobjekt');
  const systemName = unique('Kravsystem');
  const setName = unique('Kravmängd');
  await createThroughForm(page, 'objects', objectName, 'Lägg till objekt');
  const systemUrl = await createThroughForm(page, 'systems', systemName, 'Lägg till system',
    () => page.locator('#asset-create-object_id').selectOption({ label: objectName }));
  const setUrl = await createThroughForm(page, 'information-sets', setName,
    'Lägg till informationsmängd',
    () => page.locator('#asset-create-system_id').selectOption({ label: systemName }));
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const levels = { confidentiality: 2, integrity: 0, availability: 0, traceability: 0 };
  const classified = await page.request.put(
    `${setUrl.replace('/assets/', '/api/v1/')}/classification`,
    { headers: { 'X-CSRF-Token': csrf },
      data: { ...levels, motivations: Object.fromEntries(Object.keys(levels).map((a) => [a, 'Test'])) } });
  assert.equal(classified.status(), 200, await classified.text());

  // The status of the new requirement on the system page.
  await visit(page, systemUrl.replace(baseUrl, ''));
  const row = page.locator(`#req-row-${code}`);
  assert.match(await row.innerText(), /Ej bedömt/);
  assert.match(await mainText(page), /Gap: 0 av \d+ krav/);
  await row.locator('summary').click();
  await page.locator(`#req-${code}-status`).selectOption('not_applicable');
  await row.getByRole('button', { name: `Spara bedömningen för ${code}` }).click();
  await page.locator(`#req-${code}-motivation[aria-invalid="true"]`).waitFor();
  await checkAccessibility(page, 'system with a failed status');
  await page.locator(`#req-${code}-status`).selectOption('partly_met');
  await page.locator(`#req-${code}-how`).fill('Personliga konton, men delade konton finns kvar.');
  await Promise.all([
    page.waitForURL(/\?notice=status_saved/),
    page.locator(`#req-row-${code}`).getByRole('button', { name: `Spara bedömningen för ${code}` })
      .click(),
  ]);
  assert.equal(await notice(page), 'Bedömningen av kravet har sparats.');
  assert.match(await page.locator(`#req-row-${code}`).innerText(), /Delvis uppfyllt/);
  assert.match(await mainText(page), /Gap: 1 av \d+ krav/);
  await checkAccessibility(page, 'system with a recorded status');

  // The set's systems: the link is removed and given back.
  await visit(page, setUrl.replace(baseUrl, ''));
  const box = page.getByRole('group', { name: objectName }).getByLabel(systemName);
  assert.ok(await box.isChecked());
  await box.uncheck();
  await submitAndWait(page, 'Spara kopplingarna', /\?notice=links_saved/);
  assert.ok(!(await page.getByRole('group', { name: objectName }).getByLabel(systemName).isChecked()));
  assert.match(await mainText(page), /Säkerhetsklass Betydande \(2\)/);
  await checkAccessibility(page, 'information set with its links form');
  await page.getByRole('group', { name: objectName }).getByLabel(systemName).check();
  await submitAndWait(page, 'Spara kopplingarna', /\?notice=links_saved/);
  assert.ok(await page.getByRole('group', { name: objectName }).getByLabel(systemName).isChecked());

  // The system is deleted and restored from the register of deleted systems.
  await visit(page, systemUrl.replace(baseUrl, ''));
  await submitAndWait(page, 'Ta bort', /\/assets\/systems\?notice=deleted$/);
  assert.equal(await notice(page), 'Posten har tagits bort.');
  await page.getByRole('link', { name: 'Borttagna' }).click();
  await page.waitForURL(`${baseUrl}/assets/systems/deleted`);
  const deletedRow = page.getByRole('row', { name: new RegExp(systemName) });
  assert.match(await deletedRow.innerText(), new RegExp(objectName));
  await checkAccessibility(page, '/assets/systems/deleted');
  await Promise.all([
    page.waitForURL(new RegExp(`${systemUrl}\\?notice=restored$`)),
    deletedRow.getByRole('button', { name: /Återställ/ }).click(),
  ]);
  assert.match(await page.locator(`#req-row-${code}`).innerText(), /Delvis uppfyllt/);
  await page.getByRole('heading', { name: 'Historik' }).waitFor();
  assert.match(await page.locator('section[aria-labelledby=history-heading]').innerText(),
    /Återställ/);
  await checkAccessibility(page, 'restored system with its history');
  await visit(page, '/assets/systems/deleted');
  assert.equal(await page.getByRole('row', { name: new RegExp(systemName) }).count(), 0);
  for (const register of ['objects', 'information-sets']) {
    await visit(page, `/assets/${register}/deleted`);
    await checkAccessibility(page, `/assets/${register}/deleted`);
  }
  await visit(page, setUrl.replace(baseUrl, ''));
  assert.ok(await page.getByRole('group', { name: objectName }).getByLabel(systemName).isChecked());

  // A bad import lists its errors and changes nothing.
  await visit(page, '/assets/requirements');
  await page.locator('#requirement-import-catalogue').fill(JSON.stringify({
    version: 1,
    requirements: [{ id: code, area: 'x', aspect: 'secrecy', min_level: 9, text: { sv: 'a', en: 'b' } }],
  }));
  await page.getByRole('button', { name: 'Läs in' }).click();
  await page.locator('#requirement-import .error-summary li').first().waitFor();
  assert.equal(await page.locator('#requirement-import .error-summary li').count(), 2);
  await checkAccessibility(page, 'catalogue with a refused import');
  await visit(page, requirementUrl.replace(baseUrl, ''));
  assert.match(await mainText(page), /Från nivå Betydande \(2\)/);

  // The export, chosen as a file, imports without changing anything.
  const exported = await page.request.get(`${baseUrl}/api/v1/requirements/export`);
  assert.equal(exported.status(), 200);
  const total = (await exported.json()).requirements.length;
  await visit(page, '/assets/requirements');
  await page.locator('#requirement-import-file').setInputFiles({
    name: 'requirements.json', mimeType: 'application/json', buffer: await exported.body() });
  await page.waitForFunction(
    () => document.getElementById('requirement-import-catalogue').value.length > 0);
  await page.getByRole('button', { name: 'Läs in' }).click();
  await page.getByText(`Inläst: 0 nya, 0 ändrade, ${total} oförändrade krav.`).waitFor();
  await checkAccessibility(page, 'catalogue after an import');

  await logout(page);
  await page.context().close();
});
