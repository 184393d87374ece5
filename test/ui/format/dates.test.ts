import assert from 'node:assert/strict';
import {test} from 'node:test';
import {agoText, formatFullDate, formatListDate, statedDate} from '../../../src/ui/format/dates.js';

const NOW = new Date('2025-07-23T12:00:00.000Z');
test('recent dates are relative', () => {
	assert.equal(formatListDate('2025-07-23T11:59:30.000Z', 'instant', NOW), 'now');
	assert.equal(formatListDate('2025-07-23T11:55:00.000Z', 'instant', NOW), '5m');
	assert.equal(formatListDate('2025-07-23T09:00:00.000Z', 'instant', NOW), '3h');
	assert.equal(formatListDate('2025-07-21T11:00:00.000Z', 'instant', NOW), '2d');
	// A date that is only when the item was first seen says so.
	assert.equal(formatListDate('2025-07-21T11:00:00.000Z', 'seen', NOW), 'seen 2d');
	assert.equal(formatListDate('2025-03-04T11:00:00.000Z', 'seen', NOW), 'seen 03-04');
	assert.equal(formatListDate('2024-03-04T11:00:00.000Z', 'seen', NOW), 'seen 2024');
	// A clock a little ahead of ours is still "now".
	assert.equal(formatListDate('2025-07-23T12:03:00.000Z', 'instant', NOW), 'now');
});

test('older dates are absolute; month and year precision say only what the source said', () => {
	assert.equal(formatListDate('2025-03-04T12:00:00.000Z', 'instant', NOW), 'Mar 4');
	assert.equal(formatListDate('2024-03-04T12:00:00.000Z', 'instant', NOW), '2024-03-04');
	assert.equal(formatListDate('2025-05-01T00:00:00.000Z', 'month', NOW), 'May 2025');
	assert.equal(formatListDate('2025-01-01T00:00:00.000Z', 'year', NOW), '2025');
	// Day precision is a UTC day: never shown as the day before, wherever the user is.
	assert.equal(formatListDate('2025-07-22T00:00:00.000Z', 'day', NOW), 'Jul 22');
	assert.equal(formatFullDate('2025-07-22T00:00:00.000Z', 'day'), '2025-07-22');
	assert.equal(formatFullDate('2025-05-01T00:00:00.000Z', 'month'), 'May 2025');
	assert.equal(formatFullDate('2025-01-01T00:00:00.000Z', 'year'), '2025');
	assert.match(formatFullDate('2025-07-22T17:09:02.114Z', 'instant'), /^2025-07-2\d \d\d:\d9$/);
	assert.match(formatFullDate('2025-07-22T17:09:02.114Z', 'seen'), /^first seen 2025-07-2\d/);
	assert.equal(statedDate('2024-01-01T00:00:00.000Z', 'month'), 'Jan 2024');
	assert.equal(statedDate('2024-01-01T00:00:00.000Z', 'year'), '2024');
	assert.equal(statedDate('2024-01-17T00:00:00.000Z', 'day'), '2024-01-17');
	assert.equal(statedDate('2024-01-17T10:00:00.000Z', 'instant'), null);
	assert.equal(formatListDate('garbage', 'instant', NOW), '?');
	for (const d of ['May 2025', 'Mar 2024', 'Jul 22', '2025', '59m']) assert.ok(d.length <= 8);
});

test('how long ago something was seen, in words', () => {
	assert.equal(agoText(new Date('2025-07-23T11:59:30.000Z'), NOW), 'just now');
	assert.equal(agoText(new Date('2025-07-23T11:57:00.000Z'), NOW), '3 min ago');
	assert.equal(agoText(new Date('2025-07-23T07:00:00.000Z'), NOW), '5 h ago');
	assert.equal(agoText(new Date('2025-07-20T11:00:00.000Z'), NOW), '3 d ago');
	assert.match(agoText(new Date('2025-05-20T11:00:00.000Z'), NOW), /^on 2025-05-2\d$/);
});
