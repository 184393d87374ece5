import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {ResearcherConfig} from '../../src/domain/types.js';

/** Writes a home's config.json in one go (an `add` per researcher would cost a process each). */
export function writeConfig(home: string, researchers: ResearcherConfig[], extra: Record<string, unknown> = {}): void {
	writeFileSync(join(home, 'config.json'), JSON.stringify({researchers, ...extra}, null, '\t'));
}
