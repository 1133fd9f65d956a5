import { Type, type Static } from '@sinclair/typebox';

/**
 * The thresholds of the friction detectors, one set per project. They apply to events as they
 * are stored: changing a threshold changes the signals of events that arrive afterwards, never
 * signals already stored.
 */
const SETTINGS = {
  rageClickMinClicks: Type.Integer({ minimum: 2, maximum: 20, description: 'Clicks that make a rage-click burst.' }),
  rageClickWindowMs: Type.Integer({ minimum: 100, maximum: 10_000, description: 'The burst must fit in this many milliseconds.' }),
  rageClickRadiusPx: Type.Integer({ minimum: 1, maximum: 500, description: 'Every click of a burst lies within this distance of the last one.' }),
  errorClickWindowMs: Type.Integer({ minimum: 100, maximum: 10_000, description: 'An exception this soon after a click makes it an error click.' }),
  slowPageLoadMs: Type.Integer({ minimum: 100, maximum: 120_000, description: 'A page view loading slower than this is slow.' }),
  slowPageLcpMs: Type.Integer({ minimum: 100, maximum: 120_000, description: 'A page view whose largest contentful paint is later than this is slow.' }),
  uTurnWindowMs: Type.Integer({ minimum: 500, maximum: 600_000, description: 'Back to the previous page within this many milliseconds is a U-turn.' }),
  repeatedContactWindowMs: Type.Integer({ minimum: 60_000, maximum: 90 * 86_400_000, description: 'A ticket on the same topic within this long of the last one is a repeated contact.' }),
};
export const FrictionSettings = Type.Object(SETTINGS, { additionalProperties: false, $id: 'FrictionSettings' });
export type FrictionSettings = Static<typeof FrictionSettings>;

export const DEFAULT_FRICTION_SETTINGS: FrictionSettings = Object.freeze({
  rageClickMinClicks: 3,
  rageClickWindowMs: 1000,
  rageClickRadiusPx: 30,
  errorClickWindowMs: 1000,
  slowPageLoadMs: 2000,
  slowPageLcpMs: 2500,
  uTurnWindowMs: 5000,
  repeatedContactWindowMs: 7 * 86_400_000,
});

/** A partial update of the settings, as `PUT .../settings/friction` takes it. */
export const FrictionSettingsPatch = Type.Partial(Type.Object(SETTINGS, { additionalProperties: false }));
export type FrictionSettingsPatch = Static<typeof FrictionSettingsPatch>;
