// The browser's one "today" (theme/static/js/clock.js): the area's date, not the device's.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const clock = require('../../theme/static/js/clock.js');

test('late evening UTC is already tomorrow in Helsinki', () => {
  const t = clock.today('Europe/Helsinki', new Date('2026-11-23T22:30:00Z'));
  assert.deepStrictEqual(t, { number: 20261124, iso: '2026-11-24', text: '24.11.2026' });
});

test('the night the clocks go back (25.10.2026) keeps its date until local midnight', () => {
  assert.strictEqual(clock.today('Europe/Helsinki', new Date('2026-10-25T21:59:00Z')).iso, '2026-10-25');
  assert.strictEqual(clock.today('Europe/Helsinki', new Date('2026-10-25T22:00:00Z')).iso, '2026-10-26');
});

test('another area sees its own day', () => {
  assert.strictEqual(clock.today('America/New_York', new Date('2026-11-24T03:00:00Z')).iso, '2026-11-23');
});

test('an unknown time zone falls back to the device date instead of throwing', () => {
  const now = new Date(2026, 0, 5, 12, 0);
  assert.deepStrictEqual(clock.today('Not/AZone', now), { number: 20260105, iso: '2026-01-05', text: '5.1.2026' });
});
