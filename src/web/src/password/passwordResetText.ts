// The password reset screens' words in the dashboard's three languages (pt-BR first), picked from the browser's
// language. Kept beside the screens until the dashboard's message catalogue takes them.
export type ResetLanguage = 'pt-BR' | 'es' | 'en';

const text = {
  'pt-BR': {
    forgotLink: 'Esqueceu a senha?',
    forgotTitle: 'Redefinir a senha',
    forgotIntro: 'Informe o e-mail com que você entra no Postback. Enviaremos um link para escolher uma nova senha.',
    email: 'E-mail',
    send: 'Enviar o link',
    sent: 'Se houver um usuário com este e-mail, o link já está a caminho. Ele vale por 1 hora e funciona uma única vez.',
    back: 'Voltar para a entrada',
    resetTitle: 'Escolha uma nova senha',
    resetIntro: 'Ao salvar, todas as sessões abertas com a senha antiga são encerradas.',
    password: 'Nova senha',
    passwordHint: 'No mínimo 8 caracteres.',
    save: 'Salvar a nova senha',
    done: 'Senha alterada. Entre com a nova senha.',
    noToken: 'Este link está incompleto. Peça um novo link de redefinição.',
  },
  es: {
    forgotLink: '¿Olvidaste tu contraseña?',
    forgotTitle: 'Restablecer la contraseña',
    forgotIntro: 'Indica el correo con el que entras en Postback. Te enviaremos un enlace para elegir una nueva contraseña.',
    email: 'Correo electrónico',
    send: 'Enviar el enlace',
    sent: 'Si hay un usuario con este correo, el enlace ya está en camino. Vale 1 hora y funciona una sola vez.',
    back: 'Volver al inicio de sesión',
    resetTitle: 'Elige una nueva contraseña',
    resetIntro: 'Al guardar, se cierran todas las sesiones abiertas con la contraseña anterior.',
    password: 'Nueva contraseña',
    passwordHint: 'Al menos 8 caracteres.',
    save: 'Guardar la nueva contraseña',
    done: 'Contraseña cambiada. Inicia sesión con la nueva.',
    noToken: 'Este enlace está incompleto. Pide un nuevo enlace de restablecimiento.',
  },
  en: {
    forgotLink: 'Forgot your password?',
    forgotTitle: 'Reset your password',
    forgotIntro: 'Enter the e-mail you sign in to Postback with. We will send you a link to choose a new password.',
    email: 'Email',
    send: 'Send the link',
    sent: 'If a user has this e-mail, the link is on its way. It is valid for 1 hour and works once.',
    back: 'Back to sign-in',
    resetTitle: 'Choose a new password',
    resetIntro: 'Saving it ends every session opened with the old password.',
    password: 'New password',
    passwordHint: 'At least 8 characters.',
    save: 'Save the new password',
    done: 'Password changed. Sign in with the new one.',
    noToken: 'This link is incomplete. Ask for a new reset link.',
  },
} as const satisfies Record<ResetLanguage, Record<string, string>>;

export type ResetText = Record<keyof (typeof text)['en'], string>;

export function resetLanguage(preferred: readonly string[] = navigator.languages): ResetLanguage {
  for (const tag of preferred) {
    if (tag.toLowerCase().startsWith('pt')) return 'pt-BR';
    if (tag.toLowerCase().startsWith('es')) return 'es';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'pt-BR';
}

export const resetText = (language: ResetLanguage): ResetText => text[language];
