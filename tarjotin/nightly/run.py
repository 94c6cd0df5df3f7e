"""One nightly run, step by step (docs/operating.md):

    pull → import each source → commit (+ push) → build into a fresh directory → check + page
    guard → replace output/ → deploy → report → notify

A failing source keeps its previous records and the run goes on (degraded). Anything that would
publish a broken or shrunken site stops the run before the deploy (failed), leaving both output/
and the live site as they were. Every step's outcome goes into the RunReport; nothing here exits.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from ..build import build, count_pages
from ..config import ConfigError, TrayConfig, load_config
from ..deploy import DeployError, DeployTarget, target_from_config
from ..selfcheck import check_output
from .gitops import Git, GitError
from .notify import post_webhook
from .report import RunReport
from .settings import DEFAULT_WEBHOOK_ENV, NightlySettings, is_full_import_night, load_settings
from .sources import nightly_source, run_source


def run_nightly(root: Path, config_path: Path, env: Mapping[str, str], *, deploy: bool = True,
                commit: bool = True) -> RunReport:
    """Run every step for the repository at `root`; the report is written and the notification
    sent before this returns. `deploy=False` / `commit=False` leave those steps out (trying a
    configuration)."""
    report = RunReport()
    settings: NightlySettings | None = None
    try:
        config = load_config(config_path)
        settings = load_settings(config)
        if not commit:
            settings = settings.model_copy(update={"commit": False})
        report.day = report.started.astimezone(ZoneInfo(config.site.timezone)).date()
        target = target_from_config(config, config_path.parent, env) if deploy else None
    except (ConfigError, DeployError) as exc:
        report.usage_error = True
        report.failures.append(f"configuration: {exc}")
    except Exception as exc:  # noqa: BLE001 - e.g. a deploy target's own bug
        _unexpected(report, exc)
    else:
        try:
            _steps(report, root, config_path, config, settings, target, env, deploy)
        except Exception as exc:  # noqa: BLE001 - a bug must still end in a report and a notification
            _unexpected(report, exc)
    report.finished = datetime.now(timezone.utc)
    _notify(report, settings, env)
    report.write(root / (settings.report_dir if settings else NightlySettings().report_dir))
    return report


def _unexpected(report: RunReport, exc: Exception) -> None:
    traceback.print_exc(file=sys.stderr)
    report.failures.append(f"unexpected error: {type(exc).__name__}: {exc} (traceback on stderr)")


def _steps(report: RunReport, root: Path, config_path: Path, config: TrayConfig, settings: NightlySettings,
           target: DeployTarget | None, env: Mapping[str, str], deploy: bool) -> None:
    git = Git(root, env, name=settings.author_name, email=settings.author_email) if settings.commit else None
    if git is not None and not git.is_repository():
        report.warnings.append(f"git: {root} is not a git checkout; nothing is committed (nightly.commit)")
        git = None
    branch = ""
    if git is not None and settings.remote:
        try:
            branch = settings.branch or git.current_branch()
        except GitError as exc:
            report.warnings.append(f"git: {exc}; no pull, no push")
    if git is not None and branch and settings.pull:
        try:
            git.pull(settings.remote, branch)
            report.git["pulled"] = f"{settings.remote}/{branch}"
        except GitError as exc:
            report.warnings.append(f"pull: {exc}")

    full = is_full_import_night(settings, report.day)
    for name in settings.sources:
        result = run_source(nightly_source(config, name), root=root, config_path=config_path, config=config, env=env,
                            timeout=settings.import_timeout, started=report.started, full=full)
        report.sources.append(result)
        if result.status == "failed":
            report.warnings.append(f"{name}: import failed, its previous records are kept: "
                                   f"{result.reason}".rstrip(": "))

    if git is not None:
        _commit(report, git, config, settings, branch)

    build_env = {**env, "TARJOTIN_CONFIG": str(config_path)}
    output = root / "output"
    live_pages = _live_pages(report, target, output)
    report.build["live_pages"] = live_pages

    def verify(new: Path) -> list[str]:
        problems = [str(p) for p in check_output(new, config)]
        pages = count_pages(new)
        if live_pages and pages < settings.min_page_share * live_pages:
            problems.append(f"page guard: the new build has {pages} pages, the live site {live_pages} "
                            f"({'output/' if target is None else target.name}); "
                            f"below nightly.min_page_share {settings.min_page_share:g}, not deployed")
        return problems

    built = build(content=root / "content", output=output, publish=True, verify=verify, env=build_env, capture=True)
    report.build.update(ok=built.ok, pages=built.pages, returncode=built.returncode, problems=built.problems[:50])
    if not built.ok:
        if built.returncode != 0:
            log = [line for line in built.log.splitlines() if line.strip()]
            report.build["log_tail"] = log[-40:]
            report.failures.append(f"build: Pelican exited with {built.returncode}; output/ and the live site "
                                   f"are unchanged; {_first_error(log)}")
        else:
            report.failures.append(f"check: {len(built.problems)} problem(s), not deployed; first: {built.problems[0]}")
        return

    if target is None:
        report.notes.append("deploy: no target configured ([deploy] target), output/ is the result"
                            if deploy else "deploy: skipped (--no-deploy)")
        return
    try:
        result = target.deploy(output)
    except DeployError as exc:
        report.failures.append(f"deploy: {exc}")
        return
    report.deploy = {"target": result.target, "release": result.release, "uploaded": len(result.uploaded),
                     "deleted": len(result.deleted), "unchanged": result.unchanged, "summary": result.summary()}


def _commit(report: RunReport, git: Git, config: TrayConfig, settings: NightlySettings, branch: str) -> None:
    paths = sorted({nightly_source(config, s.name).paths(config)[0] for s in report.sources})
    try:
        commit = git.commit(paths, report.commit_message())
    except GitError as exc:
        report.warnings.append(f"commit: {exc}")
        return
    report.git["commit"] = commit
    if commit is None:
        report.notes.append("git: no record changed, no commit")
    else:
        report.git["message"] = report.commit_message().splitlines()[0]
    if branch:
        # Also when nothing was committed: it sends what an earlier, failed push left behind.
        try:
            git.push(settings.remote, branch)
            report.git["pushed"] = f"{settings.remote}/{branch}"
        except GitError as exc:
            report.warnings.append(f"push: {exc}")


def _live_pages(report: RunReport, target: DeployTarget | None, output: Path) -> int | None:
    """The page count the guard compares with: the live site's, or without a target the
    previous output/ (which is what a host that serves or syncs output/ publishes)."""
    if target is None:
        return (count_pages(output) or None) if output.is_dir() else None
    try:
        return target.live_page_count()
    except DeployError as exc:
        report.warnings.append(f"page guard: the live page count is unknown ({exc}); the guard is off this run")
        return None


def _first_error(log: list[str]) -> str:
    errors = [line.strip() for line in log if ": " in line and ("ERROR" in line or ".md:" in line or ".yml:" in line)]
    return errors[0] if errors else (log[-1].strip() if log else "no output")


def _notify(report: RunReport, settings: NightlySettings | None, env: Mapping[str, str]) -> None:
    variable = settings.webhook_env if settings else DEFAULT_WEBHOOK_ENV
    url = env.get(variable, "").strip()
    wanted = report.status != "ok" or (settings is not None and settings.notify_ok)
    if not url or not wanted:
        report.notification = {"sent": False, "reason": f"${variable} not set" if not url else "run ok"}
        return
    report.notification = post_webhook(url, report.summary(), timeout=settings.webhook_timeout if settings else 10.0)
    if not report.notification["sent"]:
        print(f"notification not sent: {report.notification['error']}", file=sys.stderr)
