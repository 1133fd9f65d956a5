import { nextQuestion, SCALES, type Answer, type Question, type Survey } from './survey.ts';
import { WIDGET_CSS } from './widget-styles.ts';

export interface WidgetCallbacks {
  /** The survey is on screen. */
  shown(): void;
  /** Done (all answered) or closed early: the answers given so far. */
  finished(answers: Answer[], completed: boolean): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
};

/**
 * Shows a survey in a small dialog in the corner of the page: one question at a time, with
 * branching; every control a native button, radio, checkbox or text area, so it works by
 * keyboard (Tab, arrows, Space, Enter; Escape closes) and with screen readers.
 */
export function showSurvey(survey: Survey, callbacks: WidgetCallbacks): () => void {
  const host = el('div', { 'data-waymark-ignore': '', 'data-waymark-survey': survey.id });
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.textContent = WIDGET_CSS;
  const box = el('div', { class: `box ${survey.theme?.position ?? 'bottom-right'}`, role: 'dialog', 'aria-label': survey.name ?? 'Survey', tabindex: '-1' });
  if (survey.theme?.accent && /^#[0-9a-f]{3,8}$/i.test(survey.theme.accent)) box.style.setProperty('--wm-accent', survey.theme.accent);
  root.append(style, box);
  document.body.appendChild(host);

  const answers: Answer[] = [];
  let done = false;
  const finish = (completed: boolean) => {
    if (done) return;
    done = true;
    callbacks.finished(answers, completed);
  };
  const close = () => {
    finish(false);
    host.remove();
  };
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });

  const advance = (question: Question, answer: Answer | null) => {
    if (answer) answers.push(answer);
    const next = nextQuestion(survey, question, answer);
    if (next) render(next);
    else {
      finish(true);
      box.replaceChildren(el('p', { class: 'thanks', role: 'status' }, 'Thank you for your feedback!'));
      setTimeout(() => host.remove(), 2500);
    }
  };

  const render = (question: Question) => {
    const promptId = `wm-q-${question.id}`;
    const closeButton = el('button', { class: 'close', type: 'button', 'aria-label': 'Close survey' }, '×');
    closeButton.addEventListener('click', close);
    const prompt = el('p', { class: 'prompt', id: promptId }, question.prompt);
    const body: HTMLElement[] = [];
    const scale = SCALES[question.type];
    if (scale) {
      const group = el('div', { class: 'scale', role: 'group', 'aria-labelledby': promptId });
      for (let score = scale.min; score <= scale.max; score++) {
        const button = el('button', { type: 'button', 'aria-label': `${score} out of ${scale.max}`, 'data-score': String(score) }, String(score));
        button.addEventListener('click', () => advance(question, { questionId: question.id, score }));
        group.appendChild(button);
      }
      // Arrow keys move between the scores, as in a radio group.
      group.addEventListener('keydown', (event) => {
        const buttons = [...group.querySelectorAll('button')];
        const at = buttons.indexOf(root.activeElement as HTMLButtonElement);
        const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
        if (step !== 0 && at >= 0) {
          event.preventDefault();
          buttons[Math.min(buttons.length - 1, Math.max(0, at + step))]!.focus();
        }
      });
      const ends = el('div', { class: 'ends', 'aria-hidden': 'true' });
      ends.append(el('span', {}, scale.low), el('span', {}, scale.high));
      body.push(group, ends);
    } else {
      const form = el('form');
      if (question.type === 'text') {
        const area = el('textarea', { 'aria-labelledby': promptId, name: 'text' });
        form.appendChild(area);
      } else {
        const fieldset = el('fieldset', { 'aria-labelledby': promptId });
        for (const choice of question.choices ?? []) {
          const label = el('label', { class: 'choice' });
          const input = el('input', { type: question.type === 'multiple_choice' ? 'checkbox' : 'radio', name: 'choice', value: choice });
          label.append(input, document.createTextNode(choice));
          fieldset.appendChild(label);
        }
        form.appendChild(fieldset);
      }
      const actions = el('div', { class: 'actions' });
      actions.appendChild(el('button', { class: 'primary', type: 'submit' }, nextQuestion(survey, question, null) ? 'Next' : 'Send'));
      form.appendChild(actions);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const answer: Answer = { questionId: question.id };
        if (question.type === 'text') {
          const text = (form.elements.namedItem('text') as HTMLTextAreaElement).value.trim();
          if (text) answer.text = text.slice(0, 5000);
        } else {
          const picked = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
          if (question.type === 'multiple_choice') answer.choices = picked;
          else if (picked[0] !== undefined) answer.choice = picked[0];
        }
        const empty = answer.text === undefined && answer.choice === undefined && (answer.choices ?? []).length === 0;
        if (empty && question.required) return;
        advance(question, empty ? null : answer);
      });
      body.push(form);
    }
    box.replaceChildren(closeButton, prompt, ...body);
    box.focus();
  };

  const first = survey.questions[0];
  if (!first) {
    host.remove();
    return () => undefined;
  }
  render(first);
  callbacks.shown();
  return close;
}
