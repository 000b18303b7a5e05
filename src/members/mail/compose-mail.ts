// One outbox mail as a message in the student's language: plain text and HTML carrying the same words.
import type { MailMessage } from '../../mail/mailer.ts';
import { html } from '../pages/html.ts';
import type { Language } from '../receive/notification.ts';
import type { MailTexts } from './mail-messages.ts';

export function composeMail(to: string, language: Language, texts: MailTexts): MailMessage {
  const text = [...texts.before, texts.details.map(([label, value]) => `${label}: ${value}`).join('\n'), ...texts.after].join('\n\n');
  const body = html`<!doctype html><html lang="${language}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933;max-width:560px">
${texts.before.map((paragraph) => html`<p>${paragraph}</p>`)}
<table role="presentation" style="border-collapse:collapse;margin:12px 0">${texts.details.map(([label, value]) => html`<tr><td style="padding:4px 12px 4px 0;color:#52606d">${label}</td><td style="padding:4px 0;font-family:monospace">${value}</td></tr>`)}</table>
<p><a href="${texts.button.url}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${texts.button.label}</a></p>
${texts.after.map((paragraph) => html`<p>${paragraph}</p>`)}
</body></html>`;
  return { to, subject: texts.subject, text: `${text}\n`, html: body.text, language };
}
