// Progressive enhancement only: every page works without this file.
// Forms with data-confirm ask before they submit (deleting, removing a role, revoking a token).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm) {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  }
});
