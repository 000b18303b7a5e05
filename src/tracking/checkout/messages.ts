// Every string of the hosted checkout's pages, in pt-BR (first: the buyers), es and en, and the choice among them
// from the browser's Accept-Language. One catalogue: a test fails when a key is missing in any language.
export const checkoutLanguages = ['pt-BR', 'es', 'en'] as const;
export type CheckoutLanguage = (typeof checkoutLanguages)[number];

const ptBR = {
  pageTitle: 'Finalizar compra',
  offerNotFound: 'Oferta não encontrada',
  offerNotFoundDetail: 'Este link de compra não existe ou foi removido. Confira o endereço com quem o enviou.',
  orderNotFound: 'Pedido não encontrado',
  orderNotFoundDetail: 'Este pedido não existe ou o link está incompleto. Confira o endereço que você recebeu.',
  name: 'Nome completo',
  email: 'E-mail',
  payment: 'Forma de pagamento',
  card: 'Cartão de crédito',
  pix: 'PIX',
  billet: 'Boleto bancário',
  buy: 'Comprar agora',
  fixErrors: 'Corrija os campos marcados.',
  nameRequired: 'Informe seu nome.',
  emailInvalid: 'Informe um e-mail válido, como ana@exemplo.com.',
  paymentRequired: 'Escolha uma forma de pagamento.',
  orderTitle: 'Pedido {transaction}',
  approvedTitle: 'Pagamento aprovado',
  approvedDetail: 'Obrigado, {name}! O acesso chega no e-mail {email}.',
  waitingPixTitle: 'Aguardando o pagamento do PIX',
  waitingPixDetail: 'Copie o código abaixo e pague no app do seu banco. Esta página se atualiza sozinha.',
  waitingBilletTitle: 'Aguardando o pagamento do boleto',
  waitingBilletDetail: 'Pague o boleto com a linha digitável abaixo. A compensação leva até 3 dias úteis; esta página se atualiza sozinha.',
  paymentCode: 'Código de pagamento',
  completedTitle: 'Compra concluída',
  completedDetail: 'O prazo de garantia terminou e a compra está concluída.',
  refundedTitle: 'Compra reembolsada',
  refundedDetail: 'O valor foi devolvido.',
  expiredTitle: 'Pedido expirado',
  expiredDetail: 'O prazo para pagar terminou sem pagamento. Para comprar, faça um novo pedido.',
  canceledTitle: 'Pedido cancelado',
  canceledDetail: 'Este pedido foi cancelado. Em caso de dúvida, fale com quem vende o produto.',
  chargebackTitle: 'Pagamento contestado',
  chargebackDetail: 'O titular do cartão contestou esta compra no banco, e o valor foi estornado.',
  refundClaimedTitle: 'Reembolso solicitado',
  refundClaimedDetail: 'O pedido de reembolso está em análise.',
  delayedTitle: 'Pagamento em atraso',
  delayedDetail: 'A cobrança não foi paga na data. Atualize o pagamento para manter o acesso.',
  demoNotice: 'Modo de demonstração: nenhum pagamento real acontece aqui.',
  demoPay: 'Simular o pagamento',
  demoComplete: 'Concluir (fim da garantia)',
  demoRefund: 'Reembolsar',
  total: 'Total',
};

export type CheckoutMessages = typeof ptBR;

const es: CheckoutMessages = {
  pageTitle: 'Finalizar compra',
  offerNotFound: 'Oferta no encontrada',
  offerNotFoundDetail: 'Este enlace de compra no existe o fue eliminado. Verifica la dirección con quien te la envió.',
  orderNotFound: 'Pedido no encontrado',
  orderNotFoundDetail: 'Este pedido no existe o el enlace está incompleto. Verifica la dirección que recibiste.',
  name: 'Nombre completo',
  email: 'Correo electrónico',
  payment: 'Forma de pago',
  card: 'Tarjeta de crédito',
  pix: 'PIX',
  billet: 'Boleto bancario',
  buy: 'Comprar ahora',
  fixErrors: 'Corrige los campos marcados.',
  nameRequired: 'Escribe tu nombre.',
  emailInvalid: 'Escribe un correo válido, como ana@ejemplo.com.',
  paymentRequired: 'Elige una forma de pago.',
  orderTitle: 'Pedido {transaction}',
  approvedTitle: 'Pago aprobado',
  approvedDetail: '¡Gracias, {name}! El acceso llegará al correo {email}.',
  waitingPixTitle: 'Esperando el pago con PIX',
  waitingPixDetail: 'Copia el código de abajo y paga en la app de tu banco. Esta página se actualiza sola.',
  waitingBilletTitle: 'Esperando el pago del boleto',
  waitingBilletDetail: 'Paga el boleto con el código numérico de abajo. La acreditación tarda hasta 3 días hábiles; esta página se actualiza sola.',
  paymentCode: 'Código de pago',
  completedTitle: 'Compra concluida',
  completedDetail: 'El plazo de garantía terminó y la compra está concluida.',
  refundedTitle: 'Compra reembolsada',
  refundedDetail: 'El importe fue devuelto.',
  expiredTitle: 'Pedido vencido',
  expiredDetail: 'El plazo para pagar terminó sin pago. Para comprar, haz un nuevo pedido.',
  canceledTitle: 'Pedido cancelado',
  canceledDetail: 'Este pedido fue cancelado. Si tienes dudas, habla con quien vende el producto.',
  chargebackTitle: 'Pago impugnado',
  chargebackDetail: 'El titular de la tarjeta impugnó esta compra ante su banco y el importe fue revertido.',
  refundClaimedTitle: 'Reembolso solicitado',
  refundClaimedDetail: 'La solicitud de reembolso está en análisis.',
  delayedTitle: 'Pago atrasado',
  delayedDetail: 'El cobro no se pagó en la fecha. Actualiza el pago para mantener el acceso.',
  demoNotice: 'Modo de demostración: aquí no se realiza ningún pago real.',
  demoPay: 'Simular el pago',
  demoComplete: 'Concluir (fin de la garantía)',
  demoRefund: 'Reembolsar',
  total: 'Total',
};

const en: CheckoutMessages = {
  pageTitle: 'Checkout',
  offerNotFound: 'Offer not found',
  offerNotFoundDetail: 'This checkout link does not exist or was removed. Check the address with whoever sent it.',
  orderNotFound: 'Order not found',
  orderNotFoundDetail: 'This order does not exist or the link is incomplete. Check the address you received.',
  name: 'Full name',
  email: 'Email',
  payment: 'Payment method',
  card: 'Credit card',
  pix: 'PIX',
  billet: 'Boleto (bank slip)',
  buy: 'Buy now',
  fixErrors: 'Fix the fields marked below.',
  nameRequired: 'Enter your name.',
  emailInvalid: 'Enter a valid email, like ana@example.com.',
  paymentRequired: 'Choose a payment method.',
  orderTitle: 'Order {transaction}',
  approvedTitle: 'Payment approved',
  approvedDetail: 'Thank you, {name}! Access is on its way to {email}.',
  waitingPixTitle: 'Waiting for your PIX payment',
  waitingPixDetail: 'Copy the code below and pay in your bank\'s app. This page updates by itself.',
  waitingBilletTitle: 'Waiting for your boleto payment',
  waitingBilletDetail: 'Pay the boleto with the line below. Clearing takes up to 3 business days; this page updates by itself.',
  paymentCode: 'Payment code',
  completedTitle: 'Purchase complete',
  completedDetail: 'The guarantee period is over and the purchase is complete.',
  refundedTitle: 'Purchase refunded',
  refundedDetail: 'The amount was returned.',
  expiredTitle: 'Order expired',
  expiredDetail: 'The time to pay ran out with no payment. To buy, place a new order.',
  canceledTitle: 'Order canceled',
  canceledDetail: 'This order was canceled. If in doubt, contact whoever sells the product.',
  chargebackTitle: 'Payment disputed',
  chargebackDetail: 'The cardholder disputed this purchase with their bank, and the amount was reversed.',
  refundClaimedTitle: 'Refund requested',
  refundClaimedDetail: 'The refund request is being reviewed.',
  delayedTitle: 'Payment overdue',
  delayedDetail: 'The charge was not paid on its due date. Update your payment to keep your access.',
  demoNotice: 'Demo mode: no real payment happens here.',
  demoPay: 'Simulate the payment',
  demoComplete: 'Complete (guarantee over)',
  demoRefund: 'Refund',
  total: 'Total',
};

export const checkoutMessages: Record<CheckoutLanguage, CheckoutMessages> = { 'pt-BR': ptBR, es, en };

/** The best of our languages for an Accept-Language header (q-values honoured); pt-BR when none matches. */
export function pickLanguage(acceptLanguage: string | undefined): CheckoutLanguage {
  const ranked = (acceptLanguage ?? '').split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(params.map((param) => param.trim()).find((param) => param.startsWith('q='))?.slice(2) ?? '1');
    return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
  }).filter((entry) => entry.tag !== '' && entry.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'pt') return 'pt-BR';
    if (primary === 'es') return 'es';
    if (primary === 'en') return 'en';
  }
  return 'pt-BR';
}

/** A message with its {placeholders} filled in (values are inserted as they are: escape for HTML after). */
export function format(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
