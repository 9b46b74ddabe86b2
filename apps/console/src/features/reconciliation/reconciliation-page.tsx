import { Space } from 'antd';
import { useState } from 'react';
import { ReconItems, type ItemFilter } from './recon-items';
import { ReconRuns } from './recon-runs';

/** Runs of the daily bill match, and the differences they found, open ones first. */
export function ReconciliationPage() {
  const [filter, setFilter] = useState<ItemFilter>({ status: 'open' });
  // Bumped after a run, so the differences list reloads even when its filter did not change.
  const [runs, setRuns] = useState(0);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ReconRuns
        onRan={(billDate) => {
          setFilter({ billDate });
          setRuns((n) => n + 1);
        }}
        onShowItems={(billDate) => setFilter({ billDate })}
      />
      <ReconItems key={`${filter.status}|${filter.billDate}|${runs}`} filter={filter} onFilter={setFilter} />
    </Space>
  );
}
