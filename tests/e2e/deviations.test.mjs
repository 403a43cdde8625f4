// Deviations (issue 28): an employee reports a deviation, the contact person analyses it and
// plans a corrective action, the owner marks the action done, the CISO records "not effective",
// a new action is done, the CISO records "effective" and the deviation closes. Every page
// passes axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  checkAccessibility, launch, login, logout, mainText, newPage, notice, submitAndWait, unique,
  visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Makes a corrective action from the deviation page with one click, gives it to `owner` and
// returns to the deviation: the action's path.
async function correctiveAction(page, deviationUrl, owner) {
  await page.goto(deviationUrl);
  await submitAndWait(page, 'Skapa åtgärd', /\/actions\/\d+\?notice=action_created$/);
  const actionPath = new URL(page.url()).pathname;
  await page.locator('#action-edit-owner_id').selectOption({ label: owner });
  await submitAndWait(page, 'Spara', /\?notice=saved$/);
  await page.goto(deviationUrl);
  return actionPath;
}

async function markDone(page, actionPath, note) {
  await visit(page, actionPath);
  await page.locator('#action-status-status').selectOption('done');
  await page.locator('#action-status-progress_note').fill(note);
  await submitAndWait(page, 'Spara status', /\?notice=saved$/);
}

async function judge(page, deviationUrl, effective, motivation) {
  await page.goto(deviationUrl);
  await page.locator('#deviation-verdict-effective').selectOption(effective ? 'true' : 'false');
  await page.locator('#deviation-verdict-motivation').fill(motivation);
  await submitAndWait(page, 'Spara bedömningen', /\?notice=saved$/);
}

test('a deviation closes on an effective verdict after one that was not', async () => {
  const title = unique('Obehöriga i akten');
  const page = await newPage(browser);

  // An employee reports it from the register.
  await login(page, 'medarbetare');
  await visit(page, '/deviations');
  await checkAccessibility(page, '/deviations');
  await page.locator('#deviation-report-title').fill(title);
  await page.locator('#deviation-report-description').fill('Behörigheter togs inte bort vid byte av tjänst.');
  const unit = page.locator('#deviation-report-org_unit_id');
  const sof = await unit.locator('option', { hasText: 'Socialförvaltningen' }).first().getAttribute('value');
  await unit.selectOption(sof);
  await page.locator('#deviation-report-severity').selectOption('high');
  await submitAndWait(page, 'Rapportera', /\/deviations\/\d+\?notice=deviation_reported$/);
  const deviationUrl = page.url().replace(/\?.*$/, '');
  assert.equal(await notice(page), 'Avvikelsen har rapporterats.');
  let text = await mainText(page);
  assert.match(text, /Status: Rapporterad/);
  assert.match(text, /Allvarlighet Hög/);
  assert.match(text, /Rapporterad av Fatima Ali/);
  await checkAccessibility(page, 'reported deviation');
  await visit(page, '/deviations/mine');
  await page.getByRole('link', { name: title }).waitFor();
  await logout(page);

  // The contact person analyses it and plans a corrective action owned by the employee.
  await login(page, 'kontakt.sof');
  await page.goto(deviationUrl);
  await checkAccessibility(page, 'deviation to analyse');
  await page.locator('#deviation-analyse-root_cause').fill('Ingen rutin för behörighetsbyte.');
  await submitAndWait(page, 'Spara grundorsaken – avvikelsen är analyserad', /\?notice=saved$/);
  assert.match(await mainText(page), /Status: Analyserad/);
  // It names the control it breaks, chosen from the framework library.
  const control = page.locator('#deviation-break-control_id');
  const chosen = (await control.locator('option').nth(1).textContent()).trim();
  await control.selectOption({ index: 1 });
  await submitAndWait(page, 'Lägg till kravet', /\?notice=saved$/);
  assert.ok((await mainText(page)).includes(chosen), `the page names ${chosen}`);
  const first = await correctiveAction(page, deviationUrl, 'Fatima Ali');
  await submitAndWait(page, 'Korrigerande åtgärder är planerade', /\?notice=saved$/);
  assert.match(await mainText(page), /Status: Åtgärder planerade/);
  await checkAccessibility(page, 'deviation with planned actions');
  await logout(page);

  // The owner marks the action done: the deviation now waits for its verdict.
  await login(page, 'medarbetare');
  await markDone(page, first, 'Rutin skriven.');
  await logout(page);

  // The CISO finds it not effective: back to analysis, the verdict kept in the history.
  await login(page, 'ciso');
  await visit(page, '/deviations?status=verifying');
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(deviationUrl);
  assert.match(await mainText(page), /Status: Effekt följs upp/);
  await checkAccessibility(page, 'deviation awaiting its verdict');
  await judge(page, deviationUrl, false, 'Stickprov visar kvarvarande behörigheter.');
  text = await mainText(page);
  assert.match(text, /Status: Analyserad/);
  assert.match(text, /Stickprov visar kvarvarande behörigheter\./);

  // A second action, owned by the contact person, is done; the CISO finds it effective.
  const second = await correctiveAction(page, deviationUrl, 'Anna Öberg');
  await submitAndWait(page, 'Korrigerande åtgärder är planerade', /\?notice=saved$/);
  await logout(page);
  await login(page, 'kontakt.sof');
  await markDone(page, second, 'Behörigheter rensade.');
  await page.goto(deviationUrl);
  assert.equal(await page.locator('#deviation-verdict-effective').count(), 0,
    'the owner of an action does not judge its effect');
  await logout(page);
  await login(page, 'ciso');
  await judge(page, deviationUrl, true, 'Ny kontroll utan anmärkning.');
  text = await mainText(page);
  assert.match(text, /Status: Stängd/);
  assert.match(text, /Åtgärderna gav effekt Ja/);
  await checkAccessibility(page, 'closed deviation with its history');
  await visit(page, '/deviations/statistics');
  assert.match(await mainText(page), /Effekt vid första bedömningen/);
  await checkAccessibility(page, 'deviation statistics');
  await logout(page);
});
