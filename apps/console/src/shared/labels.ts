import type { TFunction } from 'i18next';
import zhCN from '../locales/zh-CN';

type Tree = { [key: string]: string | Tree };
const has = (tree: Tree, path: string): boolean => {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
};

/** 运营登录 for `operator.login`; an action nobody labelled yet shows its code (the label test catches it in CI). */
export const auditActionLabel = (t: TFunction, action: string): string =>
  has(zhCN.auditActions, action) ? t(`auditActions.${action}`) : action;

/** 会员, 银行卡, … for an audit entry's object type. */
export const auditTargetLabel = (t: TFunction, type: string): string => (has(zhCN.auditTargets, type) ? t(`auditTargets.${type}`) : type);

/** 抖音, 应用商店, 微信 for a registration channel code; an unknown code (free-text UTM) is shown as it came. */
export const channelName = (t: TFunction, code: string | null | undefined): string =>
  !code ? '—' : has(zhCN.channels, code) ? t(`channels.${code}`) : code;
