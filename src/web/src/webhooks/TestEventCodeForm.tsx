// A Meta postback's Test Events code, set, changed or cleared on the dashboard (the test and edit dialogs hold it):
// Meta shows the code in Events Manager > Test events, and a test that carries it shows there and counts as no
// conversion. Empty removes it. Only roles that may change webhooks get the field (the API refuses the rest anyway).
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { Webhook } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import type { FieldProblems } from '../hooks/useSubmit.ts';
import { errorText } from '../i18n/errorText.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';
import { useCan } from '../session/RoleContext.tsx';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { testEventCodeOf } from './conversionSettings.ts';
import { saveTestEventCode, testEventCodeShape } from './saveTestEventCode.ts';

const refusedCode = (error: unknown) => error instanceof ApiError && error.fieldErrors.some(({ path }) => path === 'body.postback.test_event_code');

export function TestEventCodeForm({ webhook, onSaved }: { webhook: Webhook; onSaved: (changed: Webhook) => void }) {
  const t = useT();
  const canChange = useCan('developer');
  const saved = testEventCodeOf(webhook);
  const [code, setCode] = useState(saved);
  const [done, setDone] = useState<MessageKey | null>(null);
  const wanted = code.trim();
  const { busy, error, problems, formRef, onSubmit } = useSubmit(async () => {
    const changed = await saveTestEventCode(webhook, wanted);
    setDone(wanted === '' ? 'testEventCode.removed' : 'testEventCode.saved');
    onSaved(changed);
  }, (): FieldProblems => (wanted === '' || testEventCodeShape.test(wanted) ? {} : { test_event_code: t('testEventCode.invalid') }));
  if (!canChange) return null;
  const fieldError = problems.test_event_code ?? (refusedCode(error) ? t('testEventCode.invalid') : undefined);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
      <TextField label={t('testEventCode.label')} value={code} onChange={(value) => { setCode(value); setDone(null); }} hint={t('testEventCode.hint')}
        error={fieldError} spellCheck={false} autoComplete="off" maxLength={100} placeholder="TEST12345" />
      <ErrorText message={error && !fieldError ? errorText(t, error) : null} />
      {done && <p className="result result-ok" role="status">{t(done)}</p>}
      <div className="inline-actions">
        <Button type="submit" size="small" busy={busy}>{t(wanted === '' && saved !== '' ? 'testEventCode.remove' : 'testEventCode.save')}</Button>
      </div>
    </form>
  );
}
