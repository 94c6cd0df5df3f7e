"""`python -m tarjotin.filters`: print the built-in filters' table for docs/search.md."""

from .spec import builtin_registry, docs_table

print(docs_table(builtin_registry()), end="")
