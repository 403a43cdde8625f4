// The incident journey on the demo data (issue 6): an employee reports an incident from the
// header button in under a minute, by keyboard; the report shows under "Mina rapporter"; a
// user without incident rights gets 404 on it; the CISO opens it from the incident list,
// triages it (category, severity, aspects) and marks a personal data breach; the GDPR article 33
// clock to IMY appears on the incident and on the CISO's start page, and once the notification
// is recorded it shows done. axe-core finds nothing on any page visited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  checkAccessibility, launch, login, logout, mainText, newPage, notice, submit, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Fills the report form by keyboard: focus moves with Tab where the order is plain, each
// field is typed or chosen with the arrow keys, Enter in the last text field sends it.
async function reportByKeyboard(page, title) {
  await page.locator('#incident-report-title').focus();
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'incident-report-description');
  await page.keyboard.type('Ett mejl med elevuppgifter skickades till fel mottagare.');
  // When: Swedish time, as datetime-local holds it.
  assert.match(await page.locator('#incident-report-occurred_at').inputValue(),
    /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  // Personal data: Ja (the first answer after "Välj …").
  await page.locator('#incident-report-personal_data').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#incident-report-personal_data').inputValue(), 'yes');
  await page.locator('#incident-report-ongoing').focus();
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#incident-report-ongoing').isChecked());
  await page.locator('#incident-report-reporter_contact').focus();
  await page.keyboard.press('End');
  await page.keyboard.type(', 070-123 45 67');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.waitForURL(/\/incidents\/\d+\/receipt$/),
    page.keyboard.press('Enter'),
  ]);
  return response;
}

test('an employee reports, the CISO triages a personal data breach and records the IMY notification', async () => {
  const title = unique('Mejl till fel mottagare');
  const page = await newPage(browser);

  // The employee reports from the header button.
  await login(page, 'medarbetare');
  await page.getByRole('link', { name: 'Rapportera incident' }).click();
  await page.waitForURL(/\/incidents\/new$/);
  await checkAccessibility(page, '/incidents/new');
  // The own unit is chosen already.
  assert.match(await page.locator('#incident-report-org_unit_id option:checked').innerText(),
    /Socialförvaltningen$/);
  // Sent first with the discovery before the occurrence: the error stands at the field, the
  // input is kept.
  await page.locator('#incident-report-title').fill(title);
  const now = await page.locator('#incident-report-occurred_at').inputValue();
  await page.locator('#incident-report-discovered_at').fill('2026-01-01T10:00');
  await page.locator('#incident-report-personal_data').selectOption('no');
  let response = await submit(page, page.getByRole('button', { name: 'Skicka rapporten' }));
  assert.equal(response.status(), 400);
  assert.equal(await page.locator('#incident-report-discovered_at').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#incident-report-title').inputValue(), title);
  assert.equal(await page.locator('#incident-report-personal_data').inputValue(), 'no');
  await checkAccessibility(page, 'the report form with an error');
  await page.locator('#incident-report-title').fill('');
  await page.locator('#incident-report-discovered_at').fill(now);
  await page.locator('#incident-report-personal_data').selectOption('');
  response = await reportByKeyboard(page, title);
  assert.equal(response.status(), 303);
  assert.match(page.url(), /\/incidents\/\d+\/receipt$/);
  const id = page.url().match(/\/incidents\/(\d+)\/receipt$/)[1];
  assert.match(await mainText(page), new RegExp(`incident nummer ${id}`));
  await checkAccessibility(page, 'the receipt');

  // "Mina rapporter" from the header: the report with its status.
  await page.getByRole('link', { name: 'Mina rapporter' }).first().click();
  await page.waitForURL(/\/incidents\/mine$/);
  const row = page.locator('main table tbody tr', { hasText: title });
  assert.match(await row.innerText(), /Ny/);
  await checkAccessibility(page, '/incidents/mine');
  await row.getByRole('link', { name: title }).click();
  await page.waitForURL(new RegExp(`/incidents/${id}$`));
  assert.match(await mainText(page), /Det här är din rapport/);
  assert.equal(await page.locator('#incident-triage').count(), 0, 'no handling for the reporter');
  await checkAccessibility(page, 'the reporter summary');
  await logout(page);

  // A user without incident rights does not see it.
  await login(page, 'kontakt.sof');
  await visit(page, `/incidents/${id}`, 404);
  assert.ok(!(await mainText(page)).includes(title));
  await checkAccessibility(page, 'the 404 page');
  await visit(page, '/incidents/mine');
  assert.equal(await page.getByRole('link', { name: title }).count(), 0);
  await logout(page);

  // The CISO finds it in the incident list and triages it.
  await login(page, 'ciso');
  await page.getByRole('link', { name: 'Incidenter', exact: true }).click();
  await page.waitForURL(/\/incidents$/);
  await checkAccessibility(page, '/incidents');
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(new RegExp(`/incidents/${id}$`));
  await checkAccessibility(page, 'the incident as the CISO sees it');
  assert.match(await mainText(page), /Inga frister löper/);

  await page.locator('#incident-triage-status').selectOption('investigating');
  await page.locator('#incident-triage-severity').selectOption('3');
  const category = page.locator('#incident-triage-category option', { hasText: /^Informationens säkerhet: / });
  await page.locator('#incident-triage-category').selectOption(await category.first().getAttribute('value'));
  await page.locator('#incident-triage-aspect_K').check();
  await page.locator('#incident-triage-personal_data_breach').check();
  await page.locator('#incident-triage-breach_subjects').fill('Elever, cirka 30');
  response = await submit(page, page.getByRole('button', { name: 'Spara bedömningen' }));
  assert.equal(response.status(), 303);
  assert.match(await notice(page), /Ändringarna har sparats/);
  const text = await mainText(page);
  assert.match(text, /Status Utreds/);
  assert.match(text, /Allvarlighetsgrad 3 – Hög/);
  assert.match(text, /Påverkade aspekter Konfidentialitet \(K\)/);
  assert.match(text, /Personuppgiftsincident \(GDPR\) Ja/);
  // The GDPR clock runs: due 72 hours after awareness, in Swedish time.
  const clocks = page.locator('section[aria-labelledby="incident-clocks-heading"]');
  let clock = clocks.locator('tr', { hasText: 'Anmälan till IMY' });
  assert.match(await clock.innerText(), /Löper/);
  assert.match(await clock.innerText(), /\d{4}-\d\d-\d\d \d\d:\d\d/);
  // The status change is in the timeline.
  assert.match(await page.locator('.timeline').innerText(), /Statusändring/);
  await checkAccessibility(page, 'the triaged incident');

  // A note on the timeline, by keyboard.
  await page.locator('#incident-timeline-body').focus();
  await page.keyboard.type('Mottagaren har ombetts radera mejlet.');
  response = await submit(page, page.getByRole('button', { name: 'Lägg till', exact: true }));
  assert.equal(response.status(), 303);
  assert.match(await page.locator('.timeline').innerText(), /Mottagaren har ombetts radera mejlet\./);

  // The clock is on the CISO's start page, with the time left.
  await page.getByRole('link', { name: 'Start', exact: true }).click();
  await page.waitForURL(/\/$/);
  const running = page.locator('section[aria-labelledby="clocks-heading"] tr', { hasText: title });
  assert.match(await running.innerText(), /Anmälan till IMY/);
  assert.match(await running.innerText(), /kvar/);
  await checkAccessibility(page, 'the start page with the running clock');

  // The notification to IMY is recorded on the incident; the clock shows done.
  await running.getByRole('link', { name: title }).click();
  await page.waitForURL(new RegExp(`/incidents/${id}$`));
  await page.locator('#clock-report-gdpr_art33-reference').fill('IMY-2026-1234');
  response = await submit(page, page.getByRole('button', { name: /^Registrera rapporten/ }));
  assert.equal(response.status(), 303);
  clock = page.locator('section[aria-labelledby="incident-clocks-heading"] tr', { hasText: 'Anmälan till IMY' });
  assert.match(await clock.innerText(), /Gjord/);
  assert.match(await clock.innerText(), /IMY-2026-1234/);
  await checkAccessibility(page, 'the incident with the notification recorded');

  await page.getByRole('link', { name: 'Visa ändringshistoriken' }).click();
  await page.waitForURL(new RegExp(`/incidents/${id}/history$`));
  await checkAccessibility(page, 'the incident history');
});
