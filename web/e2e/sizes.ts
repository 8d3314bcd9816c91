// The JavaScript each route downloads on a first visit, from Vite's manifest: the entry chunk,
// the route's page chunk, and everything they import statically (gzip, as sent over the wire).
// Used by the journeys (budget check) and meant for `npm run bench`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

export const ROUTE_PAGES: Record<string, string> = {
  '/': 'src/pages/OverviewPage.tsx',
  '/xep-hang': 'src/pages/RankingPage.tsx',
  '/xa/:code': 'src/pages/CommunePage.tsx',
  '/ngan-sach': 'src/pages/BudgetPage.tsx',
  '/nhap-lieu': 'src/pages/EntryPage.tsx',
  '/tien-do': 'src/pages/ProgressPage.tsx',
  '/trinh-chieu': 'src/pages/BriefingPage.tsx',
  '/nhap-file': 'src/pages/ImportPage.tsx',
};

export interface RouteSize {
  route: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

export function routeSizes(distDir: string): RouteSize[] {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const closure = (keys: string[]) => {
    const seen = new Set<string>();
    const visit = (k: string) => {
      if (seen.has(k) || !manifest[k]) return;
      seen.add(k);
      for (const i of manifest[k].imports ?? []) visit(i);
    };
    keys.forEach(visit);
    return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  };
  return Object.entries(ROUTE_PAGES).map(([route, page]) => {
    const files = closure(['index.html', page]);
    let bytes = 0;
    let gzipBytes = 0;
    for (const f of files) {
      const full = path.join(distDir, f);
      bytes += readFileSync(full).length;
      gzipBytes += gzipSize(full);
    }
    return { route, files, bytes, gzipBytes };
  });
}
