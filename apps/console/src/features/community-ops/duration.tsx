import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { durationParts, responseColor } from './ops-model';

export function Duration({ seconds, colored }: { seconds: number | null; colored?: boolean }) {
  const { t } = useTranslation();
  if (seconds === null) return <span>—</span>;
  const p = durationParts(seconds);
  const text = t(`ops.duration.${p.unit}`, { count: p.count, rest: p.rest });
  return colored ? <Tag color={responseColor(seconds)}>{text}</Tag> : <span>{text}</span>;
}
