// Information assets: the CISO creates an object, a system and an information set, classifies
// the set through the questionnaire, sees the class (with its reason) reach the system and the
// object, and approves it; the pages pass axe. An employee reads the register without forms.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, logout, mainText, newPage, notice, submitAndWait, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the CISO classifies an information set through the questionnaire', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');
  const objectName = unique('Objekt');
  const systemName = unique('System');
  const setName = unique('Elevakter');

  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Informationstillgångar' }).click();
  await page.waitForURL(`${baseUrl}/assets`);
  await page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
  await checkAccessibility(page, '/assets');

  // An object.
  await visit(page, '/assets/objects');
  await page.locator('#asset-create-name').fill(objectName);
  await submitAndWait(page, 'Lägg till objekt', /\/assets\/objects\/\d+\?notice=created$/);
  assert.equal(await notice(page), 'Posten har lagts till.');
  assert.match(await mainText(page), /Säkerhetsklass Oklassad/);

  // A system of the object.
  await visit(page, '/assets/systems');
  await page.locator('#asset-create-name').fill(systemName);
  await page.locator('#asset-create-object_id').selectOption({ label: objectName });
  await page.locator('#asset-create-lifecycle').selectOption('in_use');
  await checkAccessibility(page, '/assets/systems');
  await submitAndWait(page, 'Lägg till system', /\/assets\/systems\/\d+\?notice=created$/);
  const systemUrl = page.url().replace(/\?.*$/, '');

  // An information set processed by the system; a missing name is shown at the field.
  await visit(page, '/assets/information-sets');
  await page.locator('#asset-create-name').fill(' ');
  await page.getByRole('button', { name: 'Lägg till informationsmängd' }).click();
  await page.locator('#asset-create-name[aria-invalid="true"]').waitFor();
  await page.locator('#asset-create-name').fill(setName);
  await page.locator('#asset-create-system_id').selectOption({ label: systemName });
  await submitAndWait(page, 'Lägg till informationsmängd',
    /\/assets\/information-sets\/\d+\?notice=created$/);
  const setUrl = page.url().replace(/\?.*$/, '');
  assert.match(await mainText(page), new RegExp(systemName));
  await checkAccessibility(page, 'information set (unclassified)');

  // The questionnaire: everything "none" except one confidentiality question at level 3.
  await page.getByRole('link', { name: 'Klassa med frågeformuläret' }).click();
  await page.waitForURL(`${setUrl}/classify`);
  await checkAccessibility(page, 'questionnaire');
  for (const radio of await page.locator('input[type=radio][value="0"]').all()) await radio.check();
  await page.locator('#q-K2-3').check();
  await page.getByRole('button', { name: 'Visa föreslagna nivåer' }).click();
  await page.locator('[data-proposal=confidentiality]').waitFor();
  assert.equal(await page.locator('[data-proposal=confidentiality]').textContent(), 'Allvarlig (3)');
  assert.equal(await page.locator('[data-proposal=integrity]').textContent(),
    'Ingen eller försumbar (0)');
  assert.equal(await page.locator('#level_confidentiality').inputValue(), '3');
  assert.ok(await page.locator('#q-K2-3').isChecked(), 'the answers are kept');
  await checkAccessibility(page, 'questionnaire with proposals');

  // A motivation is required for every aspect.
  await page.locator('#motivation_confidentiality').fill('Uppgifter om elever kan skada dem.');
  await page.locator('#motivation_integrity').fill('Ingen påverkan.');
  await page.locator('#motivation_availability').fill('Ingen påverkan.');
  await page.locator('#motivation_traceability').evaluate((e) => e.removeAttribute('required'));
  await page.getByRole('button', { name: 'Spara klassningen' }).click();
  await page.locator('#motivation_traceability[aria-invalid="true"]').waitFor();
  await page.locator('#motivation_traceability').fill('Ingen påverkan.');
  await submitAndWait(page, 'Spara klassningen', /\/assets\/information-sets\/\d+\?notice=classified$/);
  let text = await mainText(page);
  assert.match(text, new RegExp(
    `Allvarlig \\(3\\) – informationsmängden ${setName} har nivå 3 för konfidentialitet`));
  assert.match(text, /Status Utkast/);
  assert.match(text, /Uppgifter om elever kan skada dem\./);

  // The class reaches the system, with its reason and the requirements it triggers …
  await visit(page, systemUrl.replace(baseUrl, ''));
  text = await mainText(page);
  assert.match(text, new RegExp(
    `Allvarlig \\(3\\) – informationsmängden ${setName} har nivå 3 för konfidentialitet`));
  await page.getByRole('heading', { name: 'Skyddskrav som klassningen utlöser' }).waitFor();
  assert.ok(await page.locator('section[aria-labelledby=requirements-heading] tbody tr').count() > 0,
    'the classification triggers requirements');
  await checkAccessibility(page, 'system detail');
  // The same in English: the reason and the requirement texts in the page language.
  await visit(page, `${systemUrl.replace(baseUrl, '')}?lang=en`);
  assert.match(await mainText(page), new RegExp(
    `Serious \\(3\\) – information set ${setName} is at level 3 for confidentiality`));
  await page.getByRole('heading', { name: 'Protection requirements triggered by the classification' })
    .waitFor();
  await visit(page, `${systemUrl.replace(baseUrl, '')}?lang=sv`);

  // … and the object.
  await page.getByRole('link', { name: objectName }).first().click();
  await page.waitForURL(/\/assets\/objects\/\d+$/);
  assert.match(await mainText(page), new RegExp(`Allvarlig \\(3\\) – systemet ${systemName
  } behandlar informationsmängden ${setName}, som har nivå 3 för konfidentialitet`));
  await checkAccessibility(page, 'object detail');

  // Approval.
  await visit(page, setUrl.replace(baseUrl, ''));
  await submitAndWait(page, 'Godkänn klassningen', /\?notice=approved$/);
  assert.equal(await notice(page), 'Klassningen har godkänts.');
  assert.match(await mainText(page), /Status Godkänd/);
  assert.equal(await page.getByRole('button', { name: 'Godkänn klassningen' }).count(), 0);

  // The register filters by class.
  await visit(page, `/assets/information-sets?q=${encodeURIComponent(setName)}&security_class=3`);
  assert.match(await page.getByRole('row', { name: new RegExp(setName) }).textContent(),
    new RegExp(`Allvarlig \\(3\\) – informationsmängden ${setName} har nivå 3 för konfidentialitet`));
  await checkAccessibility(page, '/assets/information-sets filtered');
  await visit(page, `/assets/objects?q=${encodeURIComponent(objectName)}`);
  assert.match(await page.getByRole('row', { name: new RegExp(objectName) }).textContent(),
    new RegExp(`Allvarlig \\(3\\) – systemet ${systemName}`));
  await visit(page, `/assets/information-sets?q=${encodeURIComponent(setName)}&unclassified=true`);
  assert.equal(await page.getByRole('row', { name: new RegExp(setName) }).count(), 0);

  // The edit form on the detail page.
  await visit(page, `/assets/objects?q=${encodeURIComponent(objectName)}`);
  await page.getByRole('link', { name: objectName }).click();
  await page.waitForURL(/\/assets\/objects\/\d+$/);
  await page.locator('#asset-edit-description').fill('Elevhantering');
  await submitAndWait(page, 'Spara', /\/assets\/objects\/\d+\?notice=saved$/);
  assert.equal(await notice(page), 'Ändringarna har sparats.');
  assert.match(await mainText(page), /Beskrivning Elevhantering/);

  await logout(page);
  await page.context().close();
});

test('an employee reads the asset register without forms', async () => {
  const page = await newPage(browser);
  await login(page, 'medarbetare');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Informationstillgångar' }).click();
  await page.waitForURL(`${baseUrl}/assets`);
  for (const path of ['/assets', '/assets/systems', '/assets/information-sets']) {
    await visit(page, path);
    assert.equal(await page.locator('main form[method=post]').count(), 0, `${path}: no forms`);
  }
  await checkAccessibility(page, '/assets/information-sets (employee)');
  await logout(page);
  await page.context().close();
});
