// Learning from an incident: the employee reports one (through the API); the CISO writes the
// closing review, is stopped when the text names a person, saves it without, makes an action
// of what to improve in one click, and reads the statistics; axe-core finds nothing on any
// page, also the one showing the error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'playwright-core';
import {
  account, baseUrl, checkAccessibility, launch, login, mainText, newPage, notice, submit, unique,
  visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// An incident of Socialförvaltningen reported by the employee; its id.
async function reportIncident(title) {
  const api = await request.newContext({ baseURL: baseUrl });
  const session = await api.post('/api/v1/session',
    { data: { username: 'medarbetare', password: account('medarbetare').password } });
  assert.equal(session.status(), 200);
  const headers = { 'X-CSRF-Token': (await session.json()).csrf_token };
  const units = await (await api.get('/api/v1/org-units?limit=500')).json();
  const sof = units.items.find((u) => u.name === 'Socialförvaltningen').id;
  const at = new Date(Date.now() - 3600 * 1000).toISOString();
  const r = await api.post('/api/v1/incidents', {
    headers,
    data: {
      title, description: 'Ett brev med personuppgifter skickades till fel adress.',
      occurred_at: at, discovered_at: at, org_unit_id: sof, personal_data: true,
    },
  });
  assert.equal(r.status(), 201, await r.text());
  const id = (await r.json()).id;
  await api.dispose();
  return id;
}

test('the CISO reviews an incident without blame, makes an action of it and reads the statistics', async () => {
  const id = await reportIncident(unique('Felskickat brev'));
  const page = await newPage(browser);
  await login(page, 'ciso');
  await visit(page, `/incidents/${id}/review`);
  await checkAccessibility(page, 'the review page');

  // A text naming a person is refused, the field named and the input kept.
  await page.getByLabel('Orsak').fill('Fatima Ali skrev fel adress.');
  await page.getByLabel('Vad som ska förbättras').fill('Adresskontroll före utskick.');
  let response = await submit(page, page.getByRole('button', { name: 'Spara genomgången' }));
  assert.equal(response.status(), 400);
  assert.match(await mainText(page), /Fältet cause nämner Fatima Ali/);
  assert.equal(await page.getByLabel('Orsak').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Vad som ska förbättras').inputValue(), 'Adresskontroll före utskick.');
  await checkAccessibility(page, 'the review page with an error');

  await page.getByLabel('Orsak').fill('Adressregistret var inaktuellt.');
  await page.getByLabel('Vad som fungerade').fill('Mottagaren hörde av sig samma dag.');
  response = await submit(page, page.getByRole('button', { name: 'Spara genomgången' }));
  assert.equal(response.status(), 303);
  assert.equal(await notice(page), 'Genomgången har sparats.');

  response = await submit(page, page.getByRole('button', { name: 'Skapa åtgärd' }));
  assert.equal(response.status(), 303);
  assert.match(page.url(), /\/actions\/\d+\?notice=action_created$/);
  assert.match(await mainText(page), new RegExp(`Incident ${id}`));
  await visit(page, `/incidents/${id}/review`);
  assert.match(await mainText(page), new RegExp(`Förbättring efter incident ${id}`));
  await checkAccessibility(page, 'the review page with its action');

  await page.getByRole('link', { name: 'Incidentstatistik', exact: true }).click();
  await page.waitForURL(/\/incidents\/statistics$/);
  await checkAccessibility(page, 'the statistics page');
  const thisMonth = new Date().toISOString().slice(0, 7);
  const row = page.locator('#stats-months tr', { hasText: thisMonth });
  assert.ok(Number((await row.locator('td').innerText()).trim()) >= 1, 'this month counts the report');
});
