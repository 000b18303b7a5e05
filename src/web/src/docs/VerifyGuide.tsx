// How a receiver proves a post came from Postback: the hottok, the webhook-signature header, and dedupe on the id.
import { useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { nodeSnippet, phpSnippet, pythonSnippet } from './snippets.ts';

export function VerifyGuide() {
  const t = useT();
  const [language, setLanguage] = useState('node');
  return (
    <section className="card stack" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('verify.title')}</h2>
      <ol className="steps">
        <li>{t.rich('verify.hottok')}</li>
        <li>{t.rich('verify.signature', { value: 'v1,<base64 HMAC-SHA256>', signed: '{webhook-id}.{webhook-timestamp}.{body}' })}</li>
        <li>{t.rich('verify.dedupe')}</li>
      </ol>
      <Tabs label={t('verify.language')} selected={language} onSelect={setLanguage} tabs={[
        { id: 'node', label: 'Node.js', content: <CodeBlock code={nodeSnippet} label={t('verify.receiver', { language: 'Node.js' })} /> },
        { id: 'php', label: 'PHP', content: <CodeBlock code={phpSnippet} label={t('verify.receiver', { language: 'PHP' })} /> },
        { id: 'python', label: 'Python', content: <CodeBlock code={pythonSnippet} label={t('verify.receiver', { language: 'Python' })} /> },
      ]} />
    </section>
  );
}
