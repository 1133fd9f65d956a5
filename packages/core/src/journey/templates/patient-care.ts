import type { JourneyMap } from '../journey-map.schema.ts';
import { cards, kpi, on, page, stage } from './build.ts';

/** A patient's care pathway at an outpatient clinic: booking, consultation, follow-up. */
export const PATIENT_CARE_JOURNEY: JourneyMap = {
  id: 'patient_care',
  name: 'Patient care pathway: appointment to follow-up',
  description: 'An outpatient clinic network. A patient finds a specialist, books, checks in, is seen, gets results and a treatment plan, and is followed up until recovery.',
  goal: { name: 'Care plans completed', description: 'Share of patients who complete their follow-up plan.', metric: 'conversion_rate', matcher: on('Care Plan Completed'), target: 0.8, direction: 'higher_is_better' },
  personas: [
    { id: 'chronic_patient', name: 'Martin, managing a chronic condition', description: 'Sees the same specialist every quarter, 67, prefers phone calls but uses the patient portal for results.', goals: ['Keep appointments regular', 'Understand results without waiting'], frustrations: ['Repeating his history at every visit', 'Waiting-room delays'], segment: { all: [{ scope: 'person', property: 'care_program', op: 'eq', value: 'chronic' }] } },
    { id: 'new_patient', name: 'Aisha, a first-time patient', description: 'Referred by her GP for knee pain, 34, books on her phone between meetings.', goals: ['Get seen quickly', 'Know what to bring and what it costs'], frustrations: ['Referral paperwork', 'Unclear insurance coverage'], segment: { all: [{ scope: 'person', property: 'patient_type', op: 'eq', value: 'new' }] } },
    { id: 'caregiver', name: 'Ruth, caring for her father', description: 'Books and attends on behalf of a parent; juggles work and appointments.', goals: ['One place for all appointments and instructions'], frustrations: ['Portal access limited to the patient'], segment: { all: [{ scope: 'person', property: 'role', op: 'eq', value: 'caregiver' }] } },
  ],
  stages: [
    stage('access', 'Finding care', 'Referral and the search for a specialist and a slot.', [
      { id: 'referral', name: 'GP referral received', channel: 'server', owner: 'Referral office', matchers: [on('Referral Received')], kpis: [kpi('referral_to_booking', 'Referral to booking', 'conversion_rate', 0.85), kpi('referral_wait', 'Referral to booking time', 'median_time_to_next_ms', 3 * 86_400_000, 'lower_is_better', 'ms')] },
      { id: 'find_doctor', name: 'Find a doctor', channel: 'web', owner: 'Digital front door', matchers: [page('/doctors', 'contains')], kpis: [kpi('search_to_booking', 'Search to booking', 'conversion_rate', 0.3)] },
    ]),
    stage('appointment', 'Appointment', 'Booking, reminders, pre-visit forms.', [
      { id: 'booking', name: 'Online booking', channel: 'web', owner: 'Scheduling', momentOfTruth: true, matchers: [on('Appointment Booked')], kpis: [kpi('booking_completion', 'Booking completion', 'conversion_rate', 0.75)] },
      { id: 'call_center', name: 'Phone booking', channel: 'phone', owner: 'Call center', matchers: [on('Call Completed', [{ property: 'reason', op: 'eq', value: 'booking' }])], kpis: [kpi('call_wait', 'Median wait', 'median_time_to_next_ms', 120_000, 'lower_is_better', 'ms')] },
      { id: 'reminder', name: 'SMS reminder', channel: 'sms', owner: 'Scheduling', matchers: [on('Reminder Sent')], kpis: [kpi('no_show', 'No-show rate', 'drop_off_rate', 0.06, 'lower_is_better')] },
      { id: 'intake_form', name: 'Pre-visit intake form', channel: 'web', owner: 'Clinical admin', matchers: [on('Intake Form Submitted')], kpis: [kpi('intake_completion', 'Completed before arrival', 'conversion_rate', 0.7)] },
    ]),
    stage('consultation', 'Consultation', 'Check-in, waiting room, seeing the specialist.', [
      { id: 'check_in', name: 'Kiosk check-in', channel: 'store', owner: 'Front desk', matchers: [on('Patient Checked In')], kpis: [kpi('wait_time', 'Check-in to consultation', 'median_time_to_next_ms', 15 * 60_000, 'lower_is_better', 'ms')] },
      { id: 'consultation', name: 'Consultation', channel: 'store', owner: 'Medical director', momentOfTruth: true, matchers: [on('Consultation Completed')], kpis: [kpi('visit_csat', 'Visit satisfaction', 'csat', 4.5)] },
    ]),
    stage('results', 'Results & plan', 'Tests, results in the portal, the treatment plan.', [
      { id: 'results_portal', name: 'Results in the portal', channel: 'web', owner: 'Digital front door', matchers: [on('Results Viewed')], kpis: [kpi('results_time', 'Test to results', 'median_time_to_next_ms', 2 * 86_400_000, 'lower_is_better', 'ms')] },
      { id: 'care_plan', name: 'Treatment plan shared', channel: 'email', owner: 'Care coordination', matchers: [on('Care Plan Shared')], kpis: [kpi('plan_opened', 'Plan opened', 'open_rate', 0.85)] },
    ]),
    stage('follow_up', 'Follow-up', 'Follow-up visits, messages to the care team, recovery.', [
      { id: 'follow_up_visit', name: 'Follow-up appointment', channel: 'web', owner: 'Scheduling', matchers: [on('Appointment Booked', [{ property: 'visit_type', op: 'eq', value: 'follow_up' }])], kpis: [kpi('follow_up_rate', 'Follow-up booked', 'conversion_rate', 0.8)] },
      { id: 'care_messages', name: 'Messages to the care team', channel: 'chat', owner: 'Care coordination', matchers: [on('Message Sent')], kpis: [kpi('reply_time', 'Reply time', 'resolution_time_ms', 4 * 3_600_000, 'lower_is_better', 'ms')] },
      { id: 'nps', name: 'Patient experience survey', channel: 'survey', owner: 'Patient experience', matchers: [on('Survey Responded', [{ property: 'survey_type', op: 'eq', value: 'nps' }])], kpis: [kpi('nps', 'NPS', 'nps', 60)] },
      { id: 'plan_completed', name: 'Care plan completed', channel: 'server', owner: 'Medical director', momentOfTruth: true, matchers: [on('Care Plan Completed')], kpis: [kpi('completion', 'Plans completed', 'conversion_rate', 0.8)] },
    ]),
  ],
  lanes: [
    ...cards('access', [['actions', 'Receives a referral letter, searches for a knee specialist nearby.'], ['thoughts', '"How long will I have to wait?"'], ['emotions', 'Worried about the pain and the wait.', -1], ['pain_points', 'Referral letters that must be re-typed by staff.'], ['opportunities', 'E-referrals that pre-fill the booking.'], ['backstage', 'Referral office triage.', undefined, 'Referral office']]),
    ...cards('appointment', [['actions', 'Books online or by phone, gets SMS reminders, fills in the intake form.'], ['thoughts', '"What do I need to bring? Is this covered?"'], ['emotions', 'Relieved to have a date.', 1], ['pain_points', 'Intake form asks for the same history again.'], ['opportunities', 'Pre-fill from previous visits; show coverage before booking.'], ['backstage', 'Scheduling system, insurance checks.', undefined, 'Scheduling']]),
    ...cards('consultation', [['actions', 'Checks in at the kiosk, waits, sees the specialist.'], ['thoughts', '"Will the doctor have time for my questions?"'], ['emotions', 'Anxious in the waiting room, reassured after.', 0], ['pain_points', 'Waits of 40 minutes without updates.'], ['opportunities', 'Live wait-time texts.'], ['backstage', 'Room allocation, EHR.', undefined, 'Front desk']]),
    ...cards('results', [['actions', 'Opens results in the portal, reads the treatment plan.'], ['thoughts', '"What do these numbers mean?"'], ['emotions', 'Confused by jargon.', -1], ['pain_points', 'Results published before the doctor explains them.'], ['opportunities', 'Plain-language summaries with each result.'], ['backstage', 'Lab integration, care coordinators.', undefined, 'Care coordination']]),
    ...cards('follow_up', [['actions', 'Books the follow-up, messages the care team, completes physiotherapy.'], ['thoughts', '"I feel looked after."'], ['emotions', 'Grateful.', 2], ['pain_points', 'Follow-up slots booked out for weeks.'], ['opportunities', 'Reserve follow-up capacity at discharge.'], ['backstage', 'Physiotherapy partners, patient experience team.', undefined, 'Patient experience']]),
  ],
};
