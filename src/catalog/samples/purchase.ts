// Realistic sample `data` for the purchase family: a Brazilian online course (with a bonus e-book) sold for
// R$ 497,00 on a yearly plan, added to a checkout as an order bump. "Send test" deliveries carry these, so they are
// as complete as Hotmart's own test posts (every documented field) and look like a real sale. Addresses are on
// example.com: a members area that e-mails its new students must never write to a real person from a test.
import type * as z from 'zod';
import type { purchaseData } from '../schemas/purchase.ts';

type PurchaseData = z.input<typeof purchaseData>;
type PurchaseOrder = PurchaseData['purchase'];

const orderDate = 1741616585000; // 2025-03-10T14:23:05Z
const approvedDate = 1741616680000;
const nextYearlyCharge = 1773152680000; // a year after the approval

function baseSale(): PurchaseData {
  return {
    product: {
      id: 3718245,
      ucode: 'e35a1769-6b38-4401-aa19-0c37cedd7c93',
      name: 'Curso Completo de Fotografia com Celular',
      // Hotmart's style: whole seconds, no milliseconds
      warranty_date: '2025-03-17T00:00:00Z',
      support_email: 'suporte@fotografiacomcelular.example.com',
      has_co_production: false,
      is_physical_product: false,
      content: {
        has_physical_products: false,
        products: [
          { id: 3718246, ucode: '5b0f4c2e-8d71-4a39-b6e2-91c4d7a3f058', name: 'Fotografia com Celular - Aulas', is_physical_product: false },
          { id: 3718247, ucode: 'c7a2e9d4-3f16-4b8a-9e05-6d1b8f2c4a73', name: 'Bônus: Guia de Edição no Lightroom Mobile', is_physical_product: false },
        ],
      },
    },
    affiliates: [{ affiliate_code: 'K83412907T', name: 'Rafael Mendes' }],
    buyer: {
      email: 'ana.carolina.souza@example.com',
      name: 'Ana Carolina Souza',
      first_name: 'Ana Carolina',
      last_name: 'Souza',
      checkout_phone_code: '11',
      checkout_phone: '987654321',
      document: '52998224725',
      document_type: 'CPF',
      address: {
        zipcode: '01310100',
        country: 'Brasil',
        country_iso: 'BR',
        state: 'São Paulo',
        city: 'São Paulo',
        neighborhood: 'Bela Vista',
        address: 'Avenida Paulista',
        number: '1578',
        complement: 'Apto 42',
      },
    },
    producer: { name: 'Marina Duarte Educação Digital LTDA', document: '11444777000161', legal_nature: 'Pessoa Jurídica' },
    commissions: [
      { value: 49.65, source: 'MARKETPLACE', currency_value: 'BRL' },
      { value: 298.24, source: 'PRODUCER', currency_value: 'BRL' },
      { value: 149.11, source: 'AFFILIATE', currency_value: 'BRL' },
    ],
    purchase: {
      transaction: 'HP17416165852291',
      status: 'APPROVED',
      order_date: orderDate,
      approved_date: approvedDate,
      price: { value: 497, currency_value: 'BRL' },
      full_price: { value: 497, currency_value: 'BRL' },
      original_offer_price: { value: 497, currency_value: 'BRL' },
      offer: { code: 'x7k2m9pq', coupon_code: 'FOTO10', name: 'Oferta de lançamento' },
      payment: { type: 'CREDIT_CARD', installments_number: 12 },
      origin: { src: 'instagram', sck: 'stories_marco' },
      checkout_country: { name: 'Brasil', iso: 'BR' },
      buyer_ip: '189.45.112.37',
      order_bump: { is_order_bump: true, parent_purchase_transaction: 'HP17416165850187' },
      recurrence_number: 1,
      date_next_charge: nextYearlyCharge,
      subscription_anticipation_purchase: false,
      is_funnel: false,
      business_model: 'I',
      invoice_by: 'HOTMART',
      event_tickets: { amount: 0 },
      sckPaymentLink: 'link_whatsapp_marco',
    },
    subscription: { status: 'ACTIVE', plan: { id: 1029390, name: 'Plano Anual' }, subscriber: { code: 'R7PX3K2M' } },
  };
}

function withPurchase(changes: Partial<PurchaseOrder>, drop: (keyof PurchaseOrder)[] = []): PurchaseData {
  const sale = baseSale();
  const purchase: Record<string, unknown> = { ...sale.purchase, ...changes };
  for (const key of drop) delete purchase[key];
  return { ...sale, purchase: purchase as PurchaseOrder };
}

const boleto = {
  type: 'BILLET',
  installments_number: 1,
  billet_url: 'https://pay.example.com/boleto/HP17416165852291',
  billet_barcode: '34191.79001 01043.510047 91020.150008 1 10160000049700',
};

// A PIX charge: the copy-and-paste code (EMV "BR Code"), a link to its QR code, and when it stops being payable.
const pix = {
  type: 'PIX',
  installments_number: 1,
  pix_code: '00020101021226860014br.gov.bcb.pix2564pix.example.com/qr/v2/cobv/7d3a91c2e45f4b0b8a6e2f19c3d7b5a05204000053039865406497.005802BR5913POSTBACK TESTE6009SAO PAULO62070503***6304B1F3',
  pix_qrcode: 'https://pay.example.com/pix/qr/HP17416165852291',
  pix_expiration_date: 1741620185000, // an hour after the order
};

const neverApproved: (keyof PurchaseOrder)[] = ['approved_date'];

/** Sample `data` for a purchase event, given the `purchase.status` that event carries on the wire. */
export function purchaseSample(status: PurchaseOrder['status']): PurchaseData {
  switch (status) {
    case 'CANCELED':
      return withPurchase({ status, payment: { type: 'CREDIT_CARD', installments_number: 12, refusal_reason: 'Transaction refused by the card issuer' } }, neverApproved);
    case 'BILLET_PRINTED':
      return withPurchase({ status, payment: boleto }, neverApproved);
    case 'EXPIRED':
      return withPurchase({ status, payment: pix }, neverApproved);
    case 'DELAYED':
      return delayedRecurrence();
    default:
      return withPurchase({ status });
  }
}

// PURCHASE_DELAYED concerns a recurring charge, so this sample is the third month of a subscription: its own
// transaction (Hotmart issues one per charge), recurrence_number 3.
function delayedRecurrence(): PurchaseData {
  const sale = withPurchase(
    {
      status: 'DELAYED',
      transaction: 'HP17472139640374',
      order_date: 1747213964000,
      price: { value: 59.9, currency_value: 'BRL' },
      full_price: { value: 59.9, currency_value: 'BRL' },
      original_offer_price: { value: 59.9, currency_value: 'BRL' },
      // a renewal: no coupon, not an order bump (so no parent transaction)
      offer: { code: 'm4q8w2ne', name: 'Plano Mensal' },
      payment: { type: 'CREDIT_CARD', installments_number: 1 },
      order_bump: { is_order_bump: false },
      recurrence_number: 3,
      date_next_charge: 1748889611000,
    },
    neverApproved,
  );
  return {
    ...sale,
    product: {
      ...sale.product,
      id: 4102938,
      ucode: '9a4e7c1b-2d58-4f36-b0a9-e3c6d1f7b248',
      name: 'Clube da Fotografia Mobile - Assinatura Mensal',
      content: { has_physical_products: false, products: [{ id: 4102939, ucode: 'f18b3d6a-7c24-4e95-a2d1-5b9e0c4f7a36', name: 'Clube da Fotografia Mobile - Aulas ao vivo', is_physical_product: false }] },
    },
    commissions: [
      { value: 5.98, source: 'MARKETPLACE', currency_value: 'BRL' },
      { value: 53.92, source: 'PRODUCER', currency_value: 'BRL' },
    ],
    affiliates: [{ affiliate_code: '', name: '' }],
    subscription: { status: 'DELAYED', plan: { id: 1029384, name: 'Plano Mensal' }, subscriber: { code: 'R7PX3K2M' } },
  };
}
