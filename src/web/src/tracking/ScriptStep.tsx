// Step 2: the script tag to paste on every page before the checkout, with the checkout addresses it is limited to,
// a copy button, and a check that the script answers at this Postback's address.
import { useState } from 'react';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { TextField } from '../ui/TextField.tsx';
import { StepCard } from './StepCard.tsx';
import { useScriptCheck } from './useScriptCheck.ts';

const localHosts = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export function ScriptStep() {
  const t = useT();
  const format = useFormat();
  // the hosted checkout (/checkout/...) is served from here, so this address is the default checkout host
  const [hosts, setHosts] = useState(window.location.host);
  const scriptUrl = `${window.location.origin}/tracking.js`;
  const cleanHosts = hosts.split(',').map((host) => host.trim()).filter(Boolean).join(',');
  const tag = ['<script', `src="${scriptUrl}"`, ...(cleanHosts ? [`data-hosts="${cleanHosts}"`] : []), 'async></script>'].join(' ');
  const { check, run } = useScriptCheck(scriptUrl);
  return (
    <StepCard number={2} title={t('tracking.scriptTitle')}>
      <p>{t('tracking.scriptText')}</p>
      <TextField label={t('tracking.hosts')} value={hosts} onChange={setHosts} hint={t('tracking.hostsHint')} spellCheck={false} />
      <CodeBlock code={tag} label={t('tracking.scriptLabel')} />
      <div className="stack" aria-live="polite">
        <div><Button size="small" onClick={run} busy={check.state === 'checking'}>{t('tracking.checkScript')}</Button></div>
        {check.state === 'reachable' && <p className="result result-ok">{t('tracking.reachable', { url: scriptUrl, size: format.number(check.bytes, { style: 'unit', unit: 'byte', unitDisplay: 'long' }) })}</p>}
        {check.state === 'unreachable' && <p className="result result-bad" role="alert">{t('tracking.unreachable', { url: scriptUrl })}</p>}
      </div>
      {localHosts.test(window.location.hostname) && <p className="subtle">{t('tracking.localOnly')}</p>}
    </StepCard>
  );
}
