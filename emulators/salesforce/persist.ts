/**
 * Optional state file, so the demo keeps its changes (records, new fields, issued tokens, allowance)
 * across restarts. Written debounced, atomically (temp file + rename), and once more on close.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AccessSession, RefreshGrant } from './auth/tokens';
import type { Emulator } from './emulator';
import type { OrgKey } from './model/org';
import { type OrgSeed, parseOrgSeed } from './seed/schema';

interface PersistedState {
  version: 1;
  orgs: Record<OrgKey, { seed: OrgSeed; apiUsed: number }>;
  rotateRefreshTokens: boolean;
  access: AccessSession[];
  refresh: RefreshGrant[];
}

const SAVE_DELAY_MS = 1_000;

/** Loads a state file into the emulator; false when there is none. */
export function loadState(em: Emulator, file: string): boolean {
  if (!existsSync(file)) return false;
  const state = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
  if (state.version !== 1) throw new Error(`Unsupported emulator state file version in ${file}`);
  em.loadOrgs({ sandbox: parseOrgSeed(state.orgs.sandbox.seed), production: parseOrgSeed(state.orgs.production.seed) });
  em.orgs.sandbox.api.setUsed(state.orgs.sandbox.apiUsed, em.now());
  em.orgs.production.api.setUsed(state.orgs.production.apiUsed, em.now());
  em.settings.app.rotateRefreshTokens = state.rotateRefreshTokens;
  for (const s of state.access) em.tokens.access.set(s.token, s);
  for (const g of state.refresh) em.tokens.refresh.set(g.token, g);
  return true;
}

/** Writes the emulator's state now. */
export function saveState(em: Emulator, file: string): void {
  const now = em.now();
  const state: PersistedState = {
    version: 1,
    orgs: {
      sandbox: { seed: em.orgs.sandbox.toSeed(), apiUsed: em.orgs.sandbox.api.used(now) },
      production: { seed: em.orgs.production.toSeed(), apiUsed: em.orgs.production.api.used(now) },
    },
    rotateRefreshTokens: em.settings.app.rotateRefreshTokens,
    access: [...em.tokens.access.values()].filter((s) => !s.revoked && s.expiresAt > now),
    refresh: [...em.tokens.refresh.values()],
  };
  const tmp = `${file}.tmp`;
  // It holds live tokens: readable by the server's user only (chmod too, in case the temp file was left over).
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Hooks debounced saving into the emulator; returns a flush function for shutdown. */
export function persistTo(em: Emulator, file: string): () => void {
  let timer: NodeJS.Timeout | null = null;
  em.onChange = () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; saveState(em, file); }, SAVE_DELAY_MS);
    timer.unref();
  };
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
    saveState(em, file);
  };
}
