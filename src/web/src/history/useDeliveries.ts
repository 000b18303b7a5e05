// The history list for a set of filters: first page, "load more" with page_token, and a live refresh every few
// seconds while the tab is visible. Rows on screen are updated in place (a retry's new code appears without a
// reload); new rows are held back and counted ("3 new"), and join the list only when the user asks, so what they
// are reading never moves. With nothing on screen yet, new rows simply appear.
import { useCallback, useEffect, useRef, useState } from 'react';
import { listDeliveries } from '../api/endpoints.ts';
import type { Delivery, DeliveryFilters, ListedDelivery } from '../api/types.ts';
import { useInterval } from '../hooks/useInterval.ts';

const pageSize = 50;
const maxRefresh = 200; // the API's largest page
const refreshMs = 3000;

export function useDeliveries(filters: DeliveryFilters, key: string) {
  const [items, setItems] = useState<ListedDelivery[] | null>(null);
  const [fresh, setFresh] = useState<ListedDelivery[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const freshRef = useRef(fresh);
  freshRef.current = fresh;

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setError(null);
    try {
      const page = await listDeliveries(filtersRef.current, { limit: pageSize });
      if (mine !== generation.current) return;
      setItems(page.items);
      setFresh([]);
      setNextToken(page.next_page_token);
    } catch (failure) {
      if (mine === generation.current) setError(failure);
    }
  }, []);

  useEffect(() => {
    setItems(null);
    setFresh([]);
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

  /** Fetches the newest rows again: shown ones are updated in place, unseen newer ones wait in `fresh`. */
  const refresh = useCallback(async () => {
    const shown = itemsRef.current;
    if (shown === null) return;
    const mine = generation.current;
    const limit = Math.min(maxRefresh, Math.max(pageSize, shown.length + freshRef.current.length));
    try {
      const page = await listDeliveries(filtersRef.current, { limit });
      if (mine !== generation.current) return;
      const latest = new Map(page.items.map((item) => [item.id, item]));
      if (shown.length === 0) { setItems(page.items); setNextToken(page.next_page_token); return; }
      setItems(shown.map((item) => latest.get(item.id) ?? item));
      // any row of the list's span not on screen: not only those above its top, as ids (UUIDv7, the publishing
      // process's clock) need not come in the order rows commit: two api processes in one millisecond, a slower
      // commit, a clock behind another's. Below the list's last row is what "load more" brings, not news
      const known = new Set(shown.map((item) => item.id));
      const bottom = shown[shown.length - 1]!.id;
      setFresh(page.items.filter((item) => !known.has(item.id) && item.id > bottom));
    } catch { /* a failed background refresh keeps what is shown; the next tick tries again */ }
  }, []);

  /** The held-back new rows join the list where their ids put them (the API's order: newest first). */
  const showFresh = () => {
    setItems((current) => [...freshRef.current, ...(current ?? [])].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)));
    setFresh([]);
  };

  const replace = (changed: Delivery) => setItems((current) => current?.map((item) => (item.id === changed.id ? { ...item, ...changed } : item)) ?? null);
  const live = items?.some((item) => item.status === 'pending') ?? false;
  useInterval(refresh, refreshMs, items !== null);
  return { items, fresh: fresh.length, nextToken, error, loadingMore, live, load, loadMore, refresh, showFresh, replace };
}
