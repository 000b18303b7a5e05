// Where a sale came from: the tracking parameters a checkout link carried (Hotmart's sck, src and xcod, the utm_*
// family, and the ad networks' click ids), kept in the purchase's `data.purchase.origin`. Pure.

/** Hotmart's own checkout tracking parameters; they are also the 1.0.0 form's `sck`, `src` and `xcod` fields. */
export const hotmartTrackingKeys = ['sck', 'src', 'xcod'] as const;
export const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
/** Click ids by the name networks append them under: Meta, Google, TikTok, Outbrain, and the generic one (MGID, Taboola, Voluum, RedTrack templates). */
export const clickIdKeys = ['fbclid', 'gclid', 'ttclid', 'ob_click_id', 'click_id'] as const;
/**
 * Every parameter a checkout records as the origin, in this order. The carrier script (src/tracking/tracking.js) keeps
 * a copy: a page with a value for one of them is a new click there (test/carrier-script.test.ts keeps the two equal).
 */
export const originKeys = [...hotmartTrackingKeys, ...utmKeys, ...clickIdKeys] as const;
export type OriginKey = (typeof originKeys)[number];
export type TrackingOrigin = Partial<Record<OriginKey, string>>;

/** Longest value kept per parameter: click ids are tens of characters; anything far longer is not one. */
export const originValueMaxLength = 500;

export const isOriginKey = (name: string): name is OriginKey => (originKeys as readonly string[]).includes(name);

/** The origin parameters among `pairs` (a query string's), the first value of each, non-empty and at most originValueMaxLength. */
export function originFromQuery(pairs: Iterable<[string, string]>): TrackingOrigin {
  const origin: TrackingOrigin = {};
  for (const [name, value] of pairs) {
    // fails closed on a value too long to be a click id: it is dropped, not cut (a cut id would match nothing)
    if (isOriginKey(name) && origin[name] === undefined && value !== '' && value.length <= originValueMaxLength) origin[name] = value;
  }
  return origin;
}

/** The origin recorded in an event's data (purchase events), its string values only. */
export function originOfEventData(data: unknown): TrackingOrigin {
  const purchase = (data as { purchase?: { origin?: unknown } } | null)?.purchase;
  const recorded = purchase?.origin;
  if (typeof recorded !== 'object' || recorded === null) return {};
  return originFromQuery(Object.entries(recorded).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The first non-empty value among `sources`, in their order: the click id a conversion reports; '' when none. */
export function clickIdOf(origin: TrackingOrigin, sources: readonly string[]): string {
  for (const source of sources) {
    const value = isOriginKey(source) ? origin[source] : undefined;
    if (value) return value;
  }
  return '';
}
