"""Tests of checks.py. Run: python3 -m unittest discover -s models/convert -p 'test_*.py'"""
import json
import os
import tempfile
import unittest

from checks import (
    QWEN25_3B_ARCHITECTURE, CheckFailed, architecture_mismatches, check_chat_config, check_checkpoint_config,
    check_output_folder, ensure_tensor_cache_name, output_folder_name,
)

# Qwen2.5-3B-Instruct's config.json (the fields R1-Code-Interpreter-3B inherits from it).
QWEN25_3B_CONFIG = {
    "architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 151643, "eos_token_id": 151645,
    "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02, "intermediate_size": 11008,
    "max_position_embeddings": 32768, "max_window_layers": 70, "model_type": "qwen2", "num_attention_heads": 16,
    "num_hidden_layers": 36, "num_key_value_heads": 2, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0,
    "sliding_window": 32768, "tie_word_embeddings": True, "torch_dtype": "bfloat16", "use_cache": True,
    "use_sliding_window": False, "vocab_size": 151936,
}


class ArchitectureTest(unittest.TestCase):
    def test_qwen25_3b_instruct_config_passes(self):
        self.assertEqual(architecture_mismatches(QWEN25_3B_CONFIG), [])
        check_checkpoint_config(QWEN25_3B_CONFIG)

    def test_each_architecture_value_is_checked(self):
        for key, value in QWEN25_3B_ARCHITECTURE.items():
            changed = dict(QWEN25_3B_CONFIG)
            changed[key] = "x" if isinstance(value, str) else (not value if isinstance(value, bool) else value * 2)
            with self.subTest(key=key):
                self.assertEqual(len(architecture_mismatches(changed)), 1)

    def test_refuses_qwen25_7b_with_a_clear_message(self):
        seven_b = dict(QWEN25_3B_CONFIG, hidden_size=3584, num_hidden_layers=28, num_attention_heads=28,
                       num_key_value_heads=4, intermediate_size=18944, vocab_size=152064, tie_word_embeddings=False)
        with self.assertRaises(CheckFailed) as ctx:
            check_checkpoint_config(seven_b, "yongchao98/R1-Code-Interpreter-7B/config.json")
        message = str(ctx.exception)
        self.assertIn("Refusing to convert", message)
        self.assertIn("hidden_size: 3584 (Qwen2.5-3B-Instruct has 2048)", message)
        self.assertIn("num_hidden_layers: 28 (Qwen2.5-3B-Instruct has 36)", message)
        self.assertIn("tie_word_embeddings: False (Qwen2.5-3B-Instruct has True)", message)

    def test_refuses_missing_fields_and_other_architectures(self):
        no_vocab = {k: v for k, v in QWEN25_3B_CONFIG.items() if k != "vocab_size"}
        self.assertEqual(architecture_mismatches(no_vocab), ["vocab_size: missing (Qwen2.5-3B-Instruct has 151936)"])
        llama = dict(QWEN25_3B_CONFIG, architectures=["LlamaForCausalLM"])
        self.assertIn("architectures", architecture_mismatches(llama)[0])

    def test_bool_is_not_an_int(self):
        # 1 == True in Python; a number where a bool belongs is still refused (and vice versa).
        self.assertTrue(architecture_mismatches(dict(QWEN25_3B_CONFIG, tie_word_embeddings=1)))

    def test_float_fields_accept_equal_numbers(self):
        self.assertEqual(architecture_mismatches(dict(QWEN25_3B_CONFIG, rope_theta=1000000)), [])


class NamingTest(unittest.TestCase):
    def test_folder_names_match_the_catalog(self):
        self.assertEqual(output_folder_name("q4f16_1"), "R1-Code-Interpreter-3B-q4f16_1-MLC")
        self.assertEqual(output_folder_name("q4f32_1"), "R1-Code-Interpreter-3B-q4f32_1-MLC")
        with self.assertRaises(CheckFailed):
            output_folder_name("q3f16_1")


def write_folder(folder, shards=(10, 20), sizes=None, chat_config=None):
    sizes = sizes or shards
    records = [{"dataPath": f"params_shard_{i}.bin", "nbytes": n, "format": "raw-shard", "records": []} for i, n in enumerate(shards)]
    with open(os.path.join(folder, "tensor-cache.json"), "w") as f:
        json.dump({"metadata": {}, "records": records}, f)
    for i, n in enumerate(sizes):
        if n is not None:
            with open(os.path.join(folder, f"params_shard_{i}.bin"), "wb") as f:
                f.write(b"\0" * n)
    with open(os.path.join(folder, "tokenizer.json"), "w") as f:
        f.write("{}")
    config = chat_config or {"model_type": "qwen2", "quantization": "q4f32_1", "conv_template": {"name": "qwen2"},
                             "tokenizer_files": ["tokenizer.json", "vocab.json"], "prefill_chunk_size": 1024}
    with open(os.path.join(folder, "mlc-chat-config.json"), "w") as f:
        json.dump(config, f)


class OutputFolderTest(unittest.TestCase):
    def test_a_complete_folder_passes(self):
        with tempfile.TemporaryDirectory() as d:
            write_folder(d)
            self.assertEqual(check_output_folder(d, "q4f32_1"), {"files": 2, "bytes": 30})

    def test_reports_missing_and_wrong_sized_shards(self):
        with tempfile.TemporaryDirectory() as d:
            write_folder(d, shards=(10, 20, 30), sizes=(10, 19, None))
            with self.assertRaises(CheckFailed) as ctx:
                check_output_folder(d, "q4f32_1")
            self.assertIn("params_shard_1.bin has 19 bytes, tensor-cache.json says 20", str(ctx.exception))
            self.assertIn("params_shard_2.bin is listed in tensor-cache.json but missing", str(ctx.exception))

    def test_reports_a_wrong_conversation_template_and_quantization(self):
        with tempfile.TemporaryDirectory() as d:
            write_folder(d, chat_config={"model_type": "qwen2", "quantization": "q4f16_1", "conv_template": "chatml", "tokenizer_files": ["tokenizer.json"]})
            with self.assertRaises(CheckFailed) as ctx:
                check_output_folder(d, "q4f32_1")
            self.assertIn("--conv-template qwen2", str(ctx.exception))
            self.assertIn("quantization is 'q4f16_1'", str(ctx.exception))

    def test_chat_config_needs_tokenizer_json_and_the_library_chunk_size(self):
        problems = check_chat_config({"model_type": "qwen2", "quantization": "q4f16_1", "conv_template": {"name": "qwen2"},
                                      "tokenizer_files": ["tokenizer.model"], "prefill_chunk_size": 2048}, "q4f16_1")
        self.assertEqual(len(problems), 2)

    def test_legacy_manifest_name_is_copied_to_the_name_web_llm_reads(self):
        with tempfile.TemporaryDirectory() as d:
            write_folder(d)
            os.rename(os.path.join(d, "tensor-cache.json"), os.path.join(d, "ndarray-cache.json"))
            self.assertTrue(ensure_tensor_cache_name(d))
            self.assertTrue(os.path.exists(os.path.join(d, "tensor-cache.json")))
            self.assertFalse(ensure_tensor_cache_name(d))
            check_output_folder(d, "q4f32_1")


if __name__ == "__main__":
    unittest.main()
