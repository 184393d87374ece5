import type {CliContext} from '../context.js';

export async function tuiCommand(ctx: CliContext): Promise<number> {
	const {runApp} = await import('../../app/run-app.js');
	await runApp(ctx);
	return 0;
}
