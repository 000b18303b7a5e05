// The sale behind a delivery, as a person finds it: the buyer (name, e-mail), the product, the amount in the
// user's language and the sale's currency.
import type { Sale } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';

export function SaleText({ sale }: { sale: Sale }) {
  const format = useFormat();
  const buyer = sale.buyer?.name ?? sale.buyer?.email ?? null;
  return (
    <span className="sale">
      {buyer && <span className="sale-buyer">{buyer}</span>}
      {sale.buyer?.name && sale.buyer.email && <span className="sale-email">{sale.buyer.email}</span>}
      {sale.product?.name && <span className="sale-product">{sale.product.name}</span>}
      {sale.amount && <span className="sale-amount">{format.money(sale.amount.value, sale.amount.currency)}</span>}
    </span>
  );
}
