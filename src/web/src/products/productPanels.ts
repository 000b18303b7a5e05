// Panels other parts of Postback add to a product's page, each given the product and a way to report it changed.
// The members area's panel (MembersAreaPanel.tsx, from the members area's work) is the first; another joins with
// one import and one entry here: the product page renders every panel of this list, in order, after the affiliates.
import type { ComponentType } from 'react';
import type { Product } from '../api/types.ts';
import { MembersAreaPanel } from './MembersAreaPanel.tsx';

export type ProductPanel = ComponentType<{ product: Product; onChange: (product: Product) => void }>;

export const productPanels: ProductPanel[] = [MembersAreaPanel];
