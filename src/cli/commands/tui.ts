import type {CliContext} from '../context.js';

/**
 * React picks its development or production build from NODE_ENV when first loaded; the
 * development build checks and warns on every render and makes each frame several times slower.
 * The TUI is loaded lazily, so setting it here, before the import, is early enough. A value the
 * user set is kept (tests render through ink-testing-library in development mode).
 */
export function preferProductionReact(env: NodeJS.ProcessEnv = process.env): void {
	env['NODE_ENV'] ??= 'production';
}

export async function tuiCommand(ctx: CliContext): Promise<number> {
	preferProductionReact();
	const {runApp} = await import('../../app/run-app.js');
	await runApp(ctx);
	return 0;
}
