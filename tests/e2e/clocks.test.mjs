// The regulatory clocks: an employee's report is marked a personal data breach, its 72-hour
// clock shows on the DPO's start page, and IT security records the notification to IMY on
// the clock page, first forgetting the case number. Every page passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  apiSession, checkAccessibility, launch, login, mainText, newPage, submit, unique,
  visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const hoursAgo = (h) => new Date(Date.now() - h * 3600 * 1000).toISOString();

test('a breach clock shows on the start page and its notification is recorded', async () => {
  const title = unique('Klocktest: lista med personnummer på fel server');
  const employee = await apiSession('medarbetare');
  const units = await (await apiSession('ciso'))('GET', '/org-units?limit=500');
  const sof = units.items.find((u) => u.name === 'Socialförvaltningen').id;
  const reported = await employee('POST', '/incidents', {
    title, description: 'Hittad av en kollega.', occurred_at: hoursAgo(6),
    discovered_at: hoursAgo(5), org_unit_id: sof, personal_data: true,
  });
  const ciso = await apiSession('ciso');
  const incident = await ciso('GET', `/incidents/${reported.id}`);
  await ciso('PATCH', `/incidents/${reported.id}`,
    { version: incident.version, personal_data_breach: true });

  const page = await newPage(browser);
  await login(page, 'dso');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Löpande rapporteringsfrister' }) });
  const row = section.getByRole('row', { name: new RegExp(title) });
  await row.waitFor();
  assert.match(await row.innerText(), /Anmälan till IMY/);
  assert.match(await row.innerText(), /2 dygn 1[89] h kvar/);
  await checkAccessibility(page, 'start page with clocks');
  await page.context().close();

  const handler = await newPage(browser);
  await login(handler, 'itsak');
  await visit(handler, `/incidents/${reported.id}/reports`);
  await checkAccessibility(handler, 'clock page');
  const form = handler.locator('#clock-report-gdpr_art33');
  await form.getByLabel('Myndighetens ärendenummer').fill('IMY-2026-4711');
  await form.getByLabel(/När rapporten gjordes/).fill('2030-01-01T10:00');
  const refused = await submit(handler, form.getByRole('button', { name: /Registrera rapporten/ }));
  assert.equal(refused.status(), 400);
  assert.match(await mainText(handler), /framtiden/);
  await checkAccessibility(handler, 'clock page after a refused report');
  const again = handler.locator('#clock-report-gdpr_art33');
  assert.equal(await again.getByLabel('Myndighetens ärendenummer').inputValue(), 'IMY-2026-4711');
  await again.getByLabel(/När rapporten gjordes/).fill('');
  await submit(handler, again.getByRole('button', { name: /Registrera rapporten/ }));
  const reports = await ciso('GET', `/incidents/${reported.id}/reports`);
  const clock = reports.deadlines.find((d) => d.kind === 'gdpr_art33');
  assert.equal(clock.state, 'done');
  assert.equal(clock.report.reference, 'IMY-2026-4711');
  await visit(handler, `/incidents/${reported.id}/reports`);
  assert.match(await mainText(handler), /IMY-2026-4711/);
  await checkAccessibility(handler, 'clock page with the report made');
  await handler.context().close();
});
