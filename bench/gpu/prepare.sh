#!/usr/bin/env bash
# On a CPU machine with the registries: what bench/gpu/run.sh needs on a bare GPU machine (torch, transformers
# and accelerate preinstalled, Python 3.12, no network), put under bench/.cache/gpu (git-ignored; pass it to the
# device tool as `carry: ["bench/.cache/gpu"]`): wheels of the missing packages, the tokenizers and the data.
set -euo pipefail
cd "$(dirname "$0")/../.."
DEST=bench/.cache/gpu
SHARED=${SUMMARIZE_SHARED:-../shared}
mkdir -p "$DEST/whl" "$DEST/shared/data"
python -m pip download -q --no-deps --only-binary=:all: --python-version "${GPU_PYTHON:-3.12}" --implementation cp \
    --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux_2_28_x86_64 \
    -d "$DEST/whl" datasets dill multiprocess evaluate pysbd lxml_html_clean xxhash
cp -r "$SHARED/tokenizers" "$DEST/shared/"
cp "$SHARED/data/multinews_validation.jsonl" "$DEST/shared/data/"
du -sh "$DEST"
