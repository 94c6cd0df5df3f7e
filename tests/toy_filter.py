"""A toy search filter for tests/test_filters.py: the one declaration a new contributor writes.

Registered through the `[search] filter_plugins` hook of a test configuration, never by the site.
"""

from tarjotin.filters import FilterSpec


def register_filters(registry):
    registry.add(FilterSpec(
        param="lelu", key="toy", label="Toy", source="data",
        values=lambda ctx: ["pehmo", "palikka"],
        value_label=lambda ctx, v: ctx.gettext({"pehmo": "Soft toy", "palikka": "Building block"}[v]),
        derive=lambda record, ctx: [k.removeprefix("lelu:") for k in record.keywords if k.startswith("lelu:")],
        doc_values="`pehmo`, `palikka`", doc_match="a keyword `lelu:<value>`",
        messages={"fi": {"Toy": "Lelu", "Soft toy": "Pehmolelu", "Building block": "Palikka"},
                  "sv": {"Toy": "Leksak", "Soft toy": "Mjukisdjur", "Building block": "Kloss"}},
    ))
