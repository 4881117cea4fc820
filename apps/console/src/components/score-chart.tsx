import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { Unit } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { chartBoxStyle, useEChart } from './use-echart';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** A unit's score and rank month by month: where the year is heading at a glance. */
export default function ScoreChart({ outcomes }: { outcomes: Unit['workflow']['outcomes'] }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const months = [...outcomes].sort((a, b) => a.month - b.month);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('score'), t('rank')] },
      grid: { left: 40, right: 40, top: 48, bottom: 24 },
      xAxis: { type: 'category', data: months.map((outcome) => t('monthN', { n: outcome.month })) },
      yAxis: [
        { type: 'value', name: t('score'), min: 0 },
        // Ranks start at 1: an axis from 0 would show a place no unit can hold.
        { type: 'value', name: t('rank'), inverse: true, minInterval: 1, min: 1 },
      ],
      series: [
        { name: t('score'), type: 'line', data: months.map((outcome) => Math.round(outcome.score * 100) / 100) },
        { name: t('rank'), type: 'line', yAxisIndex: 1, data: months.map((outcome) => outcome.rank) },
      ],
    };
  }, [outcomes, t]);
  const element = useEChart(option);
  return <div ref={element} role="img" aria-label={`${t('score')} / ${t('rank')}`} style={chartBoxStyle(240)} />;
}
