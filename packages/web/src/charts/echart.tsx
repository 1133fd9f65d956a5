import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the charts Waymark draws: importing `echarts` whole would triple the bundle. The map
// needs lines; the analyses register their bars and Sankey when they load (analyses/charts.ts).
echarts.use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** Where a click on a chart's grid landed: the category under it and the value at its height (or, for horizontal bars, its length). */
export interface ColumnPick {
  readonly column: number;
  readonly value: number;
}

/**
 * One ECharts chart. `data-rendered` turns true once the chart has drawn, which the exports
 * and the browser tests wait for. The chart is disposed when the component goes (React's
 * strict mode mounts twice).
 *
 * `onClick` gets clicks on a drawn item (a Sankey node). `onColumn` gets any click inside a
 * category chart's grid: a whole column (a row, when the categories are on the y axis) answers,
 * not only its bar or a line's point, so thin bars and lines are as easy to hit as tall ones.
 */
export function EChart({ option, height, label, onClick, onColumn }: { option: ChartOption; height: number; label: string; onClick?: (params: { name?: string; dataIndex?: number; data?: unknown; dataType?: string }) => void; onColumn?: (pick: ColumnPick) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const columnRef = useRef(onColumn);
  columnRef.current = onColumn;
  const pickable = onColumn !== undefined;
  const horizontal = (option['yAxis'] as { type?: string } | undefined)?.type === 'category';
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.on('finished', () => node.setAttribute('data-rendered', 'true'));
    chart.on('click', (params) => clickRef.current?.(params as never));
    if (pickable) {
      const inGrid = (x: number, y: number) => chart.containPixel('grid', [x, y]);
      // zrender sets the cursor of what is hovered on every move, before this: outside the grid, its choice stands.
      chart.getZr().on('mousemove', (e) => inGrid(e.offsetX, e.offsetY) && chart.getZr().setCursorStyle('pointer'));
      chart.getZr().on('click', (e) => {
        if (!inGrid(e.offsetX, e.offsetY)) return;
        // The first axes: a second value axis (a rate beside counts) is not what a click picks by.
        const [x, y] = chart.convertFromPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
        columnRef.current?.(horizontal ? { column: Math.round(y!), value: x! } : { column: Math.round(x!), value: y! });
      });
    }
    chart.setOption({ animation: false, ...option });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option, pickable, horizontal]);
  return <div ref={element} className="chart" style={{ height }} role="img" aria-label={label} />;
}

export const PALETTE = ['#3b5bdb', '#0ca678', '#f59f00', '#e8590c', '#7048e8', '#1098ad', '#d6336c', '#5c940d'];
