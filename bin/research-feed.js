#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled into dist/bundle/ by `npm install` (the prepare script).
import {main} from '../dist/bundle/main.js';

// The reader of our output went away (`research-feed help | head`): stop quietly, as other CLI tools
// do, rather than die of the unhandled stream error. A command that listens itself (watch) decides.
process.stdout.on('error', error => {
	if (process.stdout.listenerCount('error') > 1) return;
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	process.stderr.write(`research-feed: cannot write the output: ${error.message}\n`);
	process.exit(1);
});

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	error => {
		process.stderr.write(`research-feed: ${error instanceof Error ? error.message : String(error)}\n`);
		if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
		process.exitCode = 1;
	},
);
