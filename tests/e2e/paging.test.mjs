// The user list pages by 50 and keeps the search when paging; the pages pass axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'playwright-core';
import {
  account, baseUrl, checkAccessibility, launch, login, newPage, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the user list has pager links that keep the search', async () => {
  // 55 users whose names share a word, made through the API as the administrator.
  const tag = `Sidtest${Date.now().toString(36)}`;
  const api = await request.newContext({ baseURL: baseUrl });
  const { password } = account('admin');
  const session = await api.post('/api/v1/session', { data: { username: 'admin', password } });
  assert.equal(session.status(), 200);
  const csrf = (await session.json()).csrf_token;
  for (let i = 1; i <= 55; i++) {
    const created = await api.post('/api/v1/users', {
      headers: { 'X-CSRF-Token': csrf },
      data: {
        username: `${tag.toLowerCase()}.${i}`, name: `${tag} ${String(i).padStart(2, '0')}`,
        email: `${tag.toLowerCase()}.${i}@norrvik.se`, password: 'ett långt lösenord för test',
      },
    });
    assert.equal(created.status(), 201, await created.text());
  }
  await api.dispose();

  const page = await newPage(browser);
  await login(page, 'admin');
  await visit(page, '/users');
  await page.getByRole('searchbox', { name: 'Sök användare' }).fill(tag);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.waitForURL(`${baseUrl}/users?q=${tag}`);
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), 50);
  assert.match(await page.locator('main').textContent(), /Visar 1–50 av 55 användare\./);
  const pager = page.getByRole('navigation', { name: 'Sidor' });
  assert.equal(await pager.getByRole('link', { name: 'Föregående sida' }).count(), 0);
  await checkAccessibility(page, '/users page 1');

  await pager.getByRole('link', { name: 'Nästa sida' }).click();
  await page.waitForURL(`${baseUrl}/users?page=2&q=${tag}`);
  assert.equal(await rows.count(), 5);
  assert.match(await page.locator('main').textContent(), /Visar 51–55 av 55 användare\./);
  assert.equal(await page.getByRole('searchbox', { name: 'Sök användare' }).inputValue(), tag);
  assert.equal(await pager.getByRole('link', { name: 'Nästa sida' }).count(), 0);
  await checkAccessibility(page, '/users page 2');

  await pager.getByRole('link', { name: 'Föregående sida' }).click();
  await page.waitForURL(`${baseUrl}/users?page=1&q=${tag}`);
  assert.equal(await rows.count(), 50);
  await page.context().close();
});
