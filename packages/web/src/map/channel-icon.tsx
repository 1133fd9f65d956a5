/** The channel as a short coloured tag: readable without a legend, and the same in exports. */
const TAGS: Record<string, { label: string; color: string }> = {
  web: { label: 'Web', color: '#3b5bdb' },
  mobile: { label: 'App', color: '#1098ad' },
  server: { label: 'Ops', color: '#495057' },
  email: { label: 'Email', color: '#7048e8' },
  support: { label: 'Care', color: '#e8590c' },
  survey: { label: 'Survey', color: '#0ca678' },
  store: { label: 'Store', color: '#5c940d' },
  sms: { label: 'SMS', color: '#7048e8' },
  push: { label: 'Push', color: '#7048e8' },
  ads: { label: 'Ads', color: '#d6336c' },
  social: { label: 'Social', color: '#d6336c' },
  phone: { label: 'Phone', color: '#e8590c' },
  chat: { label: 'Chat', color: '#e8590c' },
};

export function ChannelIcon({ channel }: { channel: string }) {
  const tag = TAGS[channel] ?? { label: channel, color: '#868e96' };
  return (
    <span className="channel-tag" style={{ color: tag.color, borderColor: tag.color }} title={`${channel} channel`}>
      {tag.label}
    </span>
  );
}
