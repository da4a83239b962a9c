"""Stops the local Ray cluster a run started when the run's process dies without stopping it (kill -9, OOM).

    python -m summarize.ray_watchdog DRIVER_PID [EXCLUDED_PID ...]

``ray.init()`` without an address starts GCS, raylet, the dashboard and runtime-env agents and workers as
the driver's descendants; ``ray.shutdown()`` stops them, but a driver killed by a signal never calls it,
and the agents outlived it. This process, started in its own session by the runner right after
``ray.init``, records the driver's new descendants (process id and start time, so that a reused id is
never taken for one of them) twice a second; once the driver is gone it sends them SIGTERM, then SIGKILL
to those still alive two seconds later. The runner stops it after a normal ``ray.shutdown()``. Linux
(``/proc``) only; elsewhere it exits at once.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

PROC = Path("/proc")


def _stat(pid: int) -> tuple[int, int] | None:
    """``(parent pid, start time)`` of a live process, None when it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # after "pid (comm) ": state, ppid, ...; starttime is the 20th
    return int(fields[1]), int(fields[19])


def processes() -> dict[int, tuple[int, int]]:
    """Every live process: pid -> (parent pid, start time)."""
    out = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            found = _stat(int(entry.name))
            if found is not None:
                out[int(entry.name)] = found
    return out


def descendants(roots: set[int], table: dict[int, tuple[int, int]]) -> dict[int, int]:
    """pid -> start time of every process below ``roots`` in ``table``."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = {}, list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in out:
                out[child] = table[child][1]
                todo.append(child)
    return out


def watch(driver: int, excluded: set[int], interval: float = 0.5) -> int:
    """Record the driver's descendants until it dies, then stop them; the number of processes signalled."""
    seen: dict[int, int] = {}
    start = _stat(driver)
    while start is not None and _stat(driver) == start:
        seen.update({p: t for p, t in descendants({driver}, processes()).items() if p not in excluded})
        time.sleep(interval)
    table = processes()
    seen.update(descendants(set(seen), table))  # children of recorded processes, started since the last look
    alive = [p for p, t in seen.items() if p in table and table[p][1] == t]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in alive:
            try:
                os.kill(pid, sig)
            except OSError:
                pass
        if sig == signal.SIGTERM:
            time.sleep(2)
            table = processes()
            alive = [p for p in alive if p in table and table[p][1] == seen[p]]
    return len(seen)


def main(argv: list[str]) -> int:
    if not PROC.is_dir() or not argv:
        return 0
    driver, excluded = int(argv[0]), {int(x) for x in argv[1:]} | {os.getpid()}
    watch(driver, excluded)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
