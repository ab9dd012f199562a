#!/usr/bin/env python3
"""Convert R1-Code-Interpreter-3B (Hugging Face) into the MLC folder the app downloads.

    python3 models/convert/convert.py --checkpoint ./R1-Code-Interpreter-3B --out ./dist-models [--quantization q4f16_1 q4f32_1]

Needs `mlc_llm` (pip install --pre mlc-llm-nightly-cpu mlc-ai-nightly-cpu -f https://mlc.ai/wheels) and the
checkpoint on disk (huggingface-cli download yongchao98/R1-Code-Interpreter-3B --local-dir ./R1-Code-Interpreter-3B).
No model library is compiled: the app uses web-llm's prebuilt Qwen2.5-3B-Instruct libraries, which is why
the checkpoint's architecture is checked first (see checks.py). See README.md in this folder.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import (  # noqa: E402
    PREFILL_CHUNK_SIZE, SUPPORTED_QUANTIZATIONS, CheckFailed, check_checkpoint_config, check_output_folder,
    ensure_tensor_cache_name, load_json, output_folder_name,
)

#: The harness needs 4096 new tokens plus the prompt and code results (models/r1ci.protocol.ts contextWindow).
CONTEXT_WINDOW = 8192


def run(command: list[str], dry_run: bool) -> None:
    print("+ " + " ".join(command), flush=True)
    if not dry_run:
        subprocess.run(command, check=True)


def convert(checkpoint: str, out_base: str, quantization: str, dry_run: bool) -> str:
    out = os.path.join(out_base, output_folder_name(quantization))
    mlc = [sys.executable, "-m", "mlc_llm"]
    run(mlc + ["convert_weight", checkpoint, "--quantization", quantization, "--output", out], dry_run)
    run(mlc + ["gen_config", checkpoint, "--quantization", quantization, "--conv-template", "qwen2",
               "--context-window-size", str(CONTEXT_WINDOW), "--prefill-chunk-size", str(PREFILL_CHUNK_SIZE),
               "--output", out], dry_run)
    if dry_run:
        return out
    if ensure_tensor_cache_name(out):
        print(f"copied ndarray-cache.json to tensor-cache.json in {out} (web-llm 0.2.86 reads the new name)")
    summary = check_output_folder(out, quantization)
    print(f"OK {out}: {summary['files']} shards, {summary['bytes'] / 1e9:.2f} GB")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", required=True, help="folder of the Hugging Face checkpoint (config.json, *.safetensors, tokenizer.json)")
    parser.add_argument("--out", required=True, help="where to write R1-Code-Interpreter-3B-<quantization>-MLC/ folders")
    parser.add_argument("--quantization", nargs="+", default=list(SUPPORTED_QUANTIZATIONS), choices=SUPPORTED_QUANTIZATIONS)
    parser.add_argument("--dry-run", action="store_true", help="check the checkpoint and print the mlc_llm commands only")
    args = parser.parse_args(argv)
    try:
        check_checkpoint_config(load_json(os.path.join(args.checkpoint, "config.json")), os.path.join(args.checkpoint, "config.json"))
        if not args.dry_run and shutil.which("mlc_llm") is None:
            try:
                import mlc_llm  # noqa: F401
            except ImportError:
                raise CheckFailed("mlc_llm is not installed: pip install --pre mlc-llm-nightly-cpu mlc-ai-nightly-cpu -f https://mlc.ai/wheels")
        outs = [convert(args.checkpoint, args.out, q, args.dry_run) for q in args.quantization]
    except CheckFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as err:
        print(f"error: {' '.join(err.cmd)} failed with exit code {err.returncode}", file=sys.stderr)
        return 1
    print("\nNext: copy each folder into the deployed app's models/ folder (see models/README.md):")
    for out in outs:
        print(f"  {out}  ->  <site>/models/{os.path.basename(out)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
