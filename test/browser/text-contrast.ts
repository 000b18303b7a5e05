// The text on a page whose colour fails WCAG 1.4.3 (Contrast, Minimum) on the background it sits on, computed from
// the browser's own computed styles, so it checks the colours the CSS really produces (custom properties, classes,
// cascade) rather than a list of tokens. Without axe-core: this is the one rule we need, and it stays readable.
import type { Page } from 'playwright-core';

export type ContrastFailure = { text: string; ratio: number; needed: number; color: string; background: string; element: string };

/**
 * Every visible piece of text (an element's own text, a form control's value, a `::before` label from CSS) with less
 * than 4.5:1 against its background (3:1 when large: 24 px, or 18.66 px bold). The background is the element's and
 * its ancestors' background colours laid over each other, so a translucent tint counts. Left out, as WCAG leaves them
 * out: disabled controls, text hidden from sight (visually-hidden, visibility: hidden), and text over an image or
 * gradient, which has no one background colour. Evaluated in the page (a string: these files are type-checked
 * without the DOM library).
 */
export async function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  return page.evaluate(`(() => {
    const rgba = (text) => {
      const match = /^rgba?\\(([^)]*)\\)$/.exec(text);
      if (!match) return null;
      const [r, g, b, a] = match[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a ?? 1];
    };
    const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const luminance = (colour) => colour.slice(0, 3).map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => { const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (light + 0.05) / (dark + 0.05); };
    // the colours behind an element, from the page's canvas (white) up; null over an image or a gradient
    const backgroundOf = (element) => {
      const layers = [];
      for (let node = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.backgroundImage !== 'none') return null;
        const colour = rgba(style.backgroundColor);
        if (colour && colour[3] > 0) layers.push(colour);
        if (colour && colour[3] === 1) break;
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const opacityOf = (element) => { let opacity = 1; for (let node = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity); return opacity; };
    const name = (element) => element.tagName.toLowerCase() + (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    const failures = [];
    const check = (element, style, text) => {
      const background = backgroundOf(element);
      const colour = rgba(style.color);
      if (!background || !colour) return;
      // translucent text, or text in a translucent group, shows partly the background through it
      const seen = over([...colour.slice(0, 3), colour[3] * opacityOf(element)], background);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      const found = ratio(seen, background);
      if (found < needed - 0.005) failures.push({ text: text.trim().slice(0, 60), ratio: Math.round(found * 100) / 100, needed, color: style.color, background: 'rgb(' + background.slice(0, 3).map(Math.round).join(', ') + ')', element: name(element) });
    };
    for (const element of document.body.querySelectorAll('*')) {
      if (!(element instanceof HTMLElement) || element.closest('svg, option, .visually-hidden, .offscreen, :disabled, [aria-disabled="true"]')) continue;
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || !element.checkVisibility({ visibilityProperty: true })) continue;
      const style = getComputedStyle(element);
      const own = [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent).join('');
      if (own.trim() !== '') check(element, style, own);
      if (element.matches('input:not([type="checkbox"], [type="radio"], [type="hidden"]), textarea') && element.value !== '') check(element, style, element.value);
      if (element.matches('select')) check(element, style, element.selectedOptions[0]?.textContent ?? '');
      const before = getComputedStyle(element, '::before');
      if (!['none', 'normal', '""'].includes(before.content) && before.display !== 'none') check(element, before, element.dataset.label ?? before.content);
    }
    return failures;
  })()`) as Promise<ContrastFailure[]>;
}
