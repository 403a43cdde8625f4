// An employee: its start page and account pass axe, the user list is refused with a 403
// page, and it can sign out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, logout, newPage, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the employee sees its start page and account, not the users, and signs out', async () => {
  const page = await newPage(browser);
  await login(page, 'medarbetare');

  assert.match(await page.locator('h1').textContent(), /^Välkommen, /);
  await page.getByRole('cell', { name: 'Medarbetare', exact: true }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  assert.equal(await nav.getByRole('link', { name: 'Användare' }).count(), 0,
    'no Users item in the menu for an employee');
  await checkAccessibility(page, 'start page (employee)');

  await nav.getByRole('link', { name: 'Mitt konto' }).click();
  await page.waitForURL(`${baseUrl}/account`);
  await page.getByRole('heading', { name: 'Byt lösenord' }).waitFor();
  await page.getByRole('heading', { name: 'API-nycklar' }).waitFor();
  assert.match(await page.locator('main').textContent(), /Socialförvaltningen/);
  await checkAccessibility(page, '/account (employee)');

  await visit(page, '/users', 403);
  assert.match(await page.locator('main').textContent(), /Du saknar behörighet för detta\./);
  await checkAccessibility(page, '403 page');
  await visit(page, '/users/new', 403);

  // The organisation pages are open to every role; the employee sees no forms there.
  await visit(page, '/org');
  assert.equal(await page.locator('main form').count(), 0);
  await checkAccessibility(page, '/org (employee)');

  await logout(page);
  await page.context().close();
});
