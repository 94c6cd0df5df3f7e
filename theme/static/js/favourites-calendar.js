/*
 * Tarjotin favourites: an iCalendar file (RFC 5545) of one event or of every event in the list,
 * made in the browser from the favourites data. The build gives each event's start and end as
 * UTC times (plugins/favourites/data.py `calendar_times`), so this script does no time-zone
 * arithmetic and needs no VTIMEZONE: a calendar shows 18:00 in Helsinki as 18:00 on both sides of
 * the daylight-saving change. Texts are escaped and lines folded as the RFC says.
 */
(function () {
  'use strict';

  var T = window.Tarjotin = window.Tarjotin || {};
  var UTC_RE = /^\d{8}T\d{6}Z$/;

  /** TEXT value escaping (RFC 5545 3.3.11). */
  function escapeText(text) {
    return String(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
  }

  /** Lines of at most 75 octets, continued with CRLF + space (3.1), never inside a UTF-8 character. */
  function fold(line) {
    var out = [], current = '', octets = 0, limit = 75;
    for (var i = 0; i < line.length; i++) {
      var ch = line.charAt(i), code = line.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) { ch += line.charAt(++i); }
      var size = new TextEncoder().encode(ch).length;
      if (octets + size > limit) { out.push(current); current = ' '; octets = 1; limit = 75; }
      current += ch;
      octets += size;
    }
    out.push(current);
    return out.join('\r\n');
  }

  function where(entry) {
    var loc = entry.locations && entry.locations[0];
    if (!loc) return '';
    return [loc.name, loc.street, loc.postal].filter(Boolean).join(', ');
  }

  /** The entries that can go into a calendar: events with a start time from the build. */
  function events(entries) {
    return entries.filter(function (e) { return e && e.calendar && UTC_RE.test(e.calendar.start); });
  }

  /** The .ics text of these events; `host` makes the UIDs (id@host), `now` the DTSTAMP. */
  function ics(entries, o) {
    var stamp = (o.now || new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    var lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tarjotin//Favourites//EN', 'CALSCALE:GREGORIAN',
                 'METHOD:PUBLISH'];
    events(entries).forEach(function (entry) {
      lines.push('BEGIN:VEVENT');
      lines.push('UID:' + entry.id + '@' + (o.host || 'tarjotin'));
      lines.push('DTSTAMP:' + stamp);
      lines.push('DTSTART:' + entry.calendar.start);
      if (entry.calendar.end && UTC_RE.test(entry.calendar.end)) lines.push('DTEND:' + entry.calendar.end);
      lines.push('SUMMARY:' + escapeText(entry.title));
      var place = where(entry);
      if (place) lines.push('LOCATION:' + escapeText(place));
      var description = [entry.provider, entry.summary, entry.url].filter(Boolean).join('\n');
      if (description) lines.push('DESCRIPTION:' + escapeText(description));
      if (entry.url) lines.push('URL:' + entry.url);
      lines.push('END:VEVENT');
    });
    lines.push('END:VCALENDAR');
    return lines.map(fold).join('\r\n') + '\r\n';
  }

  /** Offer the text as a file download. */
  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  T.favouritesCalendar = { ics: ics, events: events, download: download, escapeText: escapeText };
}());
