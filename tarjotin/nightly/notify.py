"""The notification: one JSON POST `{"text": …}` to an incoming webhook.

Slack, Mattermost and Microsoft Teams (incoming webhook / Workflows "post to a channel when a
webhook request is received") all accept a `text` field. The URL is a secret, so it comes from
the environment variable that `nightly.webhook_env` names and never appears in a report. A
notification that cannot be sent is logged and recorded in the run report; it never changes the
run's exit code (the report and the exit code are the source of truth; a webhook is a courtesy).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


def post_webhook(url: str, text: str, *, timeout: float) -> dict[str, Any]:
    """POST the text; {"sent": True, "status": 200} or {"sent": False, "error": "…"}."""
    body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8",
                                              "User-Agent": "tarjotin-nightly"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - the operator's URL
            return {"sent": True, "status": answer.status}
    except urllib.error.HTTPError as exc:
        return {"sent": False, "error": f"the webhook answered HTTP {exc.code}"}
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return {"sent": False, "error": f"the webhook could not be reached: {reason}"}
