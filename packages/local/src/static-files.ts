import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy, notFound, type Reply } from './reply.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function page(status: number, html: string): Reply {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy,
      'cache-control': 'no-cache',
    },
    body: Buffer.from(html, 'utf8'),
  };
}

export interface NotBuiltLinks {
  health: string;
  openapi: string;
  users: string;
  inbox: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function notBuiltPage(webDist: string, links: NotBuiltLinks): Reply {
  const a = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
  return page(
    200,
    `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>weibao 维保 (local)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style></head>
<body><h1>weibao 维保 — local stack</h1>
<p>The web app is not built yet (no ${escapeHtml(webDist)}/index.html). Build it, then reload this page.</p>
<ul>
<li>${a(links.health, 'API health')}</li>
<li>${a(links.openapi, 'OpenAPI document')}</li>
<li>${a(links.users, 'Demo users')} (POST /local/token with one of their emails for a token)</li>
<li>${a(links.inbox, 'Inbox')}: mail the app has sent</li>
</ul></body></html>
`,
  );
}

/**
 * The built SPA as CloudFront + S3 serve it: files by path, index.html for client routes (paths
 * that name no file of a type we serve), hashed assets cached for good, everything else revalidated.
 */
export async function serveStatic(
  webDist: string,
  rawPath: string,
  links: NotBuiltLinks,
  csp: string = contentSecurityPolicy,
): Promise<Reply> {
  const indexFile = join(webDist, 'index.html');
  if (!(await isFile(indexFile))) {
    return rawPath === '/' || rawPath === '/index.html' ? notBuiltPage(webDist, links) : notFound();
  }
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return notFound();
  }
  if (path.includes('\0')) return notFound();
  const file = normalize(join(webDist, path));
  if (file !== webDist && !file.startsWith(webDist.endsWith(sep) ? webDist : webDist + sep)) {
    return notFound();
  }
  let target = file;
  if (!(await isFile(target))) {
    // A missing file of a type we serve is a 404; anything else (a client route, even one with a
    // dot in it such as /links/<token>) is the SPA's.
    if (extname(path).toLowerCase() in contentTypes) return notFound();
    target = indexFile;
  }
  const ext = extname(target).toLowerCase();
  const immutable = path.startsWith('/assets/') && target !== indexFile;
  return {
    status: 200,
    headers: {
      'content-type': contentTypes[ext] ?? 'application/octet-stream',
      'content-security-policy': csp,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
    body: await readFile(target),
  };
}
