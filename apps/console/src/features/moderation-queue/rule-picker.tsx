import { Alert, Select, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, publicApi } from '../../shared/api';
import { useLoad } from '../../shared/use-load';
import type { CharterRule, PublicCharter } from './moderation-model';

/** The rules of the charter in force, read where members read them; none published yet reads as no rules. */
export function useCharterRules() {
  return useLoad(
    () =>
      publicApi<PublicCharter>('GET', '/charter').then(
        (c) => c.current.rules,
        (err: unknown) => {
          if (err instanceof ApiError && err.status === 404) return [] as CharterRule[];
          throw err;
        },
      ),
    [],
  );
}

interface Props {
  rules: readonly CharterRule[] | undefined;
  loading?: boolean;
  /** Set by Form.Item. */
  value?: string;
  onChange?(code: string | undefined): void;
  testId?: string;
  /** Show the chosen rule's full text under the select (the act modal); off in narrow filters. */
  showBody?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
}

/**
 * Picks a rule of the current charter by code or title, and shows what the chosen rule says, so
 * the operator cites the rule they mean. Moderation always cites one (RULE_REQUIRED).
 */
export function RulePicker({ rules, loading, value, onChange, testId, showBody = true, allowClear, placeholder, style }: Props) {
  const { t } = useTranslation();
  const chosen = rules?.find((r) => r.code === value);
  return (
    <div style={style}>
      <Select<string>
        data-testid={testId}
        value={value}
        onChange={(v) => onChange?.(v)}
        loading={loading}
        allowClear={allowClear}
        showSearch
        optionFilterProp="label"
        placeholder={placeholder ?? t('modCommon.rulePlaceholder')}
        notFoundContent={rules && rules.length === 0 ? t('modCommon.noRules') : undefined}
        options={(rules ?? []).map((r) => ({ value: r.code, label: `${r.code} ${r.title}` }))}
        optionRender={(o) => {
          const rule = rules?.find((r) => r.code === o.value);
          return (
            <div data-testid={testId ? `${testId}-option-${String(o.value)}` : undefined}>
              <Tag style={{ fontFamily: 'monospace' }}>{o.value}</Tag>
              {rule?.title}
            </div>
          );
        }}
        style={{ width: '100%' }}
      />
      {showBody && chosen && (
        <Alert
          data-testid={testId ? `${testId}-body` : undefined}
          type="info"
          style={{ marginTop: 8 }}
          message={
            <Typography.Text strong>
              {chosen.code} {chosen.title}
            </Typography.Text>
          }
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{chosen.body}</div>}
        />
      )}
    </div>
  );
}
