// Traceability through the pages: a unit's history shows each version field by field and an
// earlier version is restored as a new version; a deleted unit is found among the deleted
// units and restored; someone else's change is shown beside yours and yours is applied on
// top; a user's history and restore; the CISO reads and filters the audit log; an employee
// may not. Every page state on the way passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'playwright-core';
import {
  account, baseUrl, checkAccessibility, launch, login, newPage, notice, submit, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Submits a form with its button and waits for the page that answers it.
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Today and yesterday in Swedish time, as a date input takes them.
function swedishDates() {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  const yesterday = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return { today, yesterday };
}

const kommun = 'Norrviks kommunkoncern / Norrviks kommun';
// Shared by the tests below, which run in order: the unit the administrator works on.
const unit = { first: unique('E2E-spår'), path: '' };
unit.second = `${unit.first} B`;
unit.third = `${unit.first} C`;

test('admin: history with a field-by-field diff, restore of an earlier version', async () => {
  const page = await newPage(browser);
  await login(page, 'admin');

  // A new unit, renamed twice (the first time with a comment).
  await visit(page, '/org');
  const create = page.locator('form#org-create');
  await create.getByLabel('Namn').fill(unit.first);
  await create.getByLabel('Typ').selectOption({ label: 'Förvaltning / enhet' });
  await create.getByLabel('Överordnad enhet').selectOption({ label: kommun });
  await submit(page, create.getByRole('button', { name: 'Lägg till' }));
  assert.match(page.url(), /\/org\/\d+\?notice=created$/);
  unit.path = new URL(page.url()).pathname;

  let edit = page.locator('form#org-edit');
  await edit.getByLabel('Namn').fill(unit.second);
  await edit.getByLabel('Kommentar till ändringen (frivillig)').fill('Nytt namn enligt beslut');
  await submit(page, edit.getByRole('button', { name: 'Spara' }));
  assert.equal(await notice(page), 'Ändringarna har sparats.');
  edit = page.locator('form#org-edit');
  assert.equal(await edit.getByLabel('Kommentar till ändringen (frivillig)').inputValue(), '',
    'the comment belongs to one change only');
  await edit.getByLabel('Namn').fill(unit.third);
  await submit(page, edit.getByRole('button', { name: 'Spara' }));
  assert.equal(await page.locator('h1').textContent(), unit.third);

  // The history: newest first, each version with who, what and the names before and after.
  const history = page.locator('section#history');
  await history.getByRole('heading', { name: 'Historik' }).waitFor();
  const rows = history.locator('table.history-table > tbody > tr');
  assert.equal(await rows.count(), 3);
  assert.deepEqual(await rows.locator('th[scope=row] a').allTextContents(), ['3', '2', '1']);
  const v3 = history.locator('tr#version-3');
  const v2 = history.locator('tr#version-2');
  const v1 = history.locator('tr#version-1');
  assert.match(await v3.textContent(), /nuvarande/);
  assert.equal(await v3.locator('td').nth(1).textContent(), 'admin');
  assert.equal(await v3.locator('td').nth(2).textContent(), 'Ändrad');
  assert.equal((await v2.locator('del').textContent()).replace('före: ', ''), unit.first);
  assert.equal((await v2.locator('ins').textContent()).replace('efter: ', ''), unit.second);
  assert.match(await v2.locator('li').textContent(), /^Namn:/);
  assert.match(await v2.textContent(), /Nytt namn enligt beslut/);
  assert.equal((await v3.locator('del').textContent()).replace('före: ', ''), unit.second);
  assert.equal((await v3.locator('ins').textContent()).replace('efter: ', ''), unit.third);
  assert.equal(await v1.locator('td').nth(2).textContent(), 'Tillagd');
  assert.match(await v1.textContent(), new RegExp(escape(unit.first)));
  assert.equal(await v3.getByText('Återställ').count(), 0, 'the current version is not restored');
  await checkAccessibility(page, '/org/{id} with its history');

  // Version 1 on its own page, read only.
  await v1.getByRole('link', { name: '1', exact: true }).click();
  await page.waitForURL(`${baseUrl}${unit.path}/versions/1`);
  assert.equal(await page.locator('h1').textContent(), `${unit.third}, version 1`);
  assert.match(await page.locator('main dl').textContent(), new RegExp(escape(unit.first)));
  await checkAccessibility(page, '/org/{id}/versions/1');

  // Restore version 1 from the history, with a comment.
  await visit(page, unit.path);
  const restoreRow = page.locator('section#history tr#version-1');
  await restoreRow.locator('summary').click();
  await restoreRow.getByLabel('Kommentar (frivillig)').fill('Tillbaka till det första namnet');
  await checkAccessibility(page, '/org/{id} with a restore form open');
  await submit(page, restoreRow.getByRole('button', { name: 'Återställ version 1' }));
  assert.match(page.dialogs.at(-1),
    new RegExp(`Vill du återställa ${escape(unit.third)} till version 1\\?`));
  assert.equal(new URL(page.url()).pathname, unit.path);
  assert.match(await notice(page), /Versionen har återställts\./);
  assert.equal(await page.locator('h1').textContent(), unit.first);
  const v4 = page.locator('section#history tr#version-4');
  assert.match(await v4.textContent(), /nuvarande/);
  assert.equal(await v4.locator('td').nth(2).textContent(), 'Återställd');
  assert.equal((await v4.locator('del').textContent()).replace('före: ', ''), unit.third);
  assert.equal((await v4.locator('ins').textContent()).replace('efter: ', ''), unit.first);
  assert.match(await v4.textContent(), /Tillbaka till det första namnet/);
  assert.equal(await page.locator('section#history table.history-table > tbody > tr').count(), 4);
  await checkAccessibility(page, '/org/{id} after a restore');
  await page.context().close();
});

test('admin: someone else\'s change is shown beside yours and yours goes on top', async () => {
  const page = await newPage(browser);
  await login(page, 'admin');
  const other = await page.context().newPage();
  await visit(page, unit.path);
  await other.goto(baseUrl + unit.path);

  // The other person sets the organisation number; meanwhile we rename the unit.
  await other.locator('form#org-edit').getByLabel('Organisationsnummer').fill('212000-2494');
  await submit(other, other.locator('form#org-edit').getByRole('button', { name: 'Spara' }));
  assert.equal(await notice(other), 'Ändringarna har sparats.');
  await other.close();

  const mine = `${unit.first} D`;
  await page.locator('form#org-edit').getByLabel('Namn').fill(mine);
  const response = await submit(page, page.locator('form#org-edit').getByRole('button', { name: 'Spara' }));
  assert.equal(response.status(), 409);
  const alert = page.locator('form#org-edit').getByRole('alert');
  assert.match(await alert.textContent(), /Någon annan har ändrat uppgifterna/);
  const table = alert.getByRole('table', { name: 'Den andras ändring bredvid din' });
  assert.deepEqual(await table.locator('thead th').allTextContents(),
    ['Fält', 'Sparat nu', 'Ditt värde']);
  const nameRow = table.getByRole('row', { name: /^Namn/ });
  assert.deepEqual(await nameRow.locator('td').allTextContents(), [`${unit.first} (oförändrat)`, mine]);
  const numberRow = table.getByRole('row', { name: /^Organisationsnummer/ });
  assert.deepEqual(await numberRow.locator('td').allTextContents(),
    ['212000-2494', 'Saknas (inte ändrat av dig)']);
  // The form holds our change on top of theirs.
  const form = page.locator('form#org-edit');
  assert.equal(await form.getByLabel('Namn').inputValue(), mine);
  assert.equal(await form.getByLabel('Organisationsnummer').inputValue(), '212000-2494');
  await checkAccessibility(page, '/org/{id} after a conflict');

  await submit(page, form.getByRole('button', { name: 'Spara' }));
  assert.equal(await notice(page), 'Ändringarna har sparats.');
  assert.equal(await page.locator('h1').textContent(), mine);
  assert.match(await page.locator('main dl').first().textContent(), /212000-2494/,
    'the other change is kept');

  // Back to the name the next tests look for.
  await page.locator('form#org-edit').getByLabel('Namn').fill(unit.first);
  await submit(page, page.locator('form#org-edit').getByRole('button', { name: 'Spara' }));
  assert.equal(await page.locator('h1').textContent(), unit.first);
  await page.context().close();
});

test('admin: a deleted unit is listed among the deleted units and restored', async () => {
  const page = await newPage(browser);
  await login(page, 'admin');
  await visit(page, unit.path);
  await submit(page, page.locator('form#org-delete').getByRole('button', { name: 'Ta bort' }));
  assert.equal(await notice(page), 'Posten har tagits bort.');
  assert.equal(await page.locator('ul.tree').getByRole('link', { name: unit.first, exact: true }).count(), 0);

  await page.getByRole('link', { name: 'Borttagna enheter' }).click();
  await page.waitForURL(`${baseUrl}/org/deleted`);
  assert.equal(await page.locator('h1').textContent(), 'Borttagna enheter');
  const row = page.locator('main table tbody tr', { hasText: unit.first });
  assert.equal(await row.count(), 1);
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], 'Förvaltning / enhet');
  assert.equal(cells[1], 'Norrviks kommun');
  assert.match(cells[2], /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.equal(cells[3], 'admin');
  await checkAccessibility(page, '/org/deleted (admin)');

  // Its last version before the deletion, read only.
  await row.getByRole('link', { name: unit.first }).click();
  await page.waitForURL(new RegExp(`${escape(unit.path)}/versions/\\d+$`));
  assert.match(await page.locator('main').textContent(), /Posten är borttagen\./);
  assert.match(await page.locator('main dl').textContent(), /212000-2494/);
  await checkAccessibility(page, 'a version of a deleted unit');

  await visit(page, '/org/deleted');
  await submit(page, page.locator('main table tbody tr', { hasText: unit.first })
    .getByRole('button', { name: `Återställ ${unit.first}` }));
  assert.match(page.dialogs.at(-1), new RegExp(`Vill du återställa ${escape(unit.first)}`));
  assert.equal(new URL(page.url()).pathname, unit.path);
  assert.match(await notice(page), /Versionen har återställts\./);
  assert.equal(await page.locator('h1').textContent(), unit.first);
  const rows = page.locator('section#history table.history-table > tbody > tr');
  assert.equal(await rows.first().locator('td').nth(2).textContent(), 'Återställd');
  assert.equal(await rows.nth(1).locator('td').nth(2).textContent(), 'Borttagen');
  await visit(page, '/org');
  await page.locator('ul.tree').getByRole('link', { name: unit.first, exact: true }).waitFor();
  await visit(page, '/org/deleted');
  assert.equal(await page.locator('main table tbody tr', { hasText: unit.first }).count(), 0);
  await page.context().close();
});

test('admin: a user\'s history and restore', async () => {
  // A user made through the API, renamed on its page.
  const tag = `spar${Date.now().toString(36)}`;
  const api = await request.newContext({ baseURL: baseUrl });
  const session = await api.post('/api/v1/session',
    { data: { username: 'admin', password: account('admin').password } });
  const csrf = (await session.json()).csrf_token;
  const created = await api.post('/api/v1/users', {
    headers: { 'X-CSRF-Token': csrf },
    data: { username: tag, name: 'Spåra Spårsson', email: `${tag}@norrvik.se`,
      password: 'ett långt lösenord för test' },
  });
  assert.equal(created.status(), 201, await created.text());
  const userPath = `/users/${(await created.json()).id}`;
  await api.dispose();

  const page = await newPage(browser);
  await login(page, 'admin');
  await visit(page, userPath);
  const edit = page.locator('form#user-edit');
  await edit.getByLabel('Namn', { exact: true }).fill('Spåra Nyman');
  await edit.getByLabel('Kontot är aktivt').uncheck();
  await submit(page, edit.getByRole('button', { name: 'Spara' }));
  assert.equal(await notice(page), 'Ändringarna har sparats.');
  const v2 = page.locator('section#history tr#version-2');
  const changes = await v2.locator('li').allTextContents();
  assert.equal(changes.length, 2);
  assert.match(changes.join('|'), /Kontot är aktivt:\s+före: Ja\s+→\s+efter: Nej/);
  assert.match(changes.join('|'), /Namn:\s+före: Spåra Spårsson\s+→\s+efter: Spåra Nyman/);
  await checkAccessibility(page, '/users/{id} with its history');

  const v1 = page.locator('section#history tr#version-1');
  await v1.locator('summary').click();
  await submit(page, v1.getByRole('button', { name: 'Återställ version 1' }));
  assert.match(await notice(page), /Versionen har återställts\./);
  assert.equal(await page.locator('h1').textContent(), 'Spåra Spårsson');
  assert.match(await page.locator('main dl').first().textContent(), /Aktiv/);
  assert.equal(await page.locator('section#history tr#version-3 td').nth(2).textContent(), 'Återställd');

  // A role taken away is listed among the removed roles and given back.
  const addRole = page.locator('form#role-add');
  await addRole.getByLabel('Roll').selectOption({ label: 'Objektförvaltare' });
  await addRole.getByLabel('Gäller för').selectOption({ label: `${kommun} / Socialförvaltningen` });
  await submit(page, addRole.getByRole('button', { name: 'Lägg till roll' }));
  assert.equal(await notice(page), 'Rollen har lagts till.');
  assert.equal(await page.locator('section[aria-labelledby="removed-roles-heading"]').count(), 0);
  await submit(page, page.getByRole('button', { name: 'Ta bort rollen Objektförvaltare i Socialförvaltningen' }));
  assert.equal(await notice(page), 'Rollen har tagits bort.');
  const removed = page.locator('section[aria-labelledby="removed-roles-heading"]');
  await removed.getByRole('heading', { name: 'Borttagna roller' }).waitFor();
  const removedRow = removed.locator('tbody tr', { hasText: 'Objektförvaltare' });
  assert.match(await removedRow.locator('td').nth(2).textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await checkAccessibility(page, '/users/{id} with a removed role');
  await submit(page, removedRow.getByRole('button', { name: 'Ge tillbaka rollen Objektförvaltare i Socialförvaltningen' }));
  assert.match(page.dialogs.at(-1), /Vill du ge Spåra Spårsson rollen Objektförvaltare i Socialförvaltningen igen\?/);
  assert.equal(await notice(page), 'Rollen har getts tillbaka.');
  await page.locator('section[aria-labelledby="roles-heading"] tbody tr', { hasText: 'Objektförvaltare' }).waitFor();
  assert.equal(await page.locator('section[aria-labelledby="removed-roles-heading"]').count(), 0);
  await page.context().close();
});

test('the CISO reads and filters the audit log', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Granskningslogg' }).click();
  await page.waitForURL(`${baseUrl}/audit`);
  assert.equal(await page.locator('h1').textContent(), 'Granskningslogg');
  assert.match(await page.locator('main p[role=status]').textContent(), /^Visar 1–\d+ av \d+ händelser\.$/);
  await checkAccessibility(page, '/audit');

  // The renames of the unit: action "update" on this org unit, from today.
  const id = unit.path.split('/').pop();
  const { today, yesterday } = swedishDates();
  const filter = page.getByRole('search', { name: 'Filtrera granskningsloggen' });
  await filter.getByLabel('Typ av post').selectOption({ label: 'Organisationsenhet' });
  await filter.getByLabel('Postens nummer').fill(id);
  await filter.getByLabel('Händelse').selectOption({ label: 'Ändrad' });
  await filter.getByLabel('Från och med').fill(today);
  await filter.getByRole('button', { name: 'Filtrera' }).click();
  await page.waitForURL(/\/audit\?/);
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get('action'), 'update');
  assert.equal(query.get('entity'), 'org_unit');
  assert.equal(await filter.getByLabel('Händelse').inputValue(), 'update', 'the filter is kept');
  const rows = page.locator('table.audit-table > tbody > tr');
  // Two renames, the organisation number, the conflicting rename and the rename back.
  assert.equal(await rows.count(), 5);
  for (const action of await rows.locator(':scope > td:nth-child(3)').allTextContents())
    assert.equal(action, 'Ändrad');
  for (const who of await rows.locator(':scope > td:nth-child(2)').allTextContents())
    assert.equal(who, 'admin');
  // The first rename, oldest last: its details show the name before and after.
  const first = rows.last();
  assert.equal(await first.locator('.event-summary').textContent(), 'Namn');
  assert.equal(await first.locator('td:nth-child(4) a').getAttribute('href'), unit.path);
  await first.locator('summary').click();
  const diff = first.locator('table.diff-table');
  assert.deepEqual(await diff.getByRole('row', { name: /^Namn/ }).locator('td').allTextContents(),
    [unit.first, unit.second]);
  assert.match(await first.locator('details dl').textContent(), /Nytt namn enligt beslut/);
  await checkAccessibility(page, '/audit filtered, details open');

  // Up to and including yesterday: nothing from today.
  await filter.getByLabel('Från och med').fill('');
  await filter.getByLabel('Till och med').fill(yesterday);
  await filter.getByRole('button', { name: 'Filtrera' }).click();
  await page.waitForURL(/to=/);
  assert.equal(await page.locator('main p[role=status]').textContent(), 'Inga händelser hittades.');

  // A wrong record number is shown at its field.
  await visit(page, '/audit?id=tolv', 400);
  assert.equal(await page.getByLabel('Postens nummer').getAttribute('aria-invalid'), 'true');
  await page.getByRole('alert').getByRole('link', { name: /Postens nummer måste vara ett heltal/ }).waitFor();
  await checkAccessibility(page, '/audit with a filter error');

  // The unit's page: the history, but nothing to restore with.
  await visit(page, unit.path);
  await page.locator('section#history tr#version-2').waitFor();
  assert.equal(await page.locator('main form').count(), 0, 'a CISO restores nothing');
  await checkAccessibility(page, '/org/{id} history (CISO)');
  await visit(page, '/org/deleted');
  assert.equal(await page.locator('main form').count(), 0);
  await checkAccessibility(page, '/org/deleted (CISO)');

  // In English.
  await visit(page, '/audit?lang=en&action=restore');
  assert.equal(await page.locator('h1').textContent(), 'Audit log');
  assert.ok(await page.locator('table.audit-table > tbody > tr').count() >= 2);
  await checkAccessibility(page, '/audit (en)');
  await visit(page, '/audit?lang=sv');
  await page.context().close();
});

test('the audit log pages by 50 and keeps its filter', async () => {
  // 50 more renames of the unit, through the API.
  const api = await request.newContext({ baseURL: baseUrl });
  const session = await api.post('/api/v1/session',
    { data: { username: 'admin', password: account('admin').password } });
  const csrf = (await session.json()).csrf_token;
  const apiPath = `/api/v1/org-units/${unit.path.split('/').pop()}`;
  let { version } = await (await api.get(apiPath)).json();
  for (let i = 1; i <= 50; i++) {
    const changed = await api.patch(apiPath, {
      headers: { 'X-CSRF-Token': csrf },
      data: { version, name: `${unit.first} ${i}` },
    });
    assert.equal(changed.status(), 200, await changed.text());
    ({ version } = await changed.json());
  }
  await api.dispose();

  const page = await newPage(browser);
  await login(page, 'ciso');
  const id = unit.path.split('/').pop();
  await visit(page, `/audit?entity=org_unit&id=${id}&action=update`);
  const status = page.locator('main p[role=status]');
  assert.equal(await status.textContent(), 'Visar 1–50 av 55 händelser.');
  assert.equal(await page.locator('table.audit-table > tbody > tr').count(), 50);
  const pager = page.getByRole('navigation', { name: 'Sidor' });
  assert.equal(await pager.getByRole('link', { name: 'Föregående sida' }).count(), 0);
  await pager.getByRole('link', { name: 'Nästa sida' }).click();
  await page.waitForURL(/page=2/);
  const query = new URL(page.url()).searchParams;
  assert.deepEqual([query.get('entity'), query.get('id'), query.get('action')],
    ['org_unit', id, 'update']);
  assert.equal(await status.textContent(), 'Visar 51–55 av 55 händelser.');
  assert.equal(await page.locator('table.audit-table > tbody > tr').count(), 5);
  await checkAccessibility(page, '/audit page 2');
  await pager.getByRole('link', { name: 'Föregående sida' }).click();
  await page.waitForURL(/page=1/);
  assert.equal(await status.textContent(), 'Visar 1–50 av 55 händelser.');

  // The unit's page shows its latest 25 versions, and all of them on request.
  await visit(page, unit.path);
  const versions = page.locator('section#history table.history-table > tbody > tr');
  assert.equal(await versions.count(), 25);
  const history = page.locator('section#history');
  assert.match(await history.textContent(), new RegExp(`Visar de 25 senaste av ${version} versioner\\.`));
  await history.getByRole('link', { name: 'Visa hela historiken' }).click();
  await page.waitForURL(/history=all/);
  assert.equal(await versions.count(), version);
  await page.context().close();
});

test('an employee may not read the audit log', async () => {
  const page = await newPage(browser);
  await login(page, 'medarbetare');
  assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Granskningslogg' }).count(), 0);
  await visit(page, '/audit', 403);
  assert.match(await page.locator('main').textContent(), /Du saknar behörighet för detta\./);
  await visit(page, '/audit?action=update&from=2020-01-01', 403);
  await page.context().close();
});
