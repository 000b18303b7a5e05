// The networks Postback knows, with their real postback parameter names. A preset is a starting point: the API
// resolves it into a webhook's URL template and body when the webhook is saved (src/delivery/conversion/configure.ts),
// and the producer may replace its base URL (scheme, host and path), e.g. with a tracker's own domain.
import type { ConversionPreset, JsonTemplate } from '../../domain/conversion.ts';
import type { ReceiverResponse } from '../send.ts';
import { graphApiRefusal } from './graph-api-refusal.ts';

export type PresetDefinition = {
  label: string;
  /** Scheme, host and path; null when every account has its own (a tracker's domain): base_url is then required. */
  baseUrl: string | null;
  /** The query string template appended to the base URL. */
  query: string;
  method: 'GET' | 'POST';
  body: JsonTemplate | null;
  /** Where {click_id} comes from, first non-empty wins. */
  clickIdFrom: string[];
  /** How many distinct goals the network tracks for one campaign through this method; null: no limit. */
  maxGoals: number | null;
  /** Settings the network needs besides the URL (they become macros or path segments). */
  needs: readonly ('pixel_id' | 'access_token')[];
  /**
   * Whether the network counts whatever reaches it, tests included, unless the request carries its test code (Meta's
   * test_event_code): a test send without one configured is refused (src/ingest/send-test.ts).
   */
  testsNeedCode: boolean;
  /** The oldest event the network accepts, from its event_time (the event's creation date); absent: any age. */
  maxEventAgeMs?: number;
  /**
   * Reads, in the network's answer, a refusal that no retry can change (src/delivery/conversion/graph-api-refusal.ts):
   * the delivery fails at once with it as its reason. Absent: every failed answer is retried as any receiver's.
   */
  refusalIn?: RefusalReader;
};

/** A network's refusal for good read from its answer, in its own words, or null (see PresetDefinition.refusalIn). */
export type RefusalReader = (answer: Pick<ReceiverResponse, 'status' | 'body'>) => string | null;

/**
 * Meta's Conversions API event: hashed e-mail and phone, fbc from the fbclid, the approval's transaction as event_id
 * for dedupe with the browser pixel (other events' ids carry their name: {sale_event_id}). Website events also want
 * the buyer's IP address and User-Agent (unhashed) and the page's address: sent when the sale carries them (the
 * hosted checkout records them), left out otherwise, never made up. A test send carries the webhook's Test Events
 * code, so Meta shows it in Events Manager's Test events and counts no conversion; a real sale never does.
 */
const metaBody: JsonTemplate = {
  data: [{
    event_name: '{goal}',
    event_time: '{event_time}',
    event_id: '{sale_event_id}',
    action_source: 'website',
    event_source_url: '{checkout_page_url}',
    user_data: { em: ['{sha256_email}'], ph: ['{sha256_phone}'], fbc: '{fbc}', client_ip_address: '{buyer_ip}', client_user_agent: '{buyer_user_agent}' },
    custom_data: { value: '{price}', currency: '{currency}', order_id: '{transaction}' },
  }],
  access_token: '{access_token}',
  appsecret_proof: '{appsecret_proof}',
  test_event_code: '{test_event_code}',
};

export const presets: Record<Exclude<ConversionPreset, 'custom'>, PresetDefinition> = {
  // MGID's Hotmart guide: the goal's custom tagging is sck={click_id}, so the click id comes back in sck
  mgid: { label: 'MGID', baseUrl: 'https://a.mgid.com/postback', query: 'c={click_id}&e={goal}&r={price}', method: 'GET', body: null,
    clickIdFrom: ['sck', 'click_id'], maxGoals: 3, needs: [], testsNeedCode: false },
  taboola: { label: 'Taboola', baseUrl: 'https://trc.taboola.com/actions-handler/log/3/s2s-action',
    query: 'click-id={click_id}&name={goal}&revenue={price}&currency={currency}&orderid={transaction}', method: 'GET', body: null,
    clickIdFrom: ['click_id', 'sck'], maxGoals: null, needs: [], testsNeedCode: false },
  outbrain: { label: 'Outbrain', baseUrl: 'https://tr.outbrain.com/unifiedPixel',
    query: 'ob_click_id={click_id}&name={goal}&orderValue={price}&currency={currency}&orderId={transaction}', method: 'GET', body: null,
    clickIdFrom: ['ob_click_id', 'sck'], maxGoals: null, needs: [], testsNeedCode: false },
  voluum: { label: 'Voluum', baseUrl: null, query: 'cid={click_id}&payout={price}&txid={transaction}&et={goal}', method: 'GET', body: null,
    clickIdFrom: ['click_id', 'sck'], maxGoals: null, needs: [], testsNeedCode: false },
  redtrack: { label: 'RedTrack', baseUrl: null, query: 'clickid={click_id}&sum={price}&type={goal}', method: 'GET', body: null,
    clickIdFrom: ['click_id', 'sck'], maxGoals: null, needs: [], testsNeedCode: false },
  meta: { label: 'Meta Conversions API', baseUrl: 'https://graph.facebook.com/v21.0/{pixel_id}/events', query: '', method: 'POST', body: metaBody,
    clickIdFrom: ['fbclid'], maxGoals: null, needs: ['pixel_id', 'access_token'], testsNeedCode: true,
    // Meta refuses a request whose event_time is more than 7 days ago ("event_time" in its Server Event parameters)
    maxEventAgeMs: 7 * 24 * 3_600_000, refusalIn: graphApiRefusal },
};

/** {click_id} sources of a custom template: the networks' own names first, then Hotmart's sck. */
export const customClickIdFrom = ['click_id', 'ob_click_id', 'ttclid', 'gclid', 'fbclid', 'sck'];
