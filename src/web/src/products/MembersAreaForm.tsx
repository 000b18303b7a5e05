// The product's external members area: its address, and the login and password the marketplace reviews it with. The
// password is never shown again; left empty, the one set is kept.
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { updateProduct } from '../api/endpoints.ts';
import type { Product } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import type { Translate } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { product: Product; onSaved: (product: Product) => void };

/** Each field the API named (body.members_area.url ...), in the user's language. */
function fieldErrors(t: Translate, error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  for (const { path } of error.fieldErrors) {
    if (path.endsWith('.url')) found.url = t('membersArea.urlNeeded');
    if (path.endsWith('.login')) found.login = t('membersArea.loginNeeded');
    if (path.endsWith('.password')) found.password = t('membersArea.passwordNeeded');
  }
  return found;
}

export function MembersAreaForm({ product, onSaved }: Props) {
  const t = useT();
  const notify = useNotify();
  const area = product.members_area;
  const [url, setUrl] = useState(area?.url ?? '');
  const [login, setLogin] = useState(area?.login ?? '');
  const [password, setPassword] = useState('');
  const save = useSubmit(async () => {
    onSaved(await updateProduct(product.id, { members_area: { url: url.trim(), login: login.trim(), ...(password ? { password } : {}) } }));
    setPassword('');
    notify(t('membersArea.saved', { name: product.name }));
  });
  // the area's address, the review login and the sealed review password go at once, and the password cannot be
  // shown again: asked first, as every removal is
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    onSaved(await updateProduct(product.id, { members_area: null }));
    setUrl(''); setLogin(''); setPassword('');
    setConfirming(false);
    notify(t('membersArea.removed', { name: product.name }));
  };
  const fields = fieldErrors(t, save.error);
  const general = save.error && Object.keys(fields).length === 0 ? errorText(t, save.error) : null;
  return (
    <>
      <form ref={save.formRef} className="product-form" onSubmit={save.onSubmit} noValidate aria-labelledby="members-area-title">
        <TextField label={t('membersArea.url')} hint={t('membersArea.urlHint')} value={url} onChange={setUrl} error={fields.url} type="url" inputMode="url" autoComplete="off" spellCheck={false} maxLength={2048} />
        <div className="field-row">
          <TextField label={t('membersArea.login')} value={login} onChange={setLogin} error={fields.login} autoComplete="off" spellCheck={false} maxLength={200} />
          <TextField label={t('membersArea.password')} value={password} onChange={setPassword} error={fields.password} type="password" autoComplete="new-password" maxLength={200}
            {...(area?.password_set ? { hint: t('membersArea.passwordKeep') } : {})} />
        </div>
        <ErrorText message={general} />
        <div className="card-actions">
          <Button type="submit" variant="primary" busy={save.busy}>{t('membersArea.save')}</Button>
          {area && <Button variant="danger" onClick={() => setConfirming(true)}>{t('membersArea.remove')}</Button>}
        </div>
      </form>
      {/* once removed, the button is gone: the keyboard goes to the address field, to set another */}
      <ConfirmDialog open={confirming} title={t('membersArea.removeTitle', { name: product.name })} confirmLabel={t('membersArea.remove')} danger
        onCancel={() => setConfirming(false)} onConfirm={remove} returnFocus={() => save.formRef.current?.querySelector('input')}>
        <p>{t('membersArea.removeText')}</p>
      </ConfirmDialog>
    </>
  );
}
