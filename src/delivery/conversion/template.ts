// Conversion templates: a URL whose {macros} are replaced by URL-encoded values, and a JSON body whose string
// leaves' {macros} are replaced by JSON-escaped ones. Pure.
import type { JsonTemplate } from '../../domain/conversion.ts';
import { macroNames, numericMacros } from './macros.ts';
import type { MacroName, MacroValues } from './macros.ts';

const macroPattern = /\{([a-z0-9_]+)\}/g;
const isMacro = (name: string): name is MacroName => (macroNames as readonly string[]).includes(name);

/** Every {name} in `template` (a URL, or any JSON template), known or not. */
export function macrosIn(template: JsonTemplate): string[] {
  const found = new Set<string>();
  const visit = (node: JsonTemplate): void => {
    if (typeof node === 'string') for (const match of node.matchAll(macroPattern)) found.add(match[1]!);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(template);
  return [...found];
}

export const unknownMacros = (template: JsonTemplate): string[] => macrosIn(template).filter((name) => !isMacro(name));

const fill = (text: string, values: MacroValues, encode: (value: string) => string): string =>
  text.replace(macroPattern, (whole, name: string) => (isMacro(name) ? encode(values[name]) : whole));

/**
 * The URL with each macro's value URL-encoded exactly once; the template's own characters are kept as written. A
 * value made only of dots is left empty: in a path segment ("/pb/{click_id}") a URL parser reads "..", and "%2E%2E"
 * too, as the folder above, so a click id of ".." would climb the template's path. No network's id is only dots.
 */
export function renderUrl(template: string, values: MacroValues): string {
  return fill(template, values, (value) => (/^\.+$/.test(value) ? '' : encodeURIComponent(value)));
}

/**
 * The body: string leaves filled in; a leaf that is one numeric macro alone becomes a number; a leaf, array or
 * object left empty is dropped (networks reject empty identifiers, e.g. Meta's `fbc` when the ad added no fbclid).
 */
export function renderJson(template: JsonTemplate, values: MacroValues): string {
  return JSON.stringify(fillNode(template, values) ?? null);
}

function fillNode(node: JsonTemplate, values: MacroValues): JsonTemplate | undefined {
  if (typeof node === 'string') {
    const alone = /^\{([a-z0-9_]+)\}$/.exec(node)?.[1];
    if (alone !== undefined && (numericMacros as readonly string[]).includes(alone)) {
      const value = values[alone as MacroName];
      return value === '' ? undefined : Number(value);
    }
    const filled = fill(node, values, (value) => value);
    return filled === '' ? undefined : filled;
  }
  if (Array.isArray(node)) {
    const items = node.map((item) => fillNode(item, values)).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (node !== null && typeof node === 'object') {
    const entries = Object.entries(node).map(([key, value]) => [key, fillNode(value, values)] as const).filter(([, value]) => value !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries) as JsonTemplate;
  }
  return node;
}
