// How a receiver proves a post came from Postback: the hottok, the webhook-signature header, and dedupe on the id.
import { useState } from 'react';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { nodeSnippet, phpSnippet, pythonSnippet } from './snippets.ts';

export function VerifyGuide() {
  const [language, setLanguage] = useState('node');
  return (
    <section className="card stack" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify posts in your receiver</h2>
      <ol className="steps">
        <li><strong>Hottok.</strong> Compare <code>X-HOTMART-HOTTOK</code> with your security token (above). Existing Hotmart integrations already do this.</li>
        <li><strong>Signature.</strong> <code>webhook-signature</code> is <code>v1,&lt;base64 HMAC-SHA256&gt;</code> of <code>{'{webhook-id}.{webhook-timestamp}.{body}'}</code> with the configuration's <code>whsec_</code> secret (shown when you create it or rotate it). Reject stale timestamps (over 5 minutes).</li>
        <li><strong>Dedupe.</strong> <code>webhook-id</code> (the payload's <code>id</code>) is the same on every retry and resend: process each id once, and answer 2xx quickly.</li>
      </ol>
      <Tabs label="Receiver language" selected={language} onSelect={setLanguage} tabs={[
        { id: 'node', label: 'Node.js', content: <CodeBlock code={nodeSnippet} label="Node.js receiver" /> },
        { id: 'php', label: 'PHP', content: <CodeBlock code={phpSnippet} label="PHP receiver" /> },
        { id: 'python', label: 'Python', content: <CodeBlock code={pythonSnippet} label="Python receiver" /> },
      ]} />
    </section>
  );
}
