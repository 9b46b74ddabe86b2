import { Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** The community opens in the next release; until then the tab says so plainly. */
export function CommunityPage() {
  const { t } = useTranslation();
  return (
    <div className="page-body">
      <div className="card">
        <Result status="waiting" title={t('community.soonTitle')} description={t('community.soonText')} />
      </div>
    </div>
  );
}
