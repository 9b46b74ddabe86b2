import { Alert, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../shared/api';

/** A save error; for 422 MARKETING_COMPLIANCE the offending words are listed. */
export function ComplianceAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const details = error instanceof ApiError ? (error.details as { violations?: Array<{ word: string }> } | undefined) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      message={errorMessage(error)}
      description={
        details?.violations?.length ? (
          <Space wrap>
            {t('ops.offending')}
            {[...new Set(details.violations.map((v) => v.word))].map((w) => (
              <Tag color="red" key={w}>
                {w}
              </Tag>
            ))}
          </Space>
        ) : undefined
      }
    />
  );
}
