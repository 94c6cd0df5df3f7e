"""Write an importer's records to content/records/<source>/ atomically and deterministically.

    writer = RecordWriter(Path("content/records/ptv"), max_removal_share=0.2)
    plan = writer.plan(records, now=..., full=True)      # compare with what is on disk
    plan.check_guard(force=False)                         # RemovalGuardError when too many go
    writer.commit(plan)                                   # stage in a temp dir, then swap

* Files are `<id>.md` in `tarjotin.recordfile.dump_record`'s canonical form: the same records
  give byte-identical files.
* `imported_at` of a record whose content did not change is kept, so a rerun with the same
  upstream data changes no file (and the nightly git diff shows only real changes).
* Full runs replace the whole set (records not in `records` are removed); incremental runs
  (`full=False`) change only the given records and remove only the ids in `remove`.
* Commit builds the new directory in a hidden folder of content/ (same file system) and swaps the two
  with one atomic rename (Linux `renameat2(RENAME_EXCHANGE)`). Where that is missing (or
  `TARJOTIN_NO_RENAME_EXCHANGE` is set) it takes two renames, journaled: `.import-<name>.swap`
  is written before the first and removed after the last, so a crash in between is never
  mistaken for a finished import. `recover()` (at the start of every run and commit, and
  `python -m tarjotin.check --repair`) undoes a swap whose new directory was not yet in place
  (the previous records come back) and finishes one whose new directory was; until then
  `tarjotin.check` and the build refuse the content (tarjotin/content.py `pending_swaps`).
  Until the swap nothing visible changes; any error before it leaves the old directory exactly
  as it was. Signals wait while the swap runs (interrupts.commit_section).
* Other files in the directory (a README, .gitkeep) are carried over untouched. Editor
  overrides live in content/overrides/, never here, and are never written by importers.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tarjotin.content import SWAP_BACKUP_SUFFIX, SWAP_JOURNAL_SUFFIX
from tarjotin.model import Record
from tarjotin.recordfile import RecordFileError, dump_record, split_record_text

from .errors import ImportFailure, RemovalGuardError
from .interrupts import commit_section

RECORD_SUFFIX = ".md"


@dataclass
class WritePlan:
    """What a commit would do. All lists are sorted ids."""

    texts: dict[str, str] = field(default_factory=dict)
    """id → file text of every record that will be in the directory."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    existing: int = 0
    """How many record files were there before."""
    max_removal_share: float = 0.2
    files: dict[str, str | None] = field(default_factory=dict)
    """Other files the importer owns in the directory (name → text, None = remove), e.g. the
    Lähellä.fi importer's duplicate decisions; set with `RecordWriter.set_files`."""
    files_changed: list[str] = field(default_factory=list)
    """Names in `files` whose text differs from the file on disk."""

    @property
    def removal_share(self) -> float:
        return len(self.removed) / self.existing if self.existing else 0.0

    @property
    def changes(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.files_changed)

    def check_guard(self, force: bool = False) -> None:
        """Refuse a run that removes more than the allowed share of the existing records."""
        if force or not self.removed:
            return
        if self.removal_share > self.max_removal_share:
            raise RemovalGuardError(
                f"removal guard: this run would remove {len(self.removed)} of {self.existing} records "
                f"({self.removal_share:.0%}), more than the allowed {self.max_removal_share:.0%}. "
                "Nothing was changed. If the source really lost them, rerun with --force."
            )


class RecordWriter:
    """Owns one directory of imported records (content/records/<source>/)."""

    def __init__(self, directory: Path, *, max_removal_share: float = 0.2, work_dir: Path | None = None):
        self.directory = Path(directory)
        self.max_removal_share = max_removal_share
        # Staging happens on the same file system but outside content/records/, which the
        # content loader reads (content/records/*/*.md would match a hidden staging folder).
        self.work_dir = Path(work_dir) if work_dir else self.directory.parent.parent
        self._prefix = f".import-{self.directory.name}"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold an exclusive lock for the run: a second import of the same source fails fast."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        path = self.work_dir / f"{self._prefix}.lock"
        with open(path, "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise ImportFailure(
                    f"another import of {self.directory} is running (lock {path}); try again later"
                ) from None
            try:
                yield
            finally:
                path.unlink(missing_ok=True)
                fcntl.flock(fh, fcntl.LOCK_UN)

    # --- reading what is there ---

    def existing_ids(self) -> list[str]:
        self.recover()
        if not self.directory.is_dir():
            return []
        return sorted(p.stem for p in self.directory.glob(f"*{RECORD_SUFFIX}"))

    def existing_text(self, record_id: str) -> str | None:
        path = self.directory / f"{record_id}{RECORD_SUFFIX}"
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    @staticmethod
    def imported_at_of(text: str) -> datetime | None:
        """The `imported_at` in a record file's front matter, if readable."""
        try:
            data, _ = split_record_text(text, "existing")
        except RecordFileError:
            return None
        value = data.get("imported_at")
        if not value:
            return None
        try:
            return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None

    # --- planning ---

    def render(self, record: Record, now: datetime) -> tuple[str, str]:
        """File text for a record and its status: 'added', 'updated' or 'unchanged'."""
        old = self.existing_text(record.id)
        if old is not None:
            previous = self.imported_at_of(old)
            if previous is not None:
                same = dump_record(record.model_copy(update={"imported_at": previous}))
                if same == old:
                    return old, "unchanged"
        text = dump_record(record.model_copy(update={"imported_at": now}))
        return text, "added" if old is None else "updated"

    def plan(
        self,
        records: Iterable[Record],
        *,
        now: datetime,
        full: bool = True,
        remove: Iterable[str] = (),
    ) -> WritePlan:
        """Compare `records` with the directory. Full: the result is exactly `records`.
        Incremental: existing records stay unless their id is in `remove`."""
        existing = self.existing_ids()
        plan = WritePlan(existing=len(existing), max_removal_share=self.max_removal_share)
        new_ids: set[str] = set()
        for record in sorted(records, key=lambda r: r.id):
            if record.id in new_ids:
                raise ImportFailure(f"two records with the same id {record.id}")
            new_ids.add(record.id)
            text, status = self.render(record, now)
            plan.texts[record.id] = text
            getattr(plan, status).append(record.id)
        removals = set(remove) - new_ids
        for record_id in existing:
            if record_id in new_ids:
                continue
            if full or record_id in removals:
                plan.removed.append(record_id)
            else:
                plan.texts[record_id] = self.existing_text(record_id) or ""
                plan.unchanged.append(record_id)
        plan.unchanged.sort()
        return plan

    def set_files(self, plan: WritePlan, files: dict[str, str | None]) -> None:
        """Have `commit` also write (text) or remove (None) these non-record files, in the same
        atomic swap as the records. Names are plain file names without a `.md` suffix."""
        for name, text in sorted(files.items()):
            if "/" in name or name.startswith(".") or name.endswith(RECORD_SUFFIX):
                raise ValueError(f"{name!r} is not a plain non-record file name")
            path = self.directory / name
            try:
                old = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                old = None
            plan.files[name] = text
            if old != text:
                plan.files_changed.append(name)

    # --- committing ---

    def commit(self, plan: WritePlan) -> None:
        """Make the directory hold exactly `plan.texts`, atomically. No-op without changes."""
        self.recover()
        if not plan.changes and self.directory.is_dir():
            return
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{self._prefix}.staging-", dir=self.work_dir))
        try:
            if self.directory.is_dir():
                for path in sorted(self.directory.iterdir()):
                    if path.is_file() and path.suffix != RECORD_SUFFIX:
                        shutil.copy2(path, staging / path.name)
            for name, text in sorted(plan.files.items()):
                if text is None:
                    (staging / name).unlink(missing_ok=True)
                else:
                    with open(staging / name, "w", encoding="utf-8", newline="\n") as fh:
                        fh.write(text)
            for record_id, text in sorted(plan.texts.items()):
                with open(staging / f"{record_id}{RECORD_SUFFIX}", "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
                    fh.flush()
                    os.fsync(fh.fileno())
            os.chmod(staging, 0o755)
            _fsync_dir(staging)
            with commit_section():
                self._swap(staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @property
    def journal(self) -> Path:
        """Present while a two-rename swap is under way (or was interrupted)."""
        return self.work_dir / f"{self._prefix}{SWAP_JOURNAL_SUFFIX}"

    @property
    def backup(self) -> Path:
        """The previous directory during a two-rename swap."""
        return self.work_dir / f"{self._prefix}{SWAP_BACKUP_SUFFIX}"

    def _swap(self, staging: Path) -> None:
        target = self.directory
        if not target.exists():
            os.rename(staging, target)
            staging.mkdir()  # so the caller's cleanup has something to remove
            _fsync_dir(target.parent)
            return
        if _rename_exchange(staging, target):
            _fsync_dir(target.parent)
            return  # staging now holds the old files; the caller removes it
        # Fallback: two renames, journaled so that recover() knows a swap was interrupted.
        shutil.rmtree(self.backup, ignore_errors=True)
        with open(self.journal, "w", encoding="utf-8") as fh:
            fh.write(f"swapping {target} (previous records in {self.backup}, new ones from {staging})\n")
            fh.flush()
            os.fsync(fh.fileno())
        _fsync_dir(self.work_dir)
        os.rename(target, self.backup)
        os.rename(staging, target)
        _fsync_dir(target.parent)
        os.rename(self.backup, staging)  # the caller removes it
        _fsync_dir(self.work_dir)
        self.journal.unlink()
        _fsync_dir(self.work_dir)

    def recover(self) -> None:
        """Settle a two-rename swap that a crash interrupted: without the new directory in place
        the previous one comes back; with it, only the clean-up is left. Stale staging dirs go."""
        if self.backup.is_dir():
            if not self.directory.exists():
                os.rename(self.backup, self.directory)
                _fsync_dir(self.directory.parent)
            else:
                shutil.rmtree(self.backup)
            _fsync_dir(self.work_dir)
        self.journal.unlink(missing_ok=True)  # last: until here the swap still counts as pending
        if self.work_dir.is_dir():
            for stale in self.work_dir.glob(f"{self._prefix}.staging-*"):
                shutil.rmtree(stale, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_libc = None


def _rename_exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux ≥ 3.15, glibc ≥ 2.28). False when unsupported."""
    global _libc
    if os.environ.get("TARJOTIN_NO_RENAME_EXCHANGE"):
        return False
    try:
        if _libc is None:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = _libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
