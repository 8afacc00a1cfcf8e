#!/usr/bin/env bash
# KT inference figures in one run on one machine: the C# ONNX benchmarks (BenchmarkDotNet, tests/TutorApp.Benchmarks)
# and then the PyTorch eager baseline on the same inputs, which prints both side by side with the speed-up ratio.
# Usage: src/kt-training/bench.sh [OUT_DIR]   (default /tmp/kt-inference-bench; needs TUTOR_DATA_DIR or ../shared/data)
# BenchmarkDotNet raises its process to High priority (nice -11 on Linux), so the baseline runs at -11 too (needs root;
# without it the baseline runs at the current priority and the ratio favours C# on a busy machine).
set -euo pipefail
cd "$(dirname "$0")"
out=$(realpath -m "${1:-/tmp/kt-inference-bench}")
mkdir -p "$out"
uptime | tee "$out/load.txt"
dotnet run -c Release --project ../../tests/TutorApp.Benchmarks -- \
  --filter '*KtInferenceBenchmarks*' '*KtBatchBenchmarks*' '*BktUpdateBenchmarks*' --artifacts "$out" > "$out/dotnet.log"
grep -h '^|' "$out"/results/*-report-github.md
uptime | tee -a "$out/load.txt"
priority=(nice -n -11)
if [[ $(id -u) -ne 0 ]]; then priority=(); fi
"${priority[@]}" /usr/bin/python3 -m kt_training.bench --dotnet "$out/results" --json "$out/python.json"
uptime | tee -a "$out/load.txt"
