"""Pure checks of the R1-CI conversion recipe (no third-party packages; tested by test_checks.py).

The app runs R1-Code-Interpreter-3B with web-llm's *prebuilt* Qwen2.5-3B-Instruct model libraries. A
compiled library has the model's shapes and constants baked in, so the weights must come from a
checkpoint with exactly Qwen2.5-3B-Instruct's architecture: anything else would load and then compute
garbage (or fail deep inside WebGPU). These checks refuse such a checkpoint before converting it, and
check the converted folder before it is published.
"""
from __future__ import annotations

import json
import os
from typing import Any, Mapping

#: Qwen2.5-3B-Instruct's config.json values the compiled library depends on.
QWEN25_3B_ARCHITECTURE: dict[str, Any] = {
    "model_type": "qwen2",
    "vocab_size": 151936,
    "hidden_size": 2048,
    "intermediate_size": 11008,
    "num_hidden_layers": 36,
    "num_attention_heads": 16,
    "num_key_value_heads": 2,
    "tie_word_embeddings": True,
    "hidden_act": "silu",
    "rope_theta": 1000000.0,
    "rms_norm_eps": 1e-6,
}

#: Quantizations web-llm ships Qwen2.5-3B-Instruct libraries for.
SUPPORTED_QUANTIZATIONS = ("q4f16_1", "q4f32_1")

#: The prebuilt libraries are compiled with a prefill chunk of 1024 tokens ("_cs1k" in their names).
PREFILL_CHUNK_SIZE = 1024

#: Manifest names: web-llm 0.2.86 reads the first; mlc_llm before the TVM rename wrote the second.
TENSOR_CACHE = "tensor-cache.json"
LEGACY_NDARRAY_CACHE = "ndarray-cache.json"


class CheckFailed(Exception):
    """A check failed; the message says what differs and what to do."""


def architecture_mismatches(config: Mapping[str, Any]) -> list[str]:
    """Lines describing each value of `config` that differs from Qwen2.5-3B-Instruct (empty: it matches)."""
    problems = []
    for key, expected in QWEN25_3B_ARCHITECTURE.items():
        if key not in config:
            problems.append(f"{key}: missing (Qwen2.5-3B-Instruct has {expected!r})")
            continue
        actual = config[key]
        if isinstance(expected, float):
            same = isinstance(actual, (int, float)) and not isinstance(actual, bool) and abs(actual - expected) <= 1e-9 * max(1.0, abs(expected))
        else:
            same = type(actual) is type(expected) and actual == expected
        if not same:
            problems.append(f"{key}: {actual!r} (Qwen2.5-3B-Instruct has {expected!r})")
    architectures = config.get("architectures")
    if architectures is not None and "Qwen2ForCausalLM" not in architectures:
        problems.append(f"architectures: {architectures!r} (Qwen2.5-3B-Instruct has ['Qwen2ForCausalLM'])")
    return problems


def check_checkpoint_config(config: Mapping[str, Any], source: str = "config.json") -> None:
    """Raises CheckFailed unless the checkpoint has Qwen2.5-3B-Instruct's architecture."""
    problems = architecture_mismatches(config)
    if problems:
        raise CheckFailed(
            f"Refusing to convert: {source} does not match Qwen2.5-3B-Instruct, whose prebuilt web-llm model "
            "libraries the app uses for R1-CI-3B. Differences:\n  - " + "\n  - ".join(problems) + "\n"
            "A different architecture needs its own compiled model library (mlc_llm compile) and a custom "
            "catalog entry instead."
        )


def load_json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        raise CheckFailed(f"{path} does not exist.") from None
    except json.JSONDecodeError as err:
        raise CheckFailed(f"{path} is not valid JSON ({err}).") from None


def check_quantization(quantization: str) -> None:
    if quantization not in SUPPORTED_QUANTIZATIONS:
        raise CheckFailed(
            f"Quantization {quantization!r} has no prebuilt Qwen2.5-3B-Instruct library in web-llm; "
            f"use one of {', '.join(SUPPORTED_QUANTIZATIONS)}."
        )


def output_folder_name(quantization: str) -> str:
    """The folder name the app's catalog expects under models/ (also the web-llm model_id)."""
    check_quantization(quantization)
    return f"R1-Code-Interpreter-3B-{quantization}-MLC"


def ensure_tensor_cache_name(folder: str) -> bool:
    """Copies a legacy ndarray-cache.json to tensor-cache.json (the name web-llm 0.2.86 reads). True if it copied."""
    new, old = os.path.join(folder, TENSOR_CACHE), os.path.join(folder, LEGACY_NDARRAY_CACHE)
    if os.path.exists(new) or not os.path.exists(old):
        return False
    with open(old, "rb") as src, open(new, "wb") as dst:
        dst.write(src.read())
    return True


def check_chat_config(chat_config: Mapping[str, Any], quantization: str) -> list[str]:
    """Problems in a generated mlc-chat-config.json that would break loading in the app."""
    problems = []
    if chat_config.get("model_type") != "qwen2":
        problems.append(f"model_type is {chat_config.get('model_type')!r}, expected 'qwen2'")
    if chat_config.get("quantization") != quantization:
        problems.append(f"quantization is {chat_config.get('quantization')!r}, expected {quantization!r}")
    template = chat_config.get("conv_template")
    name = template.get("name") if isinstance(template, dict) else template
    if name != "qwen2":
        problems.append(f"conv_template is {name!r}; run gen_config with --conv-template qwen2")
    if "tokenizer.json" not in (chat_config.get("tokenizer_files") or []):
        problems.append("tokenizer_files lacks tokenizer.json (web-llm reads tokenizer.json); copy the checkpoint's tokenizer.json in")
    if chat_config.get("prefill_chunk_size") not in (None, PREFILL_CHUNK_SIZE):
        problems.append(f"prefill_chunk_size is {chat_config.get('prefill_chunk_size')}, the prebuilt library uses {PREFILL_CHUNK_SIZE}")
    return problems


def check_output_folder(folder: str, quantization: str) -> dict[str, int]:
    """Checks a converted folder is what the app downloads: config, tokenizer, manifest, every shard of the
    size the manifest states. Returns {"files": n, "bytes": total}; raises CheckFailed listing every problem."""
    problems = []
    chat_config_path = os.path.join(folder, "mlc-chat-config.json")
    if os.path.exists(chat_config_path):
        problems += check_chat_config(load_json(chat_config_path), quantization)
    else:
        problems.append("mlc-chat-config.json is missing (run mlc_llm gen_config)")
    if not os.path.exists(os.path.join(folder, "tokenizer.json")):
        problems.append("tokenizer.json is missing")
    manifest_path = os.path.join(folder, TENSOR_CACHE)
    total, files = 0, 0
    if not os.path.exists(manifest_path):
        problems.append(f"{TENSOR_CACHE} is missing (run mlc_llm convert_weight)")
    else:
        records = load_json(manifest_path).get("records") or []
        if not records:
            problems.append(f"{TENSOR_CACHE} lists no shards")
        for record in records:
            path = os.path.join(folder, record.get("dataPath", ""))
            expected = record.get("nbytes")
            if not os.path.isfile(path):
                problems.append(f"{record.get('dataPath')} is listed in {TENSOR_CACHE} but missing")
            elif os.path.getsize(path) != expected:
                problems.append(f"{record.get('dataPath')} has {os.path.getsize(path)} bytes, {TENSOR_CACHE} says {expected}")
            else:
                total += expected
                files += 1
    if problems:
        raise CheckFailed(f"{folder} is not ready to publish:\n  - " + "\n  - ".join(problems))
    return {"files": files, "bytes": total}
