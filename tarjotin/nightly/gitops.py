"""The git steps of a nightly run: fast-forward from the remote, commit the records, push.

Only the record directories of the sources are ever staged and committed (`git commit -- <dirs>`
commits those paths alone, whatever else is staged), so an operator's or editor's unfinished
work in the same checkout never ends up in a nightly commit. Git never prompts (a scheduler has
no terminal): a push that needs credentials it does not have fails and is reported.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


class GitError(Exception):
    """A git command failed; the message is the command and git's own words."""


class Git:
    def __init__(self, root: Path, env: Mapping[str, str], *, name: str, email: str, timeout: float = 300):
        self.root = root
        self.timeout = timeout
        self.env = {**env, "GIT_TERMINAL_PROMPT": "0", "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
                    "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}

    def run(self, *args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=self.root, env=self.env, capture_output=True, text=True,
                                  timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise GitError(f"git {' '.join(args)}: no answer in {self.timeout:g} s") from None
        except FileNotFoundError:
            raise GitError("git is not installed") from None
        if done.returncode != 0:
            lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
            said = [line for line in lines if line.startswith(("fatal:", "error:"))][:2] or lines[-3:]
            raise GitError(f"git {' '.join(args)}: {' '.join(said) or f'exit status {done.returncode}'}")
        return done.stdout

    def is_repository(self) -> bool:
        try:
            return self.run("rev-parse", "--is-inside-work-tree").strip() == "true"
        except GitError:
            return False

    def current_branch(self) -> str:
        try:
            return self.run("symbolic-ref", "--short", "HEAD").strip()
        except GitError:
            raise GitError("the checkout is on a detached HEAD (as CI checkouts often are): "
                           "set nightly.branch") from None

    def pull(self, remote: str, branch: str) -> None:
        """Fast-forward to `remote`/`branch` (never a merge commit: a diverged branch is an error)."""
        self.run("pull", "--ff-only", "--no-rebase", remote, branch)

    def commit(self, paths: Sequence[str], message: str) -> str | None:
        """Commit the changes below `paths` (added, changed and deleted files); None when there
        were none. Returns the new commit's id."""
        present = [p for p in paths if (self.root / p).exists() or self._tracked(p)]
        if not present:
            return None
        self.run("add", "--all", "--", *present)
        if not self.run("diff", "--cached", "--name-only", "--", *present).strip():
            return None
        # --no-verify: editors' pre-commit hooks are for hand edits; the importers validated these.
        self.run("commit", "--quiet", "--no-verify", "-m", message, "--", *present)
        return self.run("rev-parse", "HEAD").strip()

    def push(self, remote: str, branch: str) -> None:
        self.run("push", "--quiet", remote, f"HEAD:refs/heads/{branch}")

    def _tracked(self, path: str) -> bool:
        return bool(self.run("ls-files", "--", path).strip())

