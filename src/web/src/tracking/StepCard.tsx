// One numbered step of a walk-through: its number, its title and what to do.
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';

export function StepCard({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  const t = useT();
  const id = `step-${number}-title`;
  return (
    <section className="card stack" aria-labelledby={id}>
      <p className="subtle">{t('tracking.step', { number })}</p>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
