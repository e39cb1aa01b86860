/**
 * `npm test`: the Vitest suites, with `next build` alongside them, then the Playwright end-to-end tests against
 * that build. The build fills the cores the suites leave idle while they wait on clocks, worker processes and the
 * emulators, so the two take less time together than one after the other. The build's output is held back until
 * the suites have printed theirs. Ends with each step's elapsed seconds; when DIC_TEST_TIMINGS names a file,
 * appends them there too (one "step<TAB>seconds" line each; .ci/run prints them in its table).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bin = (...parts: string[]) => path.join(process.cwd(), 'node_modules', ...parts);
const VITEST = bin('vitest', 'vitest.mjs');
const NEXT = bin('next', 'dist', 'bin', 'next');
const PLAYWRIGHT = bin('@playwright', 'test', 'cli.js');

interface Step { name: string; seconds: number; code: number; output: string }

/** Runs node on `script`; its output goes straight through, or is collected when `hold` (and returned). */
function run(name: string, script: string, args: string[], hold = false): Promise<Step> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const done = (code: number) => resolve({ name, seconds: Math.round((performance.now() - started) / 1000), code, output });
    child.on('error', (error) => { output += `${error.message}\n`; done(1); });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const steps: Step[] = [];
function report(): void {
  const lines = steps.map((s) => `${s.name}\t${s.seconds}`);
  console.log(`\nnpm test: ${steps.map((s) => `${s.name} ${s.seconds} s${s.code ? ' (failed)' : ''}`).join(', ')}`);
  if (process.env.DIC_TEST_TIMINGS) fs.appendFileSync(process.env.DIC_TEST_TIMINGS, lines.map((l) => `${l}\n`).join(''));
}

const build = run('next build (alongside Vitest)', NEXT, ['build'], true);
const vitest = await run('Vitest', VITEST, ['run']);
steps.push(vitest);
const built = await build;
steps.push(built);
process.stdout.write(`\n${built.output}`);
if (vitest.code || built.code) {
  report();
  process.exit(1);
}
steps.push(await run('Playwright', PLAYWRIGHT, ['test']));
report();
process.exit(steps.at(-1)!.code);
