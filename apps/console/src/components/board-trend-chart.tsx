import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { chartBoxStyle, useEChart } from './use-echart';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface TrendSeries {
  name: string;
  values: Array<number | null>;
}

/** Lines over the months so far (unit scores, or indicators' plan-to-date %), for the board. */
export default function BoardTrendChart({
  months,
  series,
  label,
  height = 260,
}: {
  months: number[];
  series: TrendSeries[];
  label: string;
  height?: number;
}) {
  const { t } = useI18n();
  const option = useMemo(
    () => ({
      backgroundColor: 'transparent',
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 40, bottom: 24 },
      xAxis: { type: 'category', data: months.map((month) => t('monthN', { n: month })) },
      yAxis: { type: 'value' },
      series: series.map((each) => ({
        name: each.name,
        type: 'line',
        connectNulls: false,
        data: each.values.map((value) => (value === null ? null : Math.round(value * 100) / 100)),
      })),
    }),
    [months, series, t],
  );
  const element = useEChart(option);
  return <div ref={element} role="img" aria-label={label} style={chartBoxStyle(height)} />;
}
