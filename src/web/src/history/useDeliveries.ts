// The history list for a set of filters: first page, "load more" with page_token, and a live refresh every ~2 s
// while any shown delivery is still pending (retries in progress), so codes appear without reloading.
import { useCallback, useEffect, useRef, useState } from 'react';
import { listDeliveries } from '../api/endpoints.ts';
import type { Delivery, DeliveryFilters } from '../api/types.ts';
import { useInterval } from '../hooks/useInterval.ts';

const pageSize = 50;
const maxRefresh = 200; // the API's largest page

export function useDeliveries(filters: DeliveryFilters, key: string) {
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setError(null);
    try {
      const page = await listDeliveries(filtersRef.current, { limit: pageSize });
      if (mine !== generation.current) return;
      setItems(page.items);
      setNextToken(page.next_page_token);
    } catch (failure) {
      if (mine === generation.current) setError(failure);
    }
  }, []);

  useEffect(() => {
    setItems(null);
    setNextToken(null);
    void load();
  }, [key, load]);

  const loadMore = async () => {
    if (!nextToken) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await listDeliveries(filtersRef.current, { limit: pageSize, pageToken: nextToken });
      if (mine !== generation.current) return;
      setItems((current) => [...(current ?? []), ...page.items.filter((item) => !current?.some((known) => known.id === item.id))]);
      setNextToken(page.next_page_token);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  /** Fetches again what is shown (newest first), keeping the rows beyond the largest page as they are. */
  const refresh = useCallback(async () => {
    const shown = itemsRef.current ?? [];
    const mine = generation.current;
    const limit = Math.min(maxRefresh, Math.max(pageSize, shown.length));
    try {
      const page = await listDeliveries(filtersRef.current, { limit });
      if (mine !== generation.current) return;
      if (shown.length <= limit) {
        setItems(page.items);
        setNextToken(page.next_page_token);
      } else {
        const fresh = new Map(page.items.map((item) => [item.id, item]));
        setItems(shown.map((item) => fresh.get(item.id) ?? item));
      }
    } catch { /* a failed background refresh keeps what is shown; the next tick tries again */ }
  }, []);

  const replace = (changed: Delivery) => setItems((current) => current?.map((item) => (item.id === changed.id ? changed : item)) ?? null);
  const live = items?.some((item) => item.status === 'pending') ?? false;
  useInterval(refresh, 2000, live);
  return { items, nextToken, error, loadingMore, live, load, loadMore, refresh, replace };
}
