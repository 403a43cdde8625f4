// The action list: the CISO makes an action from a requirement gap on a system page with one
// click and gives it to the contact person, who finds it in "Mina åtgärder" and on the start
// page and marks it done by keyboard; the overdue view and the filters work. Every page
// passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  apiSession, checkAccessibility, launch, login, logout, mainText, newPage, notice,
  submitAndWait, systemWithGap, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an action from a requirement gap is done by its new owner', async () => {
  const call = await apiSession('ciso');
  const systemName = unique('Åtgärdssystem');
  const { path, code } = await systemWithGap(call, systemName, 'Socialförvaltningen');

  // One click on the gap makes the action.
  const page = await newPage(browser);
  await login(page, 'ciso');
  await visit(page, path);
  await checkAccessibility(page, 'system page with a gap');
  await submitAndWait(page, `Skapa åtgärd för krav ${code}`, /\/actions\/\d+\?notice=action_created$/);
  const actionUrl = page.url().replace(/\?.*$/, '');
  assert.equal(await notice(page), 'Åtgärden har skapats.');
  let text = await mainText(page);
  assert.match(text, new RegExp(`Ursprung Gap mot skyddskrav: Skyddskrav ${code} för ${systemName}`));
  assert.match(text, /Ansvarig Johan Bergström/);
  const title = (await page.locator('h1').innerText()).trim();
  assert.ok(title.startsWith(`${code} – `), title);
  await checkAccessibility(page, 'new action');

  // The gap now links to its action.
  await visit(page, path);
  await page.getByRole('link', { name: `Öppen åtgärd för krav ${code}` }).waitFor();
  assert.equal(await page.getByRole('button', { name: `Skapa åtgärd för krav ${code}` }).count(), 0);

  // Given to the contact person of Socialförvaltningen.
  await page.goto(actionUrl);
  await page.locator('#action-edit-owner_id').selectOption({ label: 'Anna Öberg' });
  await submitAndWait(page, 'Spara', /\?notice=saved$/);
  assert.match(await mainText(page), /Ansvarig Anna Öberg/);
  await logout(page);

  // The new owner finds it on the start page and in "Mina åtgärder".
  await login(page, 'kontakt.sof');
  const mine = page.locator('section[aria-labelledby="actions-heading"]');
  await mine.getByRole('link', { name: title }).waitFor();
  await checkAccessibility(page, 'start page with my actions');
  await visit(page, '/actions/mine');
  await page.getByRole('link', { name: title }).waitFor();
  await checkAccessibility(page, '/actions/mine');

  // Done, by keyboard: the status chosen with the arrow keys, the note typed, Enter sends.
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(actionUrl);
  await page.locator('#action-status-status').focus();
  await page.keyboard.press('End');  // the last status: cancelled
  await page.keyboard.press('ArrowUp');  // done
  assert.equal(await page.locator('#action-status-status').inputValue(), 'done');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'action-status-progress_note');
  await page.keyboard.type('Kravet uppfyllt.');
  await Promise.all([page.waitForURL(/\?notice=saved$/), page.keyboard.press('Enter')]);
  text = await mainText(page);
  assert.match(text, /Status Klar/);
  assert.match(text, /Lägesbeskrivning Kravet uppfyllt\./);
  await checkAccessibility(page, 'done action with history');
  await visit(page, '/actions/mine?status=open');
  assert.equal(await page.getByRole('link', { name: title }).count(), 0, 'no longer open');
});

test('the overdue view and the filters', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');
  await visit(page, '/actions/overdue');
  await checkAccessibility(page, '/actions/overdue');
  const rows = page.locator('main table tbody tr');
  assert.ok(await rows.count() >= 2, 'the demo has overdue actions');
  for (const row of await rows.all()) assert.match(await row.innerText(), /Försenad/);
  await page.getByRole('link', { name: 'Se över behörigheterna i Elevhälsojournalen' }).waitFor();

  // Filter by priority through the form; the sort links keep the filter.
  await visit(page, '/actions');
  await page.locator('#filter-priority').selectOption('critical');
  await submitAndWait(page, 'Filtrera', /\/actions\?.*priority=critical/);
  assert.ok(await rows.count() >= 1);
  for (const row of await rows.all()) assert.match(await row.innerText(), /Kritisk/);
  await checkAccessibility(page, '/actions filtered');
  await page.getByRole('link', { name: 'Rubrik' }).click();
  await page.waitForURL(/sort=title.*priority=critical|priority=critical.*sort=title/);
  await page.locator('th[aria-sort="ascending"]').waitFor();

  // A bad value is refused, naming the parameter.
  await visit(page, '/actions?sort=owner', 400);
  assert.match(await mainText(page), /sort/);
  await logout(page);
});
