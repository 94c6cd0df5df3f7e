/* Tarjotin's one "today" in the browser: the date in the area's time zone (tray.toml
   site.timezone), so a resident abroad or a device set to UTC sees the area's day. The build's
   counterpart is `Clock` in tarjotin/views.py. Loaded before the search and favourites scripts
   (base.html); in Node (tests) it is required. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.TarjotinClock = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /* today(timeZone, now) -> {number: 20261123, iso: '2026-11-23', text: '23.11.2026'};
     an unknown time zone falls back to the device's own date */
  function today(timeZone, now) {
    var date = now || new Date(), y = date.getFullYear(), m = date.getMonth() + 1, d = date.getDate();
    try {
      var parts = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(date);
      for (var i = 0; i < parts.length; i++) {
        if (parts[i].type === 'year') y = +parts[i].value;
        else if (parts[i].type === 'month') m = +parts[i].value;
        else if (parts[i].type === 'day') d = +parts[i].value;
      }
    } catch (e) { /* RangeError: unknown time zone */ }
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return { number: y * 10000 + m * 100 + d, iso: y + '-' + pad(m) + '-' + pad(d), text: d + '.' + m + '.' + y };
  }

  return { today: today };
});
