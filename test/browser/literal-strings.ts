// Finds words on screen that do not come from a message catalogue: text between JSX tags, user-facing JSX
// attributes (aria-label, title, placeholder, hint, label...) and prose in any string literal of the dashboard's
// sources. Parsed with the same parser Vite builds with (oxc, through `vite`), so it reads exactly what ships.
import { parseSync } from 'vite';

export type Literal = { file: string; line: number; text: string; why: string };

// attributes whose value never reaches a reader: classes, ids, routing, ARIA wiring, component variants
const technicalAttributes = new Set([
  'className', 'id', 'key', 'type', 'role', 'href', 'to', 'name', 'autoComplete', 'inputMode', 'variant', 'size', 'lang', 'rel', 'target',
  'htmlFor', 'method', 'spellCheck', 'tone', 'style', 'src', 'viewBox', 'd', 'fill', 'stroke', 'width', 'height', 'aria-live', 'aria-current',
  'aria-hidden', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-invalid', 'aria-busy', 'aria-pressed', 'data-field', 'data-autofocus',
  'data-testid', 'scope', 'dateTime', 'status', 'mode', 'tone', 'kind',
]);
// object properties that hold words for the screen when they are literals
const textProperties = new Set(['label', 'title', 'text', 'hint', 'message', 'description', 'placeholder', 'caption', 'what']);
// calls whose string arguments are selectors, queries, keys or developer messages
const technicalCalls = new Set(['querySelector', 'querySelectorAll', 'closest', 'matchMedia', 'addEventListener', 'removeEventListener', 'getItem', 'setItem',
  'apiCall', 'fetch', 't', 'rich', 'formatMessage', 'Error', 'Event', 'URL', 'URLSearchParams', 'get', 'set', 'has', 'startsWith', 'includes', 'replace', 'replaceAll', 'split', 'test', 'exec']);
// names that read the same in every language
const properNames = new Set(['Postback', 'PHP', 'Python', 'Node.js', 'UTC', 'HTTP', 'Hottok', 'Basic']);

const hasLetter = /\p{L}/u;
const prose = /\p{L}{2,}[\s\u00a0]+\p{L}/u;
const word = /^[\p{L}'’-]+[.!?…:]?$/u;

const readable = (text: string): boolean => hasLetter.test(text) && !properNames.has(text.trim());
const looksLikeWords = (text: string): boolean => readable(text) && (/\s/.test(text.trim()) || word.test(text.trim()));

type Node = { type: string; start: number; [key: string]: unknown };
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

function calleeName(node: Node): string {
  const callee = node.callee as Node | undefined;
  if (!callee) return '';
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression') return ((callee.property as Node).name as string) ?? '';
  return '';
}

function attributeName(node: Node): string {
  const name = node.name as Node;
  return name.type === 'JSXNamespacedName' ? `${(name.namespace as Node).name}:${(name.name as Node).name}` : name.name as string;
}

export function findLiterals(file: string, source: string): Literal[] {
  const parsed = parseSync(file, source, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' });
  if (parsed.errors.length > 0) throw new Error(`${file} does not parse: ${parsed.errors[0]!.message}`);
  const lineOf = (offset: number): number => source.slice(0, offset).split('\n').length;
  const found: Literal[] = [];
  const report = (node: Node, text: string, why: string) => found.push({ file, line: lineOf(node.start), text: text.trim(), why });
  const visit = (node: Node, context: 'code' | 'attribute' | 'property' | 'child'): void => {
    switch (node.type) {
      case 'ImportDeclaration': case 'ExportAllDeclaration': return;
      case 'TSTypeAnnotation': case 'TSTypeAliasDeclaration': case 'TSInterfaceDeclaration': case 'TSLiteralType': case 'TSTypeReference': return;
      case 'BinaryExpression': if (['===', '!==', '==', '!='].includes(node.operator as string)) return; break;
      case 'CallExpression': case 'NewExpression': if (technicalCalls.has(calleeName(node))) return; break;
      case 'JSXText': if (readable(node.value as string) && (node.value as string).trim() !== '') report(node, node.value as string, 'text between tags'); return;
      case 'JSXAttribute': {
        const name = attributeName(node);
        if (technicalAttributes.has(name) || (name.startsWith('data-') && name !== 'data-label')) return;
        const value = node.value as Node | null;
        if (value) visit(value, 'attribute');
        return;
      }
      case 'Property': {
        const key = node.key as Node;
        const keyName = (key.name ?? key.value) as string | undefined;
        visit(node.value as Node, keyName !== undefined && textProperties.has(keyName) ? 'property' : 'code');
        return;
      }
      case 'Literal': {
        if (typeof node.value !== 'string' || node.regex) return;
        const text = node.value;
        if (context !== 'code' ? looksLikeWords(text) : prose.test(text)) report(node, text, context === 'code' ? 'prose in a string' : `a literal ${context === 'child' ? 'between tags' : context}`);
        return;
      }
      case 'TemplateElement': {
        const text = (node.value as { cooked: string }).cooked ?? '';
        if (context !== 'code' ? looksLikeWords(text) : prose.test(text)) report(node, text, 'prose in a template');
        return;
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'type') continue;
      // inside an attribute, a text property or {…} between tags, only the value itself is the text: nested calls
      // are code again; an expression between tags is read as text
      const next = key === 'children' && (node.type === 'JSXElement' || node.type === 'JSXFragment') ? 'child'
        : context !== 'code' && (node.type === 'CallExpression' || node.type === 'ArrowFunctionExpression') ? 'code' : context;
      if (Array.isArray(child)) { for (const item of child) if (isNode(item)) visit(item, next); } else if (isNode(child)) visit(child, next);
    }
  };
  visit(parsed.program as unknown as Node, 'code');
  return found;
}
