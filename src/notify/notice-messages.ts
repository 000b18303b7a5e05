// What a notice says, in the dashboard's three languages (pt-BR first). One table per language; every kind has
// every line in each (notice-messages.test.ts checks the shapes match). Dates go through Intl with the time zone shown.
import { readDisabledReason } from '../domain/disabled-reason.ts';
import { readLastError } from '../domain/last-error.ts';
import type { ClaimedNotice, NoticeKind, NoticeLanguage } from '../store/notices.ts';

type Facts = { webhook: string; url: string; reason: string; waiting: number; when: string };
type Lines = { subject(f: Facts): string; intro(f: Facts): string; action: string };
/** Why, in words: a disabled webhook's reason (../domain/disabled-reason.ts) and a last attempt's error by its code. */
type Reasons = { owner: string; gone: string; dns(host: string): string; failing(failures: string, since: string): string; noAnswer: string };
type Catalogue = Record<Exclude<NoticeKind, 'delivery.failed'>, Lines> & { labels: { reason: string; waiting: string; when: string; footer: string }; reasons: Reasons };

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
    reasons: {
      owner: 'desativado por um usuário da conta',
      gone: 'o receptor respondeu 410 Gone (pediu para parar de receber)',
      dns: (host) => `o endereço ${host} não existe (DNS)`,
      failing: (failures, since) => `${failures} tentativas seguidas falharam desde ${since}, sem nenhum sucesso`,
      noAnswer: 'sem resposta',
    },
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
    reasons: {
      owner: 'desactivado por un usuario de la cuenta',
      gone: 'el receptor respondió 410 Gone (pidió dejar de recibir)',
      dns: (host) => `el host ${host} no existe (DNS)`,
      failing: (failures, since) => `fallaron ${failures} intentos seguidos desde ${since}, sin ningún éxito`,
      noAnswer: 'sin respuesta',
    },
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
    reasons: {
      owner: 'disabled by a user of the account',
      gone: 'the receiver answered 410 Gone (asked to stop receiving)',
      dns: (host) => `the host ${host} does not exist (DNS)`,
      failing: (failures, since) => `${failures} attempts in a row failed since ${since}, with no success`,
      noAnswer: 'no answer',
    },
  },
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type NoticeMail = { subject: string; text: string; html: string; language: NoticeLanguage };

/** A last attempt's error code in words, one line per code (a code not listed is shown as it is). */
const errorWords: Record<string, Record<NoticeLanguage, string>> = {
  timeout: { 'pt-BR': 'tempo esgotado', es: 'tiempo agotado', en: 'timed out' },
  deadline: { 'pt-BR': 'tempo esgotado', es: 'tiempo agotado', en: 'timed out' },
  dns: { 'pt-BR': 'falha ao procurar o endereço', es: 'fallo al buscar la dirección', en: 'address lookup failed' },
  dns_not_found: { 'pt-BR': 'endereço não encontrado', es: 'dirección no encontrada', en: 'address not found' },
  refused: { 'pt-BR': 'conexão recusada', es: 'conexión rechazada', en: 'connection refused' },
  reset: { 'pt-BR': 'conexão interrompida', es: 'conexión interrumpida', en: 'connection reset' },
  tls: { 'pt-BR': 'erro de TLS', es: 'error de TLS', en: 'TLS error' },
  blocked_address: { 'pt-BR': 'endereço bloqueado', es: 'dirección bloqueada', en: 'address blocked' },
  too_large: { 'pt-BR': 'resposta grande demais', es: 'respuesta demasiado grande', en: 'response too large' },
  headers_too_large: { 'pt-BR': 'cabeçalhos da resposta grandes demais', es: 'encabezados de la respuesta demasiado grandes', en: 'response headers too large' },
  protocol: { 'pt-BR': 'resposta HTTP inválida', es: 'respuesta HTTP inválida', en: 'invalid HTTP response' },
  network: { 'pt-BR': 'erro de rede', es: 'error de red', en: 'network error' },
  internal_error: { 'pt-BR': 'erro interno do Postback', es: 'error interno de Postback', en: 'Postback internal error' },
  receiver_abort: { 'pt-BR': 'recusado pelo receptor', es: 'rechazado por el receptor', en: 'refused by the receiver' },
  network_refused: { 'pt-BR': 'recusado pela rede de anúncios', es: 'rechazado por la red de anuncios', en: 'refused by the ad network' },
};

/**
 * The reason a notice gives, in `language`: a disabled webhook's reason, or the last attempt's error (its status or
 * error code in words; the receiver's or the system's own detail after it, as recorded, since it names what failed).
 */
function reasonText(notice: ClaimedNotice, language: NoticeLanguage, dates: Intl.DateTimeFormat): string {
  const words = noticeCatalogues[language].reasons;
  const recorded = notice.reason ?? '';
  if (notice.kind === 'webhook.disabled') {
    const reason = readDisabledReason(recorded);
    switch (reason.kind) {
      case 'owner': return words.owner;
      case 'gone': return words.gone;
      case 'dns': return words.dns(reason.host);
      case 'failing': {
        const since = Date.parse(reason.since);
        return words.failing(new Intl.NumberFormat(language).format(reason.failures), Number.isNaN(since) ? reason.since : dates.format(since));
      }
      case 'other': return reason.text;
    }
  }
  const last = readLastError(recorded);
  const what = last.status !== null ? `HTTP ${last.status}` : last.code === null ? words.noAnswer : (Object.hasOwn(errorWords, last.code) ? errorWords[last.code]![language] : last.code);
  return last.detail === null ? what : `${what}: ${last.detail}`;
}

/** The e-mail of a webhook notice; `link` opens the dashboard where the owner acts on it. */
export function noticeMail(notice: ClaimedNotice & { kind: Exclude<NoticeKind, 'delivery.failed'> }, link: string): NoticeMail {
  const language = notice.settings.language;
  const catalogue = noticeCatalogues[language];
  const lines = catalogue[notice.kind];
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'long', timeZone: 'America/Sao_Paulo' });
  const when = dates.format(notice.createdAt);
  const facts: Facts = { webhook: notice.webhook?.name ?? notice.webhookId, url: notice.webhook?.url ?? '', reason: notice.reason === null ? '' : reasonText(notice, language, dates), waiting: notice.waiting, when };
  const rows: [string, string][] = [[catalogue.labels.when, when]];
  if (notice.kind !== 'webhook.recovered') rows.push([catalogue.labels.reason, facts.reason], [catalogue.labels.waiting, new Intl.NumberFormat(language).format(facts.waiting)]);
  const text = [lines.intro(facts), '', ...rows.map(([label, value]) => `${label}: ${value}`), '', `${lines.action}: ${link}`, '', catalogue.labels.footer].join('\n');
  const html = `<p>${escapeHtml(lines.intro(facts))}</p><table>${rows.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`
    + `<p><a href="${escapeHtml(link)}">${escapeHtml(lines.action)}</a></p><p><small>${escapeHtml(catalogue.labels.footer)}</small></p>`;
  return { subject: lines.subject(facts), text, html, language };
}
