import type { Channels, CommunityHealth, CoreMetric, FunnelResult, MembersAnalytics } from '@quanzi/contracts';
import type { EChartsOption } from 'echarts';

/** Chart options and CSV rows built from the API's answers (pure, tested). No personal data ever reaches them. */

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const yuan = (fen: number): string => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 });

/** The funnel as bars per step (one series per breakdown value), conversion on hover. */
export function funnelOption(r: FunnelResult, labels: { people: string; conversion: string }): EChartsOption {
  const steps = r.steps.map((s) => s.label);
  const series = r.breakdown?.length
    ? r.breakdown.slice(0, 8).map((b) => ({ name: b.value, type: 'bar' as const, stack: 'all', data: b.steps.map((s) => s.count) }))
    : [{ name: labels.people, type: 'bar' as const, data: r.steps.map((s) => s.count), label: { show: true, position: 'top' as const } }];
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = params as Array<{ dataIndex: number; seriesName: string; value: number }>;
        const i = list[0]?.dataIndex ?? 0;
        const s = r.steps[i]!;
        return [
          `${s.label}: ${s.count} (${labels.conversion} ${pct(s.conversion)})`,
          ...list.map((p) => `${p.seriesName}: ${p.value}`),
        ].join('<br/>');
      },
    },
    legend: r.breakdown?.length ? { top: 0 } : { show: false },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: steps },
    yAxis: { type: 'value' },
    series,
  };
}

export const funnelCsv = (r: FunnelResult): string[][] => [
  ['step', 'event', 'label', 'count', 'conversion', 'median_seconds_from_previous'],
  ...r.steps.map((s) => [
    String(s.step),
    s.event,
    s.label,
    String(s.count),
    s.conversion.toFixed(4),
    s.medianSecondsFromPrevious?.toString() ?? '',
  ]),
  ...(r.breakdown ?? []).flatMap((b) =>
    b.steps.map((s) => [String(s.step), r.steps[s.step - 1]!.event, `${r.steps[s.step - 1]!.label} · ${b.value}`, String(s.count), '', '']),
  ),
];

const FACTORS = ['uv', 'registrationRate', 'investmentRate', 'averageTicket'] as const;

/** The decomposition as a waterfall: previous amount, each factor's part, current amount (yuan). */
export function waterfallOption(c: CoreMetric, names: Record<(typeof FACTORS)[number] | 'previous' | 'current', string>): EChartsOption {
  const prev = Number(c.previous.amount) / 100;
  const parts = FACTORS.map((k) => (c.contributions ? c.contributions[k] / 100 : 0));
  const base: number[] = [0];
  const up: number[] = [prev];
  const down: number[] = [0];
  let level = prev;
  for (const p of parts) {
    base.push(p >= 0 ? level : level + p);
    up.push(p >= 0 ? p : 0);
    down.push(p < 0 ? -p : 0);
    level += p;
  }
  base.push(0);
  up.push(Number(c.current.amount) / 100);
  down.push(0);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const i = (params as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0;
        const v = i === 0 ? prev : i === 5 ? Number(c.current.amount) / 100 : parts[i - 1]!;
        return `${[names.previous, ...FACTORS.map((k) => names[k]), names.current][i]}: ¥${v.toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`;
      },
    },
    grid: { left: 64, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: [names.previous, ...FACTORS.map((k) => names[k]), names.current] },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, silent: true },
      { type: 'bar', stack: 'w', data: up, itemStyle: { color: '#52c41a' } },
      { type: 'bar', stack: 'w', data: down, itemStyle: { color: '#ff4d4f' } },
    ],
  };
}

export function trendOption(c: CoreMetric, names: { amount: string; uv: string }): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 64, right: 48, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: c.trend.map((d) => d.day.slice(5)) },
    yAxis: [{ type: 'value' }, { type: 'value' }],
    series: [
      { name: names.amount, type: 'line', smooth: true, data: c.trend.map((d) => Number(d.amount) / 100) },
      { name: names.uv, type: 'bar', yAxisIndex: 1, data: c.trend.map((d) => d.uv), itemStyle: { opacity: 0.35 } },
    ],
  };
}

export const coreCsv = (c: CoreMetric): string[][] => [
  ['day', 'amount_fen', 'uv', 'registrations', 'investors'],
  ...c.trend.map((d) => [d.day, d.amount, String(d.uv), String(d.registrations), String(d.investors)]),
];

/** Volume (registrations) × quality (conversion) scatter with the quadrant lines. */
export function quadrantOption(ch: Channels, names: Record<Channels['items'][number]['quadrant'], string>): EChartsOption {
  const colors = { grow: '#52c41a', fix_quality: '#faad14', test: '#1677ff', cut: '#ff4d4f' } as const;
  return {
    tooltip: {
      formatter: (p: unknown) => {
        const d = (p as { data: [number, number, string, string] }).data;
        return `${d[2]}<br/>注册 ${d[0]} · 转化 ${pct(d[1])}<br/>${d[3]}`;
      },
    },
    grid: { left: 56, right: 24, top: 24, bottom: 40 },
    xAxis: { type: 'value', name: 'registrations' },
    yAxis: { type: 'value', name: 'conversion', axisLabel: { formatter: (v: number) => pct(v) } },
    series: [
      {
        type: 'scatter',
        symbolSize: (d: number[]) => 14 + Math.min(30, Math.sqrt(d[0] ?? 0)),
        data: ch.items.map((i) => ({
          value: [i.registrations, i.conversion, i.channel, names[i.quadrant]],
          itemStyle: { color: colors[i.quadrant] },
        })),
        label: { show: true, formatter: (p: { data: { value: unknown[] } }) => String(p.data.value[2]), position: 'top' },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: [{ xAxis: ch.volumeThreshold }, { yAxis: ch.qualityThreshold }],
        },
      },
    ],
  } as EChartsOption;
}

export const channelsCsv = (ch: Channels): string[][] => [
  [
    'channel',
    'uv',
    'registrations',
    'real_names',
    'first_investments',
    'amount_fen',
    'cost_fen',
    'cac_fen',
    'roi',
    'conversion',
    'retention30',
    'vanity',
    'quadrant',
  ],
  ...ch.items.map((i) => [
    i.channel,
    String(i.uv),
    String(i.registrations),
    String(i.realNames),
    String(i.firstInvestments),
    i.amount,
    i.cost,
    i.cac ?? '',
    i.roi === null ? '' : i.roi.toFixed(4),
    i.conversion.toFixed(4),
    i.retention30 === null ? '' : i.retention30.toFixed(4),
    i.vanity ? 'yes' : 'no',
    i.quadrant,
  ]),
];

/** RFC 4180 CSV (quotes doubled; formula-looking cells prefixed so spreadsheets do not run them). */
export function toCsv(rows: string[][]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(name: string, rows: string[][]): void {
  const blob = new Blob(['\ufeff', toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

export { yuan };

/** A tiny bar sparkline of weekly messages, oldest on the left. */
export function sparklineOption(weeklyNewestFirst: number[]): EChartsOption {
  const data = [...weeklyNewestFirst].reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 0, right: 0, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, data: data.map((_, i) => `W-${data.length - 1 - i}`) },
    yAxis: { type: 'value', show: false },
    series: [{ type: 'line', data, smooth: true, symbol: 'none', areaStyle: { opacity: 0.2 } }],
  };
}

export const healthCsv = (h: CommunityHealth): string[][] => [
  [
    'group_id',
    'stage',
    'dau_mau',
    'messages_per_day',
    'members',
    'lurker_share',
    'response_median_s',
    'response_p90_s',
    'unanswered',
    'newcomer_value',
    'dying',
    'last_touch_fen',
    'first_touch_fen',
  ],
  ...h.items.map((g) => [
    g.groupId,
    g.stage,
    g.dauMau.toFixed(4),
    g.messagesPerDay.toFixed(2),
    String(g.members),
    g.lurkerShare.toFixed(4),
    g.responseMedianSeconds?.toString() ?? '',
    g.responseP90Seconds?.toString() ?? '',
    String(g.unanswered),
    g.newcomerFirstWeekValue?.toFixed(4) ?? '',
    g.dying ? 'yes' : 'no',
    g.attributed.lastTouch,
    g.attributed.firstTouch,
  ]),
];

/** Weekly cohorts × weeks since registration, retention as colour, the share on hover. */
export function cohortOption(m: MembersAnalytics, weekLabel: (k: number) => string): EChartsOption {
  const data = m.cohorts.flatMap((c, y) => c.retention.map((r, k) => [k, y, Math.round(r * 1000) / 10]));
  return {
    tooltip: {
      formatter: (p: unknown) =>
        `${m.cohorts[(p as { data: number[] }).data[1]!]!.week} · ${weekLabel((p as { data: number[] }).data[0]!)}: ${(p as { data: number[] }).data[2]}%`,
    },
    grid: { left: 96, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: Array.from({ length: 8 }, (_, k) => weekLabel(k)) },
    yAxis: { type: 'category', data: m.cohorts.map((c) => `${c.week} (${c.size})`) },
    visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120 },
    series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { data: number[] }) => `${p.data[2]}%` } }],
  } as EChartsOption;
}

export function lorenzOption(m: MembersAnalytics, names: { curve: string; equality: string }): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v)) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => pct(v) } },
    series: [
      { name: names.curve, type: 'line', data: m.lorenz.map((p) => [p.people, p.assets]), areaStyle: { opacity: 0.15 } },
      {
        name: names.equality,
        type: 'line',
        data: [
          [0, 0],
          [1, 1],
        ],
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
    ],
  };
}

export const membersCsv = (m: MembersAnalytics): string[][] => [
  ['cohort_week', 'size', ...Array.from({ length: 8 }, (_, k) => `week_${k}`)],
  ...m.cohorts.map((c) => [c.week, String(c.size), ...c.retention.map((r) => r.toFixed(4))]),
  [],
  ['people_share', 'assets_share'],
  ...m.lorenz.map((p) => [p.people.toFixed(2), p.assets.toFixed(4)]),
];
