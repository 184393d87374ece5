/** The refresh command's stderr buffer: lines written together, in order, none lost, at once on flush. */
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {describe, test} from 'node:test';
import {LineBuffer} from '../../src/cli/line-buffer.js';

function recorder(): {stream: PassThrough; writes: string[]} {
	const stream = new PassThrough();
	const writes: string[] = [];
	const write = stream.write.bind(stream);
	stream.write = ((chunk: string) => {
		writes.push(chunk);
		return write(chunk);
	}) as typeof stream.write;
	return {stream, writes};
}

describe('LineBuffer', () => {
	test('lines written within the interval reach the stream as one write, in order', async () => {
		const {stream, writes} = recorder();
		const out = new LineBuffer(stream, 20);
		out.write('[1/3] a\n');
		out.write('[2/3] b\n');
		assert.deepEqual(writes, [], 'nothing before the interval');
		await new Promise(resolve => setTimeout(resolve, 60));
		out.write('[3/3] c\n');
		out.flush();
		assert.deepEqual(writes, ['[1/3] a\n[2/3] b\n', '[3/3] c\n']);
		out.flush();
		assert.equal(writes.length, 2, 'an empty flush writes nothing');
	});
});
