/** A small shop journey map for survey and voice tests: two stages, three touchpoints, a persona of pro customers. */
export const shopMap = () => ({
  id: 'shop',
  name: 'Shop',
  description: '',
  goal: { name: 'Orders', metric: 'conversion_rate', matcher: { event: 'Order Completed' }, target: 0.1, direction: 'higher_is_better' },
  personas: [{ id: 'pro', name: 'Pro customers', description: '', goals: [], frustrations: [], segment: { all: [{ property: 'plan', op: 'eq', value: 'pro' }] } }],
  stages: [
    {
      id: 'buy',
      name: 'Buy',
      description: '',
      touchpoints: [
        { id: 'checkout', stageId: 'buy', name: 'Checkout', channel: 'web', matchers: [{ event: 'Checkout Started' }], kpis: [], momentOfTruth: true },
        { id: 'payment', stageId: 'buy', name: 'Payment', channel: 'web', matchers: [{ event: 'Payment Submitted' }], kpis: [], momentOfTruth: false },
      ],
    },
    {
      id: 'receive',
      name: 'Receive',
      description: '',
      touchpoints: [{ id: 'delivery', stageId: 'receive', name: 'Delivery', channel: 'email', matchers: [{ event: 'Order Delivered' }], kpis: [], momentOfTruth: false }],
    },
  ],
  lanes: [],
});

/** A survey definition with sensible defaults; `overrides` replace top-level fields. */
export const surveyDefinition = (overrides: Record<string, unknown> = {}) => ({
  id: 'after-checkout',
  name: 'After checkout',
  status: 'active',
  questions: [
    { id: 'nps', type: 'nps', prompt: 'How likely are you to recommend us?', required: true, branching: [{ when: { scoreAtLeast: 9 }, goTo: 'end' }] },
    { id: 'why', type: 'text', prompt: 'What should we improve?' },
  ],
  targeting: { trigger: { event: { event: 'Order Completed' } }, sampleRate: 1, frequencyCapDays: 30 },
  theme: { accent: '#0a7f5a', position: 'bottom-right' },
  touchpointId: 'checkout',
  ...overrides,
});
