import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '@/lib/config';

const appDir = path.join(process.cwd(), 'app');

/** Every page and route handler under app/, as its folder path inside app/ (`(app)/reports/[reportId]`). */
function routeFolders(dir = appDir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFolders(full);
    if (entry.name !== 'page.tsx' && entry.name !== 'route.ts') return [];
    const folder = path.relative(appDir, dir).split(path.sep).join('/');
    return [folder === '' ? entry.name : folder];
  });
}

describe('docs/architecture.md', () => {
  it('names every page and route under app/ in its Routes table', () => {
    const doc = fs.readFileSync(path.join(process.cwd(), 'docs', 'architecture.md'), 'utf8');
    const folders = routeFolders();
    expect(folders.length).toBeGreaterThan(20);
    const missing = folders.filter((folder) => !doc.includes(`\`${folder}\``));
    expect(missing, 'add these routes to the Routes table in docs/architecture.md').toEqual([]);
  });
});

describe('README.md', () => {
  it('explains every environment variable lib/config.ts reads in its Configuration table', () => {
    const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Production'));
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(10);
    const missing = CONFIG_VARIABLES.filter((name) => !new RegExp(`^\\|[^\\n]*\`${name}\``, 'm').test(table));
    expect(missing, 'add these variables to the Configuration table in README.md').toEqual([]);
  });
});
