import { formatFen } from '@quanzi/web-kit';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use as register, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { useEffect, useRef } from 'react';

// Only the pieces this chart draws, so the rest of ECharts stays out of the bundle.
register([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

/**
 * Daily credited earnings as a line. Amounts stay fen strings everywhere else; the chart gets yuan
 * numbers only to place points, and its tooltip formats the original fen.
 */
export default function EarningsChart({ days, label }: { days: Array<{ day: string; amount: string }>; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = init(el.current, undefined, { renderer: 'canvas' });
    const option: Option = {
      grid: { left: 8, right: 12, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const first = Array.isArray(params) ? params[0] : params;
          const i = first?.dataIndex ?? 0;
          const d = days[i];
          return d ? `${d.day}<br/>${label} ¥${formatFen(d.amount)}` : '';
        },
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: days.map((d) => d.day.slice(5)),
        axisLabel: { color: '#999', fontSize: 10 },
        axisLine: { lineStyle: { color: '#ddd' } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        axisLabel: { color: '#999', fontSize: 10 },
        splitLine: { lineStyle: { color: '#f0f0f0' } },
        minInterval: 0.01,
      },
      series: [
        {
          type: 'line',
          name: label,
          data: days.map((d) => Number(formatFen(d.amount, { grouping: false }))),
          symbol: 'circle',
          symbolSize: 5,
          showSymbol: false,
          lineStyle: { color: '#1677ff', width: 2 },
          itemStyle: { color: '#1677ff' },
          areaStyle: { color: 'rgba(22, 119, 255, 0.08)' },
        },
      ],
    };
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [days, label]);
  return <div ref={el} className="earnings-chart" data-testid="earnings-chart" />;
}
