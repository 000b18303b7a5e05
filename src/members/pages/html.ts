// HTML built from tagged templates: every interpolated value is escaped unless it is already Html (made here), so a
// buyer's name or a product name from a payload can never become markup.
export class Html {
  readonly text: string;
  constructor(text: string) { this.text = text; }
  toString(): string { return this.text; }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => entities[char]!);

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]!) : ''), ''));
}

/** Markup the area's owner wrote (a course's content file): trusted, inserted as it is. */
export const trustedHtml = (text: string): Html => new Html(text);
