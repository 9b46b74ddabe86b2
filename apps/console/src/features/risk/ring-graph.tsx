import { GraphChart, type GraphSeriesOption } from 'echarts/charts';
import { LegendComponent, TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { init, use as register, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ringGraph, type RingLink } from './risk-model';

register([GraphChart, TooltipComponent, LegendComponent, CanvasRenderer]);
type Option = ComposeOption<GraphSeriesOption | TooltipComponentOption>;

/** The ring as a force graph: who is tied to whom, and by which attribute (edge colour and tooltip). */
export function RingGraph({
  members,
  links,
  focus,
  onOpen,
}: {
  members: string[];
  links: RingLink[];
  focus: string | null;
  onOpen?: (id: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (!el.current) return;
    const chart = init(el.current, undefined, { renderer: 'canvas' });
    const { nodes, edges } = ringGraph(members, links, focus);
    const option: Option = {
      tooltip: {
        formatter: (p) => {
          const item = p as unknown as { dataType: string; data: { id?: string; kinds?: string[]; weight?: number } };
          if (item.dataType === 'edge')
            return (item.data.kinds ?? []).map((k) => t(`risk.linkKinds.${k}`)).join(' · ') + ` (${item.data.weight})`;
          return item.data.id ?? '';
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          label: { show: true, fontSize: 10 },
          force: { repulsion: 180, edgeLength: 80 },
          categories: [
            { name: 'focus', itemStyle: { color: '#cf1322' } },
            { name: 'member', itemStyle: { color: '#1677ff' } },
          ],
          data: nodes,
          links: edges,
        },
      ],
    };
    chart.setOption(option);
    chart.on('click', (p) => {
      const d = p.data as { id?: string } | undefined;
      if (p.dataType === 'node' && d?.id && onOpen) onOpen(d.id);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [members, links, focus, onOpen, t]);
  return <div ref={el} style={{ height: 360, width: '100%' }} data-testid="ring-graph" />;
}
