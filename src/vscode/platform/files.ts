/** Files the extension writes for the person: never over an existing one without asking. */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { Prompts } from './prompts';

export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') { return false; }
    throw error;
  }
}

/** True when `uri` may be written: it does not exist, or the person confirmed replacing it with `what`. */
export async function mayWrite(prompts: Prompts, uri: vscode.Uri, what: string, hint = ''): Promise<boolean> {
  if (!(await fileExists(uri))) { return true; }
  const file = posix.basename(uri.path);
  return prompts.confirm(`${file} already exists. Replace it with ${what}?`,
    `${uri.scheme === 'file' ? uri.fsPath : uri.toString()} would be overwritten and its content lost.${hint ? ` ${hint}` : ''}`, 'Replace');
}

/** `folder/name`, or `folder/name-2.ext`, `-3`, … when taken: what a save dialog proposes, never an existing file. */
export async function freeFile(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 1; i < 100; i++) {
    const uri = vscode.Uri.joinPath(folder, i === 1 ? name : `${stem}-${i}${ext}`);
    if (!(await fileExists(uri))) { return uri; }
  }
  return vscode.Uri.joinPath(folder, name);
}
