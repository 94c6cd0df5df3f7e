/*
 * Tarjotin opening hours: "open now" and "open today" in the site's time zone. No DOM; runs in
 * the browser and in Node (tests).
 *
 * Reads the hours file tarjotin/filters/opening.py describes (and docs/search.md, "hours") and
 * applies the rule of tarjotin/opening_hours.py, its Python reference:
 *   - the exceptions covering a local date decide it, the shortest period first; a closed one
 *     among those closes the day;
 *   - else, on a public holiday (or a day the file's holiday list does not cover) weekly hours
 *     are not trusted: closed, unless the place is open round the clock every day;
 *   - else the weekly hours of the weekday; a range ending after 1440 runs past midnight.
 * A record is open when one of its places is. The local date and time come from
 * Intl.DateTimeFormat with the site's time zone, never from the browser's own zone, so the
 * answer is the same on any device and right across the DST changes (wall-clock times).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(null);
  } else {
    root.TarjotinHours = factory(root);
  }
}(typeof self !== 'undefined' ? self : this, function (root) {
  'use strict';

  var FORMAT_VERSION = 1;
  var DAY = 1440;           // minutes
  var MS_PER_DAY = 86400000;

  var formatters = new Map();
  function formatter(timeZone) {
    var f = formatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric'
      });
      formatters.set(timeZone, f);
    }
    return f;
  }

  /* {day: days since 1970-01-01, minute: of the day} in timeZone at instant (ms or Date); null
     when the browser cannot tell (then nothing is open: never guess) */
  function localTime(instant, timeZone) {
    var parts;
    try {
      parts = formatter(timeZone).formatToParts(new Date(+instant));
    } catch (e) {
      return null;
    }
    var v = {};
    for (var i = 0; i < parts.length; i++) v[parts[i].type] = +parts[i].value;
    if (!(v.year && v.month && v.day) || isNaN(v.hour) || isNaN(v.minute)) return null;
    return { day: Math.round(Date.UTC(v.year, v.month - 1, v.day) / MS_PER_DAY), minute: (v.hour % 24) * 60 + v.minute };
  }

  function weekdayBit(day) { return 1 << (((day + 3) % 7 + 7) % 7); }   // day 0 was a Thursday

  /* Hours(data): the parsed file; ranges/openNow/openToday answer for one schedule */
  function Hours(data) {
    if (!data || data.v !== FORMAT_VERSION) throw new Error('opening hours version ' + (data && data.v) + ' not supported');
    this.timeZone = data.tz;
    this.first = data.first;
    this.last = data.last;
    this.holidays = new Set(data.holidays);
    this.schedules = data.schedules;
  }

  /* the [start, end] minutes a place is open on day; [] when closed or not to be trusted */
  Hours.prototype.ranges = function (place, day) {
    var bit = weekdayBit(day), x = place.x || [], shortest = Infinity, closed = false, out = [], i, e, len;
    for (i = 0; i < x.length; i++) {
      e = x[i];
      if (e[0] > day || e[1] < day || (e[2] && !(e[2] & bit))) continue;
      len = e[1] - e[0];
      if (len > shortest) continue;
      if (len < shortest) { shortest = len; closed = false; out = []; }
      if (e.length < 5) closed = true; else out.push([e[3], e[4]]);
    }
    if (shortest !== Infinity) return closed ? [] : out;
    if (!place.a && (this.holidays.has(day) || day < this.first || day > this.last)) return [];
    var w = place.w;
    for (i = 0; i < w.length; i++) if (w[i][0] & bit) out.push([w[i][1], w[i][2]]);
    return out;
  };

  Hours.prototype._placeOpenNow = function (place, t) {
    var r = this.ranges(place, t.day), i;
    for (i = 0; i < r.length; i++) if (r[i][0] <= t.minute && t.minute < r[i][1]) return true;
    r = this.ranges(place, t.day - 1);
    for (i = 0; i < r.length; i++) if (r[i][0] <= t.minute + DAY && t.minute + DAY < r[i][1]) return true;
    return false;
  };

  Hours.prototype._placeOpenToday = function (place, t) {
    if (this.ranges(place, t.day).length) return true;
    var r = this.ranges(place, t.day - 1);
    for (var i = 0; i < r.length; i++) if (r[i][1] > DAY) return true;
    return false;
  };

  function some(hours, schedule, t, test) {
    if (!schedule || !schedule.length || !t) return false;
    for (var i = 0; i < schedule.length; i++) if (test.call(hours, schedule[i], t)) return true;
    return false;
  }

  /* schedule: an entry of data.schedules (a record's places), or null for a record without hours */
  Hours.prototype.openNow = function (schedule, instant) {
    return some(this, schedule, localTime(instant, this.timeZone), this._placeOpenNow);
  };
  Hours.prototype.openToday = function (schedule, instant) {
    return some(this, schedule, localTime(instant, this.timeZone), this._placeOpenToday);
  };

  /* schedule number -> [open now, open today] at instant, every schedule; null when the local
     time cannot be told (then nothing is open) */
  Hours.prototype.evaluate = function (instant) {
    var t = localTime(instant, this.timeZone), out = new Array(this.schedules.length);
    if (!t) return null;
    var late = t.minute + DAY;
    for (var s = 0; s < this.schedules.length; s++) {
      var schedule = this.schedules[s], now = false, today = false;
      // the same as openNow/openToday, with each place's two days worked out once
      for (var p = 0; p < schedule.length && !now; p++) {
        var r = this.ranges(schedule[p], t.day), y = this.ranges(schedule[p], t.day - 1), i;
        if (r.length) today = true;
        for (i = 0; i < r.length; i++) if (r[i][0] <= t.minute && t.minute < r[i][1]) now = true;
        for (i = 0; i < y.length; i++) {
          if (y[i][1] > DAY) today = true;
          if (y[i][0] <= late && late < y[i][1]) now = true;
        }
      }
      out[s] = [now, today || now];
    }
    return out;
  };

  /* ----------------------------------------------------- search matcher */

  /* what each of the filter's values asks (tarjotin/filters/builtin.py OPEN_CHOICES) */
  var CHOICES = new Map([['nyt', 0], ['tanaan', 1]]);

  /*
   * The search engine's "hours" matcher (search-engine.js registerMatcher): facets.json data gives
   * each document's schedule number; the hours file comes when the filter is first used
   * (needsData -> the page fetches config.files.hours -> setData). Answers are worked out per
   * schedule for the minute of the search; stale(now) tells the page that they have changed
   * since (a closing time passed), so it searches again.
   */
  function makeMatcher(facets, group, spec) {
    var raw = facets.data.get(group) || [], n = facets.n, of = new Int32Array(n);
    for (var d = 0; d < n; d++) of[d] = raw[d] ? parseInt(raw[d], 36) : -1;
    var values = facets.values[group], asks = values.map(function (pair) {
      return CHOICES.has(pair[0]) ? CHOICES.get(pair[0]) : -1;
    });
    var hours = null, answers = null, minuteKey = null, ahead = null;   // ahead: stale()'s answers, for prepare
    function keyOf(now) {
      var t = hours && localTime(now, hours.timeZone);
      return t ? t.day * DAY + t.minute : null;
    }
    function open(doc, k) {
      var s = of[doc];
      return k >= 0 && s >= 0 && !!answers && !!answers[s] && answers[s][k];
    }
    return {
      known: function (value) { return facets.find(group, value) >= 0; },
      select: function (vals) {
        for (var i = 0; i < vals.length; i++) {
          var k = facets.find(group, vals[i]);
          if (k >= 0) return [k];
        }
        return [];
      },
      prepare: function (ctx) {
        if (!hours) return;
        var key = keyOf(ctx.now);
        if (key !== minuteKey || key === null) {
          answers = ahead && key !== null && ahead.key === key ? ahead.answers : hours.evaluate(ctx.now);
          minuteKey = key;
        }
        ahead = null;
      },
      passes: function (doc, items) { return open(doc, asks[items[0]]); },
      count: function (doc, counts) {
        if (!answers || of[doc] < 0) return;   // not here yet, or no structured hours
        for (var i = 0; i < asks.length; i++) if (open(doc, asks[i])) counts[i] += 1;
      },
      chosen: function (items) { return items; },
      valueOf: function (item) { return facets.value(group, item); },
      needsData: function (items) { return !hours && items.length ? 'hours' : null; },
      setData: function (data) { hours = new Hours(data); minuteKey = null; },
      countsKnown: function () { return !!hours; },
      stale: function (now) {
        var key = keyOf(now);
        if (!hours || key === minuteKey) return false;
        var fresh = hours.evaluate(now);
        ahead = { key: key, answers: fresh };
        if (!fresh || !answers) return fresh !== answers;
        for (var s = 0; s < fresh.length; s++) {
          if (fresh[s][0] !== answers[s][0] || fresh[s][1] !== answers[s][1]) return true;
        }
        return false;
      }
    };
  }

  /* adds the matcher to the search engine (the browser does it when this script loads) */
  function register(search) { search.registerMatcher('hours', makeMatcher); }
  if (root && root.TarjotinSearch && root.TarjotinSearch.registerMatcher) register(root.TarjotinSearch);

  return {
    FORMAT_VERSION: FORMAT_VERSION,
    Hours: Hours,
    localTime: localTime,
    register: register,
    /* the same as functions: openNow(hours, schedule, instant) */
    openNow: function (hours, schedule, instant) { return hours.openNow(schedule, instant); },
    openToday: function (hours, schedule, instant) { return hours.openToday(schedule, instant); }
  };
}));
