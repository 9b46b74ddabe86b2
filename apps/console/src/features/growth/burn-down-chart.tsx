import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { init, use as register, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { formatFen } from '@quanzi/web-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetailT } from './types';

register([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
type Option = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

/**
 * 预算燃尽: what is left of the total budget after each Shanghai day (money in yuan when the
 * campaign has a money budget, else grants), with each day's use as bars. Fen strings are turned
 * into yuan numbers only to place the points.
 */
export default function BurnDownChart({ campaign }: { campaign: CampaignDetailT }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const byMoney = campaign.budget.totalMoney !== null;
  useEffect(() => {
    if (!el.current) return;
    const chart = init(el.current, undefined, { renderer: 'canvas' });
    const yuan = (fen: string | null) => (fen === null ? null : Number(formatFen(fen, { grouping: false })));
    const days = campaign.burnDown;
    const option: Option = {
      grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.day) },
      yAxis: { type: 'value', min: 0 },
      series: [
        {
          type: 'line',
          name: byMoney ? t('growth.detailPage.remainingMoney') : t('growth.detailPage.remainingCount'),
          data: days.map((d) => (byMoney ? yuan(d.remainingMoney) : d.remainingCount)),
          lineStyle: { color: '#1677ff', width: 2 },
          itemStyle: { color: '#1677ff' },
        },
        {
          type: 'bar',
          name: t('growth.detailPage.daySpent'),
          data: days.map((d) => (byMoney ? yuan(d.spentMoney) : d.count)),
          itemStyle: { color: 'rgba(250, 140, 22, 0.6)' },
        },
      ],
    };
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [campaign, byMoney, t]);
  return <div ref={el} data-testid="burn-down" style={{ width: '100%', height: 280 }} />;
}
