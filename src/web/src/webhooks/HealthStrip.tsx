// A configuration's health at a glance: its last delivery, how much of the last 24 hours and 7 days was delivered,
// the failures, what waits to retry, and the last 24 hours as a small chart (with its numbers one tap away).
import type { WebhookStats } from '../api/types.ts';
import { StackedBars } from '../charts/StackedBars.tsx';
import { resultLabel } from '../history/ResultText.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';

export function HealthStrip({ stats, name }: { stats: WebhookStats | undefined; name: string }) {
  const t = useT();
  const format = useFormat();
  if (!stats) return <div className="health health-loading" aria-hidden="true" />;
  const rate = (value: number | null) => (value === null ? '—' : format.percent(value));
  const tone = (value: number | null) => (value === null ? '' : value >= 0.98 ? 'health-good' : value >= 0.8 ? 'health-fair' : 'health-bad');
  return (
    <section className="health" aria-label={t('health.label', { name })}>
      <dl className="health-facts">
        <div>
          <dt>{t('health.last')}</dt>
          <dd>{stats.last ? t('health.lastValue', { when: format.relative(stats.last.at), result: resultLabel(t, stats.last.status_code, stats.last.error) }) : t('health.noneRecent')}</dd>
        </div>
        <div>
          <dt>{t('health.day')}</dt>
          <dd><span className={tone(stats.last_24h.success_rate)}>{rate(stats.last_24h.success_rate)}</span> · {t('health.failures', { count: stats.last_24h.failed })}</dd>
        </div>
        <div>
          <dt>{t('health.week')}</dt>
          <dd><span className={tone(stats.last_7d.success_rate)}>{rate(stats.last_7d.success_rate)}</span> · {t('health.failures', { count: stats.last_7d.failed })}</dd>
        </div>
        <div>
          <dt>{t('health.waiting')}</dt>
          <dd>{format.number(stats.waiting_retry)}</dd>
        </div>
      </dl>
      <StackedBars hours={stats.hourly} height={36} compact caption={t('health.chart', { name })} />
    </section>
  );
}
