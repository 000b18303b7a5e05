// Every e-mail the members area sends, in each language it speaks (pt-BR first). The type makes a message missing in
// any language a compile error; members-mail.test.ts also checks that none is empty.
import type { Language } from '../receive/notification.ts';

export type MailTexts = {
  subject: string;
  /** Paragraphs before the details and after them; the same words in the plain-text and HTML parts. */
  before: string[];
  after: string[];
  /** The sign-in details or the link, as label/value lines. */
  details: [label: string, value: string][];
  button: { label: string; url: string };
};

type Credentials = { name: string; product: string; email: string; password: string; signInUrl: string };
type CourseOpened = { name: string; product: string; signInUrl: string };
type PasswordReset = { name: string; resetUrl: string; minutes: number };

export type MailMessages = {
  credentials(values: Credentials): MailTexts;
  courseOpened(values: CourseOpened): MailTexts;
  passwordReset(values: PasswordReset): MailTexts;
};

export const mailMessages = {
  'pt-BR': {
    credentials: (v) => ({
      subject: `Seu acesso a ${v.product}`,
      before: [`Olá, ${v.name}!`, `Sua compra de ${v.product} foi aprovada e o seu acesso está liberado. Entre com estes dados:`],
      after: ['Guarde esta senha. Se esquecer, use "Esqueci minha senha" na página de entrada.'],
      details: [['Endereço', v.signInUrl], ['E-mail', v.email], ['Senha', v.password]],
      button: { label: 'Entrar no curso', url: v.signInUrl },
    }),
    courseOpened: (v) => ({
      subject: `Seu acesso a ${v.product} está liberado`,
      before: [`Olá, ${v.name}!`, `${v.product} já está na sua área de membros. Entre com o seu e-mail e a senha que você já usa.`],
      after: [],
      details: [['Endereço', v.signInUrl]],
      button: { label: 'Entrar no curso', url: v.signInUrl },
    }),
    passwordReset: (v) => ({
      subject: 'Crie uma nova senha',
      before: [`Olá, ${v.name}!`, `Para criar uma nova senha, abra o link abaixo. Ele vale por ${v.minutes} minutos e uma só vez.`],
      after: ['Se não foi você que pediu, ignore esta mensagem: sua senha continua a mesma.'],
      details: [['Link', v.resetUrl]],
      button: { label: 'Criar nova senha', url: v.resetUrl },
    }),
  },
  es: {
    credentials: (v) => ({
      subject: `Tu acceso a ${v.product}`,
      before: [`¡Hola, ${v.name}!`, `Tu compra de ${v.product} fue aprobada y tu acceso está habilitado. Ingresa con estos datos:`],
      after: ['Guarda esta contraseña. Si la olvidas, usa "Olvidé mi contraseña" en la página de ingreso.'],
      details: [['Dirección', v.signInUrl], ['Correo', v.email], ['Contraseña', v.password]],
      button: { label: 'Entrar al curso', url: v.signInUrl },
    }),
    courseOpened: (v) => ({
      subject: `Tu acceso a ${v.product} está habilitado`,
      before: [`¡Hola, ${v.name}!`, `${v.product} ya está en tu área de miembros. Ingresa con tu correo y la contraseña que ya usas.`],
      after: [],
      details: [['Dirección', v.signInUrl]],
      button: { label: 'Entrar al curso', url: v.signInUrl },
    }),
    passwordReset: (v) => ({
      subject: 'Crea una nueva contraseña',
      before: [`¡Hola, ${v.name}!`, `Para crear una nueva contraseña, abre el enlace de abajo. Vale por ${v.minutes} minutos y una sola vez.`],
      after: ['Si no lo pediste tú, ignora este mensaje: tu contraseña sigue igual.'],
      details: [['Enlace', v.resetUrl]],
      button: { label: 'Crear nueva contraseña', url: v.resetUrl },
    }),
  },
  en: {
    credentials: (v) => ({
      subject: `Your access to ${v.product}`,
      before: [`Hello, ${v.name}!`, `Your purchase of ${v.product} was approved and your access is open. Sign in with these details:`],
      after: ['Keep this password. If you forget it, use "Forgot your password?" on the sign-in page.'],
      details: [['Address', v.signInUrl], ['E-mail', v.email], ['Password', v.password]],
      button: { label: 'Go to the course', url: v.signInUrl },
    }),
    courseOpened: (v) => ({
      subject: `Your access to ${v.product} is open`,
      before: [`Hello, ${v.name}!`, `${v.product} is now in your members area. Sign in with your e-mail and the password you already use.`],
      after: [],
      details: [['Address', v.signInUrl]],
      button: { label: 'Go to the course', url: v.signInUrl },
    }),
    passwordReset: (v) => ({
      subject: 'Choose a new password',
      before: [`Hello, ${v.name}!`, `To choose a new password, open the link below. It works for ${v.minutes} minutes, once.`],
      after: ['If you did not ask for this, ignore this message: your password stays the same.'],
      details: [['Link', v.resetUrl]],
      button: { label: 'Choose a new password', url: v.resetUrl },
    }),
  },
} as const satisfies Record<Language, MailMessages>;
