/*
 * eGEC's only script, an enhancement: every page works without it. It adds a « show password »
 * toggle under each password field that asks for one (data-reveal-label, from the text
 * catalogue), so a client can check what was typed against the mail (majuscules, 0 and O).
 */
'use strict';

for (const input of document.querySelectorAll('input[type="password"][data-reveal-label]')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'reveal';
  button.textContent = input.dataset.revealLabel;
  button.setAttribute('aria-controls', input.id);
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    button.setAttribute('aria-pressed', String(show));
  });
  // Hidden again before sending, so the browser and password managers see a password field.
  input.form?.addEventListener('submit', () => {
    input.type = 'password';
    button.setAttribute('aria-pressed', 'false');
  });
  input.after(button);
}
