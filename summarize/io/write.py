"""The one batch sink: a JSONL output written row by row and resumable (``ResumableJsonl``), the same for a
local run, each process of ``-n N`` (its shard's file) and the Ray driver. Files are written whole by
``io.atomic`` and rendered by ``io.render``."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

from summarize.errors import ConfigError
from summarize.io.atomic import atomic_write_text

INPUT = "_input"  # a partial record's input key


def input_key(cluster) -> str:
    """A hash of a cluster as input: its id, its articles' ids and texts (the same input, the same key).

    Example:
        >>> from summarize.types import Article, Cluster
        >>> a = input_key(Cluster("c", [Article("a", "Putin arrived.")]))
        >>> a == input_key(Cluster("c", [Article("a", "Putin left.")])), len(a)
        (False, 16)
    """
    digest = hashlib.sha256(f"\0{cluster.id}\0".encode("utf-8", "surrogatepass"))
    for article in cluster.articles:
        digest.update(f"\1{article.id}\1{article.text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


class ResumableJsonl:
    """A JSONL batch output that survives interruption.

    Finished records go to ``PATH.partial`` one line at a time (flushed); ``done_ids()`` tells a
    re-run what to skip, and ``finish(order)`` writes ``PATH`` atomically in input order. With
    ``config_hash``, a partial file holding records of another config is refused (``ConfigError`` naming
    both hashes) rather than mixed into one output; ``restart`` discards it instead. With ``inputs``
    (cluster id -> ``input_key``), a record keeps the key of the input it was made from (in the partial
    file only), and one made from another input with the same id is not done: it is redone (a row without a
    key, from a version that kept none, is taken as before).

    Example:
        >>> import tempfile, pathlib
        >>> out = ResumableJsonl(pathlib.Path(tempfile.mkdtemp()) / "preds.jsonl")
        >>> out.append({"id": "b"}); out.append({"id": "a"}); out.finish(["a", "b"])
        >>> out.path.read_text().splitlines()
        ['{"id": "a"}', '{"id": "b"}']
    """

    def __init__(self, path: str | Path, config_hash: str | None = None, restart: bool = False,
                 inputs: dict[str, str] | None = None) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.inputs = inputs
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
                key = rec.get(INPUT)  # None: a row of a version that kept no key, taken as before
                if inputs is None or key is None or inputs.get(str(rec["id"])) == key:  # else: another input's
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
        if self.inputs is not None:
            record = {**record, INPUT: self.inputs.get(str(record["id"]))}
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        with open(self.partial, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self._records[str(record["id"])] = record

    def finish(self, order: Iterable[str]) -> None:
        lines = [json.dumps({k: v for k, v in self._records[i].items() if k != INPUT}, ensure_ascii=False) + "\n"
                 for i in order if i in self._records]
        atomic_write_text(self.path, "".join(lines))
        self.partial.unlink(missing_ok=True)
