// What an affiliate receives: the event's data without the fields the catalogue marks as not sent to affiliates.
// Without sharing that is the buyer's personal data and the boleto/PIX links and codes; when the producer shares
// buyer data for the product, only what sharing never releases (the producer's own document, the buyer's IP,
// browser and checkout page: field-doc.ts personal) and the undocumented keys beside them.
import { eventDefinitions } from './definitions.ts';
import type { EventName } from './event-names.ts';
import { fieldsOf } from './fields.ts';

/** Who a payload is for: producers get every field; affiliates what the catalogue marks as sent to them. */
export type Audience = 'producer' | 'affiliate';

/** Whether the product shares buyer data with its affiliates (the producer's switch); off unless said. */
export type Sharing = { shareBuyerData?: boolean };

/**
 * A node of the documented field tree: `personal` leaves are removed; `guarded` objects hold personal data;
 * `required` keys must be present whenever their parent is.
 */
type Node = { personal: boolean; guarded: boolean; required: boolean; children: Map<string, Node> };

/** One tree per event and sharing: what is personal depends on whether the product shares buyer data. */
const trees = new Map<string, Node>();

function treeOf(event: EventName, sharing: Sharing = {}): Node {
  const shared = sharing.shareBuyerData === true;
  const cacheKey = `${event}:${shared}`;
  let root = trees.get(cacheKey);
  if (root) return root;
  root = { personal: false, guarded: false, required: true, children: new Map() };
  for (const field of fieldsOf(eventDefinitions[event].schema)) {
    const sent = shared ? field.sent_to_affiliates_when_shared : field.sent_to_affiliates;
    let node = root;
    for (const key of field.name.split('.').map((part) => part.replace(/\[\]$/, ''))) {
      if (!sent) node.guarded = true;
      let child = node.children.get(key);
      if (!child) { child = { personal: false, guarded: false, required: true, children: new Map() }; node.children.set(key, child); }
      node = child;
    }
    node.personal = !sent;
    node.required = field.required;
  }
  trees.set(cacheKey, root);
  return root;
}

/** A redacted deep copy of `data`, as the product's affiliates get it under `sharing`; the input is not changed. */
export function redactForAffiliates(event: EventName, data: Record<string, unknown>, sharing: Sharing = {}): Record<string, unknown> {
  return redactObject(treeOf(event, sharing), data);
}

/**
 * Whether an affiliate's payload may lack the key at `path` (object keys; array indexes are skipped): a field
 * withheld from affiliates, or an object that redaction may empty and so omit (none of its required keys is sent).
 * Without `sharing`, as a product that does not share buyer data: the most an affiliate's payload may lack.
 */
export function withheldFromAffiliates(event: EventName, path: readonly PropertyKey[], sharing: Sharing = {}): boolean {
  let node = treeOf(event, sharing);
  for (const key of path) {
    if (typeof key === 'number') continue;
    const child = node.children.get(String(key));
    if (!child) return false;
    node = child;
  }
  return mayBeOmitted(node);
}

function mayBeOmitted(node: Node): boolean {
  if (node.personal) return true;
  return node.children.size > 0 && [...node.children.values()].every((child) => !child.required || mayBeOmitted(child));
}

function redactObject(node: Node, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const doc = node.children.get(key);
    // fails closed: an undocumented key beside personal fields may itself be personal, so it is dropped
    if (!doc) { if (!node.guarded) out[key] = structuredClone(child); continue; }
    if (doc.personal) continue;
    const redacted = redactValue(doc, child);
    // an object left empty by redaction is omitted, as Hotmart omits absent objects (never null, never {})
    if (isEmptiedObject(child, redacted)) continue;
    out[key] = redacted;
  }
  return out;
}

function redactValue(node: Node, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(node, item));
  if (value !== null && typeof value === 'object' && node.children.size > 0) return redactObject(node, value as Record<string, unknown>);
  return structuredClone(value);
}

function isEmptiedObject(before: unknown, after: unknown): boolean {
  const isObject = (v: unknown): v is object => v !== null && typeof v === 'object' && !Array.isArray(v);
  return isObject(before) && isObject(after) && Object.keys(after).length === 0 && Object.keys(before).length > 0;
}
