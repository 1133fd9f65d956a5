import { isScoreQuestion, SCORE_SCALES, type Survey, type SurveyAnswer, type SurveyQuestion } from '@waymark/core';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SCALE_ENDS: Record<string, [string, string]> = {
  nps: ['Not at all likely', 'Extremely likely'],
  csat: ['Very dissatisfied', 'Very satisfied'],
  ces: ['Very difficult', 'Very easy'],
};

/** One question as a fieldset: a legend for the prompt, native radios, checkboxes or a textarea (keyboard and screen-reader ready). */
function field(q: SurveyQuestion): string {
  const name = `q_${q.id}`;
  const required = q.required ? ' required' : '';
  const legend = `<legend>${escape(q.prompt)}${q.required ? ' <span aria-hidden="true">*</span>' : ''}</legend>`;
  if (q.type === 'text') {
    return `<fieldset>${legend}<label class="sr" for="${name}">${escape(q.prompt)}</label><textarea id="${name}" name="${name}" rows="4" maxlength="5000"${required}></textarea></fieldset>`;
  }
  if (isScoreQuestion(q.type)) {
    const { min, max } = SCORE_SCALES[q.type];
    const [low, high] = SCALE_ENDS[q.type]!;
    const options = Array.from({ length: max - min + 1 }, (_, i) => min + i)
      .map((v) => `<label class="score"><input type="radio" name="${name}" value="${v}"${v === min ? required : ''}><span>${v}</span></label>`)
      .join('');
    return `<fieldset>${legend}<div class="scale" role="presentation">${options}</div><p class="ends"><span>${min}: ${low}</span><span>${max}: ${high}</span></p></fieldset>`;
  }
  const type = q.type === 'single_choice' ? 'radio' : 'checkbox';
  const options = (q.choices ?? []).map((c, i) => `<label class="choice"><input type="${type}" name="${name}" value="${escape(c)}"${type === 'radio' && i === 0 ? required : ''}> ${escape(c)}</label>`).join('');
  return `<fieldset>${legend}${options}</fieldset>`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
fieldset{border:1px solid #ccc;border-radius:8px;margin:0 0 1rem;padding:1rem}legend{font-weight:600;padding:0 .25rem}
.scale{display:flex;flex-wrap:wrap;gap:.25rem}.score input{position:absolute;opacity:0}.score span{display:inline-block;min-width:2.5rem;padding:.5rem;text-align:center;border:1px solid #888;border-radius:6px;cursor:pointer}
.score input:checked+span{background:var(--accent);color:#fff;border-color:var(--accent)}.score input:focus-visible+span{outline:3px solid #1a73e8;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#555;margin:.25rem 0 0}.choice{display:block;margin:.25rem 0}
textarea{width:100%;box-sizing:border-box;font:inherit}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:var(--accent);color:#fff;cursor:pointer}
.error{border:2px solid #b00020;padding:.75rem;border-radius:6px;color:#b00020}.sr{position:absolute;left:-10000px}`;

function page(title: string, accent: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>:root{--accent:${accent}}${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The survey as a server-rendered form that posts to the same link (no script needed). */
export function surveyFormPage(survey: Survey, action: string, userId: string, token: string, error?: string): string {
  const accent = survey.theme?.accent ?? '#2b59c3';
  const alert = error ? `<p class="error" role="alert">${escape(error)}</p>` : '';
  const fields = survey.questions.map(field).join('');
  return page(
    survey.name,
    accent,
    `<h1>${escape(survey.name)}</h1>${alert}<form method="post" action="${escape(action)}"><input type="hidden" name="u" value="${escape(userId)}"><input type="hidden" name="t" value="${escape(token)}">${fields}<button type="submit">Send</button></form>`,
  );
}

export function thankYouPage(survey: Survey): string {
  return page(survey.name, survey.theme?.accent ?? '#2b59c3', `<h1>Thank you</h1><p role="status">Your answers were received.</p>`);
}

export function messagePage(title: string, message: string): string {
  return page(title, '#2b59c3', `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}

/**
 * Answers from the posted form fields (`q_<question id>`): a score as a number, one choice,
 * several choices, or text. Empty fields are unanswered questions. A score that is not a
 * whole number stays text so `checkSurveyAnswers` names it.
 */
export function answersFromForm(survey: Survey, form: URLSearchParams): SurveyAnswer[] {
  const answers: SurveyAnswer[] = [];
  for (const q of survey.questions) {
    const values = form.getAll(`q_${q.id}`).filter((v) => v.trim() !== '');
    if (values.length === 0) continue;
    if (isScoreQuestion(q.type)) {
      const n = Number(values[0]);
      answers.push(Number.isInteger(n) ? { questionId: q.id, score: n } : { questionId: q.id, text: values[0]! });
    } else if (q.type === 'single_choice') answers.push({ questionId: q.id, choice: values[0]! });
    else if (q.type === 'multiple_choice') answers.push({ questionId: q.id, choices: values });
    else answers.push({ questionId: q.id, text: values[0]! });
  }
  return answers;
}
