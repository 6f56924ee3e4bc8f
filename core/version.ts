/**
 * The cmsi version, read once from the repository's package.json, so results and reports can say
 * which cmsi wrote them (a record from another version may mean other verdicts for the same bytes).
 */
import { readFileSync } from 'node:fs';
import { repoPath } from './paths.ts';

export const CMSI_VERSION: string = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string }).version;
