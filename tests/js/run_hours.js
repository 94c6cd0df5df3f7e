/*
 * Test driver: answers "open now" / "open today" with theme/static/js/opening-hours.js under
 * Node, on an hours file written by the Python side. Reads a JSON command from the file named
 * by argv[2] and prints one JSON answer. Used by tests/test_opening_hours*.py.
 *
 * command = {file: path of the hours file, lang, cases: [[doc, instant in ms], ...]}
 * answer  = {answers: [[openNow, openToday], ...], local: [[day, minute], ...]}
 */
'use strict';
const fs = require('fs');
const path = require('path');
const H = require(path.join(__dirname, '..', '..', 'theme', 'static', 'js', 'opening-hours.js'));

const cmd = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const hours = new H.Hours(JSON.parse(fs.readFileSync(cmd.file, 'utf8')));
const answers = [], local = [];
for (const [doc, instant] of cmd.cases) {
  const schedule = hours.scheduleOf(cmd.lang, doc);
  answers.push([H.openNow(hours, schedule, instant), H.openToday(hours, schedule, instant)]);
  const t = H.localTime(instant, hours.timeZone);
  local.push([t.day, t.minute]);
}
// evaluate() (what the page uses) must agree with the per-document answers
const byDoc = new Map();
for (const [doc, instant] of cmd.cases) {
  const all = hours.evaluate(cmd.lang, instant);
  byDoc.set(doc + '@' + instant, [all.now[doc] === true, all.today[doc] === true]);
}
cmd.cases.forEach(([doc, instant], i) => {
  const e = byDoc.get(doc + '@' + instant);
  if (e[0] !== answers[i][0] || e[1] !== answers[i][1]) throw new Error('evaluate() differs for case ' + i);
});
process.stdout.write(JSON.stringify({ answers, local }));
