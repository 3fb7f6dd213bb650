/**
 * designOf(document): the design (entities, access patterns) a config document declares — the
 * ONE place the design view, its CodeLens and the code generator get it from. It is what the
 * language service read (`Analysis.design`): a genesys or component config's own entities and
 * patterns; for a planton manifest, those of its sidecar `NAME.design.yaml` (as open in an editor,
 * else as saved), analysed against the manifest's text.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { isSidecarPath, sidecarPathOf } from '../../design/read';
import { sidecarAnalysis } from '../../language/design';
import { dialectOf } from '../../language/dialects/registry';
import type { Analysis } from '../../language/service';
import type { DesignSpec } from '../../model/design';

export const EMPTY_DESIGN: DesignSpec = { entities: [], patterns: [] };

/** The text of the design sidecar beside a manifest (open or saved); undefined when there is none. */
function sidecarText(manifest: vscode.TextDocument): { path: string; text: string } | undefined {
  if (manifest.uri.scheme !== 'file' || isSidecarPath(manifest.uri.path)) { return undefined; }
  const path = sidecarPathOf(manifest.uri.path);
  if (path === manifest.uri.path) { return undefined; }
  const open = vscode.workspace.textDocuments.find(d => d.uri.scheme === 'file' && d.uri.path === path);
  if (open) { return { path, text: open.getText() }; }
  const fsPath = vscode.Uri.file(path).fsPath;
  try { return existsSync(fsPath) ? { path, text: readFileSync(fsPath, 'utf8') } : undefined; } catch { return undefined; }
}

/** The design the document declares (empty when none); `analysis`: its analysis. */
export function designOf(document: vscode.TextDocument, analysis: Analysis | undefined): DesignSpec {
  if (!analysis) { return EMPTY_DESIGN; }
  if (analysis.design && (analysis.design.entities.length > 0 || analysis.design.patterns.length > 0 || analysis.designTables)) {
    return analysis.design;
  }
  if (dialectOf(analysis.dialect).design?.where !== 'sidecar') { return analysis.design ?? EMPTY_DESIGN; }
  const sidecar = sidecarText(document);
  if (!sidecar) { return EMPTY_DESIGN; }
  return sidecarAnalysis(sidecar.text, { uri: sidecar.path, companion: document.getText() })?.design ?? EMPTY_DESIGN;
}
