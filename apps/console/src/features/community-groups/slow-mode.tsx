import { useTranslation } from 'react-i18next';
import { slowModeParts } from './group-model';

/** "关闭", "30 秒", "5 分钟", "1 小时". */
export function SlowModeLabel({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const { unit, count } = slowModeParts(seconds);
  return <>{t(`groups.slow.${unit}`, { count })}</>;
}
