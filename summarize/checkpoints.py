"""Training checkpoints and the metrics log, as files on disk: written whole or not at all, verified before
a resume, never mixed with another configuration's run. The fine-tuning recipe (``training/finetune.py``)
drives them; nothing here knows about models or accelerate.

Layout of a run's ``output_dir``: ``checkpoints/step-N/`` (accelerate's state plus ``recipe_state.json``
with the position in the data, the run's config and a sha256 of every file), ``metrics.jsonl`` (one
record per line), and the loadable models ``final/`` and ``best/``.

Example:
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> checkpoints(out), ends_cut_short(out / "metrics.jsonl")
    ([], False)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarize.errors import ConfigError, InputError, SummarizeError, SummarizeWarning
from summarize.io.atomic import atomic_write_text

STATE_FILE = "recipe_state.json"
# what a resumed run must share with the checkpoint it continues (others, such as max_steps, may change)
RESUME_FIELDS = ("model", "train_file", "batch_size", "grad_accum", "learning_rate", "weight_decay", "warmup_steps",
                 "max_grad_norm", "label_smoothing", "max_target_tokens", "max_train_examples", "seed",
                 "gradient_checkpointing", "group_by_length", "abstractive", "clean", "load")


def checkpoints(out: Path) -> list[Path]:
    """The complete checkpoints under ``out/checkpoints``, oldest first."""
    root = out / "checkpoints"
    if not root.is_dir():
        return []
    # step-N only: a step-N.tmp folder is still being written (or was, when a run crashed)
    return sorted(p for p in root.glob("step-*") if re.fullmatch(r"step-\d+", p.name) and (p / STATE_FILE).is_file())


def find_checkpoint(out: Path, resume: str) -> Path:
    """The checkpoint to resume: ``latest`` is the newest one under ``out`` whose files match their checksums
    (a damaged newer one is passed over with a warning); a named one must be intact."""
    if resume == "latest":
        found = checkpoints(out)
        if not found:
            raise ConfigError(f"resume=latest: no complete checkpoint in {out / 'checkpoints'}")
        for path in reversed(found):
            problem = damaged(path)
            if problem is None:
                return path
            warnings.warn(f"checkpoint {path} is damaged ({problem}); trying the one before it",
                          SummarizeWarning, stacklevel=2)
        raise ConfigError(f"resume=latest: every checkpoint in {out / 'checkpoints'} is damaged")
    path = Path(resume)
    if not (path / STATE_FILE).is_file():
        raise ConfigError(f"resume: {path} is not a checkpoint folder ({STATE_FILE} not found)")
    problem = damaged(path)
    if problem:
        raise ConfigError(f"resume: checkpoint {path} is damaged ({problem})")
    return path


def read_state(path: Path, config: dict[str, Any]) -> dict[str, Any]:
    """A checkpoint's recipe state; a checkpoint of a run with other settings (``RESUME_FIELDS``) is refused,
    naming them."""
    state = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
    before = state.get("config", {})
    differ = [f"{k}: {before[k]!r} in the checkpoint, {config[k]!r} now" for k in RESUME_FIELDS
              if k in before and before[k] != config[k]]
    if differ:
        raise ConfigError(f"resume: {path} was trained with other settings ({'; '.join(differ)}); resume with "
                          f"the checkpoint's settings, or start a new run (another output_dir, or overwrite=true)")
    return state


def write_state(tmp: Path, state: dict[str, Any]) -> None:
    """The recipe state of the checkpoint being written in ``tmp``, with the checksums of its files."""
    state = {**state, "checksums": checksums(tmp)}
    with whole_or_removed(tmp, f"checkpoint {tmp.name.removesuffix('.tmp')}"):
        atomic_write_text(tmp / STATE_FILE, json.dumps(state, indent=1))


def checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file in a checkpoint folder (its state file aside), by relative path."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != STATE_FILE):
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 22):
                digest.update(chunk)
        out[path.relative_to(folder).as_posix()] = digest.hexdigest()
    return out


def damaged(folder: Path) -> str | None:
    """What is wrong with a checkpoint (an unreadable state file, a file missing or changed since it was
    written), or None when it is intact. Checkpoints written before checksums existed are trusted."""
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"{STATE_FILE} unreadable: {exc}"
    expected = state.get("checksums")
    if expected is None:
        return None
    found = checksums(folder)
    for name, digest in expected.items():
        if name not in found:
            return f"{name} is missing"
        if found[name] != digest:
            return f"{name} differs from its checksum"
    return None


@contextmanager
def whole_or_removed(tmp: Path, what: str):
    """Write ``tmp`` whole, or remove what was written of it (a full disk must not stay full of a half
    checkpoint) and say so; the checkpoints already complete are untouched."""
    try:
        yield
    except Exception as exc:  # OSError, safetensors' SafetensorError, torch's RuntimeError: all mean "not written"
        if not isinstance(exc, (OSError, RuntimeError)) and type(exc).__name__ != "SafetensorError":
            raise
        shutil.rmtree(tmp, ignore_errors=True)
        raise SummarizeError(f"could not write {what} to {tmp.parent} ({type(exc).__name__}: {exc}); the partial "
                             f"folder was removed and earlier checkpoints are intact: free space (or choose another "
                             f"output_dir) and resume with --set resume=latest") from exc


def publish(tmp: Path, final: Path) -> None:
    """Put the completed folder ``tmp`` in place of ``final``: the old one is renamed aside, the new one
    renamed in, then the old one deleted, so a crash at any moment leaves a whole model at ``final`` or
    beside it (``final.old``, put back by the next publish)."""
    old = final.with_name(final.name + ".old")
    if old.exists() and not final.exists():  # a crash between the two renames: the old model is intact
        old.rename(final)
    if final.exists():
        if old.exists():
            shutil.rmtree(old)
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def ends_cut_short(path: Path) -> bool:
    """Whether a file's last line lacks its newline (read from its last byte, not the whole file)."""
    if not path.is_file() or not path.stat().st_size:
        return False
    with open(path, "rb") as fh:
        fh.seek(-1, 2)
        return fh.read(1) != b"\n"


def read_metrics(path: Path) -> list[dict[str, Any]]:
    """The records of a metrics.jsonl; a last line cut short (kill -9, a full disk) is dropped with a warning,
    a damaged line before it is an error naming the file and line."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    records = []
    for n, line in enumerate(lines, start=1):
        try:
            records.append(json.loads(line))
        except ValueError:
            if n < len(lines):
                raise InputError(f"{path}:{n}: damaged metrics line; remove it (or the file) to resume") from None
            warnings.warn(f"{path}:{n}: dropped a metrics line cut short by an interrupted run", SummarizeWarning,
                          stacklevel=2)
    return records


def append_metrics(path: Path, record: dict[str, Any]) -> None:
    """Append one whole line to a metrics.jsonl (a line a crash cut short is dropped first, never glued to)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if ends_cut_short(path):
        _rewrite_metrics(path, read_metrics(path))
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
        fh.flush()


def keep_metrics_until(path: Path, step: int) -> None:
    """Drop the records logged after ``step`` (a resumed run logs them again)."""
    if path.is_file():
        _rewrite_metrics(path, [r for r in read_metrics(path) if r.get("step", 0) <= step])


def _rewrite_metrics(path: Path, records: list[dict[str, Any]]) -> None:
    atomic_write_text(path, "".join(json.dumps(r) + "\n" for r in records))
