import { useCallback, useState } from 'react';
import { errorMessage } from './api';

/**
 * Page-numbered lists loaded as the member scrolls (antd-mobile InfiniteScroll): the items so far,
 * whether more exist, the last error, and `loadMore` (which rethrows so InfiniteScroll stops retrying).
 * Callers key the component by their filter so a new filter starts a fresh list.
 */
export function useInfinitePages<T>(fetchPage: (page: number) => Promise<{ items: T[]; total: number }>) {
  const [items, setItems] = useState<T[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(true);
  const [error, setError] = useState<string>();
  const loadMore = useCallback(async () => {
    try {
      const result = await fetchPage(page);
      const seen = items.length + result.items.length;
      setItems((prev) => [...prev, ...result.items]);
      setPage(page + 1);
      setHasMore(result.items.length > 0 && seen < result.total);
    } catch (err) {
      setError(errorMessage(err));
      throw err;
    }
  }, [fetchPage, page, items.length]);
  return { items, hasMore, error, loadMore };
}
