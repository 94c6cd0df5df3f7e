"""Search filters as declarations: `FilterSpec`, the registry, the built-in filters (docs/search.md)."""

from .builtin import NATIONWIDE
from .spec import (MATCHERS, FilterContext, FilterRegistry, FilterSpec, N_, SortSpec, builtin_registry,
                   registry_for)

__all__ = ["MATCHERS", "NATIONWIDE", "FilterContext", "FilterRegistry", "FilterSpec", "N_", "SortSpec",
           "builtin_registry", "registry_for"]
