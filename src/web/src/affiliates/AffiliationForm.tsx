// Add an affiliate to a product: the affiliate's account id (from its Credentials page) and, optionally, the code
// its sales carry (one is made up when left empty). The API's errors show next to the field they name.
import { useState } from 'react';
import { ApiError, fieldErrorsOf, messageOf } from '../api/client.ts';
import type { Affiliation, AffiliationInput } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { onCreate: (input: AffiliationInput) => Promise<Affiliation> };

/** Field errors by form field; a taken code (409) belongs next to the code. */
function errorsOf(error: unknown): Record<string, string> {
  if (error instanceof ApiError && error.status === 409) return { affiliate_code: error.message };
  return fieldErrorsOf(error);
}

export function AffiliationForm({ onCreate }: Props) {
  const [accountId, setAccountId] = useState('');
  const [code, setCode] = useState('');
  const notify = useNotify();
  const { busy, error, onSubmit } = useSubmit(async () => {
    const created = await onCreate({ affiliate_account_id: accountId.trim(), ...(code.trim() ? { affiliate_code: code.trim() } : {}) });
    notify(`Affiliate added under the code ${created.affiliate_code}`);
    setAccountId(''); setCode('');
  });
  const fields = errorsOf(error);
  const general = error && Object.keys(fields).length === 0 ? messageOf(error) : null;
  return (
    <form className="product-form" onSubmit={onSubmit} noValidate aria-labelledby="add-affiliate">
      <h3 id="add-affiliate">Add an affiliate</h3>
      <div className="field-row">
        <TextField label="Affiliate account id" value={accountId} onChange={setAccountId} error={fields.affiliate_account_id}
          hint="The affiliate finds it on its Credentials page." autoComplete="off" spellCheck={false} maxLength={64} />
        <TextField label="Affiliate code (optional)" value={code} onChange={setCode} error={fields.affiliate_code}
          hint="The code its sales carry; leave empty to get one." autoComplete="off" spellCheck={false} maxLength={64} />
      </div>
      <ErrorText message={general} />
      <Button type="submit" variant="primary" busy={busy}>Add affiliate</Button>
    </form>
  );
}
