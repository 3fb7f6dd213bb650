/**
 * Completion and hover for table configs, from the language service's schema-driven answers on the
 * document's shared analysis (analyses.ts): the dialect it was analysed as (detected, or forced by
 * `dynamodbDesigner.configFiles`), no parse of their own.
 */
import * as vscode from 'vscode';
import type { CompletionItem as LspCompletionItem, Hover as LspHover, MarkupContent } from 'vscode-languageserver-types';
import { toRange } from './diagnostics';
import type { ConfigDiagnostics } from './diagnostics';

const kinds: Record<number, vscode.CompletionItemKind> = {
  10: vscode.CompletionItemKind.Property,
  20: vscode.CompletionItemKind.EnumMember,
  12: vscode.CompletionItemKind.Value,
  21: vscode.CompletionItemKind.Constant,
  14: vscode.CompletionItemKind.Keyword,
  22: vscode.CompletionItemKind.Struct,
};

function markdown(content: LspCompletionItem['documentation'] | LspHover['contents']): vscode.MarkdownString | string | undefined {
  if (content === undefined) { return undefined; }
  if (typeof content === 'string') { return content; }
  if (Array.isArray(content)) { return new vscode.MarkdownString(content.map(c => (typeof c === 'string' ? c : c.value)).join('\n\n')); }
  if ('kind' in content) { return (content as MarkupContent).kind === 'markdown' ? new vscode.MarkdownString((content as MarkupContent).value) : (content as MarkupContent).value; }
  return new vscode.MarkdownString((content as { value: string }).value);
}

export class ConfigCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    // The shared analysis of this version (no parse of our own; after an edit it is the one pass
    // the diagnostics would run anyway, and it computes no fixes).
    const analysis = await this.diagnostics.analysisFor(document, token);
    if (!analysis || analysis.version !== document.version) { return undefined; }
    const items = await analysis.complete(document.offsetAt(position));
    return items.map(i => {
      const item = new vscode.CompletionItem(i.label, i.kind ? kinds[i.kind] ?? vscode.CompletionItemKind.Text : vscode.CompletionItemKind.Text);
      item.detail = i.detail;
      item.documentation = markdown(i.documentation);
      item.sortText = i.sortText;
      item.filterText = i.filterText;
      item.preselect = i.preselect;
      const text = i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : i.insertText ?? i.label;
      item.insertText = i.insertTextFormat === 2 ? new vscode.SnippetString(text) : text;
      if (i.textEdit && 'range' in i.textEdit) { item.range = toRange(i.textEdit.range); }
      return item;
    });
  }
}

export class ConfigHover implements vscode.HoverProvider {
  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const analysis = await this.diagnostics.analysisFor(document, token);
    if (!analysis || analysis.version !== document.version) { return undefined; }
    const hover = await analysis.hover(document.offsetAt(position));
    if (!hover) { return undefined; }
    const contents = markdown(hover.contents);
    return contents ? new vscode.Hover(contents, hover.range ? toRange(hover.range) : undefined) : undefined;
  }
}
