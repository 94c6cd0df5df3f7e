/*
 * Test driver: answers "open now" / "open today" with theme/static/js/opening-hours.js under
 * Node, on files written by the Python side. Reads a JSON command from the file named by
 * argv[2] and prints one JSON answer. Used by tests/test_opening_hours*.py.
 *
 * {file, docs: [schedule number in base 36 or "", per document], cases: [[doc, instant ms], ...]}
 *   -> {answers: [[openNow, openToday], ...], local: [[day, minute], ...]}
 * {file, facets, searches: [{state, now: instant ms}, ...]}   (the real search engine + matcher)
 *   -> {results: [{docs, counts}, ...], needsData: [before setData], countsKnown: [before, after]}
 */
'use strict';
const fs = require('fs');
const path = require('path');
const JS = path.join(__dirname, '..', '..', 'theme', 'static', 'js');
const H = require(path.join(JS, 'opening-hours.js'));

const cmd = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const data = JSON.parse(fs.readFileSync(cmd.file, 'utf8'));
const hours = new H.Hours(data);

if (cmd.cases) {
  const answers = [], local = [];
  for (const [doc, instant] of cmd.cases) {
    const s = cmd.docs[doc], schedule = s ? hours.schedules[parseInt(s, 36)] : null;
    const answer = [H.openNow(hours, schedule, instant), H.openToday(hours, schedule, instant)];
    // evaluate() (what the page's matcher uses) must say the same
    const all = hours.evaluate(instant), viaAll = s ? all[parseInt(s, 36)] : [false, false];
    if (viaAll[0] !== answer[0] || viaAll[1] !== answer[1]) throw new Error('evaluate() differs for ' + doc + '@' + instant);
    answers.push(answer);
    const t = H.localTime(instant, hours.timeZone);
    local.push([t.day, t.minute]);
  }
  process.stdout.write(JSON.stringify({ answers, local }));
} else {
  const T = require(path.join(JS, 'search-engine.js'));
  H.register(T);
  const facets = new T.Facets(JSON.parse(fs.readFileSync(cmd.facets, 'utf8')));
  const engine = new T.Engine(facets);
  const group = cmd.group;
  const matcher = facets.matchers.get(group);
  const needsData = cmd.searches.map((s) => engine.pendingData ? engine.pendingData(s.state).map((p) => p.key) : null);
  const countsKnown = [matcher.countsKnown()];
  matcher.setData(data);
  countsKnown.push(matcher.countsKnown());
  const results = cmd.searches.map((s) => {
    const stale = engine.stale(new Date(s.now));
    const r = engine.search(s.state, s.today, new Date(s.now));
    return { docs: r.docs, counts: r.counts[group], staleBefore: stale, staleAfter: engine.stale(new Date(s.now)) };
  });
  process.stdout.write(JSON.stringify({ results, needsData, countsKnown }));
}
