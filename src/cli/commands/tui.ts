import type * as RunApp from '../run-app.js';
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

/** The variables Ink (through `is-in-ci`) reads, once, when it is first imported. */
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/**
 * Loads the TUI. With `CI` set, Ink decides at import time that nobody is watching and draws only
 * the last frame on exit: a full-screen timeline on a real terminal would stay blank until `q`.
 * We only get here when stdin and stdout are terminals, so that guess is wrong; the variables are
 * hidden while Ink loads and put back afterwards, so child processes (the browser) still see them.
 */
export async function loadTui(env: NodeJS.ProcessEnv = process.env): Promise<typeof RunApp> {
	preferProductionReact(env);
	const saved = CI_VARIABLES.map(name => [name, env[name]] as const);
	for (const [name] of saved) delete env[name];
	try {
		return await import('../run-app.js');
	} finally {
		for (const [name, value] of saved) if (value !== undefined) env[name] = value;
	}
}

export async function tuiCommand(ctx: CliContext): Promise<number> {
	const {runApp} = await loadTui();
	await runApp(ctx);
	return 0;
}
