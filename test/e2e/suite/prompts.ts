/**
 * A scripted person for the e2e suite: answers the extension's questions (Prompts) from a list,
 * in order, and records every question asked. A question of another kind than the next answer,
 * or one with no answer left, is recorded as a problem and dismissed, so the test sees it.
 */
import type * as vscode from 'vscode';
import { BACK } from '../../../src/vscode/platform/prompts';
import type { Back, InputOptions, PickOptions, Prompts } from '../../../src/vscode/platform/prompts';

export type Answer =
  | { readonly confirm: boolean }
  /**
   * Typed text; the prompt's own validation must accept it unless `invalid` says it should not.
   * `shown`: the value the box must offer before typing (a default, or the answer kept after Back).
   */
  | { readonly input: string; readonly invalid?: boolean; readonly shown?: string }
  /** The item with this label, else the first whose label contains it. */
  | { readonly pick: string }
  | { readonly save: vscode.Uri | undefined }
  | { readonly open: vscode.Uri | undefined }
  | { readonly back: true }
  | { readonly dismiss: true };

export interface Asked {
  readonly kind: 'confirm' | 'input' | 'pick' | 'save' | 'open';
  readonly title: string;
  /** `step/total` of a wizard step. */
  readonly step?: string;
  /** An input's offered value, a save dialog's proposed file. */
  readonly value?: string;
  readonly detail?: string;
  readonly items?: readonly string[];
  /** For inputs: what the prompt's validation said of the typed answer. */
  readonly validation?: string;
  /** For inputs: the warning shown for the typed answer (it does not block Enter). */
  readonly warning?: string;
  /** For picks: the item highlighted first, and the items marked as the current choice. */
  readonly active?: string;
  readonly current?: readonly string[];
}

function stepOf(options: { step?: number; totalSteps?: number }): string | undefined {
  return options.step === undefined ? undefined : `${options.step}/${options.totalSteps}`;
}

export class ScriptedPrompts implements Prompts {
  readonly asked: Asked[] = [];
  readonly problems: string[] = [];
  private readonly answers: Answer[];

  constructor(answers: readonly Answer[]) {
    this.answers = [...answers];
  }

  /** Answers not used yet. */
  get left(): number { return this.answers.length; }

  private next(question: Asked): Answer | undefined {
    this.asked.push(question);
    const answer = this.answers.shift();
    if (!answer) { this.problems.push(`no answer left for ${question.kind} "${question.title}"`); }
    return answer;
  }

  private mismatch(question: Asked, answer: Answer): undefined {
    this.problems.push(`${question.kind} "${question.title}" got the answer ${JSON.stringify(answer)}`);
    return undefined;
  }

  async confirm(message: string, detail: string): Promise<boolean> {
    const question: Asked = { kind: 'confirm', title: message, detail };
    const answer = this.next(question);
    if (!answer || 'dismiss' in answer) { return false; }
    if (!('confirm' in answer)) { this.mismatch(question, answer); return false; }
    return answer.confirm;
  }

  async input(options: InputOptions): Promise<string | undefined | Back> {
    const question = { kind: 'input' as const, title: options.title, detail: options.prompt, step: stepOf(options), value: options.value };
    const answer = this.next(question);
    if (!answer || 'dismiss' in answer) { return undefined; }
    if ('back' in answer) { return BACK; }
    if (!('input' in answer)) { return this.mismatch(question, answer); }
    if (answer.shown !== undefined && answer.shown !== (options.value ?? '')) {
      this.problems.push(`input "${options.title}" offered ${JSON.stringify(options.value)}, not ${JSON.stringify(answer.shown)}`);
    }
    const validation = options.validate?.(answer.input);
    const warning = validation === undefined ? options.warn?.(answer.input) : undefined;
    this.asked[this.asked.length - 1] = { ...question, validation, ...(warning !== undefined ? { warning } : {}) };
    // The real input box does not accept a value its validation refuses.
    if (validation !== undefined) {
      if (!answer.invalid) { this.problems.push(`input "${options.title}" refused ${JSON.stringify(answer.input)}: ${validation}`); }
      return undefined;
    }
    return answer.input;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions<T>): Promise<T | undefined | Back> {
    const current = items.filter(i => /\bcurrent\b/.test(i.description ?? '')).map(i => i.label);
    const question: Asked = {
      kind: 'pick', title: options.title, detail: options.placeHolder, step: stepOf(options), items: items.map(i => i.label),
      ...(options.active ? { active: options.active.label } : {}), ...(current.length ? { current } : {}),
    };
    const answer = this.next(question);
    if (!answer || 'dismiss' in answer) { return undefined; }
    if ('back' in answer) { return BACK; }
    if (!('pick' in answer)) { return this.mismatch(question, answer); }
    const item = items.find(i => i.label === answer.pick) ?? items.find(i => i.label.includes(answer.pick));
    if (!item) { this.problems.push(`pick "${options.title}": no item contains ${JSON.stringify(answer.pick)} in ${question.items!.join(', ')}`); }
    return item;
  }

  async saveLocation(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    const question: Asked = { kind: 'save', title: options.title ?? 'save', value: options.defaultUri?.toString() };
    const answer = this.next(question);
    if (!answer || 'dismiss' in answer) { return undefined; }
    if (!('save' in answer)) { return this.mismatch(question, answer); }
    return answer.save;
  }

  async openLocation(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    const question: Asked = { kind: 'open', title: options.title ?? 'open', value: options.defaultUri?.toString() };
    const answer = this.next(question);
    if (!answer || 'dismiss' in answer) { return undefined; }
    if (!('open' in answer)) { return this.mismatch(question, answer); }
    return answer.open;
  }
}
