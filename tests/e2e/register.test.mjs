// The registers: the CISO filters the information sets (the form keeps its values), sorts by
// security class with the column headers (aria-sort), pages with the filter kept, and opens
// the overview per unit, whose numbers lead to the filtered register. Every page passes axe,
// and the filter form works from the keyboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'playwright-core';
import {
  account, baseUrl, checkAccessibility, launch, login, newPage, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const motivations = {
  confidentiality: 'Test', integrity: 'Test', availability: 'Test', traceability: 'Test',
};

// Three information sets at Socialförvaltningen sharing the word `tag`: one of class 4
// (approved), one of class 1 (draft), one unclassified; made through the API as the CISO.
async function makeSets(tag) {
  const api = await request.newContext({ baseURL: baseUrl });
  const session = await api.post('/api/v1/session',
    { data: { username: 'ciso', password: account('ciso').password } });
  assert.equal(session.status(), 200);
  const headers = { 'X-CSRF-Token': (await session.json()).csrf_token };
  const units = await (await api.get('/api/v1/org-units?limit=500')).json();
  const sof = units.items.find((u) => u.name === 'Socialförvaltningen').id;
  const make = async (name) => {
    const r = await api.post('/api/v1/information-sets',
      { headers, data: { name: `${tag} ${name}`, org_unit_id: sof } });
    assert.equal(r.status(), 201, await r.text());
    return (await r.json()).id;
  };
  const classify = async (id, level) => {
    const r = await api.put(`/api/v1/information-sets/${id}/classification`, {
      headers,
      data: { confidentiality: level, integrity: 0, availability: 0, traceability: 0, motivations },
    });
    assert.equal(r.status(), 200, await r.text());
    return (await r.json()).classification.version;
  };
  const high = await make('Hög');
  const version = await classify(high, 4);
  const approved = await api.post(`/api/v1/information-sets/${high}/classification/approve`,
    { headers, data: { version } });
  assert.equal(approved.status(), 200, await approved.text());
  await classify(await make('Låg'), 1);
  await make('Oklassad');
  await api.dispose();
  return sof;
}

async function rowNames(page) {
  return page.locator('main table tbody th[scope=row]').allInnerTexts();
}

test('the CISO filters, sorts and pages the register and opens the overview', async () => {
  const tag = unique('Registertest');
  const sof = await makeSets(tag);
  const page = await newPage(browser);
  await login(page, 'ciso');
  await visit(page, '/assets/information-sets');
  await checkAccessibility(page, '/assets/information-sets');

  // Filter from the keyboard: type the search, choose the status, press Enter.
  await page.getByLabel('Sök på namn').fill(tag);
  await page.getByLabel('Organisationsenhet (med underenheter)').selectOption(String(sof));
  await page.getByLabel('Status').selectOption('draft');
  await Promise.all([
    page.waitForURL(/status=draft/),
    page.getByLabel('Sök på namn').press('Enter'),
  ]);
  assert.deepEqual(await rowNames(page), [`${tag} Låg`]);
  assert.equal(await page.getByLabel('Status').inputValue(), 'draft', 'the form keeps its values');
  assert.equal(await page.getByLabel('Sök på namn').inputValue(), tag);
  await checkAccessibility(page, 'register filtered');

  // Unclassified only, then every set of the tag sorted by class with the header link.
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Oklassade').check();
  await Promise.all([page.waitForURL(/unclassified=true/),
    page.getByRole('button', { name: 'Visa', exact: true }).click()]);
  assert.deepEqual(await rowNames(page), [`${tag} Oklassad`]);
  await visit(page, `/assets/information-sets?q=${encodeURIComponent(tag)}`);
  const classHeader = page.locator('main thead th', { hasText: 'Säkerhetsklass' });
  assert.equal(await classHeader.getAttribute('aria-sort'), null);
  await Promise.all([page.waitForURL(/sort=security_class/),
    classHeader.getByRole('link').click()]);
  assert.equal(await classHeader.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await rowNames(page), [`${tag} Oklassad`, `${tag} Låg`, `${tag} Hög`]);
  await Promise.all([page.waitForURL(/sort=-security_class/),
    classHeader.getByRole('link').click()]);
  assert.equal(await classHeader.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await rowNames(page), [`${tag} Hög`, `${tag} Låg`, `${tag} Oklassad`]);
  assert.equal(await page.getByLabel('Sök på namn').inputValue(), tag, 'sorting keeps the filter');
  await checkAccessibility(page, 'register sorted');

  // A bad parameter is a 400 naming it.
  await visit(page, '/assets/information-sets?sort=storlek', 400);
  assert.match(await page.locator('main').innerText(), /sort/);

  // The overview, linked from the register; its numbers lead to the filtered register.
  await visit(page, '/assets/information-sets');
  await Promise.all([page.waitForURL(`${baseUrl}/assets/overview`),
    page.getByRole('link', { name: 'Översikt per enhet' }).click()]);
  await checkAccessibility(page, '/assets/overview');
  const row = page.getByRole('row', { name: /^Socialförvaltningen/ });
  const approvedLink = row.locator('td').nth(3).getByRole('link');
  const approvedCount = Number(await approvedLink.innerText());
  assert.ok(approvedCount >= 1, 'the approved set counts');
  await Promise.all([page.waitForURL(/status=approved/), approvedLink.click()]);
  assert.equal(new URL(page.url()).searchParams.get('org_unit_id'), String(sof));
  assert.match(await page.locator('main [role=status]').first().innerText(),
    new RegExp(`av ${approvedCount}\\.|^Visar 1–${approvedCount} av ${approvedCount}`));
  await checkAccessibility(page, 'register from the overview');
});

test('paging keeps the filter and the sort', async () => {
  // 52 sets sharing a word: two pages of 50.
  const tag = unique('Sidregister');
  const api = await request.newContext({ baseURL: baseUrl });
  const session = await api.post('/api/v1/session',
    { data: { username: 'ciso', password: account('ciso').password } });
  const headers = { 'X-CSRF-Token': (await session.json()).csrf_token };
  const units = await (await api.get('/api/v1/org-units?limit=500')).json();
  const buf = units.items.find((u) => u.name === 'Barn- och utbildningsförvaltningen').id;
  for (let i = 1; i <= 52; i++) {
    const r = await api.post('/api/v1/information-sets', {
      headers, data: { name: `${tag} ${String(i).padStart(2, '0')}`, org_unit_id: buf },
    });
    assert.equal(r.status(), 201, await r.text());
  }
  await api.dispose();

  const page = await newPage(browser);
  await login(page, 'ciso');
  await visit(page, `/assets/information-sets?q=${encodeURIComponent(tag)}&sort=-name&unclassified=true`);
  assert.equal((await rowNames(page))[0], `${tag} 52`);
  const pager = page.getByRole('navigation', { name: 'Sidor' });
  await Promise.all([page.waitForURL(/page=2/),
    pager.getByRole('link', { name: 'Nästa sida' }).click()]);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), tag);
  assert.equal(url.searchParams.get('sort'), '-name');
  assert.equal(url.searchParams.get('unclassified'), 'true');
  assert.deepEqual(await rowNames(page), [`${tag} 02`, `${tag} 01`]);
  const nameHeader = page.locator('main thead th', { hasText: 'Namn' });
  assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');
  await checkAccessibility(page, 'register page 2');
});
