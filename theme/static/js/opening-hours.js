/*
 * Tarjotin opening hours: "open now" and "open today" in the site's time zone. No DOM; runs in
 * the browser and in Node (tests).
 *
 * Reads the file plugins/search_index/hours.py writes (format there and in docs/search.md) and
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
    module.exports = factory();
  } else {
    root.TarjotinHours = factory();
  }
}(typeof self !== 'undefined' ? self : this, function () {
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
    this.docs = data.docs;
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

  function some(hours, schedule, instant, test) {
    if (!schedule || !schedule.length) return false;
    var t = localTime(instant, hours.timeZone);
    if (!t) return false;
    for (var i = 0; i < schedule.length; i++) if (test.call(hours, schedule[i], t)) return true;
    return false;
  }

  /* schedule: an entry of data.schedules (a record's places), or null for a record without hours */
  Hours.prototype.openNow = function (schedule, instant) { return some(this, schedule, instant, this._placeOpenNow); };
  Hours.prototype.openToday = function (schedule, instant) { return some(this, schedule, instant, this._placeOpenToday); };

  /* the schedule of document doc of language lang, or null */
  Hours.prototype.scheduleOf = function (lang, doc) {
    var column = this._column(lang), s = column[doc];
    return s ? this.schedules[parseInt(s, 36)] : null;
  };

  Hours.prototype._column = function (lang) {
    this._columns = this._columns || new Map();
    var c = this._columns.get(lang);
    if (!c) {
      var text = Object.prototype.hasOwnProperty.call(this.docs, lang) ? this.docs[lang] : '';
      c = text ? text.split(',') : [];
      this._columns.set(lang, c);
    }
    return c;
  };

  /*
   * Per document of lang: {now: [bool], today: [bool]} at instant. Each distinct schedule is
   * evaluated once; the page calls this again each minute and when it becomes visible.
   */
  Hours.prototype.evaluate = function (lang, instant) {
    var column = this._column(lang), self = this, memo = new Map();
    var now = new Array(column.length), today = new Array(column.length);
    for (var d = 0; d < column.length; d++) {
      var s = column[d];
      if (!s) { now[d] = today[d] = false; continue; }
      var answer = memo.get(s);
      if (!answer) {
        var schedule = self.schedules[parseInt(s, 36)];
        answer = [self.openNow(schedule, instant), self.openToday(schedule, instant)];
        memo.set(s, answer);
      }
      now[d] = answer[0];
      today[d] = answer[1];
    }
    return { now: now, today: today };
  };

  return {
    FORMAT_VERSION: FORMAT_VERSION,
    Hours: Hours,
    localTime: localTime,
    /* the same as functions: openNow(hours, schedule, instant) */
    openNow: function (hours, schedule, instant) { return hours.openNow(schedule, instant); },
    openToday: function (hours, schedule, instant) { return hours.openToday(schedule, instant); }
  };
}));
