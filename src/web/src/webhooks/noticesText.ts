// The notices panel's words in the dashboard's three languages (pt-BR first), kept beside it until the dashboard's
// message catalogue takes them.
import type { ResetLanguage } from '../password/passwordResetText.ts';

const text = {
  'pt-BR': {
    title: 'Avisos recentes',
    kinds: { 'webhook.disabled': 'desativado', 'webhook.failing': 'com falhas', 'webhook.recovered': 'voltou a funcionar', 'delivery.failed': 'entrega desistida' },
    mail: { sent: 'enviado por e-mail', pending: 'e-mail a caminho', failed: 'o e-mail não pôde ser enviado', skipped: 'sem e-mail' },
    removed: 'configuração removida',
  },
  es: {
    title: 'Avisos recientes',
    kinds: { 'webhook.disabled': 'desactivado', 'webhook.failing': 'con fallos', 'webhook.recovered': 'volvió a funcionar', 'delivery.failed': 'entrega abandonada' },
    mail: { sent: 'enviado por correo', pending: 'correo en camino', failed: 'no se pudo enviar el correo', skipped: 'sin correo' },
    removed: 'configuración eliminada',
  },
  en: {
    title: 'Recent notices',
    kinds: { 'webhook.disabled': 'disabled', 'webhook.failing': 'failing', 'webhook.recovered': 'working again', 'delivery.failed': 'delivery gave up' },
    mail: { sent: 'e-mailed', pending: 'e-mail on its way', failed: 'the e-mail could not be sent', skipped: 'not e-mailed' },
    removed: 'removed configuration',
  },
} as const;

export type NoticesText = { title: string; kinds: Record<keyof (typeof text)['en']['kinds'], string>; mail: Record<keyof (typeof text)['en']['mail'], string>; removed: string };
export const noticesText = (language: ResetLanguage): NoticesText => text[language];
