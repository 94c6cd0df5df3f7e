"""The built-in search filters, each declared once (FilterSpec's docstrings say what each field means).

Display order is registration order. docs/search.md's filter table is checked against these
(tests/test_filters.py); the msgids are extracted into the theme catalogs by `invoke messages`.
"""

from __future__ import annotations

from datetime import date

from .opening import has_hours, schedule_entry
from .spec import FilterContext, FilterRegistry, FilterSpec, N_, SortSpec

#: The location value for services that serve the whole country.
NATIONWIDE = "koko-maa"
KINDS = ("service", "activity", "event", "volunteering")
#: Record.channels → the remote filter's URL values.
CHANNEL_VALUES = {"phone": "puhelin", "chat": "chat", "online": "verkko"}
CHANNEL_LABELS = {"puhelin": N_("By phone"), "chat": N_("Chat"), "verkko": N_("Online")}
#: The event date filter's ready-made choices; `YYYY-MM-DD..YYYY-MM-DD` is a chosen range.
DATE_CHOICES = {"tanaan": N_("Today"), "viikonloppu": N_("This weekend"), "7pv": N_("Next 7 days")}
#: The opening hours filter's choices (evaluated in the browser: theme/static/js/opening-hours.js).
OPEN_CHOICES = {"nyt": N_("Open now"), "tanaan": N_("Open today")}


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


# --- municipality --------------------------------------------------------------------------

def _municipalities(ctx: FilterContext) -> list[str]:
    area = list(ctx.config.municipality_codes)
    others = sorted({code for r in ctx.records for code in r.area_municipalities()} - set(area))
    return area + others + [NATIONWIDE]


def _municipality_label(ctx: FilterContext, code: str) -> str:
    return ctx.labels.nationwide if code == NATIONWIDE else ctx.labels.municipality(code)


def _record_municipalities(record, ctx: FilterContext) -> list[str]:
    return [NATIONWIDE] if record.nationwide else record.area_municipalities()


# --- service language ----------------------------------------------------------------------

def _languages(ctx: FilterContext) -> list[str]:
    first = ("fi", "sv", "en")
    return sorted({code for r in ctx.records for code in r.service_languages},
                  key=lambda c: (first.index(c) if c in first else 3, ctx.labels.language(c).casefold(), c))


# --- remote --------------------------------------------------------------------------------

def _record_channels(record, ctx: FilterContext) -> list[str]:
    channels = set(record.channels)
    # a nationwide helpline written without channels is still used by phone
    if record.nationwide and not record.locations and record.contacts.phones:
        channels.add("phone")
    return [CHANNEL_VALUES[c] for c in CHANNEL_VALUES if c in channels]


# --- event date ----------------------------------------------------------------------------

_EPOCH = date(1970, 1, 1)


def _event_days(record, ctx: FilterContext) -> str:
    """An event's days in the area's time zone, as days since 1970 in base 36: `<first>` for a
    one-day event, `<first>.<last>` for a longer one; "" for other records (compact: facets.json)."""
    if record.event is None:
        return ""
    first = (record.event.start.astimezone(ctx.tz).date() - _EPOCH).days
    last = ((record.event.end or record.event.start).astimezone(ctx.tz).date() - _EPOCH).days
    return _b36(first) if last == first else f"{_b36(first)}.{_b36(last)}"


def _event_start(record, ctx: FilterContext) -> int | None:
    """The event's start in minutes since 1970."""
    return int(record.event.start.timestamp() // 60) if record.event is not None else None


def _free(record, ctx: FilterContext) -> list[str]:
    return ["maksuton"] if record.price is not None and record.price.free else []


def _no_registration(record, ctx: FilterContext) -> list[str]:
    return ["ei"] if record.registration is not None and not record.registration.required else []


_DERIVE = {"hinta": _free, "ilmoittautuminen": _no_registration, "etapalvelu": _record_channels}


def _present(ctx: FilterContext, param: str, choices: list[str]) -> list[str]:
    """The choices some current record has (a group nobody could use stays off the page)."""
    had = {v for r in ctx.records for v in _DERIVE[param](r, ctx)}
    return [v for v in choices if v in had]


def register_filters(registry: FilterRegistry) -> None:
    registry.add_sort(SortSpec("start", _event_start, doc="the event's start time"))
    registry.add(FilterSpec(
        param="kunta", key="municipality", label=N_("Municipality"), source="config",
        doc_values='municipality codes of the area, then others found in records, then `koko-maa` (nationwide)',
        doc_match='it serves one of the chosen municipalities (a record serving the whole area lists all of them); nationwide records match `koko-maa`',
        values=_municipalities, value_label=_municipality_label, derive=_record_municipalities,
        hide_unused=True, always_shown=lambda ctx: list(ctx.config.municipality_codes) + [NATIONWIDE],
        suggest=NATIONWIDE,
    ))
    registry.add(FilterSpec(
        param="ika", key="age_group", label=N_("Age group"), source="config",
        doc_values='age group slugs from `tray.toml`',
        doc_match='it has one of them',
        values=lambda ctx: list(ctx.config.age_group_slugs), value_label=lambda ctx, v: ctx.labels.age_group(v),
        derive=lambda record, ctx: list(record.age_groups), empty_matches_all=True,
    ))
    registry.add(FilterSpec(
        param="kieli", key="service_language", label=N_("Service language"), source="data",
        doc_values='ISO 639 codes found in records: fi, sv, en first, then by name',
        doc_match='it is offered in one of them',
        values=_languages, value_label=lambda ctx, v: ctx.labels.language(v),
        derive=lambda record, ctx: list(record.service_languages), hide_unused=True,
    ))
    registry.add(FilterSpec(
        param="teema", key="theme", label=N_("Theme"), source="config",
        doc_values='theme slugs from `tray.toml`',
        doc_match='it has one of them',
        values=lambda ctx: list(ctx.config.theme_slugs), value_label=lambda ctx, v: ctx.labels.theme(v),
        derive=lambda record, ctx: list(record.themes),
    ))
    registry.add(FilterSpec(
        param="tyyppi", key="kind", label=N_("Type"), source="computed",
        doc_values='`service`, `activity`, `event`, `volunteering`',
        doc_match='its kind is one of them',
        values=lambda ctx: list(KINDS), value_label=lambda ctx, v: ctx.labels.kind[v],
        derive=lambda record, ctx: [record.kind], sort="start", sort_when=("event",),
    ))
    registry.add(FilterSpec(
        param="aika", key="event_date", label=N_("Event date"), source="computed",
        doc_values='`tanaan` (today), `viikonloppu` (this weekend: Saturday and Sunday, or the rest of it), `7pv` (today and the next 6 days)',
        doc_match="it is an event on at least one of those days in the area's time zone (computed in the browser)",
        values=lambda ctx: list(DATE_CHOICES) if any(r.event for r in ctx.records) else [], value_label=lambda ctx, v: ctx.gettext(DATE_CHOICES[v]),
        multiple=False, tags=False, match="date", data=_event_days, range=True, sort="start",
    ))
    registry.add(FilterSpec(
        param="hinta", key="price", label=N_("Price"), source="data",
        doc_values='`maksuton`',
        doc_match='its `price.free` is true',
        values=lambda ctx: _present(ctx, "hinta", ["maksuton"]), value_label=lambda ctx, v: ctx.gettext(N_("Free of charge")),
        derive=_free,
        tags=False,
    ))
    registry.add(FilterSpec(
        param="ilmoittautuminen", key="registration", label=N_("Registration"), source="data",
        doc_values='`ei`',
        doc_match='its `registration.required` is false',
        values=lambda ctx: _present(ctx, "ilmoittautuminen", ["ei"]), value_label=lambda ctx, v: ctx.gettext(N_("No registration needed")),
        derive=_no_registration,
        tags=False,
    ))
    registry.add(FilterSpec(
        param="etapalvelu", key="remote", label=N_("Remote"), source="data",
        doc_values='`puhelin`, `chat`, `verkko`',
        doc_match='its `channels` has `phone`, `chat` or `online` (a nationwide record with a phone number and no place counts as by phone)',
        values=lambda ctx: _present(ctx, "etapalvelu", list(CHANNEL_LABELS)), value_label=lambda ctx, v: ctx.gettext(CHANNEL_LABELS[v]),
        derive=_record_channels, tags=False,
    ))
    registry.add(FilterSpec(
        param="auki", key="open", label=N_("Opening hours"), source="computed",
        doc_values='`nyt` (open now), `tanaan` (open today)',
        doc_match="its own or one of its locations' structured opening hours say so in the area's time zone, exceptions first and never on a public holiday without an exception (computed in the browser, again every minute; see *Open now and open today*)",
        values=lambda ctx: list(OPEN_CHOICES) if has_hours(ctx.records) else [],
        value_label=lambda ctx, v: ctx.gettext(OPEN_CHOICES[v]),
        multiple=False, tags=False, match="hours", data=schedule_entry,
    ))
