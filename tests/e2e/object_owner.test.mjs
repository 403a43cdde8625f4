// The object owner's journey on the demo data: objektagare (object owner of Barn- och
// utbildningsförvaltningen) classifies "Orosanmälningar om barn", a secrecy-marked set of
// Socialförvaltningen that its system Elevhälsojournalen processes, through the questionnaire
// by keyboard; the class reaches the system and the object Elevhälsa; the information owner of
// Socialförvaltningen (infoagare.sof) finds it on its start page and approves it. The CISO's
// start page counts the work in its scope. An employee of Socialförvaltningen reads its own
// unit's register, not other units' sets, and not the details of a secrecy-marked set.
// axe-core checks every page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  baseUrl, checkAccessibility, launch, login, logout, mainText, newPage, notice, visit,
} from './support.mjs';

const SET = 'Orosanmälningar om barn';
const SYSTEM = 'Elevhälsojournalen';
const OBJECT = 'Elevhälsan';
const REASON_SET = `Allvarlig \\(3\\) – informationsmängden ${SET} har nivå 3 för konfidentialitet`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function focusedText(page) {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

// Presses Enter on the focused submit button and waits for the page the POST answers with.
async function submitByEnter(page) {
  await Promise.all([
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');
}

// Answers the questionnaire by keyboard: Tab into each question's radio group, Space picks its
// first answer (level 0) and ArrowDown moves to higher levels; `levels` maps question ids to
// the level wanted (others get 0). Ends on the propose button.
async function answerByKeyboard(page, levels) {
  const questions = await page.locator('fieldset.question').all();
  assert.ok(questions.length > 0, 'the questionnaire has questions');
  await page.locator('fieldset.question input[type=radio]').first().focus();
  for (const question of questions) {
    const first = question.locator('input[type=radio]').first();
    const id = (await first.getAttribute('name')).replace(/^q_/, '');
    assert.equal(await page.evaluate(() => document.activeElement?.name), `q_${id}`,
      `Tab reaches question ${id}`);
    await page.keyboard.press('Space');
    for (let i = 0; i < (levels[id] ?? 0); i++) await page.keyboard.press('ArrowDown');
    assert.equal(await question.locator('input[type=radio]:checked').getAttribute('value'),
      String(levels[id] ?? 0), `question ${id}`);
    await page.keyboard.press('Tab');
  }
}

test('the object owner classifies another unit\'s set its system processes; the information owner approves', async () => {
  const page = await newPage(browser);
  await login(page, 'objektagare');

  // The start page lists the owner's objects with their class.
  const objects = page.getByRole('region', { name: 'Mina objekt' });
  await objects.getByRole('link', { name: OBJECT, exact: true }).waitFor();
  await checkAccessibility(page, 'start page (object owner)');

  // The set is in the owner's register although Socialförvaltningen owns it.
  await visit(page, '/assets/information-sets');
  await page.getByRole('link', { name: SET, exact: true }).click();
  await page.waitForURL(/\/assets\/information-sets\/\d+$/);
  const setUrl = page.url();
  let text = await mainText(page);
  assert.match(text, /Socialförvaltningen/);
  assert.match(text, /OSL 26 kap\. 1 §/);
  assert.match(text, /Anmälningar från skola och elevhälsa/, 'the object owner reads the details');
  await checkAccessibility(page, 'information set (object owner)');

  // The questionnaire, by keyboard.
  await page.getByRole('link', { name: 'Klassa med frågeformuläret' }).click();
  await page.waitForURL(`${setUrl}/classify`);
  await checkAccessibility(page, 'questionnaire (object owner)');
  // Unanswered questions (past the browser's own check) are named at each question, and focus
  // goes to the error summary whose link leads to the first of them.
  await page.locator('fieldset.question input[type=radio]').evaluateAll(
    (radios) => radios.forEach((r) => r.removeAttribute('required')));
  await page.getByRole('button', { name: 'Visa föreslagna nivåer' }).focus();
  await submitByEnter(page);
  assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary')),
    true, 'focus moves to the error summary');
  assert.equal(await page.locator('[data-error-summary] a').getAttribute('href'), '#q-K1-0');
  assert.match(await page.locator('fieldset.question').first().getAttribute('aria-describedby'),
    /\bq-K1-error$/);
  assert.equal(await page.locator('#q-K1-error').textContent(), 'Välj ett svar på frågan.');
  await checkAccessibility(page, 'questionnaire with unanswered questions');
  await answerByKeyboard(page, { K2: 3, R1: 1 });
  assert.equal(await focusedText(page), 'Visa föreslagna nivåer', 'Tab ends on the propose button');
  await submitByEnter(page);
  await page.locator('[data-proposal=confidentiality]').waitFor();
  assert.equal(await page.locator('[data-proposal=confidentiality]').textContent(), 'Allvarlig (3)');
  assert.equal(await page.locator('[data-proposal=integrity]').textContent(), 'Måttlig (1)');
  assert.equal(await page.locator('#level_confidentiality').inputValue(), '3');
  await checkAccessibility(page, 'questionnaire with proposals (object owner)');

  // Confirm the levels with a motivation each; the form says which one is missing.
  const motivations = {
    confidentiality: 'Uppgifter om barn som kan fara illa; röjande kan skada barnet allvarligt.',
    integrity: 'Felaktiga uppgifter kan leda till felaktiga beslut, men rättas i utredningen.',
    availability: 'Handläggningen kan vänta några dagar.',
  };
  for (const [aspect, motivation] of Object.entries(motivations)) {
    await page.locator(`#motivation_${aspect}`).fill('');
    await page.locator(`#motivation_${aspect}`).focus();
    await page.keyboard.type(motivation);
  }
  await page.locator('#motivation_traceability').fill('');
  await page.locator('#motivation_traceability').evaluate((e) => e.removeAttribute('required'));
  await page.getByRole('button', { name: 'Spara klassningen' }).focus();
  await submitByEnter(page);
  await page.locator('#motivation_traceability[aria-invalid="true"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary')),
    true, 'focus moves to the error summary');
  assert.match(await page.locator('#motivation_traceability').getAttribute('aria-describedby'),
    /motivation_traceability-error/);
  await checkAccessibility(page, 'questionnaire with an error');
  await page.locator('[data-error-summary] a').press('Enter');
  await page.keyboard.type('Ändringar spåras i verksamhetssystemet.');
  await page.getByRole('button', { name: 'Spara klassningen' }).focus();
  await Promise.all([page.waitForURL(/\?notice=classified$/), page.keyboard.press('Enter')]);
  text = await mainText(page);
  assert.match(text, new RegExp(REASON_SET));
  assert.match(text, /Status Utkast/);

  // The class reaches the system and the object.
  await page.getByRole('link', { name: SYSTEM, exact: true }).click();
  await page.waitForURL(/\/assets\/systems\/\d+$/);
  assert.match(await mainText(page), new RegExp(REASON_SET));
  await checkAccessibility(page, 'system detail (object owner)');
  await page.getByRole('link', { name: OBJECT, exact: true }).first().click();
  await page.waitForURL(/\/assets\/objects\/\d+$/);
  assert.match(await mainText(page), new RegExp(`Allvarlig \\(3\\) – systemet ${SYSTEM
  } behandlar informationsmängden ${SET}, som har nivå 3 för konfidentialitet`));
  await checkAccessibility(page, 'object detail (object owner)');
  await visit(page, '/');
  assert.match(await objects.getByRole('row', { name: new RegExp(`^${OBJECT}\\b`) }).textContent(),
    /Allvarlig \(3\)/);
  await logout(page);

  // The information owner finds it waiting on its start page and approves it.
  await login(page, 'infoagare.sof');
  const waiting = page.getByRole('region', { name: 'Klassningar som väntar på ditt godkännande' });
  await waiting.getByRole('link', { name: SET, exact: true }).waitFor();
  await checkAccessibility(page, 'start page (information owner)');
  await waiting.getByRole('link', { name: SET, exact: true }).click();
  await page.waitForURL(setUrl);
  await Promise.all([
    page.waitForURL(/\?notice=approved$/),
    page.getByRole('button', { name: 'Godkänn klassningen', exact: true }).click(),
  ]);
  assert.equal(await notice(page), 'Klassningen har godkänts.');
  assert.match(await mainText(page), /Status Godkänd/);
  await checkAccessibility(page, 'information set approved (information owner)');
  await visit(page, '/');
  assert.equal(await waiting.getByRole('link', { name: SET, exact: true }).count(), 0,
    'no longer waiting');
  await logout(page);
  await page.context().close();
});

test('the CISO\'s start page counts the classification work in its scope', async () => {
  const page = await newPage(browser);
  await login(page, 'ciso');
  const overview = page.getByRole('region', { name: 'Översikt' });
  for (const title of ['Oklassade informationsmängder', 'Klassningar som väntar på godkännande',
    'Försenade översyner av klassning', 'Översyner inom 30 dagar']) {
    const card = overview.getByRole('link', { name: new RegExp(`^\\d+ ${title}$`) });
    await card.waitFor();
  }
  const unclassified = await overview.getByRole('link', { name: /Oklassade informationsmängder$/ })
    .textContent();
  assert.ok(Number.parseInt(unclassified, 10) >= 2, 'the demo holds unclassified sets');
  await checkAccessibility(page, 'start page (CISO)');
  await overview.getByRole('link', { name: /Oklassade informationsmängder$/ }).click();
  await page.waitForURL(`${baseUrl}/assets/information-sets?unclassified=on`);
  await logout(page);
  await page.context().close();
});

test('an employee reads its unit\'s register but not secrecy-marked details', async () => {
  const page = await newPage(browser);
  await login(page, 'medarbetare');
  await visit(page, '/assets/information-sets');
  const register = page.locator('main table');
  await register.getByRole('link', { name: SET, exact: true }).waitFor();
  await register.getByRole('link', { name: 'Avtal med utförare', exact: true }).waitFor();
  assert.equal(await register.getByRole('link', { name: 'Journaler i elevhälsan' }).count(), 0,
    'another unit\'s set is not in the register');
  assert.doesNotMatch(await register.innerText(), /Barn- och utbildningsförvaltningen/);
  await checkAccessibility(page, '/assets/information-sets (employee)');

  await register.getByRole('link', { name: SET, exact: true }).click();
  await page.waitForURL(/\/assets\/information-sets\/\d+$/);
  const text = await mainText(page);
  assert.match(text, /OSL 26 kap\. 1 §/, 'the secrecy reference is shown');
  assert.match(text, /Visas inte: informationsmängden är sekretessmarkerad/);
  assert.doesNotMatch(text, /Anmälningar från skola/, 'the description is hidden');
  assert.equal(await page.locator('main form[method=post]').count(), 0, 'no forms');
  await checkAccessibility(page, 'secrecy-marked set (employee)');

  await visit(page, '/assets/information-sets');
  await register.getByRole('link', { name: 'Avtal med utförare', exact: true }).click();
  await page.waitForURL(/\/assets\/information-sets\/\d+$/);
  assert.match(await mainText(page), /Avtal med utförare av insatser/);
  await logout(page);
  await page.context().close();
});
