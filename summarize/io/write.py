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
from summarize.fingerprints import run_code_hash
from summarize.io.atomic import atomic_write_text

INPUT = "articles_hash"  # a record's ``input_key``: which articles its summary was made from
_OLD_INPUT = "_input"  # the name partial files of earlier versions kept it under


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
    re-run what to skip, and ``finish(order)`` writes ``PATH`` atomically in input order. ``made_by`` names
    what made this run's records (``made_by()``: the config's hash, the code's and the checkpoint's): a partial
    file holding records made otherwise (another config, another version of summarize, a checkpoint retrained at
    the same path; a record without a field is from a version that kept none) is refused (``ConfigError``
    naming both sides) rather than mixed into one output; ``restart`` discards it instead. With ``inputs``
    (cluster id -> ``input_key``), a record keeps the key of the input it was made from (``articles_hash``,
    in the partial file and the finished one), and one made from another input with the same id is not done:
    it is redone (a row without a key, from a version that kept none, is taken as before). Rows of a finished
    ``PATH`` made the same way from the same articles count as done as well: a re-run over an input that
    grew, or had some clusters edited, redoes only the new and the edited ones; one made otherwise redoes all.

    Example:
        >>> import tempfile, pathlib
        >>> out = ResumableJsonl(pathlib.Path(tempfile.mkdtemp()) / "preds.jsonl")
        >>> out.append({"id": "b"}); out.append({"id": "a"}); out.finish(["a", "b"])
        >>> out.path.read_text().splitlines()
        ['{"id": "a"}', '{"id": "b"}']
    """

    def __init__(self, path: str | Path, made_by: dict[str, str | None] | None = None, restart: bool = False,
                 inputs: dict[str, str] | None = None) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.inputs = inputs
        self._records: dict[str, dict[str, Any]] = {}
        made_by = made_by or {}
        if restart:
            self.partial.unlink(missing_ok=True)
        rows = [] if restart or inputs is None else _rows(self.path)  # the finished output, read once
        otherwise = [(r, f) for r, f in ((r, made_otherwise(r, made_by)) for r in rows) if f]
        # what ``outdated()`` tells: the finished output's rows made otherwise, which this run redoes
        self._outdated = (len(otherwise), *otherwise[0]) if otherwise else None
        for rec in rows:  # its rows made this way from these articles are done too: a grown input redoes
            key = rec.get(INPUT)  # only its new clusters
            if key is not None and not made_otherwise(rec, made_by) and key == inputs.get(str(rec.get("id"))):
                self._records[str(rec["id"])] = rec
        # PATH is a finished batch of exactly the clusters ``inputs`` names (in input order), made this way from
        # these articles, with no partial file beside it: a re-run has nothing to do (an input edited under the
        # same ids is not finished)
        self.finished = (bool(rows) and not self.partial.exists() and [str(r.get("id")) for r in rows] == list(inputs)
                         and all(not made_otherwise(r, made_by) and _same_input(r, inputs) for r in rows))
        if self.partial.exists():
            records = []
            for line in self.partial.read_text(encoding="utf-8").splitlines():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue  # a line cut by a crash: that cluster is redone
            for rec in records:
                if _OLD_INPUT in rec:
                    rec[INPUT] = rec.pop(_OLD_INPUT)
                field = made_otherwise(rec, made_by)
                if field:
                    n = f"{len(records)} finished row{'s' * (len(records) != 1)}"
                    raise ConfigError(f"{self.partial} holds summaries made {_OTHERWISE[field](rec, made_by)}: rows "
                                      f"made two ways are not mixed in one output. {_advice(field, rec)} to resume, or "
                                      f"add --restart to discard its {n} and start over")
                if _same_input(rec, inputs):
                    self._records[str(rec["id"])] = rec

    def outdated(self) -> str | None:
        """A note on the finished output's rows that this run redoes because they were made otherwise (another
        config, version or checkpoint), or None."""
        if self._outdated is None:
            return None
        n, row, field = self._outdated
        what = ("without the model (it could not be loaded then)" if field == "model_hash" and not row.get(field)
                else _WHAT[field])
        return f"{self.path}: {n} of its summaries were made {what}; they are redone, not kept"

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
        lines = [json.dumps(self._records[i], ensure_ascii=False) + "\n" for i in order if i in self._records]
        atomic_write_text(self.path, "".join(lines))
        self.partial.unlink(missing_ok=True)


def made_by(config, model_hash: str | None = None) -> dict[str, str | None]:
    """What makes a run's rows what they are, as its rows record it: the config's hash, the code's
    (``fingerprints.run_code_hash``), for a model its checkpoint's (``fingerprints.checkpoint_fingerprint``),
    and the precision the sentence embedder computes in on this machine (``embed_precision: auto`` is
    bfloat16 on one CPU, float32 on another, and extracts can differ between the two)."""
    from summarize.embed import resolve_precision

    return dict(zip(MADE_FIELDS, (resolve_precision(config.embed_precision), config.hash(), run_code_hash(),
                                  model_hash)))


# what ``made_by`` records; the precision first: under ``auto`` it is what differs between two machines, and it
# changes the config hash too
MADE_FIELDS = ("embed_precision", "config_hash", "code_hash", "model_hash")
# fields a row may lack (rows written before they were recorded): the config hash covers them
_SINCE = frozenset({"embed_precision"})


def made_otherwise(record: dict[str, Any], made: dict[str, str | None]) -> str | None:
    """The first field of ``made`` that ``record`` has otherwise (None: made this way)."""
    return next((k for k, v in made.items() if record.get(k) != v and (k in record or k not in _SINCE)), None)


_OTHERWISE = {  # how a partial file's rows were made otherwise, by the field that differs
    "config_hash": lambda r, m: f"with config {r.get('config_hash')}, but this run's config is {m['config_hash']}",
    "code_hash": lambda r, m: (f"by other code (summarize {(r.get('versions') or {}).get('summarize') or 'of an older version'}, "
                               f"code {r.get('code_hash') or 'not recorded'}) than this run's (code {m['code_hash']})"),
    "model_hash": lambda r, m: (f"by another checkpoint of {r.get('model') or 'the model'} (model hash "
                                f"{r.get('model_hash') or 'none'}; this run's is {m['model_hash'] or 'none'}: retrained, "
                                "replaced or newly downloaded)"),
    "embed_precision": lambda r, m: (f"with sentence vectors in {r['embed_precision']}, "
                                     f"but this run computes them in {m['embed_precision']} (embed_precision: auto "
                                     "differs between machines)"),
}
_WHAT = {"config_hash": "with another config", "code_hash": "by another version of summarize",
         "model_hash": "by another checkpoint of the model",
         "embed_precision": "with sentence vectors in another precision"}
_RESUME = {"config_hash": "Re-run with the same config", "code_hash": "Re-run with the version that made them",
           "model_hash": "Re-run with the checkpoint that made them",
           "embed_precision": lambda r: f"Re-run with --set embed_precision={r['embed_precision']}"}


def _advice(field: str, record: dict[str, Any]) -> str:
    """How to resume a partial file whose ``record`` was made otherwise in ``field``."""
    advice = _RESUME[field]
    return advice(record) if callable(advice) else advice


def _same_input(record: dict[str, Any], inputs: dict[str, str] | None) -> bool:
    """Whether ``record`` was made from the input ``inputs`` has under its id (a record without a key, from a
    version that kept none, is taken as made from it)."""
    key = record.get(INPUT)
    return inputs is None or key is None or inputs.get(str(record["id"])) == key


def _rows(path: Path) -> list[dict[str, Any]]:
    """The records of a finished output (none when it is missing or not this sink's JSONL)."""
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    return rows if all(isinstance(r, dict) for r in rows) else []
