// Realistic buyers, products and tracking origins for simulated sales (Brazilian digital-product market). Every
// e-mail address is on a domain reserved for examples (RFC 2606): a members area that welcomes new students by
// e-mail must never write to a real mailbox because someone ran a simulation against it.
import type { Random } from './random.ts';

const firstNames = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Felipe', 'Gabriela', 'Henrique', 'Isabela', 'João', 'Larissa', 'Marcos', 'Natália', 'Otávio', 'Paula', 'Rafael', 'Sofia', 'Thiago', 'Vitória'];
const lastNames = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Lima', 'Carvalho', 'Ferreira', 'Rodrigues', 'Almeida', 'Costa', 'Gomes', 'Martins', 'Araújo'];
const domains = ['example.com', 'example.com.br', 'example.net', 'example.org'];
const addresses = [
  { city: 'São Paulo', state: 'São Paulo', zipcode: '01310100', neighborhood: 'Bela Vista', address: 'Avenida Paulista' },
  { city: 'Rio de Janeiro', state: 'Rio de Janeiro', zipcode: '22041001', neighborhood: 'Copacabana', address: 'Rua Barata Ribeiro' },
  { city: 'Belo Horizonte', state: 'Minas Gerais', zipcode: '30130010', neighborhood: 'Centro', address: 'Avenida Afonso Pena' },
  { city: 'Curitiba', state: 'Paraná', zipcode: '80020310', neighborhood: 'Centro', address: 'Rua XV de Novembro' },
  { city: 'Recife', state: 'Pernambuco', zipcode: '51020000', neighborhood: 'Boa Viagem', address: 'Avenida Boa Viagem' },
] as const;

/** A subscription plan: charged every `periodDays`, sold under offer `offer`; `upgrade` is the plan a switch goes to. */
export type SimulatedPlan = { id: number; name: string; offer: string; periodDays: number; upgrade: { id: number; name: string; offer: string } };

export type SimulatedProduct = { id: number; ucode: string; name: string; price: number; offer: string; plan: SimulatedPlan | null };

export const simulatedProducts: readonly SimulatedProduct[] = [
  { id: 3718245, ucode: 'e35a1769-6b38-4401-aa19-0c37cedd7c93', name: 'Curso Completo de Fotografia com Celular', price: 497, offer: 'x7k2m9pq', plan: null },
  {
    id: 4120077, ucode: '8c1f5e3a-9b42-4d67-a0e8-3f7b2c9d1e54', name: 'Mentoria Confeitaria Lucrativa', price: 197, offer: 'c4n8v2qe',
    plan: { id: 4120078, name: 'Plano Mensal', offer: 'c4n8v2qe', periodDays: 30, upgrade: { id: 4120079, name: 'Plano Anual', offer: 'c4n8v2qa' } },
  },
  { id: 2988410, ucode: '2d7b9e4f-1a6c-4f83-b5d0-7e2a4c8f6b19', name: 'E-book Finanças para Autônomos', price: 47, offer: 'f2p6t9ws', plan: null },
  {
    id: 5233019, ucode: 'b4e8a2c6-5f1d-4b97-8e3a-0c6f9d2b7a41', name: 'Clube de Inglês Fluente', price: 59.9, offer: 'e9r3y7ui',
    plan: { id: 5233020, name: 'Plano Mensal', offer: 'e9r3y7ui', periodDays: 30, upgrade: { id: 5233021, name: 'Plano Anual', offer: 'e9r3y7ua' } },
  },
];

/** The affiliates simulated sales are attributed to; `postback simulate --affiliate ID` affiliates the first one's code. */
export const simulatedAffiliates = [
  { affiliate_code: 'K83412907T', name: 'Rafael Mendes' },
  { affiliate_code: 'Q58388177J', name: 'Juliana Prado' },
  { affiliate_code: 'M20481736P', name: 'Canal Renda Extra' },
] as const;

export type SimulatedBuyer = ReturnType<typeof buyer>;

export function buyer(random: Random) {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  const handle = `${first}.${last}${random.int(1, 999)}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const place = random.pick(addresses);
  return {
    email: `${handle}@${random.pick(domains)}`, name: `${first} ${last}`, first_name: first, last_name: last,
    checkout_phone_code: String(random.int(11, 99)), checkout_phone: `9${random.int(10_000_000, 99_999_999)}`,
    address: { ...place, country: 'Brasil', country_iso: 'BR', number: String(random.int(1, 3000)), complement: random.chance(0.5) ? `Apto ${random.int(11, 1504)}` : '' },
    document: cpf(random), document_type: 'CPF',
  };
}

/** A CPF with valid check digits, so receivers that validate documents accept it. */
function cpf(random: Random): string {
  const digits = Array.from({ length: 9 }, () => random.int(0, 9));
  for (const length of [9, 10]) {
    const sum = digits.slice(0, length).reduce((total, digit, i) => total + digit * (length + 1 - i), 0);
    digits.push(((sum * 10) % 11) % 10);
  }
  return digits.join('');
}

/** A public-looking IPv4 address the buyer checked out from. */
export function buyerIp(random: Random): string {
  return `${random.pick([177, 179, 187, 189, 191, 200, 201])}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

/** Where the buyer came from: ad click ids (sck), sources and UTM tags, as the landing-page script carries them. */
export function origin(random: Random): Record<string, string> | undefined {
  if (random.chance(0.3)) return undefined;
  const source = random.pick(['facebook', 'google', 'mgid', 'taboola', 'instagram', 'email']);
  return {
    src: source,
    sck: `${source}_${random.int(100_000, 999_999)}${random.pick(['a', 'b', 'c'])}`,
    ...(random.chance(0.4) ? { xcod: `lp${random.int(1, 9)}` } : {}),
    ...(random.chance(0.6) ? { utm_source: source, utm_medium: random.pick(['cpc', 'social', 'newsletter']), utm_campaign: random.pick(['black-friday', 'lancamento', 'perpetuo']) } : {}),
  };
}
