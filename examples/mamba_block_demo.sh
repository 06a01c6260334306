#!/usr/bin/env bash
# Runs one Mamba v1 block (d_model=768, d_state=16, expand 2) on random weights with the vector and the scalar
# backend and prints both times. Needs only JDK 25 and Maven (the launcher builds on first use); no Python.
#   examples/mamba_block_demo.sh [LENGTH] [THREADS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
L="${1:-2048}"
T="${2:-1}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
./ssm4j run make-random-mamba --d-model 768 --d-state 16 --d-conv 4 --expand 2 --batch 1 --length "$L" \
  --seed 0 --weights "$WORK/mamba.safetensors" --input "$WORK/hidden.npy"
for backend in vector scalar; do
  ./ssm4j run mamba-block --weights "$WORK/mamba.safetensors" --input "$WORK/hidden.npy" \
    --output "$WORK/out_$backend.npy" --backend "$backend" --threads "$T" --repeat 5
done
# the two backends agree (a few fp32 ulp per accumulated term)
python3 - "$WORK" <<'PY' 2>/dev/null || echo "(python3 with numpy not found: skipped the vector-vs-scalar comparison)"
import sys, numpy as np
a = np.load(sys.argv[1] + "/out_vector.npy"); b = np.load(sys.argv[1] + "/out_scalar.npy")
print("max |vector - scalar| / max |scalar| = %.2e" % (np.abs(a - b).max() / np.abs(b).max()))
PY
