// The questions the extension asks through a message dialog, in one place: each dialog's text is built by a tested
// function (changePlan.ts planConfirmation, pullConfirmation.ts), shown here, and recorded, so a test can read exactly
// what the user was asked. A test may also answer in the user's place (the real-VS-Code suite runs with the smoke-test
// driver, which refuses modal dialogs); without a responder every question goes to VS Code.
import * as vscode from 'vscode';

export interface Dialog {
  kind: 'info' | 'warning' | 'error';
  message: string;
  detail?: string;
  modal: boolean;
  buttons: string[];
}

export type DialogResponder = (dialog: Dialog) => string | undefined | Promise<string | undefined>;

const asked: Dialog[] = [];
let responder: DialogResponder | undefined;

/** Shows the dialog (or hands it to the test's responder); the button chosen, undefined when dismissed. */
export async function ask(dialog: Dialog): Promise<string | undefined> {
  asked.push(dialog);
  if (asked.length > 50) asked.shift();
  if (responder) return responder(dialog);
  const show = dialog.kind === 'error' ? vscode.window.showErrorMessage : dialog.kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const options: vscode.MessageOptions = { modal: dialog.modal, ...(dialog.detail ? { detail: dialog.detail } : {}) };
  // A non-modal message has no detail line: the detail goes into the message itself.
  const message = dialog.modal || !dialog.detail ? dialog.message : `${dialog.message} ${dialog.detail}`;
  return show(message, options, ...dialog.buttons);
}

/** For the integration tests (exported through the extension's API). */
export const dialogTesting = {
  /** The dialogs asked so far, oldest first (the last 50). */
  asked: (): readonly Dialog[] => [...asked],
  /** Answers every dialog in the user's place from now on (and forgets those asked before); undefined gives the questions back to VS Code. */
  respondWith(next: DialogResponder | undefined): void {
    if (next) asked.length = 0;
    responder = next;
  },
};
