// Where products live in the dashboard.
export const productPattern = '/products/:id';
export const productPath = (product: { id: string }) => `/products/${encodeURIComponent(product.id)}`;
