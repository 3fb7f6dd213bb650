/**
 * The typing pause before a document is analysed again. A pass is a few milliseconds for an
 * ordinary config (larger ones run in a worker thread), so the pause only has to let a burst of
 * keystrokes end. No vscode import: the bench reports it as part of keystroke -> diagnostics.
 */
export const DEBOUNCE_MS = 50;
