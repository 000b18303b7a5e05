// Panels other parts of Postback add to a product's page, each given the product. The members area's panel
// (src/web/src/products/MembersAreaPanel.tsx, from the members branch) goes here when that branch lands:
//   import { MembersAreaPanel } from './MembersAreaPanel.tsx';
//   export const productPanels: ProductPanel[] = [MembersAreaPanel];
// Nothing else on the product page needs to change: it renders every panel of this list, in order, after the
// affiliates, each with the product as it is now (its edits and sharing switch included).
import type { ComponentType } from 'react';
import type { Product } from '../api/types.ts';

export type ProductPanel = ComponentType<{ product: Product }>;

export const productPanels: ProductPanel[] = [];
