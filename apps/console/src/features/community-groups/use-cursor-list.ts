import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../shared/api';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A keyset-paged list ("加载更多"): the first page loads when `deps` change, `loadMore` appends the
 * next one. A page that arrives after the query changed is dropped, so filters never mix results.
 */
export function useCursorList<T>(load: (cursor: string | undefined) => Promise<CursorPage<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await run(undefined);
      if (mine !== generation.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [run]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await run(nextCursor);
      if (mine !== generation.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }, [run, nextCursor]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { items, error, loading, loadingMore, hasMore: nextCursor !== null, loadMore, reload };
}
