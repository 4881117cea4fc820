import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

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
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({
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
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [months, series, t]);
  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
