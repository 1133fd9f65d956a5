import type { JourneyMap } from '@waymark/core';
import { useMemo } from 'react';
import type { JourneyVoice } from '../api/insight-types.ts';
import { EChart } from '../charts/echart.tsx';
import { emotionPoints } from '../voice/voice-emotion.ts';

const LABELS: Record<string, string> = { '-2': 'very negative', '-1': 'negative', '0': 'neutral', '1': 'positive', '2': 'delighted' };

/**
 * The emotion lane as a line over the stages: measured from customers' answers where a stage has
 * them (a filled dot), else the average of the stage's emotion cards (a hollow dot).
 */
export function EmotionCurve({ map, voice }: { map: JourneyMap; voice?: JourneyVoice | undefined }) {
  const points = useMemo(() => emotionPoints(map, voice), [map, voice]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 10, bottom: 6, containLabel: false },
      xAxis: { type: 'category', data: map.stages.map((s) => s.name), show: false, boundaryGap: true },
      yAxis: { type: 'value', min: -2, max: 2, interval: 1, show: true, axisLabel: { show: false }, splitLine: { lineStyle: { color: '#eceff4' } } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number; name: string }) => {
          const point = points[p.dataIndex]!;
          if (point.value === null) return `${p.name}: no emotion`;
          const source = point.source === 'data' ? `from ${point.answers} answers` : 'from the emotion cards';
          return `${p.name}: ${point.value.toFixed(1)} (${LABELS[String(Math.round(point.value))]}), ${source}`;
        },
      },
      series: [
        {
          type: 'line',
          data: points.map((p) => ({ value: p.value, symbol: p.source === 'data' ? 'circle' : 'emptyCircle' })),
          connectNulls: true,
          smooth: 0.3,
          symbolSize: 9,
          lineStyle: { width: 2.5, color: '#7048e8' },
          itemStyle: { color: (p: { value: number }) => (p.value < 0 ? '#e03131' : p.value > 0 ? '#2f9e44' : '#868e96') },
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#adb5bd', type: 'dashed' }, label: { show: false } },
        },
      ],
    }),
    [map.stages, points],
  );
  const label = points.map((p, i) => `${map.stages[i]!.name} ${p.value === null ? 'none' : `${p.value.toFixed(1)}${p.source === 'data' ? ' measured' : ''}`}`).join(', ');
  return <EChart option={option} height={90} label={`Emotion curve: ${label}`} />;
}
