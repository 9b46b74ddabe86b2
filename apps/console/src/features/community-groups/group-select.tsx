import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ShortId } from '../../shared/finance';
import { useOperator } from '../../shared/operator-context';
import { useLoad } from '../../shared/use-load';
import type { ConsoleGroup } from './group-model';

/**
 * The 100 most recently active groups (for pickers and for showing group names beside ids). Listing
 * groups needs `community.manage`; without it (e.g. compliance in the queue) there are none and ids show.
 */
export function useGroupOptions() {
  const manage = useOperator().can('community.manage');
  return useLoad(
    () => (manage ? api<{ items: ConsoleGroup[] }>('GET', '/groups?limit=100').then((r) => r.items) : Promise.resolve([])),
    [manage],
  );
}

/** A group's name when it is among the loaded ones, else its short id. */
export function GroupName({ id, groups }: { id: string; groups: readonly ConsoleGroup[] | undefined }) {
  const group = groups?.find((g) => g.id === id);
  return group ? <span>{group.name}</span> : <ShortId id={id} />;
}

/** Picks a group by name (the 100 most recently active; type to search among them). */
export function GroupSelect({
  value,
  onChange,
  disabled,
  testId,
  placeholder,
}: {
  value?: string;
  onChange?(id: string | undefined): void;
  disabled?: boolean;
  testId?: string;
  /** Shown when nothing is picked (default: "no group (public)"). */
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const { data, loading, error } = useGroupOptions();
  return (
    <Select<string>
      data-testid={testId}
      allowClear
      showSearch
      optionFilterProp="label"
      disabled={disabled}
      loading={loading}
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={placeholder ?? t('communityCommon.noGroup')}
      notFoundContent={error ?? undefined}
      options={(data ?? []).map((g) => ({
        value: g.id,
        label: `${g.name}${g.visibility === 'private' ? ` (${t('groups.visibility.private')})` : ''}`,
      }))}
    />
  );
}
