// The API calls of the Ad tracking screen: postback webhooks (a webhook of version "postback") and the last conversions sent.
import { apiCall } from '../api/client.ts';
import type { Delivery, Webhook } from '../api/types.ts';

export type ConversionSettings = {
  preset: string;
  method: 'GET' | 'POST';
  goals: Record<string, { goal: string; negative_value: boolean }>;
  click_id_from: string[];
  click_id_required: boolean;
};
export type PostbackWebhook = Webhook & { postback: ConversionSettings | null };
export type Conversion = Delivery & { webhook_name: string; goal: string | null; click_id: string };

export const listPostbackWebhooks = async (): Promise<PostbackWebhook[]> =>
  (await apiCall<{ items: PostbackWebhook[] }>('GET', '/api/v1/webhooks')).items.filter((webhook) => webhook.version === 'postback' && webhook.postback);

export const createMgidPostback = (name: string, goals: Record<string, string>) =>
  apiCall<PostbackWebhook>('POST', '/api/v1/webhooks', { name, version: 'postback', postback: { preset: 'mgid', goals } });

export const listConversions = async (): Promise<Conversion[]> => (await apiCall<{ items: Conversion[] }>('GET', '/api/v1/tracking/conversions?limit=10')).items;
