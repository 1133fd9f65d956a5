/**
 * Line icons as inline SVG: they look the same in every browser and in the exported PNG, SVG
 * and PDF, where emoji fonts may be missing. Each is labelled by the button that holds it.
 */
const PATHS = {
  comment: 'M3 4h14v9H8l-4 3v-3H3z',
  edit: 'M4 16l1-4 8-8 3 3-8 8zM12 5l3 3',
  left: 'M12 4l-6 6 6 6',
  right: 'M8 4l6 6-6 6',
  up: 'M4 12l6-6 6 6',
  down: 'M4 8l6 6 6-6',
  close: 'M5 5l10 10M15 5L5 15',
  star: 'M10 2l2.4 5 5.4.6-4 3.7 1.1 5.4L10 14l-4.9 2.7 1.1-5.4-4-3.7 5.4-.6z',
  quote: 'M4 13c0-4 1-6 4-7M5 9h3v4H4zM11 13c0-4 1-6 4-7M12 9h3v4h-4z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 14 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" className="icon" fill={name === 'star' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
