"""Reading gold event labels for ``summarize cluster --gold``."""

from __future__ import annotations

import json
from pathlib import Path

from summarize.errors import InputError
from summarize.io.tables import documents_of, jsonl_rows


def load_gold(path: str | Path) -> dict[str, str]:
    """Article id -> gold event, from a JSON object ``{id: label}``, a JSONL of ``{"id", "label"}``
    rows, or the shared schema (``{"id", "documents"}``: document ``i`` of row ``ID`` is ``ID:i``).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
        >>> _ = p.write_text('{"id": "e1", "documents": ["a", "b"]}\\n')
        >>> load_gold(p)
        {'e1:0': 'e1', 'e1:1': 'e1'}
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: gold file not found")
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("{") and "\n{" not in text.strip():
        data = json.loads(text)
        if isinstance(data, dict) and "id" not in data:
            return {str(k): str(v) for k, v in data.items()}
    gold: dict[str, str] = {}
    for lineno, row in jsonl_rows(path, text):
        if "documents" in row:
            pairs = documents_of(row["documents"])
            if pairs is None:
                raise InputError(f"{path}:{lineno}: 'documents' must be a list of strings or a '|||||'-joined string")
            gold.update({f"{row['id']}:{i}": str(row["id"]) for i, _ in pairs})
        elif "id" in row and "label" in row:
            gold[str(row["id"])] = str(row["label"])
        else:
            raise InputError(f"{path}:{lineno}: expected {{\"id\", \"label\"}} or {{\"id\", \"documents\"}}")
    if not gold:
        raise InputError(f"{path}: no gold labels")
    return gold
