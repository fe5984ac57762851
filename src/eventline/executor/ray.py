"""Run the pipeline on a Ray cluster (or a local Ray instance): the same Worker, as Ray actors."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator

from eventline.document import RawDocument, Skip
from eventline.errors import MissingExtraError
from eventline.executor.local import _chunks
from eventline.executor.work import Known, Worker
from eventline.settings import Settings
from eventline.store.codec import DocumentRecord


class RayExecutor:
    """One actor per worker, each holding its own stages; chunks are sent round-robin, in order.

    Connects to the cluster named by RAY_ADDRESS when set, else starts a local Ray instance.
    """

    def __init__(self, settings: Settings, known_ids: frozenset[str] = frozenset()) -> None:
        try:
            import ray
        except ImportError as exc:
            raise MissingExtraError("the ray executor", "ray") from exc
        self.ray = ray
        if not ray.is_initialized():
            ray.init(
                address=os.environ.get("RAY_ADDRESS"), include_dashboard=False,
                log_to_driver=False, configure_logging=False,
            )
        workers = settings.workers or int(ray.available_resources().get("CPU", 1)) or 1
        actor_cls = ray.remote(num_cpus=1)(_RayWorker)
        self.actors = [actor_cls.remote(settings, known_ids) for _ in range(workers)]
        self.settings = settings

    def map(self, raws: Iterable[RawDocument]) -> Iterator[DocumentRecord | Skip | Known]:
        pending: deque = deque()
        window = 2 * len(self.actors)
        for i, chunk in enumerate(_chunks(raws, self.settings.chunk_size)):
            pending.append(self.actors[i % len(self.actors)].batch.remote(chunk))
            while len(pending) >= window:
                yield from self.ray.get(pending.popleft())
        while pending:
            yield from self.ray.get(pending.popleft())

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []


class _RayWorker:
    def __init__(self, settings: Settings, known_ids: frozenset[str]) -> None:
        self.worker = Worker(settings, known_ids)

    def batch(self, raws: list[RawDocument]) -> list[DocumentRecord | Skip | Known]:
        return self.worker.batch(raws)
