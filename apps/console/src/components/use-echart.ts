import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An ECharts chart drawn into the returned element with `option`, redrawn when the option
 * changes and resized with its element (a ResizeObserver, not the window: a chart in a column
 * follows the column, e.g. when the layout switches between phone and desktop). The element
 * must not be wider than its container: see `chartBoxStyle`.
 */
export function useEChart(option: EChartsCoreOption) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = element.current;
    if (!box) return;
    const chart = echarts.init(box);
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return element;
}

/**
 * A chart's box: the width of its container and never more. A flex or grid item is otherwise as
 * wide as its content, and a canvas drawn for a wider window would widen the page.
 */
export function chartBoxStyle(height: number) {
  return { width: '100%', minWidth: 0, maxWidth: '100%', overflow: 'hidden', height } as const;
}
