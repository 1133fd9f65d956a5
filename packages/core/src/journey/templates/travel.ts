import type { JourneyMap } from '../journey-map.schema.ts';
import { cards, kpi, on, page, stage } from './build.ts';

/** A travel agency's journey from inspiration and booking to departure day. */
export const TRAVEL_JOURNEY: JourneyMap = {
  id: 'travel',
  name: 'Travel: booking to departure',
  description: 'An online travel agency selling flight + hotel packages. The journey covers inspiration, search, booking and payment, pre-trip preparation and the day of departure.',
  goal: { name: 'Trips departed without a service contact', description: 'Bookings that reach departure with no support ticket.', metric: 'conversion_rate', matcher: on('Trip Departed'), target: 0.85, direction: 'higher_is_better' },
  personas: [
    { id: 'family_planner', name: 'Sam, planning the family holiday', description: 'Books one big summer trip a year for two adults and two kids, months in advance, on a laptop.', goals: ['Stay within budget', 'Child-friendly hotel near the beach'], frustrations: ['Prices changing between search and payment', 'Hidden baggage fees'], segment: { all: [{ scope: 'person', property: 'traveller_type', op: 'eq', value: 'family' }] } },
    { id: 'business_traveller', name: 'Priya, the frequent business traveller', description: 'Books short trips at a few days notice on her phone; cares about flexibility and invoices.', goals: ['Flexible tickets', 'Receipts for expenses'], frustrations: ['Rebooking by phone', 'No invoice with the company VAT number'], segment: { all: [{ scope: 'person', property: 'traveller_type', op: 'eq', value: 'business' }] } },
  ],
  stages: [
    stage('inspiration', 'Inspiration', 'Deals emails, destination guides, the first search.', [
      { id: 'deals_email', name: 'Deals newsletter', channel: 'email', owner: 'CRM', matchers: [on('Email Link Clicked', [{ property: 'campaign', op: 'eq', value: 'weekly_deals' }])], kpis: [kpi('click_rate', 'Click rate', 'click_rate', 0.05)] },
      { id: 'destination_guide', name: 'Destination guides', channel: 'web', owner: 'Content', matchers: [page('/guides/', 'contains')] },
      { id: 'search', name: 'Flight + hotel search', channel: 'web', owner: 'Search squad', matchers: [on('Trip Searched')], kpis: [kpi('search_to_select', 'Search to package selected', 'conversion_rate', 0.25)] },
    ]),
    stage('booking', 'Booking', 'Choosing a package, extras, traveller details and payment.', [
      { id: 'package_page', name: 'Package details', channel: 'web', owner: 'Search squad', matchers: [on('Package Viewed')], kpis: [kpi('package_to_checkout', 'Package to checkout', 'conversion_rate', 0.2)] },
      { id: 'extras', name: 'Baggage & seats', channel: 'web', owner: 'Ancillaries', matchers: [on('Extras Selected')], kpis: [kpi('extras_revenue', 'Ancillary revenue', 'revenue', 40000, 'higher_is_better', 'USD')] },
      { id: 'traveller_details', name: 'Traveller details form', channel: 'web', owner: 'Booking squad', matchers: [on('$form_submit', [{ property: 'form', op: 'eq', value: 'travellers' }])], kpis: [kpi('form_drop_off', 'Form drop-off', 'drop_off_rate', 0.15, 'lower_is_better')] },
      { id: 'payment', name: 'Payment', channel: 'web', owner: 'Payments', momentOfTruth: true, matchers: [on('Order Completed')], kpis: [kpi('payment_success', 'Payment success', 'conversion_rate', 0.92), kpi('aov', 'Average booking value', 'average_order_value', 2100, 'higher_is_better', 'USD')] },
    ]),
    stage('pre_trip', 'Before the trip', 'Confirmation, documents, changes and questions.', [
      { id: 'confirmation', name: 'Booking confirmation', channel: 'email', owner: 'CRM', matchers: [on('Email Delivered', [{ property: 'email_id', op: 'eq', value: 'booking_confirmation' }])], kpis: [kpi('delivery', 'Delivered', 'delivery_rate', 0.995)] },
      { id: 'manage_booking', name: 'Manage booking', channel: 'web', owner: 'Booking squad', matchers: [on('Booking Changed')], kpis: [kpi('self_service', 'Changes done online', 'conversion_rate', 0.7)] },
      { id: 'support', name: 'Contact centre', channel: 'support', owner: 'Customer service', matchers: [on('Ticket Created')], kpis: [kpi('tickets', 'Tickets per booking', 'ticket_rate', 0.15, 'lower_is_better')] },
    ]),
    stage('departure', 'Departure', 'Online check-in, boarding passes, the transfer to the hotel.', [
      { id: 'check_in', name: 'Online check-in', channel: 'mobile', owner: 'Mobile app', momentOfTruth: true, matchers: [on('Check-in Completed')], kpis: [kpi('check_in_rate', 'Checked in online', 'conversion_rate', 0.85)] },
      { id: 'departed', name: 'Trip departed', channel: 'server', owner: 'Operations', matchers: [on('Trip Departed')] },
      { id: 'trip_survey', name: 'Departure survey', channel: 'survey', owner: 'CX', matchers: [on('Survey Responded', [{ property: 'survey_type', op: 'eq', value: 'ces' }])], kpis: [kpi('ces', 'Effort score', 'ces', 5.8)] },
    ]),
  ],
  lanes: [
    ...cards('inspiration', [['actions', 'Clicks a deals email, reads a guide to the Algarve, searches dates.'], ['thoughts', '"Can we afford this year\'s trip?"'], ['emotions', 'Excited and dreaming.', 2], ['pain_points', 'Deals that disappear when dates are entered.'], ['opportunities', 'Show price calendars up front.'], ['backstage', 'Pricing feeds from airlines and hotels.', undefined, 'Search squad']]),
    ...cards('booking', [['actions', 'Picks a package, adds bags and seats, enters passports, pays.'], ['thoughts', '"Why did the price just go up?"'], ['emotions', 'Stressed by price changes.', -1], ['pain_points', 'Baggage fees only shown at the end; passport form rejects valid names.'], ['opportunities', 'All-in prices; forgiving name validation.'], ['backstage', 'GDS, payment service provider, fraud checks.', undefined, 'Payments']]),
    ...cards('pre_trip', [['actions', 'Downloads documents, changes a date, asks about transfers.'], ['thoughts', '"Is everything in order?"'], ['emotions', 'Slightly anxious.', 0], ['pain_points', 'Changes require a phone call.'], ['opportunities', 'Self-service date changes in the app.'], ['backstage', 'Contact centre, supplier changes.', undefined, 'Customer service']]),
    ...cards('departure', [['actions', 'Checks in online, gets boarding passes, meets the transfer.'], ['thoughts', '"Holiday starts now."'], ['emotions', 'Relieved and happy.', 2], ['pain_points', 'Check-in opens late for some airlines.'], ['opportunities', 'Automatic check-in with push notifications.'], ['backstage', 'Airline check-in APIs, transfer partners.', undefined, 'Operations']]),
  ],
};
