// Exceptions (issue 28): an object owner requests an exception from a requirement row of its
// system, the information owner of the area approves it, the row shows "undantag t.o.m." instead
// of a gap; when the clock passes the last valid day the exception expires by itself and the
// row shows the gap again. Every page passes axe.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import {
  apiSession, checkAccessibility, launch, login, logout, mainText, newPage, notice,
  submitAndWait, systemWithGap, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const password = 'correct horse battery staple';

// An information owner of Barn- och utbildningsförvaltningen, made by the administrator.
async function informationOwner(unitName) {
  const admin = await apiSession('admin');
  const units = await admin('GET', '/org-units?limit=500');
  const unit = units.items.find((u) => u.name === unitName).id;
  const username = `e2e.infoagare.${Date.now().toString(36)}`;
  const user = await admin('POST', '/users', {
    username, name: 'Ingrid Informationsägare', email: `${username}@example.se`, password,
    org_unit_id: unit,
  });
  await admin('POST', `/users/${user.id}/roles`, { role: 'information_owner', scope_id: unit });
  return username;
}

function dayAfter(date) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test('an exception from a requirement row is approved, shown on the row and expires', async () => {
  const unitName = 'Barn- och utbildningsförvaltningen';
  const systemName = unique('Undantagssystem');
  const { path, code } = await systemWithGap(await apiSession('ciso'), systemName, unitName);
  const infoOwner = await informationOwner(unitName);
  const title = unique('Loggning saknas');
  const validUntil = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);

  // The object owner requests it from the gap on the system page.
  const page = await newPage(browser);
  await login(page, 'objektagare');
  await visit(page, path);
  const row = page.locator(`#req-row-${code}`);
  await row.getByRole('link', { name: `Begär undantag ${code}` }).click();
  await page.waitForURL(/\/exceptions\/new\?/);
  await checkAccessibility(page, 'exception request form');
  assert.equal(await page.locator('#exception-request-requirement_code').inputValue(), code);
  await page.locator('#exception-request-title').fill(title);
  await page.locator('#exception-request-reason').fill('Leverantören levererar stödet i nästa version.');
  await page.locator('#exception-request-compensating_measures').fill('Veckovis manuell granskning.');
  await page.locator('#exception-request-valid_until').fill(validUntil);
  await submitAndWait(page, 'Skicka begäran', /\/exceptions\/\d+\?notice=exception_requested$/);
  const exceptionUrl = page.url().replace(/\?.*$/, '');
  assert.equal(await notice(page), 'Undantaget har begärts.');
  assert.match(await mainText(page), /Status: Begärt/);
  await checkAccessibility(page, 'requested exception');
  await logout(page);

  // The information owner of the area approves it.
  await login(page, infoOwner, password);
  await visit(page, '/exceptions?status=requested');
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(exceptionUrl);
  await checkAccessibility(page, 'exception to decide');
  await page.locator('#exception-decision-approve').selectOption('true');
  await page.locator('#exception-decision-motivation').fill('Godtagbar risk med kompenserande åtgärd.');
  await submitAndWait(page, 'Spara beslutet', /\?notice=saved$/);
  assert.match(await mainText(page), new RegExp(`Status: Beviljat – undantag t.o.m. ${validUntil}`));
  await logout(page);

  // The requirement row shows the exception instead of a gap.
  await login(page, 'objektagare');
  await visit(page, path);
  assert.match(await row.innerText(), new RegExp(`undantag t.o.m. ${validUntil}`));
  assert.equal(await row.locator('strong').count(), 0, 'no longer marked as a gap');
  await checkAccessibility(page, 'system page with an exception');

  // The clock passes the last valid day: the exception expires and the gap is back.
  const output = execFileSync(process.env.LIS_BIN, ['exceptions', 'expire', '--database',
    process.env.LIS_DATABASE, '--at', `${dayAfter(validUntil)}T12:00:00Z`], { encoding: 'utf8' });
  assert.match(output, /exceptions expired: [1-9]/);
  await visit(page, path);
  assert.doesNotMatch(await row.innerText(), /undantag t\.o\.m\./);
  assert.equal(await row.locator('strong').count(), 1, 'the gap is marked again');
  await row.getByRole('link', { name: `Begär undantag ${code}` }).waitFor();
  await page.goto(exceptionUrl);
  const text = await mainText(page);
  assert.match(text, /Status: Utgånget/);
  assert.match(text, /Giltighetstiden löpte ut/);
  await logout(page);
});
