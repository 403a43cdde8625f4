// The administrator's work through the forms: an organisation unit is added, renamed (also
// against someone else's change), given a user with a role, refused deletion while in use,
// and deleted; an API token is made, used and revoked; the new user sets its language and
// password. Every page state on the way, errors included, passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'playwright-core';
import {
  baseUrl, checkAccessibility, launch, login, logout, newPage, notice, submit, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Submits a form with its button and waits for the page that answers it.
const kommun = 'Norrviks kommunkoncern / Norrviks kommun';

test('admin: organisation unit, user, role and API token through the forms', async () => {
  const page = await newPage(browser);
  await login(page, 'admin');
  const unitName = unique('E2E-enheten');
  const renamed = `${unitName} (nytt namn)`;

  // --- Add an organisation unit; a wrong organisation number is shown at its field first.
  await visit(page, '/org');
  await checkAccessibility(page, '/org (admin)');
  const create = page.locator('form#org-create');
  await create.getByLabel('Namn').fill(unitName);
  await create.getByLabel('Typ').selectOption({ label: 'Förvaltning / enhet' });
  await create.getByLabel('Överordnad enhet').selectOption({ label: kommun });
  await create.getByLabel('Organisationsnummer').fill('12345');
  let response = await submit(page, create.getByRole('button', { name: 'Lägg till' }));
  assert.equal(response.status(), 400);
  const number = page.locator('form#org-create').getByLabel('Organisationsnummer');
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  const describedBy = (await number.getAttribute('aria-describedby')).split(' ');
  const errorText = 'Organisationsnumret ska ha formen NNNNNN-NNNN.';
  assert.ok(await Promise.all(describedBy.map((id) => page.locator(`#${id}`).textContent()))
    .then((texts) => texts.includes(errorText)), 'the field is described by its error');
  await page.getByRole('alert').getByRole('link', { name: errorText }).waitFor();
  assert.equal(await page.locator('form#org-create').getByLabel('Namn').inputValue(), unitName,
    'the input is kept');
  assert.equal(await number.inputValue(), '12345');
  await checkAccessibility(page, '/org with a form error');

  await number.fill('');
  response = await submit(page, page.locator('form#org-create').getByRole('button', { name: 'Lägg till' }));
  assert.equal(response.status(), 303);
  assert.match(page.url(), /\/org\/\d+\?notice=created$/);
  const unitPath = new URL(page.url()).pathname;
  assert.equal(await page.locator('h1').textContent(), unitName);
  assert.equal(await notice(page), 'Posten har lagts till.');
  await page.getByRole('navigation', { name: 'Du är här' })
    .getByRole('link', { name: 'Norrviks kommun', exact: true }).waitFor();
  await checkAccessibility(page, '/org/{id} (admin)');

  // --- Rename it.
  const edit = page.locator('form#org-edit');
  await edit.getByLabel('Namn').fill(renamed);
  await submit(page, edit.getByRole('button', { name: 'Spara' }));
  assert.equal(new URL(page.url()).search, '?notice=saved');
  assert.equal(await page.locator('h1').textContent(), renamed);
  assert.equal(await notice(page), 'Ändringarna har sparats.');
  await visit(page, '/org');
  await page.locator('ul.tree').getByRole('link', { name: renamed }).waitFor();

  // --- Two people edit at once: the later save is refused and shows the current values.
  const other = await page.context().newPage();
  await other.goto(baseUrl + unitPath);
  await visit(page, unitPath);
  await page.locator('form#org-edit').getByLabel('Organisationsnummer').fill('212000-2494');
  await submit(page, page.locator('form#org-edit').getByRole('button', { name: 'Spara' }));
  assert.equal(await notice(page), 'Ändringarna har sparats.');
  await other.locator('form#org-edit').getByLabel('Namn').fill(`${renamed} X`);
  response = await submit(other, other.locator('form#org-edit').getByRole('button', { name: 'Spara' }));
  assert.equal(response.status(), 409);
  const conflict = other.getByRole('alert');
  assert.match(await conflict.textContent(), /Någon annan har ändrat uppgifterna/);
  assert.match(await conflict.textContent(), /212000-2494/, 'the current values are shown');
  assert.equal(await other.locator('form#org-edit').getByLabel('Namn').inputValue(), `${renamed} X`,
    'the input is kept');
  await checkAccessibility(other, '/org/{id} after a conflict');
  // The user takes over the other change and saves again: now based on the current version.
  await other.locator('form#org-edit').getByLabel('Namn').fill(renamed);
  await other.locator('form#org-edit').getByLabel('Organisationsnummer').fill('212000-2494');
  await submit(other, other.locator('form#org-edit').getByRole('button', { name: 'Spara' }));
  assert.equal(await notice(other), 'Ändringarna har sparats.');
  assert.match(await other.locator('main dl').textContent(), /212000-2494/);
  await other.close();

  // --- Create a user in a department.
  await visit(page, '/users');
  await checkAccessibility(page, '/users (admin)');
  await page.getByRole('link', { name: 'Ny användare' }).click();
  await page.waitForURL(`${baseUrl}/users/new`);
  await checkAccessibility(page, '/users/new');
  const username = `e2e.${Date.now().toString(36)}`;
  const personName = 'Testa Testsson';
  const firstPassword = 'ett långt lösenord 1';
  const form = page.locator('form#user-create');
  await form.getByLabel('Användarnamn').fill(username);
  await form.getByLabel('Namn', { exact: true }).fill(personName);
  await form.getByLabel('E-postadress').fill(`${username}@norrvik.se`);
  await form.getByLabel('Lösenord', { exact: true }).fill('för kort');
  await form.getByLabel('Organisationsenhet').selectOption({ label: `${kommun} / Socialförvaltningen` });
  await form.getByLabel('Språk').selectOption({ label: 'Svenska' });
  response = await submit(page, form.getByRole('button', { name: 'Skapa användare' }));
  assert.equal(response.status(), 400);
  assert.equal(await page.locator('form#user-create').getByLabel('Lösenord', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByRole('alert').textContent(), /Lösenordet måste ha minst 12 tecken\./);
  assert.equal(await page.locator('form#user-create').getByLabel('Användarnamn').inputValue(), username);
  await checkAccessibility(page, '/users/new with a form error');
  await page.locator('form#user-create').getByLabel('Lösenord', { exact: true }).fill(firstPassword);
  await submit(page, page.locator('form#user-create').getByRole('button', { name: 'Skapa användare' }));
  assert.match(page.url(), /\/users\/\d+\?notice=created$/);
  const userPath = new URL(page.url()).pathname;
  assert.equal(await page.locator('h1').textContent(), personName);
  assert.equal(await notice(page), 'Posten har lagts till.');
  assert.match(await page.locator('main').textContent(), /Användaren har inga roller\./);
  await checkAccessibility(page, '/users/{id} (admin)');

  // --- Give the user a role in the new unit.
  const addRole = page.locator('form#role-add');
  await addRole.getByLabel('Roll').selectOption({ label: 'Kontaktperson' });
  await addRole.getByLabel('Gäller för').selectOption({ label: `${kommun} / ${renamed}` });
  await submit(page, addRole.getByRole('button', { name: 'Lägg till roll' }));
  assert.equal(await notice(page), 'Rollen har lagts till.');
  const roleRow = page.locator('main table tbody tr', { hasText: 'Kontaktperson' });
  assert.match(await roleRow.textContent(), new RegExp(renamed.replace(/[()]/g, '\\$&')));
  await checkAccessibility(page, '/users/{id} with a role');

  // --- The unit cannot be deleted while a role is held in it.
  await visit(page, unitPath);
  response = await submit(page, page.locator('form#org-delete').getByRole('button', { name: 'Ta bort' }));
  assert.equal(response.status(), 409);
  assert.match(page.dialogs.at(-1), new RegExp(`Vill du ta bort ${renamed.replace(/[()]/g, '\\$&')}\\?`));
  assert.match(await page.getByRole('alert').textContent(),
    /Enheten har underenheter, användare, roller eller poster .* och kan inte tas bort\./);
  await checkAccessibility(page, '/org/{id} after a refused delete');

  // --- Remove the role again.
  await visit(page, userPath);
  await submit(page, page.getByRole('button', { name: `Ta bort rollen Kontaktperson i ${renamed}` }));
  assert.equal(await notice(page), 'Rollen har tagits bort.');
  assert.match(page.dialogs.at(-1), /Vill du ta bort rollen Kontaktperson/);
  assert.equal(await page.locator('section[aria-labelledby="roles-heading"] tbody tr',
    { hasText: 'Kontaktperson' }).count(), 0);
  // It is kept among the removed roles (traceability.test.mjs gives one back).
  assert.equal(await page.locator('section[aria-labelledby="removed-roles-heading"] tbody tr',
    { hasText: 'Kontaktperson' }).count(), 1);

  // --- An API token: shown once, works, is listed, is revoked and stops working.
  await visit(page, '/account');
  const tokenName = unique('E2E-nyckel');
  await page.locator('form#token-create').getByLabel('Namn').fill(tokenName);
  await submit(page, page.getByRole('button', { name: 'Skapa API-nyckel' }));
  const box = page.locator('#new-token');
  assert.match(await box.textContent(), /visas bara den här gången/);
  const token = (await page.locator('#new-token-value').textContent()).trim();
  assert.match(token, /^lis_\S{20,}$/);
  await checkAccessibility(page, '/account with a new token');
  const api = await request.newContext({ baseURL: baseUrl });
  let me = await api.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status(), 200);
  assert.equal((await me.json()).user.username, 'admin');

  await visit(page, '/account');
  assert.equal(await page.locator('#new-token').count(), 0, 'the token is not shown again');
  assert.ok(!(await page.content()).includes(token), 'the token is nowhere on the page');
  const tokenRow = page.locator('main table tbody tr', { hasText: tokenName });
  assert.doesNotMatch(await tokenRow.textContent(), /Aldrig/, 'the use is recorded');
  await submit(page, tokenRow.getByRole('button', { name: `Återkalla ${tokenName}` }));
  assert.equal(await notice(page), 'API-nyckeln har återkallats.');
  assert.match(page.dialogs.at(-1), /Vill du återkalla API-nyckeln/);
  assert.equal(await page.locator('main table tbody tr', { hasText: tokenName }).count(), 0);
  me = await api.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status(), 401);
  await api.dispose();

  // --- Delete the unit.
  await visit(page, unitPath);
  await submit(page, page.locator('form#org-delete').getByRole('button', { name: 'Ta bort' }));
  assert.equal(new URL(page.url()).pathname, '/org');
  assert.equal(await notice(page), 'Posten har tagits bort.');
  assert.equal(await page.locator('ul.tree').getByRole('link', { name: renamed }).count(), 0);
  await visit(page, unitPath, 404);
  await logout(page);
  await page.context().close();

  // --- The new user signs in, chooses English, and changes its password.
  const user = await newPage(browser);
  await login(user, username, firstPassword);
  await visit(user, '/account');
  await checkAccessibility(user, '/account (new user)');
  await user.locator('form#language').getByLabel('Språk').selectOption('en');
  await submit(user, user.getByRole('button', { name: 'Spara språk' }));
  assert.equal(await user.locator('html').getAttribute('lang'), 'en');
  assert.equal(await user.locator('h1').textContent(), 'My account');
  assert.equal(await notice(user), 'Your language has been saved.');
  await checkAccessibility(user, '/account (en)');

  const password = user.locator('form#password');
  const newPassword = 'ett annat långt lösenord 2';
  await password.getByLabel('Current password').fill(firstPassword);
  await password.getByLabel('New password', { exact: true }).fill(newPassword);
  await password.getByLabel('Repeat the new password').fill(`${newPassword}!`);
  response = await submit(user, password.getByRole('button', { name: 'Change password' }));
  assert.equal(response.status(), 400);
  assert.match(await user.getByRole('alert').textContent(), /The two new passwords do not match\./);
  assert.equal(await user.locator('form#password').getByLabel('Repeat the new password')
    .getAttribute('aria-invalid'), 'true');
  assert.equal(await user.locator('form#password').getByLabel('Current password').inputValue(), '',
    'passwords are never sent back');
  await checkAccessibility(user, '/account with a password error');
  await user.locator('form#password').getByLabel('Current password').fill(firstPassword);
  await user.locator('form#password').getByLabel('New password', { exact: true }).fill(newPassword);
  await user.locator('form#password').getByLabel('Repeat the new password').fill(newPassword);
  await submit(user, user.locator('form#password').getByRole('button', { name: 'Change password' }));
  assert.match(await notice(user), /Your password has been changed\./);
  await logout(user);
  await login(user, username, newPassword);
  assert.equal(await user.locator('html').getAttribute('lang'), 'en');
  await user.context().close();
});
