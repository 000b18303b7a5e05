// What a simulated sale's payment carries, per method, shaped as real ones are: a card's installments; a boleto's
// link and its 47-digit "linha digitável" (check digits computed as banks do, so validators accept it); a PIX
// charge's copy-and-paste BR Code (EMV fields and CRC16, as the Central Bank specifies), QR link and expiry.
import type { Random } from './random.ts';

export type PaymentMethod = 'CREDIT_CARD' | 'BILLET' | 'PIX';

const day = 86_400_000;

export function paymentData(random: Random, method: PaymentMethod, transaction: string, amount: number, issuedAt: number): Record<string, unknown> {
  switch (method) {
    case 'CREDIT_CARD':
      return { type: method, installments_number: amount >= 100 ? random.int(1, 12) : 1 };
    case 'BILLET':
      return { type: method, installments_number: 1, billet_url: `https://pay.example.com/boleto/${transaction}`, billet_barcode: boletoLine(random, amount, issuedAt + 3 * day) };
    case 'PIX':
      return {
        type: method, installments_number: 1,
        pix_code: pixCode(transaction, amount),
        pix_qrcode: `https://pay.example.com/pix/qr/${transaction}`,
        pix_expiration_date: issuedAt + day,
      };
  }
}

// Modulo 10 (weights 2, 1 from the right, digits of products summed) and modulo 11 (weights 2..9): the boleto's
// field check digits and its general check digit.
function mod10(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((digit, i) => { const product = Number(digit) * (i % 2 === 0 ? 2 : 1); sum += Math.floor(product / 10) + (product % 10); });
  return (10 - (sum % 10)) % 10;
}

function mod11(digits: string): number {
  const sum = [...digits].reverse().reduce((total, digit, i) => total + Number(digit) * (2 + (i % 8)), 0);
  const check = 11 - (sum % 11);
  return check === 0 || check >= 10 ? 1 : check;
}

/** A boleto's typeable line for `amount` due at `due`: bank 341, currency 9, 25 free digits. */
function boletoLine(random: Random, amount: number, due: number): string {
  const factor = String(1000 + (Math.floor((due - Date.UTC(1997, 9, 7)) / day) % 9000)).padStart(4, '0');
  const value = String(Math.round(amount * 100)).padStart(10, '0');
  const free = Array.from({ length: 25 }, () => random.int(0, 9)).join('');
  const check = mod11(`3419${factor}${value}${free}`);
  const field = (digits: string) => `${digits}${mod10(digits)}`;
  const f1 = field(`3419${free.slice(0, 5)}`);
  const f2 = field(free.slice(5, 15));
  const f3 = field(free.slice(15, 25));
  return `${f1.slice(0, 5)}.${f1.slice(5)} ${f2.slice(0, 5)}.${f2.slice(5)} ${f3.slice(0, 5)}.${f3.slice(5)} ${check} ${factor}${value}`;
}

const tlv = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;

/** CRC16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF), as the BR Code's field 63 carries it. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** A dynamic PIX BR Code ("copia e cola") for `amount` in BRL, its location naming the transaction. */
export function pixCode(transaction: string, amount: number): string {
  const account = tlv('00', 'br.gov.bcb.pix') + tlv('25', `pix.example.com/qr/v2/cobv/${transaction.toLowerCase()}`);
  const body = tlv('00', '01') + tlv('26', account) + tlv('52', '0000') + tlv('53', '986') + tlv('54', amount.toFixed(2))
    + tlv('58', 'BR') + tlv('59', 'POSTBACK SIMULADO') + tlv('60', 'SAO PAULO') + tlv('62', tlv('05', '***')) + '6304';
  return `${body}${crc16(body)}`;
}
