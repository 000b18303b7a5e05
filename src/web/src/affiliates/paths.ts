// Where a product's affiliates are managed (a page under Credentials).
export const affiliatesPattern = '/credentials/products/:id/affiliates';
export const affiliatesPath = (product: { id: string }) => `/credentials/products/${encodeURIComponent(product.id)}/affiliates`;
