import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Server-side paging for a table: the page state for the query and the table's pagination props. */
export function usePaging(initialSize = 20) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { count: n }),
    onChange: (p, s) => {
      setPage(p);
      setPageSize(s);
    },
  });
  return { page, pageSize, setPage, pagination };
}
