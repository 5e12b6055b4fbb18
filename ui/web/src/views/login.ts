// Connexion: the login form. On success the browser holds the session cookie and goes back to the
// page it came from (?retour=).

import { el } from '../dom';
import { t } from '../i18n';
import { login } from '../session';

export function loginView(root: HTMLElement, params: URLSearchParams): void {
  const m = t.session;
  const user = el('input', { type: 'text', id: 'login-user', name: 'username', autocomplete: 'username', required: '' });
  const password = el('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: '' });
  const submit = el('button', { type: 'submit' }, m.login);
  const message = el('p', { class: 'error', role: 'alert', hidden: '' });
  const form = el('form', { class: 'login-form' },
    el('label', { for: 'login-user' }, m.username), user,
    el('label', { for: 'login-password' }, m.password), password,
    el('div', { class: 'actions' }, submit), message);
  root.append(el('h1', {}, m.title), el('p', { class: 'muted' }, params.has('retour') ? m.required : m.intro), form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.hidden = true;
    submit.disabled = true;
    try {
      const outcome = await login(user.value, password.value);
      if (outcome.ok) {
        password.value = '';
        window.dispatchEvent(new Event('healthgraph:session'));
        location.hash = `#/${params.get('retour') ?? ''}`;
        return;
      }
      message.textContent = outcome.status === 429 ? m.tooMany(Math.max(1, Math.ceil(outcome.retryAfter / 60))) : m.wrong;
      message.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  user.focus();
}
