import type {CliIo} from '../context.js';
import {UsageError} from '../errors.js';

export async function demoCommand(_io: CliIo): Promise<number> {
	throw new UsageError('demo: not available yet');
}
