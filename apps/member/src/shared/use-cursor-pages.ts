import { useCallback, useRef, useState } from 'react';
import { errorMessage } from './api';

/**
 * Cursor-paged lists loaded as the member scrolls (antd-mobile InfiniteScroll): the items so far
 * (each id once), whether more exist, the last error and `loadMore` (which rethrows so
 * InfiniteScroll stops retrying). Callers key the component by their filter to start over.
 */
export function useCursorPages<T extends { id: string }>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string>();
  const cursor = useRef<string | null>(null);
  const loadMore = useCallback(async () => {
    try {
      setError(undefined);
      const page = await fetchPage(cursor.current);
      cursor.current = page.nextCursor;
      setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))]);
      setHasMore(page.nextCursor !== null && page.items.length > 0);
    } catch (err) {
      setError(errorMessage(err));
      throw err;
    } finally {
      setLoaded(true);
    }
  }, [fetchPage]);
  /** Clears the error so InfiniteScroll tries again. */
  const retry = useCallback(() => setError(undefined), []);
  return { items, setItems, hasMore, loaded, error, loadMore, retry };
}
