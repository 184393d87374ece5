#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled into dist/bundle/ by `npm install` (the prepare script).
import {main} from '../dist/bundle/main.js';

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
