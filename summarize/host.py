"""What the host gives one process: CPU threads and available memory, and the process's share of them when
``summarize run -n N`` runs several processes on one machine.

``-n N`` tells each process its share through its environment (``child_env``): ``OMP_NUM_THREADS``, the
cores divided among the processes (as torchrun does; torch, oneMKL and CTranslate2 read it), and
``SUMMARIZE_DEVICE_SHARE``, how many processes share its device (the host's memory on a CPU, its GPU on a
GPU machine), so that each sizes its generation batches from its part of the free memory. Before, every
process took every core: on 2 cores ``-n 2`` ran 16 bart-base clusters at 0.35x one process; with the
shares at 1.08x (bench/processes.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

SHARE_ENV = "SUMMARIZE_DEVICE_SHARE"


def cores() -> int:
    """The CPU cores this process may run on (its affinity mask, e.g. a container's or ``taskset``'s)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def positive_setting(environ: Mapping[str, str], key: str) -> int | None:
    """The positive integer an environment variable holds, else None (unset, empty, 0, not a number). A
    list, as OpenMP's nested ``OMP_NUM_THREADS=4,2``, gives its first (outermost) entry.

    Example:
        >>> [positive_setting({"K": v}, "K") for v in ("3", " 4,2", "0", "all", "")]
        [3, 4, None, None, None]
    """
    value = environ.get(key, "").split(",")[0].strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def cpu_threads(environ: Mapping[str, str] = os.environ) -> int:
    """Threads for this process's CPU work: ``OMP_NUM_THREADS`` where it is set (the share ``-n N`` or a
    launcher gave it, or the user's choice), else every core it may run on.

    Example:
        >>> cpu_threads({"OMP_NUM_THREADS": "3"})
        3
    """
    return positive_setting(environ, "OMP_NUM_THREADS") or cores()


def device_share(kind: str, environ: Mapping[str, str] = os.environ) -> int:
    """How many processes share this process's device (``kind``: cpu, cuda, ...): ``SUMMARIZE_DEVICE_SHARE``
    (set by ``-n N``), else on a CPU the launcher's ``LOCAL_WORLD_SIZE`` (torchrun, ``accelerate launch``:
    processes on this machine), else 1.

    Example:
        >>> device_share("cpu", {"LOCAL_WORLD_SIZE": "4"}), device_share("cuda", {"LOCAL_WORLD_SIZE": "4"})
        (4, 1)
    """
    for key in (SHARE_ENV,) + (("LOCAL_WORLD_SIZE",) if kind == "cpu" else ()):
        if (value := positive_setting(environ, key)) is not None:
            return value
    return 1


def child_env(k: int, n: int, gpus: int, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment of process ``k`` of ``n`` started by ``-n N`` on this machine: not a launcher's rank
    (``WORLD_SIZE=1``); on a GPU machine GPU ``k mod gpus`` of those this process sees; its share of the
    cores (unless ``OMP_NUM_THREADS`` is set already) and the number of processes on its device.

    Example:
        >>> env = child_env(1, 3, gpus=2, environ={"CUDA_VISIBLE_DEVICES": "4,5"})
        >>> env["CUDA_VISIBLE_DEVICES"], env["SUMMARIZE_DEVICE_SHARE"]
        ('5', '1')
    """
    env = dict(environ, WORLD_SIZE="1")
    if gpus:
        visible = [d for d in environ.get("CUDA_VISIBLE_DEVICES", "").split(",") if d.strip()]
        env["CUDA_VISIBLE_DEVICES"] = visible[k % gpus].strip() if len(visible) >= gpus else str(k % gpus)
        env[SHARE_ENV] = str(len(range(k % gpus, n, gpus)))  # the processes given the same GPU
    else:
        env[SHARE_ENV] = str(n)
    return env | thread_share(n, environ)


def thread_share(n: int, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """``OMP_NUM_THREADS`` for each of ``n`` processes on this machine: the cores divided among them, or
    nothing where a thread count is set already (the user's choice; a value that is none, as ``all``, is
    replaced: ``cpu_threads`` would read it as every core, in every process). ``summarize train -n N`` on a
    CPU passes it to ``accelerate launch``, whose launcher would otherwise give every process one thread.

    Example:
        >>> thread_share(2, {"OMP_NUM_THREADS": "3"})
        {}
    """
    if positive_setting(environ, "OMP_NUM_THREADS") is not None:
        return {}
    return {"OMP_NUM_THREADS": str(max(1, cores() // n))}


def host_free_memory(meminfo: str = "/proc/meminfo", cgroup: str = "/sys/fs/cgroup") -> int | None:
    """Bytes this process can still allocate on the host: the kernel's ``MemAvailable``, or less where the
    process's cgroup (a container's limit) leaves less; None where neither is readable (not Linux).

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "meminfo").write_text("MemAvailable:    8000000 kB\\n")
        >>> host_free_memory(str(d / "meminfo"), str(d)) == 8000000 * 1024
        True
        >>> _ = (d / "memory.max").write_text("4294967296\\n"); _ = (d / "memory.current").write_text("1073741824\\n")
        >>> host_free_memory(str(d / "meminfo"), str(d))
        3221225472
    """
    free = None
    try:
        with open(meminfo, encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    free = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    try:
        limit = Path(cgroup, "memory.max").read_text().strip()
        if limit != "max":
            left = int(limit) - int(Path(cgroup, "memory.current").read_text())
            free = left if free is None else min(free, left)
    except (OSError, ValueError):
        pass
    return max(free, 0) if free is not None else None
