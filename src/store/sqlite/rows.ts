// Kept only for the publish, hand-off and claim modules of this folder, which are being reworked on another branch:
// the row mapping of both stores is ../rows.ts; import it from there (this file goes once they do).
export { signingSecrets, toDelivery, toEvent, toWebhookRoute } from '../rows.ts';
