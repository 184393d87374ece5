/** The terminal's size, as the controller lays the screen out for it, and a hook that follows it. */
import {useStdout} from 'ink';
import {useEffect} from 'react';
import type {Size} from '../state/layout.js';

/** A stream's size; 80×24 when it does not say (not a terminal). */
export function sizeOf(stdout: NodeJS.WriteStream): Size {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/** Calls `resize` with Ink's stdout's size whenever the terminal is resized. */
export function useTerminalResize(resize: (size: Size) => void): void {
	const {stdout} = useStdout();
	useEffect(() => {
		const onResize = (): void => resize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, resize]);
}
