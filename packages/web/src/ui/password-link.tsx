import { createSignal, onMount } from 'solid-js';
import type { PasswordLink } from '../data/api.ts';
import { t } from '../i18n/index.ts';

/**
 * A one-time set-password link to hand over (no e-mail server is assumed): shown whole in a
 * field that takes focus with the link selected, so it can be copied at once, and a button
 * that copies it. Where the clipboard is not offered (plain http) the selection still is.
 */
export function PasswordLinkBox(props: { link: PasswordLink; id: string }) {
  const url = () => `${location.origin}${props.link.link}`;
  const [copied, setCopied] = createSignal('');
  let field!: HTMLInputElement;
  onMount(() => {
    field.focus();
    field.select();
  });
  const copy = async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(url());
      setCopied(t('accounts.copied'));
    } catch {
      setCopied(document.execCommand('copy') ? t('accounts.copied') : t('accounts.copyFailed'));
    }
  };
  return (
    <>
      <div class="copy-row">
        <label class="sr-only" for={props.id}>
          {t('accounts.linkField', { email: props.link.email })}
        </label>
        <input ref={field} id={props.id} type="text" readOnly value={url()} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="secondary" onClick={copy}>
          {t('accounts.copy')}
        </button>
      </div>
      <p class="muted">{copied()}</p>
    </>
  );
}
