/**
 * Every question the extension asks a person goes through Prompts: modal confirmations, typed
 * confirmations, picks and inputs (with wizard steps and a Back button), save locations. The
 * default answers through VS Code's own dialogs; the e2e suite swaps in a scripted person
 * (ExtensionApi.setPrompts) because an extension host test cannot click a modal dialog.
 */
import * as vscode from 'vscode';

/**
 * The answer of a wizard step whose Back button was pressed. A registered symbol, so that the
 * e2e suite (compiled apart from the bundle) can answer with the same value.
 */
export const BACK: unique symbol = Symbol.for('dynamodbDesigner.prompts.back');
export type Back = typeof BACK;

export interface StepInfo {
  /** 1-based step of a multi-step flow, and how many there are (shown as "2/9"). */
  readonly step?: number;
  readonly totalSteps?: number;
}

export interface InputOptions extends StepInfo {
  readonly title: string;
  readonly prompt?: string;
  readonly value?: string;
  readonly placeHolder?: string;
  /** A message while the value is not acceptable (shown as the user types), undefined when it is. */
  readonly validate?: (value: string) => string | undefined;
  /** A warning while the value is acceptable but worth a second look (does not block Enter). */
  readonly warn?: (value: string) => string | undefined;
}

export interface PickOptions<T = vscode.QuickPickItem> extends StepInfo {
  readonly title: string;
  readonly placeHolder?: string;
  /** The item to highlight first (the earlier answer, after Back). */
  readonly active?: T;
}

export interface Prompts {
  /** A modal question; true only when the person chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** Text typed by the person; undefined when dismissed, BACK when they went back a step. */
  input(options: InputOptions): Promise<string | undefined | Back>;
  /** One of the items; undefined when dismissed, BACK when they went back a step. */
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions<T>): Promise<T | undefined | Back>;
  /**
   * Where to save a new file; undefined when dismissed. Callers propose a free name (freeFile) and
   * still ask before replacing a file that exists (mayWrite), whatever the dialog asked.
   */
  saveLocation(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  /** A file to read (one); undefined when dismissed. */
  openLocation(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined>;
}

/**
 * Shows an input box or quick pick as one step of a flow (title, "2/9", a Back button from the
 * second step, open when focus moves away) and answers once: what `accept` finishes with, BACK,
 * or undefined when it is hidden.
 */
function asStep<A>(
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, options: StepInfo & { readonly title: string },
  accept: (finish: (answer: A | undefined | Back) => void) => void,
): Promise<A | undefined | Back> {
  return new Promise(resolve => {
    input.title = options.title;
    input.step = options.step;
    input.totalSteps = options.totalSteps;
    input.ignoreFocusOut = true;
    if (options.step !== undefined && options.step > 1) { input.buttons = [vscode.QuickInputButtons.Back]; }
    let done = false;
    const finish = (answer: A | undefined | Back) => {
      if (done) { return; }
      done = true;
      resolve(answer);
      input.dispose();
    };
    accept(finish);
    input.onDidTriggerButton(button => { if (button === vscode.QuickInputButtons.Back) { finish(BACK); } });
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}

/** Asks with VS Code's quick input, modal message boxes and save dialog. */
export const windowPrompts: Prompts = {
  async confirm(message, detail, action) {
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return choice === action;
  },

  input(options) {
    const box = vscode.window.createInputBox();
    box.prompt = options.prompt;
    box.placeholder = options.placeHolder;
    box.value = options.value ?? '';
    return asStep<string>(box, options, finish => {
      const check = (value: string) => {
        const problem = options.validate?.(value);
        const warning = problem ? undefined : options.warn?.(value);
        box.validationMessage = warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : problem;
      };
      check(box.value);
      box.onDidChangeValue(check);
      box.onDidAccept(() => {
        const problem = options.validate?.(box.value);
        if (problem) { box.validationMessage = problem; return; }
        finish(box.value);
      });
    });
  },

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions<T>): Promise<T | undefined | Back> {
    const quick = vscode.window.createQuickPick<T>();
    quick.placeholder = options.placeHolder;
    quick.items = items;
    if (options.active) { quick.activeItems = [options.active]; }
    return asStep<T>(quick, options, finish => quick.onDidAccept(() => finish(quick.selectedItems[0])));
  },

  saveLocation(options) {
    return Promise.resolve(vscode.window.showSaveDialog(options));
  },

  async openLocation(options) {
    return (await vscode.window.showOpenDialog({ ...options, canSelectMany: false, canSelectFolders: false, canSelectFiles: true }))?.[0];
  },
};
