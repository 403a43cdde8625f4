// The demo CISO of the municipality: every page it can reach passes axe, it sees its own
// organisation and nobody else's, the language switch works, and it can sign out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, logout, newPage, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the CISO visits every page it can reach, switches to English and signs out', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');

  // Start page.
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  assert.match(await page.locator('h1').textContent(), /^Välkommen, /);
  await checkAccessibility(page, 'start page');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  for (const item of ['Start', 'Organisation', 'Användare', 'Mitt konto'])
    await nav.getByRole('link', { name: item, exact: true }).waitFor();

  // Organisation tree: the municipality and its departments, not the companies beside it.
  await nav.getByRole('link', { name: 'Organisation', exact: true }).click();
  await page.waitForURL(`${baseUrl}/org`);
  assert.equal(await page.locator('h1').textContent(), 'Organisation');
  const tree = page.locator('ul.tree');
  await tree.getByRole('link', { name: 'Norrviks kommun', exact: true }).waitFor();
  await tree.getByRole('link', { name: 'Socialförvaltningen' }).waitFor();
  assert.equal(await tree.getByRole('link', { name: 'Norrvik Energi AB' }).count(), 0,
    'the municipality CISO does not see the energy company');
  assert.equal(await page.locator('form#org-create').count(), 0, 'no add form for a CISO');
  await checkAccessibility(page, '/org');

  // A node's page: details, sub-units, no forms that change it.
  await tree.getByRole('link', { name: 'Norrviks kommun', exact: true }).click();
  await page.waitForURL(/\/org\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), 'Norrviks kommun');
  await page.getByRole('heading', { name: 'Underenheter' }).waitFor();
  assert.equal(await page.locator('main form').count(), 0, 'no edit, move or delete forms');
  await checkAccessibility(page, '/org/{id}');
  await page.getByRole('link', { name: 'Socialförvaltningen' }).click();
  await page.waitForURL(/\/org\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), 'Socialförvaltningen');
  await checkAccessibility(page, '/org/{id} of a department');

  // Users: the list, a search, a user's page.
  await nav.getByRole('link', { name: 'Användare', exact: true }).click();
  await page.waitForURL(`${baseUrl}/users`);
  assert.equal(await page.locator('h1').textContent(), 'Användare');
  assert.equal(await page.getByRole('link', { name: 'Ny användare' }).count(), 0);
  const rows = page.locator('main table tbody tr');
  assert.ok(await rows.count() > 0, 'the CISO sees users');
  assert.equal(await page.getByRole('cell', { name: 'ciso.energi' }).count(), 0,
    'no users of the energy company');
  await checkAccessibility(page, '/users');

  await page.getByRole('searchbox', { name: 'Sök användare' }).fill('medarbetare');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.waitForURL(/\/users\?q=medarbetare/);
  assert.equal(await rows.count(), 1);
  assert.match(await page.locator('main').textContent(), /Visar 1–1 av 1 användare\./);
  await checkAccessibility(page, '/users?q=');
  await rows.first().getByRole('link').click();
  await page.waitForURL(/\/users\/\d+$/);
  await page.getByRole('heading', { name: 'Roller' }).waitFor();
  await page.getByRole('cell', { name: 'Medarbetare', exact: true }).waitFor();
  assert.equal(await page.locator('main form').count(), 0, 'a CISO changes no users');
  await checkAccessibility(page, '/users/{id}');

  // A record outside the CISO's scope is not found, and that page passes axe too.
  await visit(page, '/users/999999', 404);
  await checkAccessibility(page, '404 for a record');

  // My account.
  await nav.getByRole('link', { name: 'Mitt konto' }).click();
  await page.waitForURL(`${baseUrl}/account`);
  assert.equal(await page.locator('h1').textContent(), 'Mitt konto');
  await page.getByRole('cell', { name: 'Informationssäkerhetssamordnare (CISO)' }).waitFor();
  await checkAccessibility(page, '/account');

  // Switch to English with the header link: the same page, in English, and it sticks.
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(`${baseUrl}/account?lang=en`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('h1').textContent(), 'My account');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await checkAccessibility(page, '/account (en)');
  for (const path of ['/', '/org', '/users']) {
    await visit(page, path);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en', path);
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await checkAccessibility(page, `${path} (en)`);
  }
  assert.equal(await page.locator('h1').textContent(), 'Users');

  await logout(page);
  assert.equal(await page.locator('h1').textContent(), 'Log in');
  await page.context().close();
});
