// Progressive enhancement only: every page works without this file.
// Forms with data-confirm ask before they submit (deleting, removing a role, revoking a token).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm) {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  }
});
// After a failed submission, move focus to the form's error summary so that keyboard and
// screen reader users hear what went wrong and can follow its link to the field.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
});
// A file input with data-file-into="ID" reads the chosen file into the text area ID (the
// catalogue import), so that a file can be chosen instead of pasted.
document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.fileInto || !input.files.length) return;
  const target = document.getElementById(input.dataset.fileInto);
  input.files[0].text().then((text) => { if (target) target.value = text; });
});
