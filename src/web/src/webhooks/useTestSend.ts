// A test send and its first answer: post the (edited) payload, then watch the delivery for a few seconds until the
// first attempt is recorded, so the dialog can show the receiver's answer in place.
import { useEffect, useRef, useState } from 'react';
import { getDelivery, sendTest } from '../api/endpoints.ts';
import type { Delivery, DeliveryDetail } from '../api/types.ts';

const pollMs = 400;
// after this long the dialog says the receiver has not answered yet (with a link), and keeps watching until giveUpMs
const slowMs = 8000;
const giveUpMs = 45_000;

export type TestRun = { phase: 'idle' } | { phase: 'sending' } | { phase: 'waiting'; deliveryId: string } | { phase: 'done'; delivery: DeliveryDetail } | { phase: 'slow'; deliveryId: string }
  /** Recorded as not sent, as the same sale would be (a conversion without a click id): no answer will come. */
  | { phase: 'skipped'; delivery: Delivery };

export function useTestSend() {
  const [run, setRun] = useState<TestRun>({ phase: 'idle' });
  const generation = useRef(0);
  useEffect(() => () => { generation.current += 1; }, []);
  const send = async (webhookId: string, event: string, data: unknown): Promise<void> => {
    const mine = ++generation.current;
    setRun({ phase: 'sending' });
    try {
      const { delivery } = await sendTest(webhookId, event, data);
      if (delivery.status === 'skipped') { setRun({ phase: 'skipped', delivery }); return; }
      setRun({ phase: 'waiting', deliveryId: delivery.id });
      const started = Date.now();
      while (generation.current === mine) {
        const detail = await getDelivery(delivery.id);
        if (generation.current !== mine) return;
        if (detail.attempt_history.length > 0) { setRun({ phase: 'done', delivery: detail }); return; }
        const waited = Date.now() - started;
        if (waited > giveUpMs) return;
        if (waited > slowMs) setRun({ phase: 'slow', deliveryId: delivery.id });
        await new Promise((resolve) => window.setTimeout(resolve, pollMs));
      }
    } catch (error) {
      if (generation.current === mine) setRun({ phase: 'idle' });
      throw error;
    }
  };
  const reset = () => { generation.current += 1; setRun({ phase: 'idle' }); };
  return { run, send, reset };
}
