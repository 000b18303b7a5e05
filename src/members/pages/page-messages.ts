// Every word on the members area's pages, in each language it speaks (pt-BR first). The type makes a message missing
// in any language a compile error; members-pages.test.ts also checks that none is empty.
import type { Language } from '../receive/notification.ts';
import type { Outcome } from '../store/members-records.ts';

export type PageMessages = {
  signInTitle: string; email: string; password: string; signIn: string; forgotLink: string;
  wrongCredentials: string; accessEnded: string; tooMany: (minutes: number) => string;
  forgotTitle: string; forgotIntro: string; sendLink: string; forgotSent: string;
  resetTitle: string; newPassword: string; savePassword: string; resetInvalid: string; resetDone: string; passwordTooShort: string;
  coursesTitle: string; openCourse: string; courseClosed: string; signOut: string; coursePlaceholder: string; backToCourses: string;
  adminTitle: string; adminSignIn: string; students: string; student: string; course: string; access: string; until: string; decidedBy: string;
  live: string; closed: string; none: string; reasons: Record<string, string>; noStudents: string;
  outbox: string; mailKind: Record<string, string>; status: string; attempts: string; lastError: string; kind: string; sent: string; pending: string; sendNow: string; noMail: string;
  recentEvents: string; event: string; received: string; outcome: string; outcomes: Record<Outcome, string>; when: string;
};

const reasons = {
  'pt-BR': { purchased: 'compra aprovada', subscribed: 'assinatura em dia', subscription_canceled: 'assinatura cancelada (acesso até o fim do período pago)', payment_overdue: 'pagamento atrasado (em carência)', refunded: 'reembolsada', charged_back: 'chargeback', canceled: 'cancelada', never_paid: 'sem pagamento aprovado' },
  es: { purchased: 'compra aprobada', subscribed: 'suscripción al día', subscription_canceled: 'suscripción cancelada (acceso hasta el fin del período pagado)', payment_overdue: 'pago atrasado (en período de gracia)', refunded: 'reembolsada', charged_back: 'contracargo', canceled: 'cancelada', never_paid: 'sin pago aprobado' },
  en: { purchased: 'purchase approved', subscribed: 'subscription paid up', subscription_canceled: 'subscription canceled (access until the paid period ends)', payment_overdue: 'payment overdue (in its grace period)', refunded: 'refunded', charged_back: 'charged back', canceled: 'canceled', never_paid: 'no approved payment' },
};

export const pageMessages = {
  'pt-BR': {
    signInTitle: 'Entrar na área de membros', email: 'E-mail', password: 'Senha', signIn: 'Entrar', forgotLink: 'Esqueci minha senha',
    wrongCredentials: 'E-mail ou senha incorretos.', accessEnded: 'Seu acesso terminou: não há curso liberado para este e-mail.', tooMany: (m) => `Muitas tentativas. Tente de novo em ${m} min.`,
    forgotTitle: 'Esqueci minha senha', forgotIntro: 'Informe o e-mail da compra: enviaremos um link para criar uma nova senha.', sendLink: 'Enviar link',
    forgotSent: 'Se este e-mail tiver acesso, o link está a caminho. Confira também a caixa de spam.',
    resetTitle: 'Criar nova senha', newPassword: 'Nova senha (8 caracteres ou mais)', savePassword: 'Salvar senha', resetInvalid: 'Este link expirou ou já foi usado. Peça outro em "Esqueci minha senha".',
    resetDone: 'Senha alterada. Entre com a nova senha.', passwordTooShort: 'A senha precisa de 8 caracteres ou mais.',
    coursesTitle: 'Seus cursos', openCourse: 'Abrir', courseClosed: 'Este curso está fechado para você: o acesso terminou.', signOut: 'Sair',
    coursePlaceholder: 'O conteúdo deste curso ainda não foi publicado.', backToCourses: '← Seus cursos',
    adminTitle: 'Administração da área de membros', adminSignIn: 'Entrar como administrador', students: 'Alunos e acessos', student: 'Aluno', course: 'Curso', access: 'Acesso', until: 'Até', decidedBy: 'Decidido por',
    live: 'liberado', closed: 'encerrado', none: 'nunca liberado', reasons: reasons['pt-BR'], noStudents: 'Nenhuma compra recebida ainda.',
    outbox: 'E-mails', mailKind: { credentials: 'dados de acesso', course_opened: 'curso liberado', password_reset: 'nova senha' }, status: 'Situação', attempts: 'Tentativas', lastError: 'Último erro', kind: 'Tipo', sent: 'enviado', pending: 'aguardando envio', sendNow: 'Enviar agora', noMail: 'Nenhum e-mail ainda.',
    recentEvents: 'Notificações recebidas', event: 'Evento', received: 'Recebido', outcome: 'Resultado', when: 'Enviado em / próxima tentativa',
    outcomes: { applied: 'aplicado', ignored_test: 'guardado: envio de teste (não libera nem encerra acesso, não envia e-mail)', ignored_not_access: 'guardado: não é sobre acesso', ignored_other_product: 'guardado: produto que esta área não libera (POSTBACK_MEMBERS_PRODUCTS)', ignored_no_email: 'guardado: sem e-mail do comprador' },
  },
  es: {
    signInTitle: 'Ingresar al área de miembros', email: 'Correo', password: 'Contraseña', signIn: 'Ingresar', forgotLink: 'Olvidé mi contraseña',
    wrongCredentials: 'Correo o contraseña incorrectos.', accessEnded: 'Tu acceso terminó: no hay cursos habilitados para este correo.', tooMany: (m) => `Demasiados intentos. Vuelve a intentarlo en ${m} min.`,
    forgotTitle: 'Olvidé mi contraseña', forgotIntro: 'Indica el correo de la compra: te enviaremos un enlace para crear una nueva contraseña.', sendLink: 'Enviar enlace',
    forgotSent: 'Si este correo tiene acceso, el enlace va en camino. Revisa también la carpeta de spam.',
    resetTitle: 'Crear nueva contraseña', newPassword: 'Nueva contraseña (8 caracteres o más)', savePassword: 'Guardar contraseña', resetInvalid: 'Este enlace expiró o ya se usó. Pide otro en "Olvidé mi contraseña".',
    resetDone: 'Contraseña cambiada. Ingresa con la nueva contraseña.', passwordTooShort: 'La contraseña necesita 8 caracteres o más.',
    coursesTitle: 'Tus cursos', openCourse: 'Abrir', courseClosed: 'Este curso está cerrado para ti: el acceso terminó.', signOut: 'Salir',
    coursePlaceholder: 'El contenido de este curso aún no fue publicado.', backToCourses: '← Tus cursos',
    adminTitle: 'Administración del área de miembros', adminSignIn: 'Ingresar como administrador', students: 'Alumnos y accesos', student: 'Alumno', course: 'Curso', access: 'Acceso', until: 'Hasta', decidedBy: 'Decidido por',
    live: 'habilitado', closed: 'terminado', none: 'nunca habilitado', reasons: reasons.es, noStudents: 'Todavía no llegó ninguna compra.',
    outbox: 'Correos', mailKind: { credentials: 'datos de acceso', course_opened: 'curso habilitado', password_reset: 'nueva contraseña' }, status: 'Estado', attempts: 'Intentos', lastError: 'Último error', kind: 'Tipo', sent: 'enviado', pending: 'esperando envío', sendNow: 'Enviar ahora', noMail: 'Todavía no hay correos.',
    recentEvents: 'Notificaciones recibidas', event: 'Evento', received: 'Recibida', outcome: 'Resultado', when: 'Enviado el / próximo intento',
    outcomes: { applied: 'aplicada', ignored_test: 'guardada: envío de prueba (no habilita ni termina accesos, no envía correos)', ignored_not_access: 'guardada: no es sobre acceso', ignored_other_product: 'guardada: producto que esta área no habilita (POSTBACK_MEMBERS_PRODUCTS)', ignored_no_email: 'guardada: sin correo del comprador' },
  },
  en: {
    signInTitle: 'Sign in to the members area', email: 'E-mail', password: 'Password', signIn: 'Sign in', forgotLink: 'Forgot your password?',
    wrongCredentials: 'Wrong e-mail or password.', accessEnded: 'Your access has ended: no course is open for this e-mail.', tooMany: (m) => `Too many attempts. Try again in ${m} min.`,
    forgotTitle: 'Forgot your password?', forgotIntro: 'Enter the e-mail of your purchase: we will send a link to choose a new password.', sendLink: 'Send the link',
    forgotSent: 'If this e-mail has access, the link is on its way. Check the spam folder too.',
    resetTitle: 'Choose a new password', newPassword: 'New password (8 characters or more)', savePassword: 'Save the password', resetInvalid: 'This link has expired or was already used. Ask for another under "Forgot your password?".',
    resetDone: 'Password changed. Sign in with the new one.', passwordTooShort: 'The password needs 8 characters or more.',
    coursesTitle: 'Your courses', openCourse: 'Open', courseClosed: 'This course is closed to you: your access has ended.', signOut: 'Sign out',
    coursePlaceholder: 'This course\'s content has not been published yet.', backToCourses: '← Your courses',
    adminTitle: 'Members area administration', adminSignIn: 'Sign in as the administrator', students: 'Students and access', student: 'Student', course: 'Course', access: 'Access', until: 'Until', decidedBy: 'Decided by',
    live: 'open', closed: 'ended', none: 'never opened', reasons: reasons.en, noStudents: 'No purchase received yet.',
    outbox: 'E-mails', mailKind: { credentials: 'sign-in details', course_opened: 'course opened', password_reset: 'new password' }, status: 'Status', attempts: 'Attempts', lastError: 'Last error', kind: 'Kind', sent: 'sent', pending: 'waiting to be sent', sendNow: 'Send now', noMail: 'No e-mail yet.',
    recentEvents: 'Notifications received', event: 'Event', received: 'Received', outcome: 'Outcome', when: 'Sent / next try',
    outcomes: { applied: 'applied', ignored_test: 'kept: a test post (opens, closes and mails nothing)', ignored_not_access: 'kept: not about access', ignored_other_product: 'kept: a product this area does not open (POSTBACK_MEMBERS_PRODUCTS)', ignored_no_email: 'kept: no buyer e-mail' },
  },
} as const satisfies Record<Language, PageMessages>;
