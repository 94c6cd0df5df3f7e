"""The nightly run: import every source, commit the changed records, build, check, deploy, report.

    python -m tarjotin.nightly [--root DIR] [--config PATH] [--no-deploy] [--no-commit]   (./run.sh nightly)

`run.py` has the steps, `sources.py` the importers it calls, `gitops.py` the git steps,
`report.py` the run report, the commit message and the exit codes, `notify.py` the webhook.
The operator's guide is docs/operating.md.
"""
