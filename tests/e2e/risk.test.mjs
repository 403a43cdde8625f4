// The risk journey on the demo data: the CISO runs a risk analysis of Socialförvaltningen with
// three risks, one above the municipality's threshold with the treatment accept; the
// information owner of Socialförvaltningen (infoagare.sof) finds it on the start page and
// accepts it with a motivation; the heatmaps of the analysis count the risks in their cells
// (read from the data tables), a cell leads to its risks; an action made from a risk shows in
// the action list and, once done, asks for re-assessment; axe-core finds nothing on any page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  checkAccessibility, launch, login, logout, mainText, newPage, notice, submit, unique, visit,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The count in cell likelihood × consequence of the inherent or residual data table.
async function cellCount(page, which, likelihood, consequence) {
  const cell = page.locator(
    `#matrix-${which}-table td[data-likelihood="${likelihood}"][data-consequence="${consequence}"]`);
  return Number((await cell.innerText()).trim());
}

async function addRisk(page, risk) {
  await page.locator('#risk-create-title').fill(risk.title);
  await page.locator('#risk-create-threat').fill(risk.threat);
  await page.locator('#risk-create-likelihood').selectOption(String(risk.likelihood));
  await page.locator('#risk-create-consequence').selectOption(String(risk.consequence));
  await page.locator('#risk-create-treatment').selectOption(risk.treatment);
  if (risk.residual) {
    await page.locator('#risk-create-residual_likelihood').selectOption(String(risk.residual[0]));
    await page.locator('#risk-create-residual_consequence').selectOption(String(risk.residual[1]));
  }
  await page.locator('#risk-create-confidentiality').check();
  const response = await submit(page, page.getByRole('button', { name: 'Lägg till risken' }));
  assert.equal(response.status(), 303, `adding ${risk.title}`);
  assert.match(page.url(), /\/risks\/\d+\?notice=created$/);
}

test('a CISO runs a risk analysis, the information owner accepts a risk, the heatmaps show it', async () => {
  const title = unique('Riskanalys av ekonomibiståndet');
  const above = unique('Utbetalning till fel mottagare');
  const risks = [
    { title: above, threat: 'Bedrägeri', likelihood: 4, consequence: 4, treatment: 'accept', residual: [3, 4] },
    { title: unique('Handläggare saknar behörighet'), threat: 'Sjukdom', likelihood: 2, consequence: 2, treatment: 'reduce' },
    { title: unique('Försenade beslut'), threat: 'Hög arbetsbelastning', likelihood: 3, consequence: 3, treatment: 'accept', residual: [2, 2] },
  ];

  const page = await newPage(browser);
  await login(page, 'ciso');
  await page.getByRole('link', { name: 'Risker', exact: true }).click();
  await page.waitForURL(/\/risks$/);
  await checkAccessibility(page, '/risks');

  await page.locator('#analysis-create-title').fill(title);
  const scope = page.locator('#analysis-create-scope option',
    { hasText: /^Organisationsenhet: .*Socialförvaltningen$/ });
  await page.locator('#analysis-create-scope').selectOption(await scope.first().getAttribute('value'));
  await page.locator('#analysis-create-participants').fill('CISO, enhetschef, systemförvaltare');
  let response = await submit(page, page.getByRole('button', { name: 'Skapa riskanalysen' }));
  assert.equal(response.status(), 303);
  const analysisUrl = page.url().replace(/\?.*$/, '');
  assert.match(analysisUrl, /\/risks\/analyses\/\d+$/);
  await checkAccessibility(page, 'the new analysis');

  for (const risk of risks) {
    await page.goto(analysisUrl);
    await addRisk(page, risk);
  }
  await checkAccessibility(page, 'a risk as its CISO sees it');
  // The last risk is changed through its form; the history shows the change.
  await page.locator('#risk-edit-planned_actions').fill('Fler handläggare under sommaren');
  response = await submit(page, page.getByRole('button', { name: 'Spara', exact: true }));
  assert.equal(response.status(), 303);
  assert.match(await notice(page), /Ändringarna har sparats/);
  const saved = await mainText(page);
  assert.ok(saved.includes('Fler handläggare under sommaren'));
  assert.ok(saved.includes('2 Möjlig'), 'the residual likelihood is kept');

  await page.goto(analysisUrl);
  const text = await mainText(page);
  for (const risk of risks) assert.ok(text.includes(risk.title), `the analysis lists ${risk.title}`);
  assert.equal(await cellCount(page, 'inherent', 4, 4), 1);
  assert.equal(await cellCount(page, 'inherent', 2, 2), 1);
  assert.equal(await cellCount(page, 'inherent', 3, 3), 1);
  assert.equal(await cellCount(page, 'inherent', 1, 1), 0);
  assert.equal(await cellCount(page, 'residual', 3, 4), 1);
  assert.equal(await cellCount(page, 'residual', 2, 2), 1);
  assert.equal(await cellCount(page, 'residual', 4, 4), 0);
  // The cells of the heatmap are links a keyboard reaches.
  const cell = page.locator('#matrix-inherent svg a').first();
  await cell.focus();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
    await cell.getAttribute('aria-label'));
  await checkAccessibility(page, 'the analysis with its heatmaps');

  for (const path of ['/risks/list', '/risks/list?state=acceptance_expired', '/risks/matrix',
    '/risks/settings']) {
    await visit(page, path);
    await checkAccessibility(page, path);
  }
  await logout(page);

  // The information owner finds the risk on the start page and accepts it.
  await login(page, 'infoagare.sof');
  const waiting = page.locator('section[aria-labelledby=risk-accept-heading]');
  await waiting.getByRole('link', { name: above }).click();
  await page.waitForURL(/\/risks\/\d+$/);
  assert.ok((await mainText(page)).includes('ligger över organisationens gräns 8'));
  await checkAccessibility(page, 'a risk awaiting acceptance');
  const until = new Date(Date.now() + 365 * 864e5).toISOString().slice(0, 10);
  await page.locator('#risk-accept-motivation').fill('Åtgärder kostar mer än de minskar risken; följs upp kvartalsvis');
  await page.locator('#risk-accept-valid_until').fill(until);
  response = await submit(page, page.getByRole('button', { name: 'Acceptera risken' }));
  assert.equal(response.status(), 303);
  assert.match(await notice(page), /Beslutet om acceptans har sparats/);
  assert.ok((await mainText(page)).includes(`Accepterad av Lena Forsberg`));
  assert.ok((await mainText(page)).includes(`gäller till och med ${until}`));
  await checkAccessibility(page, 'the accepted risk');

  // A cell of the heatmap leads to the risks in it.
  await page.goto(analysisUrl);
  await Promise.all([
    page.waitForURL(/\/risks\/list\?likelihood=4&consequence=4/),
    page.locator('#matrix-inherent-table td[data-likelihood="4"][data-consequence="4"] a').click(),
  ]);
  const listed = await mainText(page);
  assert.ok(listed.includes(above), 'the cell lists its risk');
  assert.ok(listed.includes('Visar 1–1 av 1.'), listed);
  await checkAccessibility(page, 'the risks of one cell');
  await logout(page);

  // The CISO treats the risk to reduce with an action made from its page; the action list
  // shows it with the risk as its origin, and once it is done the risk asks for re-assessment.
  await login(page, 'ciso');
  await page.goto(analysisUrl);
  await page.getByRole('link', { name: risks[1].title }).first().click();
  await page.waitForURL(/\/risks\/\d+$/);
  const riskUrl = page.url();
  const actions = page.locator('section[aria-labelledby=risk-action-heading]');
  assert.match(await actions.innerText(), /Inga åtgärder ännu/);
  response = await submit(page, actions.getByRole('button', { name: 'Skapa åtgärd' }));
  assert.equal(response.status(), 303);
  assert.match(page.url(), /\/actions\/\d+\?notice=action_created$/);
  const actionUrl = page.url().replace(/\?.*$/, '');
  assert.ok((await mainText(page)).includes(`Risk: ${risks[1].title}`), 'the action names its risk');
  await visit(page, '/actions?origin=risk&status=open');
  assert.equal(await page.getByRole('link', { name: risks[1].title }).count(), 1,
    'the action list shows the risk\'s action');
  await checkAccessibility(page, 'the action list of risks');
  await page.goto(actionUrl);
  await page.locator('#action-status-status').selectOption('done');
  response = await submit(page, page.locator('#action-status').getByRole('button'));
  assert.equal(response.status(), 303);
  await page.goto(riskUrl);
  const riskText = await mainText(page);
  assert.ok(riskText.includes('Åtgärderna är klara: riskägaren ska bedöma'), riskText);
  assert.match(await actions.innerText(), /Klar/);
  await checkAccessibility(page, 'a risk whose actions are done');
  await logout(page);
});
