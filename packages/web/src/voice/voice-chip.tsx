import type { JourneyVoice } from '../api/insight-types.ts';
import { formatCount } from '../map/format.ts';

type TouchpointVoice = JourneyVoice['touchpoints'][number];

/** What customers answered at a touchpoint, in one line: its scores and how many answered. */
export function VoiceChip({ voice }: { voice: TouchpointVoice | undefined }) {
  if (!voice) return null;
  const parts = [
    voice.nps && `NPS ${Math.round(voice.nps.score)}`,
    voice.csat && `CSAT ${Math.round(voice.csat.score)}%`,
    voice.ces && `CES ${voice.ces.score.toFixed(1)}`,
    voice.sentiment && `sentiment ${voice.sentiment.mean >= 0 ? '+' : ''}${voice.sentiment.mean.toFixed(2)}`,
  ].filter(Boolean);
  return (
    <div className="voice-chip small" data-responses={voice.responses} title="Measured from survey answers tied to this touchpoint">
      {parts.join(' · ')} <span className="muted">({formatCount(voice.responses)} answers)</span>
    </div>
  );
}
