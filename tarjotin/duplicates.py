"""One record per real-world service: the build's duplicate step, over every pair of sources.

After the content loader (tarjotin/content.py) has read every record and applied the overrides
and the importers' merges.yml, `resolve_duplicates` decides which records are one service:

1. **the editors' decisions** in content/overrides/<id>.yml, for any pair of records of any
   sources: `duplicate_of: <id>` merges the two, `not_duplicate_of: [<id>, …]` keeps them apart
   (and undoes an importer's merge). A decision that cannot be honoured is an error naming the
   file, the field and why: an unknown id, the record itself, a pair declared both the same
   and not, a chain (A duplicate_of B while B is duplicate_of C) or a cycle;
2. **the matcher** (tarjotin/matching.py, `[duplicates]` in tray.toml) over all the records:
   a confident pair is merged unless an editor refused it (each record in at most one such merge,
   the best pairs first); a possible pair is kept in `Content.possible` for the data-quality
   report (`possible_duplicates`);
3. **the merge** (tarjotin/merging.py `merge_group`): one record with provenance per field, the
   other copies hidden (`Content.merged`: {hidden id: kept id}).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .config import TrayConfig
from .matching import Match, find_matches
from .merging import keep_rank, merge_group
from .model import Record
from .recordfile import RecordError
from .text import excerpt

if TYPE_CHECKING:
    from .content import Content


class _Groups:
    """Union-find of record ids: each group is one service."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for item in self.parent:
            found[self.find(item)].append(item)
        return sorted(sorted(members) for members in found.values() if len(members) > 1)


def editor_decisions(overrides: dict[str, dict[str, Any]], known: set[str], hidden: set[str],
                     merged: dict[str, str]) -> tuple[list[tuple[str, str]], set[frozenset[str]], list[RecordError]]:
    """(pairs to merge, pairs kept apart, errors) from the overrides' duplicate_of / not_duplicate_of.

    `known`: the loaded records' ids; `hidden`: ids an override hides (their decisions are moot);
    `merged`: ids an importer merged into another ({hidden: kept}); a decision naming one of those
    means the record it lives on."""
    errors: list[RecordError] = []
    refused: set[frozenset[str]] = set()
    forced: list[tuple[str, str]] = []
    targets = {record_id: o["duplicate_of"] for record_id, o in overrides.items()
               if o.get("duplicate_of") and record_id not in hidden}

    def problem(record_id: str, field: str, message: str) -> None:
        errors.append(RecordError(overrides[record_id]["_path"], field, message))

    for record_id, override in sorted(overrides.items()):
        if record_id in hidden:
            continue
        for index, other in enumerate(override.get("not_duplicate_of") or []):
            field = f"not_duplicate_of[{index}]"
            if other == record_id:
                problem(record_id, field, f"'{other}' is this record itself")
            elif other not in known and other not in merged and other not in hidden:
                problem(record_id, field, f"no record with id '{other}'")
            else:
                refused.add(frozenset((record_id, other)))
    for record_id, target in sorted(targets.items()):
        if target == record_id:
            problem(record_id, "duplicate_of", f"'{target}' is this record itself; name the other copy")
            continue
        if target in hidden:
            problem(record_id, "duplicate_of", f"'{target}' is hidden by its override (hide: true); "
                                               "hide this one too, or drop duplicate_of")
            continue
        if target not in known and target not in merged:
            problem(record_id, "duplicate_of", f"no record with id '{target}'")
            continue
        if frozenset((record_id, target)) in refused:
            problem(record_id, "duplicate_of", f"contradicts not_duplicate_of: '{target}' is declared "
                                               "both the same service and not; keep one of the two")
            continue
        onward = targets.get(target)
        if onward == record_id:
            problem(record_id, "duplicate_of", f"a cycle: '{target}' names this record in its own "
                                               "duplicate_of; write duplicate_of in one of the two files only")
            continue
        if onward is not None:
            problem(record_id, "duplicate_of", f"a chain: '{target}' is itself duplicate_of "
                                               f"'{onward}'; write duplicate_of: {onward} here")
            continue
        forced.append((record_id, merged.get(target, target)))
    return forced, refused, errors


def resolve_duplicates(content: Content, overrides: dict[str, dict[str, Any]], config: TrayConfig) -> None:
    """Merge the records of `content` that are one service (see the module docstring), in place."""
    by_id = {r.id: r for r in content.records}
    hidden_by_override = set(content.hidden) - set(content.merged)
    forced, refused, errors = editor_decisions(overrides, set(by_id), hidden_by_override, content.merged)
    content.errors.extend(errors)
    content.kept_apart = refused
    groups = _Groups()
    decided: dict[frozenset[str], str] = {}
    for a, b in forced:
        if a in by_id and b in by_id and a != b:
            groups.join(a, b)
            decided[frozenset((a, b))] = "editor: duplicate_of"
    possible: list[Match] = []
    if config.duplicates.enabled:
        matches = find_matches(content.records, config.duplicates)
        busy = set(groups.parent)
        for match in matches.confident:
            if match.pair in refused or match.a in busy or match.b in busy:
                continue
            groups.join(match.a, match.b)
            decided[match.pair] = "detector"
            busy.update(match.pair)
        possible = [m for m in matches.possible if m.pair not in refused]
    replaced: dict[str, Record] = {}
    hide: dict[str, str] = {}
    for members in groups.groups():
        records = sorted((by_id[i] for i in members), key=lambda r: keep_rank(r, config))
        try:
            merged = merge_group(records, config)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "(record)"
            content.errors.append(RecordError(f"content/records/{records[0].source}/{records[0].id}.md", where,
                                              f"merging {', '.join(r.id for r in records[1:])} gives an invalid "
                                              f"record: {first.get('msg', '')}; write not_duplicate_of to keep them apart"))
            continue
        replaced[merged.id] = merged
        for record in records[1:]:
            hide[record.id] = merged.id
    content.records = [replaced.get(r.id, r) for r in content.records if r.id not in hide]
    content.hidden.extend(sorted(hide))
    content.merged.update(sorted(hide.items()))
    same = {frozenset((h, k)) for h, k in content.merged.items()}
    content.possible = [m for m in possible if m.pair not in same
                        and not (m.a in hide and m.b in hide and hide[m.a] == hide[m.b])]
    content.decided_by.update({hidden: decided.get(frozenset((hidden, kept)), "editor: duplicate_of")
                               for hidden, kept in hide.items()})


def possible_duplicates(content: Content, config: TrayConfig) -> dict[str, list[tuple[str, str]]]:
    """{record id: [(other id, why)]} of the pairs that may be one service and were neither merged
    nor kept apart by an editor, listed under both records, for the data-quality report."""
    shown = {r.id for r in content.records}
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for match in content.possible:
        if match.a not in shown or match.b not in shown:
            continue
        why = (f"{match.why()}. If it is the same service, write duplicate_of: {match.b} in "
               f"content/overrides/{match.a}.yml; if not, not_duplicate_of: [{match.b}]")
        found[match.a].append((match.b, why))
        found[match.b].append((match.a, why.replace(f"duplicate_of: {match.b} in content/overrides/{match.a}.yml",
                                                     f"duplicate_of: {match.a} in content/overrides/{match.b}.yml")
                               .replace(f"not_duplicate_of: [{match.b}]", f"not_duplicate_of: [{match.a}]")))
    return {key: sorted(value) for key, value in sorted(found.items())}


__all__ = ["resolve_duplicates", "editor_decisions", "possible_duplicates"]
