// "Link to this page": every view keeps its state in the address (#/table/X?depth=2, search
// filters, the join path's tables ...), so the address is the link to share. The button copies it
// and shows it in a field, selected, for when the clipboard is refused.

import { el } from './dom';
import { t } from './i18n';

/** Copies text to the clipboard; false when the browser refuses (no permission, not a secure page). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The page's share control: a button, then a status line with the link in a read-only field. */
export function shareControl(): HTMLElement {
  const button = el('button', { type: 'button', class: 'share secondary', title: t.share.title }, t.share.button);
  const status = el('p', { class: 'share-status', role: 'status', hidden: '' });
  button.addEventListener('click', async () => {
    const url = location.href;
    const copied = await copyText(url);
    const field = el('input', { type: 'text', readonly: '', class: 'share-url', 'aria-label': t.share.label, value: url });
    status.replaceChildren(copied ? t.share.copied : t.share.byHand, ' ', field);
    status.hidden = false;
    field.focus();
    field.select();
  });
  return el('div', { class: 'share-box' }, button, status);
}

/** Replaces the address without a new history entry nor a new rendering (a filter typed on the page). */
export function keepInAddress(hash: string): void {
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}
