#!/usr/bin/env bash
# Every GPU measurement of issue 25 in one run, from the project root of the device machine's copy
# (bench/gpu/prepare.sh first, here): generation at the bart-large-cnn and PRIMERA shapes (the per-cluster
# loop, Seq2SeqTrainer.predict batching, the hf engine; CTranslate2 when its CUDA build loads), then training
# (the recipe against Seq2SeqTrainer). Results go to $OUT (the device tool's folder) or bench/results.
#   bash bench/gpu/run.sh                     # the whole run (~7 minutes on one H200)
#   SMOKE=1 bash bench/gpu/run.sh             # tiny settings on a CPU: checks the script, not the GPU
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-bench/results}
mkdir -p "$OUT"
if [ -d bench/.cache/gpu/whl ] && ! python3 -c "import datasets, pysbd, evaluate" 2>/dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site bench/.cache/gpu/whl/*.whl || exit 1
    export PYTHONPATH=/tmp/site:$PWD
fi
export PYTHONPATH=${PYTHONPATH:-$PWD} HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1
[ -d bench/.cache/gpu/shared ] && export SUMMARIZE_SHARED=${SUMMARIZE_SHARED:-$PWD/bench/.cache/gpu/shared}
export SUMMARIZE_RESULTS=$OUT
(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true) > "$OUT/gpu_smi.txt" 2>&1
python3 -c "import torch, transformers, accelerate; print(torch.__version__, transformers.__version__, accelerate.__version__)" \
    | tee -a "$OUT/gpu_smi.txt"
if [ -n "${SMOKE:-}" ]; then
    DEV=cpu GEN="--clusters 2 --rounds 1 --new-tokens 8" TRAIN="--steps 3 --warmup 1 --examples 8 --max-input 128 --rounds 1"
    GEN_SHAPES=bart-base TRAIN_SHAPES=bart-base
else
    DEV=cuda GEN="--clusters 24 --rounds 2 --new-tokens 128" TRAIN="--steps 40 --warmup 10 --batch-size 8 --examples 250 --rounds 2"
fi
SYSTEMS="loop trainer hf"
if [ "$DEV" = cuda ] && python3 -c "import ctranslate2, sys; sys.exit(ctranslate2.get_cuda_device_count() == 0)" 2>/dev/null; then
    SYSTEMS="$SYSTEMS ct2-f32 ct2-int8"
else
    echo "CTranslate2 on CUDA not usable here: its rows are left out" | tee -a "$OUT/gpu_smi.txt"
fi
for shape in ${GEN_SHAPES:-bart-large-cnn PRIMERA-multinews}; do
    timeout "${GEN_S:-200}" python3 bench/generation.py --device "$DEV" $GEN --systems $SYSTEMS --shapes "$shape" \
        --out "generation_gpu_$shape" 2>&1 | grep -v "Loading weights" | tail -30
done
timeout "${TRAIN_S:-240}" python3 bench/train_throughput.py --device "$DEV" $TRAIN \
    --shapes ${TRAIN_SHAPES:-bart-large-cnn PRIMERA-multinews} --out train_throughput_gpu 2>&1 \
    | grep -v "Loading weights" | tail -30
echo all-done
