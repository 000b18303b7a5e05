// The password reset e-mail, in the dashboard's three languages (pt-BR first).
import type { NoticeLanguage } from '../store/notices.ts';
import type { MailMessage } from './mailer.ts';

const lines: Record<NoticeLanguage, { subject: string; intro: string; action: string; expires: (minutes: number) => string; ignore: string }> = {
  'pt-BR': {
    subject: 'Redefinir sua senha do Postback',
    intro: 'Alguém (provavelmente você) pediu para redefinir a senha deste e-mail no Postback.',
    action: 'Escolher uma nova senha',
    expires: (minutes) => `O link vale por ${minutes} minutos e funciona uma única vez. Ao trocar a senha, todas as sessões abertas são encerradas.`,
    ignore: 'Se não foi você, ignore este e-mail: sua senha continua a mesma.',
  },
  es: {
    subject: 'Restablece tu contraseña de Postback',
    intro: 'Alguien (probablemente tú) pidió restablecer la contraseña de este correo en Postback.',
    action: 'Elegir una nueva contraseña',
    expires: (minutes) => `El enlace vale ${minutes} minutos y funciona una sola vez. Al cambiar la contraseña, se cierran todas las sesiones abiertas.`,
    ignore: 'Si no fuiste tú, ignora este correo: tu contraseña sigue igual.',
  },
  en: {
    subject: 'Reset your Postback password',
    intro: 'Someone (probably you) asked to reset the password of this e-mail address on Postback.',
    action: 'Choose a new password',
    expires: (minutes) => `The link is valid for ${minutes} minutes and works once. Changing the password ends every open session.`,
    ignore: 'If it was not you, ignore this e-mail: your password stays as it is.',
  },
};

export const passwordResetLanguages = Object.keys(lines) as NoticeLanguage[];

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function passwordResetMail(to: string, link: string, language: NoticeLanguage, validMinutes: number): MailMessage {
  const l = lines[language];
  return {
    to, language, subject: l.subject,
    text: [l.intro, '', `${l.action}: ${link}`, '', l.expires(validMinutes), l.ignore].join('\n'),
    html: `<p>${escapeHtml(l.intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(l.action)}</a></p><p>${escapeHtml(l.expires(validMinutes))}</p><p><small>${escapeHtml(l.ignore)}</small></p>`,
  };
}
