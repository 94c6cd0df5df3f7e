/*
 * Tarjotin search state in the address: "?q=…&kunta=…&teema=…" <-> {q, filters: {group: [values]}}.
 * No DOM: the search page loads it before search-ui.js, the Node tests load it with require().
 *
 * The address is untrusted text of any size (a link in an e-mail, a crafted page), so reading it
 * is bounded (docs/search.md "Filters and URL"): at most MAX_PARAMS name=value pairs are looked at,
 * a pair longer than MAX_PARAM_CHARS is skipped whole, a filter keeps its first MAX_VALUES distinct
 * values of at most MAX_VALUE_CHARS characters each, the keyword its first MAX_QUERY characters.
 * Values are only ever compared (Set, Map, ===), never used as keys of a plain object. Whether a
 * value exists in this build is the engine's business: keepKnown() drops the ones it does not know.
 *
 * parse() never throws, and parse(serialize(parse(x))) equals parse(x) for any string x
 * (tests/js/search-state.test.js checks both with fast-check).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.TarjotinSearchState = factory();
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var MAX_PARAMS = 1000;        // pairs looked at; the rest of a longer address is ignored
  var MAX_PARAM_CHARS = 2000;   // a longer pair (as written in the address) is skipped
  var MAX_VALUES = 100;         // values kept per filter, in the order given
  var MAX_VALUE_CHARS = 100;    // a longer filter value is skipped (real ones are short slugs and codes)
  var MAX_QUERY = 200;          // characters of the keyword query kept (also the search box's limit)

  /* `text` cut to at most `max` UTF-16 units without splitting a surrogate pair */
  function clip(text, max) {
    if (text.length <= max) return text;
    var code = text.charCodeAt(max - 1);
    return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
  }

  /* the first MAX_PARAMS pairs of a query string, decoded; never reads further than that */
  function params(search) {
    var text = typeof search === 'string' ? search : '';
    if (text.charAt(0) === '?') text = text.slice(1);
    var kept = [], start = 0;
    for (var n = 0; n < MAX_PARAMS && start <= text.length; n++) {
      var end = text.indexOf('&', start);
      if (end < 0) end = text.length;
      if (end - start <= MAX_PARAM_CHARS) kept.push(text.slice(start, end));
      start = end + 1;
    }
    // the leading "&" stops URLSearchParams from dropping a second "?" (it strips one itself)
    return new URLSearchParams('&' + kept.join('&'));
  }

  /**
   * {q, filters: {group: [value, ...]}} of a query string (location.search, with or without "?";
   * anything else reads as empty).
   * Repeated parameters and comma-separated values both add values; values are trimmed, empty
   * and repeated ones dropped. Every group in `groups` gets an array, possibly empty.
   */
  function parse(search, groups) {
    var p = params(search), filters = {};
    (groups || []).forEach(function (group) {
      var seen = new Set(), values = [], given = p.getAll(group);
      for (var i = 0; i < given.length && values.length < MAX_VALUES; i++) {
        var parts = given[i].split(',');
        for (var k = 0; k < parts.length && values.length < MAX_VALUES; k++) {
          var value = parts[k].trim();
          if (!value || value.length > MAX_VALUE_CHARS || seen.has(value)) continue;
          seen.add(value);
          values.push(value);
        }
      }
      filters[group] = values;
    });
    return { q: clip(p.get('q') || '', MAX_QUERY).trim(), filters: filters };
  }

  /** The query string (without "?") of a state: q first, then each group's values in order. */
  function serialize(state, groups) {
    var p = new URLSearchParams(), q = String((state && state.q) || '').trim();
    if (q) p.append('q', q);
    var filters = (state && state.filters) || {};
    (groups || []).forEach(function (group) {
      var values = Object.prototype.hasOwnProperty.call(filters, group) ? filters[group] : null;
      if (Array.isArray(values)) values.forEach(function (value) { p.append(group, String(value)); });
    });
    return p.toString();
  }

  /** A copy of `state` keeping only the filter values for which known(group, value) is true. */
  function keepKnown(state, groups, known) {
    var filters = {};
    (groups || []).forEach(function (group) {
      var values = Object.prototype.hasOwnProperty.call(state.filters, group) ? state.filters[group] : [];
      filters[group] = values.filter(function (value) { return known(group, value); });
    });
    return { q: state.q, filters: filters };
  }

  return {
    MAX_PARAMS: MAX_PARAMS,
    MAX_PARAM_CHARS: MAX_PARAM_CHARS,
    MAX_VALUES: MAX_VALUES,
    MAX_VALUE_CHARS: MAX_VALUE_CHARS,
    MAX_QUERY: MAX_QUERY,
    parse: parse,
    serialize: serialize,
    keepKnown: keepKnown
  };
}));
