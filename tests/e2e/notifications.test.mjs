// The bell: an employee reports two incidents; the CISO of its municipality sees the unread count
// in the page header, opens /notifications by keyboard, follows one notification (marked read on
// the way), marks the rest read; every page passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, newPage, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Reports an incident at Socialförvaltningen through the API with the page's session.
async function reportIncident(page, title) {
  const csrf = await page.locator('input[name=_csrf]').first().getAttribute('value');
  const units = await (await page.request.get(`${baseUrl}/api/v1/org-units?limit=500`)).json();
  const unit = units.items.find((u) => u.name === 'Socialförvaltningen');
  const now = Date.now();
  const response = await page.request.post(`${baseUrl}/api/v1/incidents`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      title,
      description: 'Ett mejl med personuppgifter gick till fel mottagare.',
      occurred_at: new Date(now - 3 * 3600e3).toISOString(),
      discovered_at: new Date(now - 3600e3).toISOString(),
      org_unit_id: unit.id,
      personal_data: true,
      ongoing: false,
      reporter_contact: '070-123 45 67',
    },
  });
  assert.equal(response.status(), 201, await response.text());
  return (await response.json()).id;
}

test('the CISO follows a new-incident notification from the bell', async () => {
  const title = unique('Felskickat mejl');
  const employee = await newPage(browser);
  await login(employee, 'medarbetare');
  const id = await reportIncident(employee, title);
  await reportIncident(employee, unique('Borttappad surfplatta'));
  await employee.context().close();

  const page = await newPage(browser);
  await login(page, 'ciso');
  const bell = page.getByRole('link', { name: /^Notiser \(\d+ olästa\)$/ });
  const before = Number((await bell.textContent()).match(/\((\d+) olästa\)/)[1]);
  assert.ok(before >= 2, 'the new incidents are unread');
  await bell.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/notifications`);
  await page.getByRole('heading', { name: 'Notiser', level: 1 }).waitFor();
  await checkAccessibility(page, '/notifications (unread)');

  const follow = page.getByRole('button', { name: `Ny incident: ${title}` });
  await follow.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/incidents/${id}`);

  await visit(page, '/notifications');
  await page.getByRole('link', { name: `Ny incident: ${title}` }).waitFor();
  assert.match(await page.getByRole('link', { name: /^Notiser \(/ }).textContent(),
    new RegExp(`\\(${before - 1} olästa\\)`));
  const markAll = page.getByRole('button', { name: 'Markera alla som lästa' });
  await markAll.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/notice=notifications_read/);
  await page.getByRole('status').filter({ hasText: 'Alla notiser är markerade som lästa.' }).waitFor();
  assert.match(await page.getByRole('link', { name: /^Notiser \(/ }).textContent(), /\(0 olästa\)/);
  await checkAccessibility(page, '/notifications (all read)');
  await page.context().close();
});
