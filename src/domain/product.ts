// A producer's product, as the API shows it and the store keeps it.

export type Product = {
  id: string;
  name: string;
  ucode: string | null;
  /** The producer's switch: this product's affiliates receive buyer data (and boleto/PIX links and codes) too. */
  shareBuyerData: boolean;
  /** Where the product's course is hosted when it uses an external members area (members-area.ts); the password is never read back. */
  membersArea: { url: string; login: string } | null;
  createdAt: number;
  /** Set when removed while it had sales: kept for the history (and still routed: refunds of old sales go out). */
  archivedAt: number | null;
};
export type ProductPatch = { name?: string; ucode?: string | null; shareBuyerData?: boolean; archived?: boolean };
