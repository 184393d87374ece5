import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import {clean, colorEnabled, hyperlink, hyperlinksSupported} from '../../../src/ui/format/terminal.js';

test('clean removes terminal control characters but keeps newlines', () => {
	assert.equal(clean('a\u001b[2Jb\u0007c\u009bd\ne\tf'), 'a[2Jbcd\ne f');
});

test('OSC 8 hyperlinks only when enabled, and only for http(s)', () => {
	assert.equal(hyperlink('https://x.org/', 'x', true), '\u001b]8;;https://x.org/\u0007x\u001b]8;;\u0007');
	assert.equal(hyperlink('https://x.org/', 'x', false), 'x');
	assert.equal(hyperlink('javascript:alert(1)', 'x', true), 'x');
	assert.equal(stringWidth(hyperlink('https://x.org/', 'link', true)), 4);
	assert.equal(hyperlinksSupported({FORCE_HYPERLINK: '1'}, false), true);
	assert.equal(hyperlinksSupported({TERM_PROGRAM: 'iTerm.app'}, true), true);
	assert.equal(hyperlinksSupported({TERM_PROGRAM: 'iTerm.app'}, false), false);
	assert.equal(hyperlinksSupported({TERM: 'xterm-256color'}, true), false);
	assert.equal(hyperlinksSupported({TERM_PROGRAM: 'WezTerm', TMUX: '/tmp/x'}, true), false);
});

test('NO_COLOR (any non-empty value) turns colour off', () => {
	assert.equal(colorEnabled({}), true);
	assert.equal(colorEnabled({NO_COLOR: '1'}), false);
	assert.equal(colorEnabled({NO_COLOR: ''}), true);
});
