"""A batch output written row by row and resumable (``ResumableJsonl``); files are written whole by ``io.atomic``
and rendered by ``io.render``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from summarize.errors import ConfigError
from summarize.io.atomic import atomic_write_text


class ResumableJsonl:
    """A JSONL batch output that survives interruption.

    Finished records go to ``PATH.partial`` one line at a time (flushed); ``done_ids()`` tells a
    re-run what to skip, and ``finish(order)`` writes ``PATH`` atomically in input order. With
    ``config_hash``, a partial file holding records of another config is refused (``ConfigError`` naming
    both hashes) rather than mixed into one output; ``restart`` discards it instead.

    Example:
        >>> import tempfile, pathlib
        >>> out = ResumableJsonl(pathlib.Path(tempfile.mkdtemp()) / "preds.jsonl")
        >>> out.append({"id": "b"}); out.append({"id": "a"}); out.finish(["a", "b"])
        >>> out.path.read_text().splitlines()
        ['{"id": "a"}', '{"id": "b"}']
    """

    def __init__(self, path: str | Path, config_hash: str | None = None, restart: bool = False) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self._records: dict[str, dict[str, Any]] = {}
        if restart:
            self.partial.unlink(missing_ok=True)
        if self.partial.exists():
            records = []
            for line in self.partial.read_text(encoding="utf-8").splitlines():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue  # a line cut by a crash: that cluster is redone
            for rec in records:
                if config_hash is not None and rec.get("config_hash") != config_hash:
                    raise ConfigError(
                        f"{self.partial} holds summaries made with config {rec.get('config_hash')}, but this run's "
                        f"config is {config_hash}: re-run with the same config to resume, or add --restart to "
                        f"discard its {len(records)} finished row{'s' * (len(records) != 1)} and start over")
                self._records[str(rec["id"])] = rec

    @staticmethod
    def finished(path: str | Path, config_hash: str, ids: list[str]) -> bool:
        """Whether ``path`` is a finished batch of exactly the clusters ``ids`` by this config (no partial
        file beside it): a re-run has nothing to do."""
        path = Path(path)
        if not path.is_file() or path.with_name(path.name + ".partial").exists():
            return False
        try:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        except (OSError, ValueError):
            return False
        return [str(r.get("id")) for r in rows] == ids and all(r.get("config_hash") == config_hash for r in rows)

    def done_ids(self) -> set[str]:
        return set(self._records)

    def append(self, record: dict[str, Any]) -> None:
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        with open(self.partial, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self._records[str(record["id"])] = record

    def finish(self, order: Iterable[str]) -> None:
        lines = [json.dumps(self._records[i], ensure_ascii=False) + "\n" for i in order if i in self._records]
        atomic_write_text(self.path, "".join(lines))
        self.partial.unlink(missing_ok=True)
