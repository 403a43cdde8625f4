// Shared pieces of the browser tests: the server under test, the demo accounts, a headless
// Chromium, signing in and out, and the accessibility check (axe-core, WCAG 2.1 A and AA).
//
// Environment: LIS_URL (a running `lis serve` with demo data) and LIS_ACCOUNTS (the JSON file
// written by `lis demo --accounts-out`: [{username, password, role, scope}, ...]).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const baseUrl = (process.env.LIS_URL || '').replace(/\/$/, '');
if (!baseUrl) throw new Error('LIS_URL is not set (the address of a running lis serve)');
if (!process.env.LIS_ACCOUNTS) throw new Error('LIS_ACCOUNTS is not set (lis demo --accounts-out)');

const accounts = JSON.parse(fs.readFileSync(process.env.LIS_ACCOUNTS, 'utf8'));

// The demo account with this username.
export function account(username) {
  const found = accounts.find((a) => a.username === username);
  assert.ok(found, `no demo account ${username} in ${process.env.LIS_ACCOUNTS}`);
  return found;
}

// A name no earlier run against the same server has used.
// A signed-in API session of a demo account: call(method, path, body) answers the JSON body
// and fails the test unless the status is 2xx.
export async function apiSession(username) {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: account(username).password }),
  });
  assert.equal(res.status, 200, 'API login');
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

export function unique(prefix) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.LIS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// A fresh browser context (own cookies). bypassCSP lets the test inject axe-core: the
// pages' Content-Security-Policy rightly forbids inline script. Confirmation dialogs
// (data-confirm) are accepted after checking that they say something.
export async function newPage(browser) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (dialog) => {
    page.dialogs.push(dialog.message());
    assert.ok(dialog.message().length > 0, 'a confirmation dialog without text');
    await dialog.accept();
  });
  return page;
}

export async function visit(page, path, expectedStatus = 200) {
  const response = await page.goto(baseUrl + path);
  assert.equal(response.status(), expectedStatus, `GET ${path}`);
  return response;
}

// Signs in through the login form and lands on the start page.
export async function login(page, username, password = account(username).password) {
  await visit(page, '/login');
  await page.getByLabel(/Användarnamn|Username/).fill(username);
  await page.getByLabel(/Lösenord|Password/).fill(password);
  await Promise.all([
    page.waitForURL(`${baseUrl}/`),
    page.getByRole('button', { name: /Logga in|Log in/ }).click(),
  ]);
  await page.getByRole('button', { name: /Logga ut|Log out/ }).waitFor();
}

// Signs out with the header button and lands on the login page.
export async function logout(page) {
  await Promise.all([
    page.waitForURL(`${baseUrl}/login`),
    page.getByRole('button', { name: /Logga ut|Log out/ }).click(),
  ]);
  await page.locator('#username').waitFor();
  // The session is gone: a page that needs it sends us back to the login page.
  await page.goto(baseUrl + '/account');
  assert.equal(new URL(page.url()).pathname, '/login');
}

const axeSource = fs.readFileSync(
  fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

function describeViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.map((n) => `      ${n.target.join(' ')}\n        ${n.html}\n        ${
      (n.failureSummary || '').replace(/\n/g, '\n        ')}`).join('\n');
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
  }).join('\n');
}

// Runs axe-core on the current page (WCAG 2.0/2.1 A and AA) and fails on any violation,
// listing rule, elements and what to fix. Also checks the page has exactly one h1, a main
// landmark and a language.
export async function checkAccessibility(page, label = page.url()) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  assert.equal(result.violations.length, 0,
    `axe-core found ${result.violations.length} WCAG violation(s) on ${label}:\n${
      describeViolations(result.violations)}`);
  assert.equal(await page.locator('h1').count(), 1, `${label}: exactly one h1`);
  assert.equal(await page.locator('main').count(), 1, `${label}: one main landmark`);
  assert.match(await page.locator('html').getAttribute('lang'), /^(sv|en)$/, `${label}: lang`);
}

// The text of the notice shown after a successful change.
export async function notice(page) {
  return (await page.locator('main [role=status].alert-ok').first().textContent()).trim();
}

// The text of the page's main element with runs of white space as one space.
export async function mainText(page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

// Clicks the button named `button` and waits for the navigation to a URL matching `urlPattern`.
export async function submitAndWait(page, button, urlPattern) {
  await Promise.all([
    page.waitForURL(urlPattern),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

// Clicks `button` (a locator) and waits for the page its POST navigates to; the response.
export async function submit(page, button) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    button.click(),
  ]);
  await page.waitForLoadState();
  return response;
}

// A system of unit `unitName` (made through `call`, an apiSession) whose classification
// triggers requirements, the first of them recorded as not met: a gap. Its id, path and the
// gap's code.
export async function systemWithGap(call, name, unitName) {
  const units = await call('GET', '/org-units?limit=500');
  const unit = units.items.find((u) => u.name === unitName).id;
  const object = await call('POST', '/objects', { name: `${name}-objekt`, org_unit_id: unit });
  const system = await call('POST', '/systems', { name, object_id: object.id });
  const set = await call('POST', '/information-sets',
    { name: `${name}-mängd`, org_unit_id: unit, system_ids: [system.id] });
  const motivations = {};
  for (const a of ['confidentiality', 'integrity', 'availability', 'traceability']) motivations[a] = 'Test';
  await call('PUT', `/information-sets/${set.id}/classification`,
    { confidentiality: 2, integrity: 2, availability: 2, traceability: 2, motivations });
  const reqs = await call('GET', `/systems/${system.id}/requirements`);
  const { code } = reqs.items[0];
  await call('PUT', `/systems/${system.id}/requirements/${code}`, { status: 'not_met' });
  return { id: system.id, path: `/assets/systems/${system.id}`, code };
}
