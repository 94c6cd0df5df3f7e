"""Filters as declarations (tarjotin/filters): the registry, what follows from it, a toy filter."""

from __future__ import annotations

import pytest

from tarjotin.filters import FilterRegistry, FilterSpec, builtin_registry, registry_for
from tarjotin.filters.spec import docs_table
from tarjotin.urls import SEARCH_PARAMS, UrlScheme
from tests.search_support import record, run_node, write_bundle
from tests.site_support import ROOT, TEST_CONFIG, relocated_config_text

TODAY = 20261123


def toy_config(config):
    return config.model_copy(update={"search": config.search.model_copy(update={"filter_plugins": ["tests.toy_filter"]})})


def test_docs_table_is_the_registry():
    documented = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    assert docs_table(builtin_registry()) in documented, "run `python -m tarjotin.filters` and paste it into docs/search.md"


def test_url_parameters_follow_the_declarations():
    assert SEARCH_PARAMS == {"query": "q", **{s.key: s.param for s in builtin_registry().filters}}
    assert UrlScheme("fi").search("sv", theme="liikunta", price="maksuton") == "sv/sok/?teema=liikunta&hinta=maksuton"


def test_registry_refuses_what_would_clash():
    registry = builtin_registry()
    spec = registry.get("teema")
    with pytest.raises(ValueError, match="registered twice"):
        registry.add(spec)
    with pytest.raises(ValueError, match="lower-case"):
        FilterSpec(param="Teema", key="x", label="X", source="data", values=lambda c: [], value_label=lambda c, v: v)
    with pytest.raises(ValueError, match="not config, data or computed"):
        FilterSpec(param="x", key="x", label="X", source="file", values=lambda c: [], value_label=lambda c, v: v)
    with pytest.raises(ValueError, match="needs data"):
        FilterSpec(param="x", key="x", label="X", source="computed", values=lambda c: [], value_label=lambda c, v: v,
                   match="hours")
    with pytest.raises(ValueError, match="sort column"):
        FilterRegistry().add(FilterSpec(param="x", key="x", label="X", source="data", values=lambda c: [],
                                        value_label=lambda c, v: v, sort="nope"))


def test_plugin_hook_errors_are_tray_toml_errors(tmp_path):
    from tarjotin.config import ConfigError, load_config

    for modules, reason in ((["tests.no_such_mod"], "cannot import 'tests.no_such_mod'"),
                            (["tests.search_support"], "'tests.search_support' has no register_filters"),
                            (["tests.toy_filter", "tests.toy_filter"], "tests.toy_filter: filter parameter 'lelu' is registered twice")):
        path = tmp_path / "tray.toml"
        path.write_text(relocated_config_text(TEST_CONFIG) + f"\n[search]\nfilter_plugins = {modules!r}\n".replace("'", '"'),
                        encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_config(path)
        assert "search.filter_plugins" in str(caught.value) and reason in str(caught.value)


def test_a_derived_value_outside_the_values_is_a_clear_error(config, tmp_path):
    registry = FilterRegistry()
    registry.add(FilterSpec(param="x", key="x", label="X", source="data", values=lambda c: ["a"],
                            value_label=lambda c, v: v, derive=lambda r, c: ["b"]))
    with pytest.raises(ValueError, match=r"local-a: search filter x: \['b'\] not among its values \['a'\]"):
        from plugins.search_index.encode import build_bundle
        from tests.search_support import labels
        from tarjotin.views import sort_key
        build_bundle([record("local-a")], config, "fi", labels(config, "fi"), sort_key=sort_key, registry=registry)


TOYS = [
    record("local-a", title="Nallekerho", keywords=["lelu:pehmo"], municipalities=["092"]),
    record("local-b", title="Legopaja", keywords=["lelu:palikka", "lelu:pehmo"], municipalities=["245"]),
    record("local-c", title="Lukupiiri", municipalities=["245"]),
    record("local-d", title="Rakennuspalikat", keywords=["lelu:palikka"], municipalities=["245"]),
]


@pytest.mark.parametrize("lang, heading, labels", [("fi", "Lelu", ["Pehmolelu", "Palikka"]),
                                                   ("sv", "Leksak", ["Mjukisdjur", "Kloss"])])
def test_toy_filter_from_one_declaration_in_the_files_and_counts(config, tmp_path, lang, heading, labels):
    cfg = toy_config(config)
    bundle = write_bundle(TOYS, cfg, lang, tmp_path)
    facets = bundle.facets
    assert facets["groups"][-1] == "lelu" and facets["filters"]["lelu"] == {"match": "values", "multiple": True}
    assert [label for _v, label in facets["values"]["lelu"]] == labels
    states = [{}, {"lelu": ["palikka"]}, {"lelu": ["pehmo", "palikka"]}, {"lelu": ["palikka"], "kunta": ["245"]}]
    answers = run_node(tmp_path, lang, [{"op": "search", "state": {"q": "", "filters": f}, "today": TODAY}
                                        for f in states])["answers"]
    assert [a["total"] for a in answers] == [4, 2, 3, 2]
    assert answers[0]["counts"]["lelu"] == [2, 2]
    # disjunctive counts: the toy group's own selection does not narrow its counts
    assert answers[1]["counts"]["lelu"] == [2, 2] and answers[1]["counts"]["kunta"][:2] == [0, 2]
    # and the heading comes to the page through the same declaration
    from plugins.search_index.search_index import search_filters

    class Site:
        def __init__(self):
            self.config = cfg

        def view(self, lang):
            from tarjotin.views import LangView
            return LangView(lang, cfg)

        def translations(self, lang):
            from tarjotin.i18n import load_translations
            return load_translations(ROOT / "theme" / "translations", lang)

        def presenter(self, lang):
            from tests.search_support import presenter
            return presenter(cfg, lang)

    assert search_filters(Site())[lang][-1] == {"param": "lelu", "label": heading}
