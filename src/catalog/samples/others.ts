// Realistic sample `data` for the events without a purchase object: cart, subscription and members-area events,
// spelled as production sends them (addresses on example.com, as in the purchase samples).
import type * as z from 'zod';
import type { cartData } from '../schemas/cart.ts';
import type { clubFirstAccessData, clubModuleCompletedData } from '../schemas/club.ts';
import type { subscriptionCancellationData, switchPlanData, updateChargeDateData } from '../schemas/subscription.ts';

const course = { id: 3718245, name: 'Curso Completo de Fotografia com Celular' };
const club = { id: 4102938, name: 'Clube da Fotografia Mobile - Assinatura Mensal' };

export function cartSample(): z.input<typeof cartData> {
  return {
    affiliate: false,
    product: course,
    buyer_ip: '189.45.112.37',
    buyer: { name: 'Lucas Ferreira', email: 'lucas.ferreira82@example.com', phone: '21998765432' },
    offer: { code: 'x7k2m9pq' },
    checkout_country: { name: 'Brasil', iso: 'BR' },
  };
}

export function subscriptionCancellationSample(): z.input<typeof subscriptionCancellationData> {
  return {
    actual_recurrence_value: 59.9,
    cancellation_date: 1748889611000,
    date_next_charge: 1749556800000,
    product: club,
    subscriber: {
      code: 'R7PX3K2M',
      name: 'Ana Carolina Souza',
      email: 'ana.carolina.souza@example.com',
      phone: { dddPhone: '', phone: '', dddCell: '11', cell: '987654321' },
    },
    subscription: { id: 8123456, plan: { id: 1029384, name: 'Plano Mensal' } },
  };
}

export function switchPlanSample(): z.input<typeof switchPlanData> {
  return {
    switch_plan_date: 1747213964000,
    subscription: {
      subscriber_code: 'R7PX3K2M',
      status: 'ACTIVE',
      product: club,
      user: { email: 'ana.carolina.souza@example.com' },
    },
    plans: [
      { id: 1029385, name: 'Plano Anual', offer: { key: 'a9d3f1kz' }, current: true },
      { id: 1029384, name: 'Plano Mensal', offer: { key: 'm4q8w2ne' }, current: false },
    ],
  };
}

// snake_case, as production's wire has it (the camelCase spelling comes only from Hotmart's History screen; it is
// accepted, never sent). The next charge is an ISO string with milliseconds, as Hotmart writes it in this event.
export function updateChargeDateSample(): z.input<typeof updateChargeDateData> {
  return {
    subscriber: { name: 'Ana Carolina Souza', email: 'ana.carolina.souza@example.com', code: 'R7PX3K2M' },
    subscription: {
      product: club,
      old_charge_day: 10,
      new_charge_day: 15,
      date_next_charge: '2025-06-15T12:00:00.000Z',
      status: 'ACTIVE',
    },
    plan: { offer: { code: 'm4q8w2ne' }, name: 'Plano Mensal', id: 1029384 },
  };
}

const student = { name: 'Ana Carolina Souza', email: 'ana.carolina.souza@example.com' };
// the members-area events send the product id as a string
const clubCourse = { id: String(course.id), name: course.name };

export function clubFirstAccessSample(): z.input<typeof clubFirstAccessData> {
  return { product: clubCourse, user: student };
}

export function clubModuleCompletedSample(): z.input<typeof clubModuleCompletedData> {
  return {
    product: clubCourse,
    user: { email: student.email, name: student.name },
    module: { id: 'mod_8f3a2c1e', name: 'Módulo 2 - Luz natural e composição' },
  };
}
