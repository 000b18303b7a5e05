import type {
  IDataObject,
  IHookFunctions,
  INodeType,
  INodeTypeDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { postbackApiRequest } from './PostbackApi';
import { verifySignature } from './verifySignature';

// The Postback trigger: activating the workflow subscribes its webhook URL to a Postback trigger through REST hooks
// (POST /api/v1/hooks), deactivating it unsubscribes, and each event arrives as Postback's flat JSON item. The hook id
// and its signing secret live in the workflow's static data, as n8n's own StripeTrigger keeps its webhook's.
const catalogueEvents = [
  'PURCHASE_APPROVED', 'PURCHASE_COMPLETE', 'PURCHASE_CANCELED', 'PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK', 'PURCHASE_PROTEST',
  'PURCHASE_EXPIRED', 'PURCHASE_DELAYED', 'PURCHASE_BILLET_PRINTED', 'PURCHASE_OUT_OF_SHOPPING_CART', 'SUBSCRIPTION_CANCELLATION',
  'SWITCH_PLAN', 'UPDATE_SUBSCRIPTION_CHARGE_DATE', 'CLUB_FIRST_ACCESS', 'CLUB_MODULE_COMPLETED',
];

/** The Product IDs parameter as Postback's product scope: the comma-separated ids, trimmed, or 'all' when none. */
function productScope(parameter: unknown): string[] | 'all' {
  const ids = String(parameter ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  return ids.length > 0 ? ids : 'all';
}

/** Whether a hook's `products` (as GET /hooks/:id answers them) are the scope asked for; a set: order does not matter. */
function sameProducts(hook: unknown, wanted: string[] | 'all'): boolean {
  if (hook === 'all' || wanted === 'all') return hook === wanted;
  if (!Array.isArray(hook)) return false;
  const ids = new Set(hook.map(String));
  return ids.size === new Set(wanted).size && wanted.every((id) => ids.has(id));
}

export class PostbackTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Postback Trigger',
    name: 'postbackTrigger',
    icon: 'file:postback.svg',
    group: ['trigger'],
    version: 1,
    subtitle: '={{$parameter["event"]}}',
    description: 'Starts the workflow on sales, cart abandonment, plan changes and cancellations from Postback',
    defaults: { name: 'Postback Trigger' },
    inputs: [],
    outputs: ['main'],
    credentials: [{ name: 'postbackApi', required: true }],
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
    properties: [
      {
        displayName: 'Trigger On',
        name: 'event',
        type: 'options',
        required: true,
        default: 'order',
        options: [
          { name: 'Order', value: 'order', description: 'Every purchase event (approved, completed, refunded, boleto printed...); the status field says which' },
          { name: 'Cart Abandonment', value: 'cart_abandonment', description: 'A buyer left the checkout without buying' },
          { name: 'Plan Change', value: 'plan_change', description: 'A subscriber switched plans' },
          { name: 'Subscription Cancellation', value: 'subscription_cancellation', description: 'A subscription was cancelled' },
          ...catalogueEvents.map((event) => ({ name: event, value: event, description: `Only ${event} events` })),
        ],
      },
      {
        displayName: 'Product IDs',
        name: 'products',
        type: 'string',
        default: '',
        placeholder: '3718245, 4102938',
        description: 'Only these products (their Postback product IDs, comma-separated); empty for all',
      },
    ],
  };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        const webhookData = this.getWorkflowStaticData('node');
        if (webhookData.webhookId === undefined) return false;
        const answer = await postbackApiRequest.call(this, 'GET', `/hooks/${encodeURIComponent(String(webhookData.webhookId))}`);
        if (answer.statusCode === 404) {
          // gone in Postback (deleted there, or its URL answered 410): forget it, so create() subscribes again
          delete webhookData.webhookId;
          delete webhookData.webhookSecret;
          return false;
        }
        if (answer.statusCode !== 200) throw new Error(`Postback answered ${answer.statusCode} while checking the hook: ${JSON.stringify(answer.body)}`);
        // a hook for another URL, trigger or product filter (the node was changed while a delete() failed) is
        // replaced, and so is a hook Postback disabled (one NXDOMAIN, or failing past POSTBACK_DISABLE_AFTER_FAILURES,
        // e.g. n8n down for a weekend): it is kept, 200 with enabled:false, and every event skipped; a new
        // subscription is what n8n's activation is for
        const disabled = answer.body.enabled === false;
        const changed = answer.body.target_url !== this.getNodeWebhookUrl('default') || answer.body.event !== this.getNodeParameter('event')
          || !sameProducts(answer.body.products, productScope(this.getNodeParameter('products', '')));
        if (disabled || changed) {
          await postbackApiRequest.call(this, 'DELETE', `/hooks/${encodeURIComponent(String(webhookData.webhookId))}`);
          delete webhookData.webhookId;
          delete webhookData.webhookSecret;
          return false;
        }
        return true;
      },
      async create(this: IHookFunctions): Promise<boolean> {
        const answer = await postbackApiRequest.call(this, 'POST', '/hooks', {
          target_url: this.getNodeWebhookUrl('default') ?? '',
          event: this.getNodeParameter('event') as string,
          products: productScope(this.getNodeParameter('products', '')),
          name: `n8n: ${this.getNode().name}`,
        });
        // 200: Postback already had this very subscription (the static data that named it was lost) and hands it back
        // with its secret, rather than making a second hook that would start the workflow twice per sale
        if ((answer.statusCode !== 201 && answer.statusCode !== 200) || typeof answer.body.id !== 'string') {
          throw new Error(`Postback did not create the hook (HTTP ${answer.statusCode}): ${String(answer.body.detail ?? JSON.stringify(answer.body))}`);
        }
        const webhookData = this.getWorkflowStaticData('node');
        webhookData.webhookId = answer.body.id;
        webhookData.webhookSecret = answer.body.secret;
        return true;
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        const webhookData = this.getWorkflowStaticData('node');
        if (webhookData.webhookId !== undefined) {
          const answer = await postbackApiRequest.call(this, 'DELETE', `/hooks/${encodeURIComponent(String(webhookData.webhookId))}`);
          // 404: already gone, which is what was wanted
          if (answer.statusCode !== 204 && answer.statusCode !== 404) return false;
          delete webhookData.webhookId;
          delete webhookData.webhookSecret;
        }
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    const secret = this.getWorkflowStaticData('node').webhookSecret;
    const request = this.getRequestObject() as unknown as { rawBody?: Buffer };
    // fails closed: once the hook's secret is known, a body whose signature does not verify starts nothing
    if (typeof secret === 'string') {
      const body = request.rawBody ? request.rawBody.toString('utf8') : JSON.stringify(this.getBodyData());
      if (!verifySignature(secret, this.getHeaderData() as Record<string, string | string[] | undefined>, body, Math.floor(Date.now() / 1000))) {
        this.getResponseObject().status(401).send('invalid webhook-signature');
        return { noWebhookResponse: true };
      }
    }
    return { workflowData: [this.helpers.returnJsonArray(this.getBodyData() as IDataObject)] };
  }
}
