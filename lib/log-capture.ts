/** Test helper: collects what the app's logger writes, through its real serializers and line cap. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { logger } from './log';

/** Sends the app logger's lines to memory until `restore` is called; `text()` is everything written so far. */
export function captureLogs() {
  const lines: string[] = [];
  const target = logger as unknown as Record<symbol, unknown>;
  const original = target[pino.symbols.streamSym];
  target[pino.symbols.streamSym] = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return {
    text: () => lines.join(''),
    lines: () => lines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => { target[pino.symbols.streamSym] = original; },
  };
}
