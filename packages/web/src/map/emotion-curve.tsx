import type { JourneyMap } from '@waymark/core';
import { useMemo } from 'react';
import { EChart } from '../charts/echart.tsx';
import { emotionCurve } from '../editor/map-edits.ts';

const LABELS: Record<string, string> = { '-2': 'very negative', '-1': 'negative', '0': 'neutral', '1': 'positive', '2': 'delighted' };

/** The emotion lane as a line over the stages: the average score of each stage's emotion cards. */
export function EmotionCurve({ map }: { map: JourneyMap }) {
  const curve = useMemo(() => emotionCurve(map), [map]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 10, bottom: 6, containLabel: false },
      xAxis: { type: 'category', data: map.stages.map((s) => s.name), show: false, boundaryGap: true },
      yAxis: { type: 'value', min: -2, max: 2, interval: 1, show: true, axisLabel: { show: false }, splitLine: { lineStyle: { color: '#eceff4' } } },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null ? 'no card' : `${v.toFixed(1)} (${LABELS[String(Math.round(v))]})`) },
      series: [
        {
          type: 'line',
          data: curve,
          connectNulls: true,
          smooth: 0.3,
          symbolSize: 9,
          lineStyle: { width: 2.5, color: '#7048e8' },
          itemStyle: { color: (p: { value: number }) => (p.value < 0 ? '#e03131' : p.value > 0 ? '#2f9e44' : '#868e96') },
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#adb5bd', type: 'dashed' }, label: { show: false } },
        },
      ],
    }),
    [map.stages, curve],
  );
  return <EChart option={option} height={90} label={`Emotion curve: ${curve.map((v, i) => `${map.stages[i]!.name} ${v === null ? 'none' : v.toFixed(1)}`).join(', ')}`} />;
}
