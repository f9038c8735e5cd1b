"""Run one function over many tasks: in a pool of local processes (every core by default, no
service to start) or on a Dask distributed cluster named by its scheduler's address.

The function must be importable by name (a module's top level) and depend only on its task,
so that any worker anywhere computes the same result: `collate batch` and `collate discover`
write their files in the calling process, from the results, and so are the same byte for byte
whichever way they ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from collate.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 4
"""Tasks queued per worker: enough to keep every worker busy, few enough to bound memory."""


def run_all(
    function: Callable[[T], R],
    tasks: Iterable[T],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[R]:
    """``function`` over ``tasks``, results as they finish (not in task order).

    ``scheduler``: the address of a Dask scheduler (``tcp://host:8786``) to run on; else
    ``workers`` local processes (default: one per core; one: in this process)."""
    if workers is not None and workers < 1:
        raise ConfigError(f"workers must be 1 or more, not {workers}")
    if scheduler:
        return _dask(function, tasks, scheduler)
    return _local(function, tasks, workers or os.cpu_count() or 1)


def _local(function: Callable[[T], R], tasks: Iterable[T], workers: int) -> Iterator[R]:
    if workers == 1:
        yield from map(function, tasks)
        return
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait

    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[R]] = set()
        for task in tasks:
            pending.add(pool.submit(function, task))
            if len(pending) >= workers * IN_FLIGHT:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in finished)
        for future in as_completed(pending):
            yield future.result()


CHUNK = 8
"""Tasks sent to a Dask worker at once: a round trip to the cluster costs milliseconds, so
small tasks travel in chunks."""


def _each(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(task) for task in chunk]


def _chunks(tasks: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _dask(function: Callable[[T], R], tasks: Iterable[T], scheduler: str) -> Iterator[R]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ConfigError(
            "a Dask scheduler was named, but Dask is not installed: pip install 'collate[dask]'"
        ) from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    except ValueError as error:  # an address Dask cannot read ("missing port number")
        raise ConfigError(f"the Dask scheduler's address {scheduler!r}: {error}") from None
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        queue: Any = as_completed()
        count = 0
        for chunk in _chunks(tasks, CHUNK):
            queue.add(client.submit(_each, function, chunk, pure=False))
            count += 1
            if count >= workers * IN_FLIGHT:
                yield from next(queue).result()
                count -= 1
        for future in queue:
            yield from future.result()
