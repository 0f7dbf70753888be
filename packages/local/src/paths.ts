import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root: packages/local/src → ../../.. (the sources run as they are, never bundled). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where `npm start` keeps what must survive a restart: DynamoDB Local's file, S3 objects, the issuer's key. */
export const defaultDataDir = join(repoRoot, '.data');

/** Lambda entry points: functions/<route.handler>.ts. */
export const defaultFunctionsDir = join(repoRoot, 'functions');

/** The built SPA (Vite's output). */
export const defaultWebDist = join(repoRoot, 'web', 'dist');
