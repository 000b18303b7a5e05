// What a notice says, in the dashboard's three languages (pt-BR first). One table per language; every kind has
// every line in each (notice-messages.test.ts checks the keys match). Dates go through Intl with the time zone shown.
import type { ClaimedNotice, NoticeKind, NoticeLanguage } from '../store/notices.ts';

type Facts = { webhook: string; url: string; reason: string; waiting: number; when: string };
type Lines = { subject(f: Facts): string; intro(f: Facts): string; action: string };
type Catalogue = Record<Exclude<NoticeKind, 'delivery.failed'>, Lines> & { labels: { reason: string; waiting: string; when: string; footer: string } };

export const noticeCatalogues: Record<NoticeLanguage, Catalogue> = {
  'pt-BR': {
    'webhook.disabled': {
      subject: (f) => `Webhook desativado: ${f.webhook}`,
      intro: (f) => `O Postback desativou automaticamente o webhook "${f.webhook}" (${f.url}). Os eventos novos ficam guardados, mas não são enviados até você reativá-lo.`,
      action: 'Reativar e reenviar o que ficou parado',
    },
    'webhook.failing': {
      subject: (f) => `Webhook com falhas: ${f.webhook}`,
      intro: (f) => `As entregas para o webhook "${f.webhook}" (${f.url}) estão falhando seguidas vezes. O Postback continua tentando; se as falhas persistirem, o webhook será desativado.`,
      action: 'Ver o histórico de entregas',
    },
    'webhook.recovered': {
      subject: (f) => `Webhook voltou a funcionar: ${f.webhook}`,
      intro: (f) => `O webhook "${f.webhook}" (${f.url}) voltou a receber as entregas normalmente.`,
      action: 'Ver o histórico de entregas',
    },
    labels: { reason: 'Motivo / último erro', waiting: 'Entregas aguardando', when: 'Quando', footer: 'Você recebe este e-mail por ser usuário desta conta no Postback.' },
  },
  es: {
    'webhook.disabled': {
      subject: (f) => `Webhook desactivado: ${f.webhook}`,
      intro: (f) => `Postback desactivó automáticamente el webhook "${f.webhook}" (${f.url}). Los eventos nuevos se guardan, pero no se envían hasta que lo reactives.`,
      action: 'Reactivar y reenviar lo pendiente',
    },
    'webhook.failing': {
      subject: (f) => `Webhook con fallos: ${f.webhook}`,
      intro: (f) => `Las entregas al webhook "${f.webhook}" (${f.url}) fallan una y otra vez. Postback sigue intentando; si los fallos continúan, el webhook se desactivará.`,
      action: 'Ver el historial de entregas',
    },
    'webhook.recovered': {
      subject: (f) => `El webhook volvió a funcionar: ${f.webhook}`,
      intro: (f) => `El webhook "${f.webhook}" (${f.url}) vuelve a recibir las entregas con normalidad.`,
      action: 'Ver el historial de entregas',
    },
    labels: { reason: 'Motivo / último error', waiting: 'Entregas en espera', when: 'Cuándo', footer: 'Recibes este correo por ser usuario de esta cuenta en Postback.' },
  },
  en: {
    'webhook.disabled': {
      subject: (f) => `Webhook disabled: ${f.webhook}`,
      intro: (f) => `Postback disabled the webhook "${f.webhook}" (${f.url}) automatically. New events are kept, but not sent until you enable it again.`,
      action: 'Re-enable it and resend what waited',
    },
    'webhook.failing': {
      subject: (f) => `Webhook failing: ${f.webhook}`,
      intro: (f) => `Deliveries to the webhook "${f.webhook}" (${f.url}) keep failing. Postback keeps retrying; if the failures go on, the webhook will be disabled.`,
      action: 'See the delivery history',
    },
    'webhook.recovered': {
      subject: (f) => `Webhook working again: ${f.webhook}`,
      intro: (f) => `The webhook "${f.webhook}" (${f.url}) receives its deliveries normally again.`,
      action: 'See the delivery history',
    },
    labels: { reason: 'Reason / last error', waiting: 'Deliveries waiting', when: 'When', footer: 'You get this e-mail as a user of this account on Postback.' },
  },
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type NoticeMail = { subject: string; text: string; html: string; language: NoticeLanguage };

/** The e-mail of a webhook notice; `link` opens the dashboard where the owner acts on it. */
export function noticeMail(notice: ClaimedNotice & { kind: Exclude<NoticeKind, 'delivery.failed'> }, link: string): NoticeMail {
  const language = notice.settings.language;
  const catalogue = noticeCatalogues[language];
  const lines = catalogue[notice.kind];
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'long', timeZone: 'America/Sao_Paulo' }).format(notice.createdAt);
  const facts: Facts = { webhook: notice.webhook?.name ?? notice.webhookId, url: notice.webhook?.url ?? '', reason: notice.reason ?? '', waiting: notice.waiting, when };
  const rows: [string, string][] = [[catalogue.labels.when, when]];
  if (notice.kind !== 'webhook.recovered') rows.push([catalogue.labels.reason, facts.reason], [catalogue.labels.waiting, new Intl.NumberFormat(language).format(facts.waiting)]);
  const text = [lines.intro(facts), '', ...rows.map(([label, value]) => `${label}: ${value}`), '', `${lines.action}: ${link}`, '', catalogue.labels.footer].join('\n');
  const html = `<p>${escapeHtml(lines.intro(facts))}</p><table>${rows.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`
    + `<p><a href="${escapeHtml(link)}">${escapeHtml(lines.action)}</a></p><p><small>${escapeHtml(catalogue.labels.footer)}</small></p>`;
  return { subject: lines.subject(facts), text, html, language };
}
