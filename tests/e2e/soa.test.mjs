// The CISO's statement of applicability through the pages: choose the organisation and the
// framework, assess a few controls (a missing justification is shown first), upload an
// evidence file, see the gap view change, and issue a version that later edits leave alone.
// Every page state on the way passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  checkAccessibility, launch, login, newPage, notice, submit, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The text of the gap table's row for `theme`.
async function gapRow(page, theme) {
  return page.locator('#soa-gap tbody tr').filter({ hasText: theme }).first().textContent();
}

async function assess(page, ref, { applicable, justification, status }) {
  await page.locator(`#soa-theme-organisational a`, { hasText: new RegExp(`^${ref.replace('.', '\\.')}$`) }).click();
  await page.waitForLoadState();
  const form = page.locator('form#soa-entry-form');
  await form.getByLabel('Tillämplig').selectOption({ label: applicable });
  await form.getByLabel('Motivering').fill(justification);
  await form.getByLabel('Status').selectOption({ label: status });
  const response = await submit(page, form.getByRole('button', { name: 'Spara' }));
  assert.equal(response.status(), 303);
  assert.equal(await notice(page), 'Bedömningen har sparats.');
  await page.getByRole('link', { name: 'Tillbaka till tillämplighetsförklaringen' }).click();
  await page.waitForLoadState();
}

test('ciso: assess controls, add evidence, see the gap view, issue a version', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');

  // --- Choose the organisation and the framework from the navigation.
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Tillämplighet' }).click();
  await page.waitForLoadState();
  await checkAccessibility(page, '/soa');
  const choose = page.locator('form#soa-choose');
  await choose.getByLabel('Organisation').selectOption({ label: 'Norrviks kommun' });
  await choose.getByLabel('Ramverk').selectOption({ label: 'ISO/IEC 27001:2022 bilaga A' });
  await choose.getByRole('button', { name: 'Visa' }).click();
  await page.waitForURL(/\/org-units\/\d+\/soa\?framework_id=\d+$/);
  const soaUrl = new URL(page.url());
  await checkAccessibility(page, '/org-units/{id}/soa');
  const before = await gapRow(page, 'Organisatoriska åtgärder');

  // --- A decision without a justification is refused at its field.
  await page.locator('#soa-theme-organisational a', { hasText: /^5\.1$/ }).click();
  await page.waitForLoadState();
  await checkAccessibility(page, 'entry 5.1');
  let form = page.locator('form#soa-entry-form');
  await form.getByLabel('Tillämplig').selectOption({ label: 'Ja' });
  let response = await submit(page, form.getByRole('button', { name: 'Spara' }));
  assert.equal(response.status(), 400);
  await page.getByRole('alert').getByRole('link').waitFor();
  await checkAccessibility(page, 'entry 5.1 with an error');
  await visit(page, soaUrl.pathname + soaUrl.search);

  await assess(page, '5.1', { applicable: 'Ja', justification: 'Styrande dokument krävs enligt riskanalysen.', status: 'Införd' });
  await assess(page, '5.2', { applicable: 'Ja', justification: 'Roller behöver fördelas.', status: 'Delvis införd' });
  await assess(page, '5.7', { applicable: 'Nej', justification: 'Hotinformation köps av regionen.', status: 'Ej påbörjad' });
  const afterAssessing = await gapRow(page, 'Organisatoriska åtgärder');
  assert.notEqual(afterAssessing, before, 'the gap view changed');
  assert.match(afterAssessing, /50 %/, 'one of two applicable controls is implemented');

  // --- Upload an evidence file to 5.1; it is listed with its name.
  await page.locator('#soa-theme-organisational a', { hasText: /^5\.1$/ }).click();
  await page.waitForLoadState();
  const upload = page.locator('form#soa-upload-form');
  await upload.getByLabel('Fil').setInputFiles({
    name: 'Informationssäkerhetspolicy.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% policy\n%%EOF\n'),
  });
  response = await submit(page, upload.getByRole('button', { name: 'Ladda upp' }));
  assert.equal(response.status(), 303);
  assert.equal(await notice(page), 'Beviset har lagts till.');
  await page.locator('#soa-evidence').getByText('Informationssäkerhetspolicy.pdf').first().waitFor();
  await checkAccessibility(page, 'entry 5.1 with evidence');

  // --- Issue a version.
  await visit(page, soaUrl.pathname + '/versions' + soaUrl.search);
  await checkAccessibility(page, 'versions');
  const issue = page.locator('form#soa-issue-form');
  await issue.getByLabel('Anteckning').fill('Fastställd av ledningsgruppen');
  response = await submit(page, issue.getByRole('button', { name: 'Utfärda version' }));
  assert.equal(response.status(), 303);
  assert.equal(await notice(page), 'Versionen har utfärdats.');
  const versionUrl = page.url().replace(/&notice=.*$/, '');
  await checkAccessibility(page, 'issued version');
  const frozen = await gapRow(page, 'Organisatoriska åtgärder');

  // --- A later change shows in the SoA but not in the issued version.
  await visit(page, soaUrl.pathname + soaUrl.search);
  await assess(page, '5.2', { applicable: 'Ja', justification: 'Roller behöver fördelas.', status: 'Införd' });
  assert.match(await gapRow(page, 'Organisatoriska åtgärder'), /100 %/);
  await page.goto(versionUrl);
  assert.equal(await gapRow(page, 'Organisatoriska åtgärder'), frozen);
});
