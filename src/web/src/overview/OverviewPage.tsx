// Overview: the account's deliveries per hour by outcome, how long publish → delivered takes (p50, p95), and the
// slowest and the most failing configurations, all counted by the server (GET /api/v1/stats/overview).
import { useState } from 'react';
import { getOverview, listWebhooks } from '../api/endpoints.ts';
import { StackedBars } from '../charts/StackedBars.tsx';
import { useInterval } from '../hooks/useInterval.ts';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { RankedBars } from './RankedBars.tsx';

export function OverviewPage() {
  const t = useT();
  const format = useFormat();
  const [hours, setHours] = useState('24');
  const overview = useResource(() => getOverview(Number(hours)), `overview-${hours}`);
  const webhooks = useResource(async () => new Map((await listWebhooks()).items.map((webhook) => [webhook.id, webhook.name])), 'webhook-names');
  useInterval(overview.reload, 30_000, true);
  const name = (id: string) => webhooks.data?.get(id) ?? t('history.removedConfiguration');
  const data = overview.data;
  const ms = (value: number | null) => (value === null ? '—' : format.duration(value));
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.overview')}</h1>
          <p className="lead">{t('overview.lead')}</p>
        </div>
        <SelectField className="overview-window" label={t('overview.window')} value={hours} onChange={setHours}
          options={[{ value: '24', label: t('overview.day') }, { value: '168', label: t('overview.week') }]} hint={t('common.zoneHint', { zone: format.zoneName() })} />
      </div>
      {overview.error && !data ? <LoadError error={overview.error} what={t('overview.what')} onRetry={() => void overview.reload()} />
        : !data ? <SkeletonBlocks count={3} height={160} label={t('overview.loading')} />
        : (
          <>
            <section className="card stack" aria-labelledby="per-hour">
              <h2 id="per-hour">{t('overview.perHour')}</h2>
              <StackedBars hours={data.hourly} caption={t('overview.perHourCaption', { from: format.date(data.from), to: format.date(data.to) })} />
            </section>
            <section className="card stack" aria-labelledby="latency">
              <h2 id="latency">{t('overview.latency')}</h2>
              <dl className="figures">
                <div><dt>{t('overview.p50')}</dt><dd>{ms(data.latency.p50_ms)}</dd></div>
                <div><dt>{t('overview.p95')}</dt><dd>{ms(data.latency.p95_ms)}</dd></div>
                <div><dt>{t('overview.deliveredCount')}</dt><dd>{format.number(data.latency.count)}</dd></div>
              </dl>
              <p className="hint">{t('overview.latencyHint')}</p>
            </section>
            <div className="two-columns">
              <RankedBars title={t('overview.slowest')} empty={t('overview.noneSlow')} unit="ms"
                rows={data.slowest.map((item) => ({ id: item.webhook_id, name: name(item.webhook_id), value: item.mean_ms, label: ms(item.mean_ms), detail: t('overview.slowDetail', { p95: ms(item.p95_ms), count: item.delivered }) }))}
                columns={[t('history.configuration'), t('overview.mean'), t('overview.detail')]} />
              <RankedBars title={t('overview.failing')} empty={t('overview.noneFailing')} unit="count"
                rows={data.failing.map((item) => ({ id: item.webhook_id, name: name(item.webhook_id), value: item.failed, label: format.number(item.failed), detail: t('overview.failDetail', { rate: format.percent(item.failure_rate), total: item.total }) }))}
                columns={[t('history.configuration'), t('overview.failures'), t('overview.detail')]} />
            </div>
          </>
        )}
    </section>
  );
}
