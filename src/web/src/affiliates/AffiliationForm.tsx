// Add an affiliate to a product: the affiliate's account id (from its Credentials page) and, optionally, the code
// its sales carry (one is made up when left empty). Each problem shows next to the field it concerns.
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Affiliation, AffiliationInput } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import type { Translate } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { onCreate: (input: AffiliationInput) => Promise<Affiliation> };

/** Field messages by form field; a taken code (409) belongs next to the code. */
function errorsOf(t: Translate, error: unknown): Record<string, string> {
  if (error instanceof ApiError && error.status === 409) return { affiliate_code: t('affiliationForm.codeTaken') };
  return fieldMessages(t, error, { affiliate_account_id: 'affiliationForm.accountUnknown', affiliate_code: 'affiliationForm.codeNeeded' });
}

export function AffiliationForm({ onCreate }: Props) {
  const t = useT();
  const [accountId, setAccountId] = useState('');
  const [code, setCode] = useState('');
  const notify = useNotify();
  const { busy, error, onSubmit } = useSubmit(async () => {
    const created = await onCreate({ affiliate_account_id: accountId.trim(), ...(code.trim() ? { affiliate_code: code.trim() } : {}) });
    notify(t('affiliationForm.added', { code: created.affiliate_code }));
    setAccountId(''); setCode('');
  });
  const fields = errorsOf(t, error);
  const general = error && Object.keys(fields).length === 0 ? errorText(t, error) : null;
  return (
    <form className="product-form" onSubmit={onSubmit} noValidate aria-labelledby="add-affiliate">
      <h3 id="add-affiliate">{t('affiliationForm.title')}</h3>
      <div className="field-row">
        <TextField label={t('affiliationForm.accountId')} value={accountId} onChange={setAccountId} error={fields.affiliate_account_id}
          hint={t('affiliationForm.accountIdHint')} autoComplete="off" spellCheck={false} maxLength={64} />
        <TextField label={t('affiliationForm.code')} value={code} onChange={setCode} error={fields.affiliate_code}
          hint={t('affiliationForm.codeHint')} autoComplete="off" spellCheck={false} maxLength={64} />
      </div>
      <ErrorText message={general} />
      <Button type="submit" variant="primary" busy={busy}>{t('affiliationForm.submit')}</Button>
    </form>
  );
}
