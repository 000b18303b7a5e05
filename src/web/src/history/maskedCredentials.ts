// The credentials a conversion delivery's sent request shows masked, each with the shell variable "copy as curl"
// reads it from. The server masks a postback's credentials in its sent URL and body as it masks the hottok: each to
// `********` and its last 4 characters (src/delivery/mask-secrets.ts, src/history/delivery-detail.ts), which is how
// the API shows them in the webhook's settings too. Of those, only the access token is ever sent ({access_token}:
// Meta's body, or a custom template); the app secret goes out only as the appsecret_proof it signs, which replays
// unchanged. A Hotmart delivery carries no such credential (its hottok is curlCommand's own).
import type { DeliveryDetail, Webhook } from '../api/types.ts';
import { conversionSettings } from '../webhooks/conversionSettings.ts';
import type { MaskedCredential } from './curlCommand.ts';

/** Meta's own name for it; a custom template's token is this postback's, whatever network it goes to. */
const tokenVariable = (preset: string) => (preset === 'meta' ? 'META_ACCESS_TOKEN' : 'POSTBACK_ACCESS_TOKEN');

/** Empty for a Hotmart delivery, one whose configuration is unknown (gone, or still loading), or that shows no token. */
export function maskedCredentials(delivery: DeliveryDetail, webhook: Webhook | undefined): MaskedCredential[] {
  const settings = webhook && delivery.version === 'postback' ? conversionSettings(webhook) : null;
  const masked = settings?.secrets.access_token;
  if (!settings || !masked) return [];
  const shown = [delivery.request.url, delivery.request.body].some((text) => text?.includes(masked));
  return shown ? [{ masked, variable: tokenVariable(settings.preset) }] : [];
}
