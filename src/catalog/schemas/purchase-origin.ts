// `purchase.origin`: the tracking parameters the checkout link carried. Its keys are the hosted checkout's own list
// (src/domain/tracking-origin.ts), so every parameter the checkout records is documented here: a key added there
// without a line here fails the type check.
import * as z from 'zod';
import { originKeys } from '../../domain/tracking-origin.ts';
import type { OriginKey } from '../../domain/tracking-origin.ts';
import { shared } from '../field-doc.ts';

// Hotmart's own checkout sends sck, src and xcod; the utm_* family and the click ids are what Postback's hosted
// checkout records beside them, so ad-network postbacks and receivers can attribute the sale
const originDescriptions = {
  sck: 'Tracking code (sck) of the checkout link',
  src: 'Tracking source (src) of the checkout link',
  xcod: 'Tracking code (xcod) of the checkout link',
  utm_source: 'Campaign source (utm_source) of the checkout link, e.g. mgid, facebook',
  utm_medium: 'Campaign medium (utm_medium) of the checkout link, e.g. cpc',
  utm_campaign: 'Campaign name (utm_campaign) of the checkout link',
  utm_term: 'Campaign term (utm_term) of the checkout link: the keyword or audience',
  utm_content: 'Campaign content (utm_content) of the checkout link: the ad or creative',
  fbclid: 'Meta (Facebook, Instagram) ad click id (fbclid)',
  gclid: 'Google Ads click id (gclid)',
  ttclid: 'TikTok ad click id (ttclid)',
  ob_click_id: 'Outbrain click id (ob_click_id)',
  click_id: 'Click id of an ad network or tracker (click_id): MGID, Taboola, Voluum, RedTrack...',
} satisfies Record<OriginKey, string>;

// Every key optional: a link carries only some of them, and Hotmart leaves out those it did not get. Sent to
// affiliates too, as Hotmart does with sck, src and xcod: the affiliate's own link set them.
const originShape = Object.fromEntries(originKeys.map((key) => [key, shared(z.string(), originDescriptions[key], 'string').optional()])) as
  Record<OriginKey, z.ZodOptional<z.ZodString>>;

export const purchaseOrigin = z.looseObject(originShape);
