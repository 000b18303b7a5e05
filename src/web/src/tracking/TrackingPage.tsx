// Ad tracking: MGID step by step, in the order its guide for Hotmart gives: the goal and its sck tagging, the script
// on the pages before the checkout, the postback, then the conversions it sent.
import { useT } from '../i18n/useT.ts';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { ConversionsStep } from './ConversionsStep.tsx';
import { PostbackStep } from './PostbackStep.tsx';
import { ScriptStep } from './ScriptStep.tsx';
import { StepCard } from './StepCard.tsx';

export function TrackingPage() {
  const t = useT();
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.tracking')}</h1>
          <p className="lead">{t('tracking.lead')}</p>
        </div>
      </div>
      <StepCard number={1} title={t('tracking.goalTitle')}>
        <p>{t.rich('tracking.goalText')}</p>
        <CodeBlock code="sck={click_id}" label={t('tracking.goalTagging')} />
      </StepCard>
      <ScriptStep />
      <PostbackStep />
      <ConversionsStep />
    </section>
  );
}
