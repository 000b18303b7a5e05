// History filters live in the URL (/history?status=failed&webhook_id=...), so a filtered view can be linked and reloaded.
import type { DeliveryFilters } from '../api/types.ts';

export const filterKeys = ['q', 'webhook_id', 'event', 'status', 'transaction', 'from', 'to'] as const;

export function filtersFrom(query: URLSearchParams): DeliveryFilters {
  const filters: DeliveryFilters = {};
  for (const key of filterKeys) {
    const value = query.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function historyPath(filters: DeliveryFilters): string {
  const query = new URLSearchParams();
  for (const key of filterKeys) if (filters[key]) query.set(key, filters[key]!);
  const text = query.toString();
  return text ? `/history?${text}` : '/history';
}
