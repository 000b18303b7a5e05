// The account's security token (hottok): sent as X-HOTMART-HOTTOK on every post; reveal, copy, rotate.
import { useState } from 'react';
import { rotateHottok } from '../api/endpoints.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

export function HottokCard({ hottok, onRotated }: { hottok: string; onRotated: (hottok: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const notify = useNotify();
  return (
    <section className="card stack" aria-labelledby="hottok-title">
      <h2 id="hottok-title">Security token (hottok)</h2>
      <p>Every post carries this token in the <code>X-HOTMART-HOTTOK</code> header. Your receiver compares it with the value below and rejects posts without it.</p>
      <SecretValue label="Hottok" value={hottok} maskable />
      <div><Button size="small" variant="ghost" onClick={() => setConfirming(true)}>Rotate hottok…</Button></div>
      <ConfirmDialog title="Rotate the hottok?" confirmLabel="Rotate now" danger open={confirming} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const rotated = await rotateHottok();
          onRotated(rotated.hottok);
          setConfirming(false);
          notify('New hottok in use: update your receivers');
        }}>
        <p>The new token is sent from the next post on, and the old one stops at once: receivers that check the hottok reject posts until you update them.</p>
      </ConfirmDialog>
    </section>
  );
}
