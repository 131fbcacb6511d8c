"""What an app declares to run a piece of work in the background (``JOB_KINDS`` in its
``contributions.py``): a ``JobKind``. A leaf module (core's domain only), so any app's
contributions may import it without an import cycle.

The kind's ``produce(run)`` does the work in the worker process. It reads ``run.params`` (the
plain values given to ``job_start``), ``run.access`` (the requester's standing on the contract,
worked out again when the job runs), calls ``run.progress(done, total, message)`` as it goes, and
returns either ``(filename, bytes)``, a file the platform keeps sealed under the contract's key and
serves at the job's download address, or a ``JobLink`` to a download the app serves itself (a file
too large for memory, as the contract-end package).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from itaku.core.domain import Action


@dataclass(frozen=True)
class JobLink:
    """Where the result is downloaded when the app keeps the file itself."""

    url: str
    label: str = "ダウンロードする"


@dataclass(frozen=True)
class JobRun:
    """What ``produce`` is given: the job, its parameters, the requester, their access, the
    job's secret (``job_start(secret=...)``, "" if none) and the progress callback."""

    job: Any
    params: dict[str, Any]
    actor: Any
    access: Any
    secret: str
    progress: Callable[[int, int, str], None]


# What a kind's ``produce`` returns.
JobOutput = tuple[str, bytes] | JobLink


@dataclass(frozen=True)
class JobKind:
    """A kind of background work (バックグラウンド処理).

    - ``key``: ``<app>.<what>``, stored on the job; ``label``: what the page calls it
      (「月次報告書（Excel）の作成」).
    - ``action``: the action that may start the job and download its result; checked when the job
      is started, when it runs and at every look at it.
    - ``produce``: the callable (or its dotted path, to spare ``contributions.py`` an import)
      ``produce(run: JobRun) -> (filename, bytes) | JobLink``.
    - ``service_kind``: the kind of contract it is for ("" for every contract).
    - ``content_type``: of the file ``produce`` returns.
    - ``secret``: for work that needs a value the requester is shown once and nobody keeps (a
      password): the callable that makes it. ``job_start`` makes it, the start page shows it
      under ``reveal_label``, ``produce`` reads it as ``run.secret``; erased when the job ends.
    - ``back``: the URL name (taking ``contract_id``) of the page the job is started from, which
      the job's page links back to with ``back_label``.
    """

    key: str
    label: str
    action: Action
    produce: Callable[[JobRun], JobOutput] | str
    service_kind: str = ""
    content_type: str = "application/octet-stream"
    secret: Callable[[], str] | None = None
    reveal_label: str = "パスワード"
    back: str = ""
    back_label: str = "戻る"
