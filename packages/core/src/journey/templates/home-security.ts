import type { JourneyMap } from '../journey-map.schema.ts';
import { cards, kpi, on, page, stage } from './build.ts';

/** A home-security provider: quote, installation, activation and ongoing monitoring service. */
export const HOME_SECURITY_JOURNEY: JourneyMap = {
  id: 'home_security',
  name: 'Home security: installation to service',
  description: 'A monitored alarm company. A household requests a quote, gets a site survey, has the system installed by a technician, activates the app and lives with the monitoring service.',
  goal: { name: 'Active monitored homes', description: 'Households with an active monitoring contract after 90 days.', metric: 'persons', matcher: on('Monitoring Activated'), target: 5000, direction: 'higher_is_better' },
  personas: [
    { id: 'new_homeowner', name: 'Chris, the new homeowner', description: 'Just moved in, wants peace of mind, compares three providers online.', goals: ['A fair quote', 'Installation before the first trip away'], frustrations: ['Sales pressure during the survey', 'Long installation slots'], segment: { all: [{ scope: 'person', property: 'segment', op: 'eq', value: 'new_homeowner' }] } },
    { id: 'small_business', name: 'Nadia, the shop owner', description: 'Protects a small shop; cares about response times and false alarms.', goals: ['Fast police dispatch', 'Few false alarms'], frustrations: ['False alarms charged as call-outs'], segment: { all: [{ scope: 'person', property: 'segment', op: 'eq', value: 'small_business' }] } },
  ],
  stages: [
    stage('quote', 'Quote', 'Online configurator, callback, site survey.', [
      { id: 'configurator', name: 'System configurator', channel: 'web', owner: 'Digital sales', matchers: [page('/configure', 'contains')], kpis: [kpi('configurator_completion', 'Configurator completed', 'conversion_rate', 0.4)] },
      { id: 'quote_requested', name: 'Quote requested', channel: 'web', owner: 'Digital sales', matchers: [on('Quote Requested')], kpis: [kpi('quote_to_survey', 'Quote to survey', 'conversion_rate', 0.6)] },
      { id: 'site_survey', name: 'Site survey visit', channel: 'store', owner: 'Field sales', momentOfTruth: true, matchers: [on('Site Survey Completed')], kpis: [kpi('survey_to_contract', 'Survey to contract', 'conversion_rate', 0.55)] },
    ]),
    stage('contract', 'Contract', 'Signing and scheduling the installation.', [
      { id: 'contract_signed', name: 'Contract signed', channel: 'web', owner: 'Sales ops', matchers: [on('Contract Signed')], kpis: [kpi('contract_value', 'Contract value', 'average_order_value', 1400, 'higher_is_better', 'USD')] },
      { id: 'installation_booked', name: 'Installation booked', channel: 'phone', owner: 'Scheduling', matchers: [on('Installation Scheduled')], kpis: [kpi('days_to_install', 'Signature to installation', 'median_time_to_next_ms', 7 * 86_400_000, 'lower_is_better', 'ms')] },
    ]),
    stage('installation', 'Installation', 'The technician visit and the handover.', [
      { id: 'technician_visit', name: 'Technician visit', channel: 'store', owner: 'Field service', momentOfTruth: true, matchers: [on('Installation Completed')], kpis: [kpi('first_time_fix', 'Installed in one visit', 'first_contact_resolution', 0.9), kpi('install_csat', 'Installation CSAT', 'csat', 4.6)] },
      { id: 'app_activation', name: 'App activation', channel: 'mobile', owner: 'App team', matchers: [on('Monitoring Activated')], kpis: [kpi('activation', 'Activated within 24 h', 'activation_rate', 0.9)] },
    ]),
    stage('service', 'Service', 'Daily arming, alarms, maintenance and renewals.', [
      { id: 'arming', name: 'Arming and disarming', channel: 'mobile', owner: 'App team', matchers: [on('System Armed')], kpis: [kpi('weekly_use', 'Weekly active homes', 'persons', 4000)] },
      { id: 'alarm_response', name: 'Alarm response', channel: 'phone', owner: 'Monitoring centre', momentOfTruth: true, matchers: [on('Alarm Triggered')], kpis: [kpi('response_time', 'Alarm to operator call', 'median_time_to_next_ms', 45_000, 'lower_is_better', 'ms'), kpi('false_alarms', 'False alarm rate', 'error_rate', 0.1, 'lower_is_better')] },
      { id: 'maintenance', name: 'Maintenance tickets', channel: 'support', owner: 'Field service', matchers: [on('Ticket Created')], kpis: [kpi('fcr', 'First contact resolution', 'first_contact_resolution', 0.75)] },
      { id: 'renewal', name: 'Contract renewal', channel: 'server', owner: 'Retention', matchers: [on('Subscription Renewed')], kpis: [kpi('churn', 'Annual churn', 'churn_rate', 0.08, 'lower_is_better'), kpi('nps', 'NPS', 'nps', 45)] },
    ]),
  ],
  lanes: [
    ...cards('quote', [['actions', 'Configures sensors and cameras online, books a site survey.'], ['thoughts', '"What do I really need, and what will it cost monthly?"'], ['emotions', 'Uneasy about security, wary of sales talk.', -1], ['pain_points', 'Configurator price differs from the surveyor\'s quote.'], ['opportunities', 'Binding online quotes for standard homes.'], ['backstage', 'CPQ tool, field sales calendar.', undefined, 'Digital sales']]),
    ...cards('contract', [['actions', 'Signs the contract online, picks an installation slot.'], ['thoughts', '"When can they come?"'], ['emotions', 'Committed, impatient.', 0], ['pain_points', 'Installation slots of a full day.'], ['opportunities', 'Two-hour arrival windows with live technician tracking.'], ['backstage', 'Contract system, workforce scheduling.', undefined, 'Scheduling']]),
    ...cards('installation', [['actions', 'Meets the technician, learns the keypad and the app.'], ['thoughts', '"Will I remember how it works?"'], ['emotions', 'Reassured by a good technician.', 1], ['pain_points', 'Missing parts mean a second visit.'], ['opportunities', 'Kit checked against the survey before dispatch.'], ['backstage', 'Parts warehouse, technician app.', undefined, 'Field service']]),
    ...cards('service', [['actions', 'Arms the system daily, gets an alarm, calls about a faulty sensor.'], ['thoughts', '"I sleep better."'], ['emotions', 'Safe and in control.', 2], ['pain_points', 'False alarms from pets.'], ['opportunities', 'Pet-immune sensors offered after the first false alarm.'], ['backstage', 'Monitoring centre, maintenance crew, retention desk.', undefined, 'Monitoring centre']]),
  ],
};
