// Realistic buyers, products and tracking origins for simulated sales (Brazilian digital-product market).
import type { Random } from './random.ts';

const firstNames = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Felipe', 'Gabriela', 'Henrique', 'Isabela', 'João', 'Larissa', 'Marcos', 'Natália', 'Otávio', 'Paula', 'Rafael', 'Sofia', 'Thiago', 'Vitória'];
const lastNames = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Lima', 'Carvalho', 'Ferreira', 'Rodrigues', 'Almeida', 'Costa', 'Gomes', 'Martins', 'Araújo'];
const domains = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'uol.com.br'];
export const simulatedProducts = [
  { id: 3718245, name: 'Curso Completo de Fotografia com Celular', price: 497, subscription: false },
  { id: 4120077, name: 'Mentoria Confeitaria Lucrativa', price: 197, subscription: true },
  { id: 2988410, name: 'E-book Finanças para Autônomos', price: 47, subscription: false },
  { id: 5233019, name: 'Clube de Inglês Fluente', price: 59.9, subscription: true },
] as const;
export type SimulatedProduct = (typeof simulatedProducts)[number];
/** The affiliates simulated sales are attributed to; `postback simulate --affiliate ID` affiliates the first one's code. */
export const simulatedAffiliates = [
  { affiliate_code: 'K83412907T', name: 'Rafael Mendes' },
  { affiliate_code: 'Q58388177J', name: 'Juliana Prado' },
  { affiliate_code: 'M20481736P', name: 'Canal Renda Extra' },
] as const;

export function buyer(random: Random) {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  const handle = `${first}.${last}${random.int(1, 999)}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return {
    email: `${handle}@${random.pick(domains)}`, name: `${first} ${last}`, first_name: first, last_name: last,
    document: cpf(random), document_type: 'CPF', checkout_phone_code: String(random.int(11, 99)), checkout_phone: `9${random.int(10_000_000, 99_999_999)}`,
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
