// The login page: accessible, keyboard-operable, says so when the password is wrong; and the
// 404 page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { account, baseUrl, checkAccessibility, launch, newPage, visit } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the login page is in Swedish by default and passes axe', async () => {
  const page = await newPage(browser);
  await visit(page, '/login');
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  assert.equal(await page.locator('h1').textContent(), 'Logga in');
  await checkAccessibility(page, 'login page');
  await page.context().close();
});

test('the login page in English passes axe', async () => {
  const page = await newPage(browser);
  await visit(page, '/login?lang=en');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('h1').textContent(), 'Log in');
  await checkAccessibility(page, 'login page (en)');
  await page.context().close();
});

test('a wrong password shows the error next to the form and keeps the username', async () => {
  const page = await newPage(browser);
  await visit(page, '/login');
  // Not a demo account: one failure must not count towards another test's lockout.
  await page.getByLabel('Användarnamn').fill('ingen.sadan.anvandare');
  await page.getByLabel('Lösenord').fill('fel lösenord helt enkelt');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${baseUrl}/login` && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Logga in' }).click(),
  ]);
  assert.equal(response.status(), 401);
  const alert = page.getByRole('alert');
  assert.equal((await alert.textContent()).trim(), 'Fel användarnamn eller lösenord.');
  assert.equal(await page.getByLabel('Användarnamn').inputValue(), 'ingen.sadan.anvandare');
  assert.equal(await page.getByLabel('Lösenord').inputValue(), '');
  await checkAccessibility(page, 'login page with an error');
  await page.context().close();
});

test('keyboard: Tab reaches the skip link first, then the fields; Enter submits', async () => {
  const page = await newPage(browser);
  const { username, password } = account('medarbetare');
  await visit(page, '/login');

  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({
    text: document.activeElement.textContent.trim(),
    href: document.activeElement.getAttribute('href'),
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  assert.deepEqual({ text: first.text, href: first.href },
    { text: 'Hoppa till innehållet', href: '#main' });
  assert.notEqual(first.outline, 'none', 'the focused skip link shows a focus outline');

  // Following the skip link moves on to the content: the next Tab is the username field.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle),
    'none', 'the focused field shows a focus outline');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press('Enter')]);
  assert.match(await page.locator('h1').textContent(), /^Välkommen/);

  // Without the skip link, Tab still walks header, language switch, then the form in order.
  await page.context().close();
  const page2 = await newPage(browser);
  await visit(page2, '/login');
  const order = [];
  for (let i = 0; i < 6; i++) {
    await page2.keyboard.press('Tab');
    order.push(await page2.evaluate(() => document.activeElement.id
      || document.activeElement.textContent.trim()));
  }
  assert.equal(order[0], 'Hoppa till innehållet');
  assert.ok(order.indexOf('username') > 0 && order.indexOf('password') === order.indexOf('username') + 1,
    `tab order: ${order.join(' → ')}`);
  await page2.context().close();
});

test('an unknown page is a 404 page that passes axe', async () => {
  const page = await newPage(browser);
  await visit(page, '/no/such/page', 404);
  assert.equal(await page.locator('h1').textContent(), 'Något gick fel');
  assert.match(await page.locator('main').textContent(), /Sidan finns inte\./);
  await checkAccessibility(page, '404 page');
  await visit(page, '/no/such/page?lang=en', 404);
  assert.match(await page.locator('main').textContent(), /The page does not exist\./);
  await checkAccessibility(page, '404 page (en)');
  await page.context().close();
});
