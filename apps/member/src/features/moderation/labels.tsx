import type { ModerationActorKind, ModlogAction } from '@quanzi/contracts';
import { Tag } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const ACTION_COLOR: Record<ModlogAction, string> = {
  hide: 'warning',
  delete: 'danger',
  mute: 'danger',
  remove_from_group: 'danger',
  warn: 'warning',
  hold: 'default',
  block: 'danger',
  release: 'success',
  restore: 'success',
  appeal_upheld: 'default',
  appeal_overturned: 'success',
};

/** 隐藏 / 删除 / 禁言 N 小时 / 移出圈子 / 警告 / …, coloured by how heavy it is. */
export function ActionTag({ action, hours }: { action: ModlogAction; hours?: number | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={ACTION_COLOR[action]} fill={action === 'hold' ? 'outline' : 'solid'} data-testid="modlog-action" data-action={action}>
      {action === 'mute' && hours ? t('mod.muteHours', { hours }) : t(`mod.action.${action}`)}
    </Tag>
  );
}

/** Who acted, by role only (never a name): the server's Chinese label, or ours for the stable role code. */
export const actorLabel = (t: TFunction, actor: { kind: ModerationActorKind; role: string; label: string }): string =>
  t(`mod.role.${actor.role}`, { defaultValue: actor.label });

export const APPEAL_COLOR = { pending: 'warning', upheld: 'default', overturned: 'success' } as const;
