// The control framework library: everyone opens the list and a framework (controls grouped by
// theme, filtered), follows a requirement's linked control to its row, and the CISO's import
// page lists every error of a bad file and imports a good one. Every page passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, mainText, newPage, submit, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an employee reads the library, a framework and a requirement\'s linked control', async () => {
  const page = await newPage(browser);
  await login(page, 'medarbetare');
  // The nav leads to the library.
  await Promise.all([
    page.waitForURL(`${baseUrl}/frameworks`),
    page.getByRole('navigation', { name: /Huvudmeny|Main/ }).getByRole('link', { name: 'Ramverk' }).click(),
  ]);
  await page.getByRole('heading', { level: 1, name: 'Ramverk för säkerhetsåtgärder' }).waitFor();
  const rows = page.locator('#framework-list tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await mainText(page), /ISO\/IEC 27001:2022 bilaga A iso27001-2022 93/);
  await checkAccessibility(page, '/frameworks');

  // ISO 27001: four themes, each a heading and a table; 5.2 before 5.10.
  await Promise.all([
    page.waitForURL(/\/frameworks\/\d+$/),
    page.getByRole('link', { name: 'ISO/IEC 27001:2022 bilaga A' }).click(),
  ]);
  const frameworkUrl = page.url();
  for (const theme of ['Organisatoriska åtgärder', 'Personrelaterade åtgärder', 'Fysiska åtgärder', 'Tekniska åtgärder'])
    await page.getByRole('heading', { level: 2, name: theme }).waitFor();
  assert.equal(await page.locator('main table').count(), 4);
  const refs = await page.locator('main table').first().locator('tbody th[scope=row]').allInnerTexts();
  assert.equal(refs.length, 37);
  assert.ok(refs.indexOf('5.2') < refs.indexOf('5.10'), '5.2 before 5.10');
  assert.match(await page.locator('#control-5\\.16').innerText(), /ACC-01/);
  await checkAccessibility(page, 'ISO 27001 framework');

  // Filtered by keyboard: the search field, then Enter.
  await page.getByLabel('Sökord (beteckning eller rubrik)').fill('kryptering');
  await Promise.all([page.waitForURL(/q=kryptering/), page.keyboard.press('Enter')]);
  assert.deepEqual(await page.locator('main tbody th[scope=row]').allInnerTexts(), ['8.24']);
  await checkAccessibility(page, 'framework filtered');

  // A requirement links to its controls; the link lands on the control's row.
  await visit(page, '/assets/requirements');
  await Promise.all([
    page.waitForURL(/\/assets\/requirements\/\d+$/),
    page.getByRole('link', { name: 'ACC-01', exact: true }).click(),
  ]);
  const link = page.locator('#control-links a').first();
  assert.match(await link.innerText(), /^5\.16 /);
  await checkAccessibility(page, 'requirement with linked controls');
  await Promise.all([page.waitForURL(/#control-5\.16$/), link.click()]);
  assert.equal(page.url().replace(/#.*$/, ''), frameworkUrl);
  await page.locator('#control-5\\.16').waitFor();
  await checkAccessibility(page, 'framework at a control');
});

test('the CISO imports a framework and sees every error of a bad file', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');
  await visit(page, '/frameworks');
  await Promise.all([
    page.waitForURL(`${baseUrl}/frameworks/import`),
    page.getByRole('link', { name: 'Läs in ett ramverk från fil' }).click(),
  ]);
  await checkAccessibility(page, 'framework import');
  const ref = `e2e-${Date.now().toString(36)}`;
  const doc = {
    format: 1, ref, data_version: 1,
    name: { sv: 'Testramverk', en: 'Test framework' },
    themes: [{ code: 'a', name: { sv: 'Tema A', en: 'Theme A' } }],
    controls: [
      { ref: '1', theme: 'a', title: { sv: 'Första', en: 'First' } },
      { ref: '2', theme: 'b', title: { sv: 'Andra' } },
    ],
  };
  const upload = async (content) => {
    await page.locator('#framework-import-file').setInputFiles(
      { name: 'framework.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
    return submit(page, page.getByRole('button', { name: 'Läs in', exact: true }));
  };
  let response = await upload(doc);
  assert.equal(response.status(), 400);
  const errors = await page.locator('#import-errors tbody tr').allInnerTexts();
  assert.equal(errors.length, 2);
  assert.match(errors[0], /controls\[1\]\.theme/);
  assert.match(errors[1], /controls\[1\]\.title\.en/);
  await checkAccessibility(page, 'framework import with errors');

  doc.controls[1] = { ref: '2', theme: 'a', title: { sv: 'Andra', en: 'Second' } };
  response = await upload(doc);
  assert.equal(response.status(), 200);
  assert.match(await page.locator('#import-result').innerText(), /2 nya/);
  await checkAccessibility(page, 'framework imported');
  await Promise.all([
    page.waitForURL(/\/frameworks\/\d+$/),
    page.getByRole('link', { name: 'Öppna ramverket' }).click(),
  ]);
  await page.getByRole('heading', { level: 1, name: 'Testramverk' }).waitFor();
  assert.deepEqual(await page.locator('main tbody th[scope=row]').allInnerTexts(), ['1', '2']);
});

test('the employee gets no import page', async () => {
  const page = await newPage(browser);
  await login(page, 'medarbetare');
  await visit(page, '/frameworks/import', 403);
  await visit(page, '/frameworks');
  assert.equal(await page.getByRole('link', { name: 'Läs in ett ramverk från fil' }).count(), 0);
});
