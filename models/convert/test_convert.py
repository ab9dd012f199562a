"""Tests of convert.py's command line in --dry-run mode (no mlc_llm needed).
Run: python3 -m unittest discover -s models/convert -p 'test_*.py'"""
import contextlib
import io
import json
import os
import tempfile
import unittest

import convert
from test_checks import QWEN25_3B_CONFIG


def run_main(config):
    with tempfile.TemporaryDirectory() as ckpt:
        with open(os.path.join(ckpt, "config.json"), "w") as f:
            json.dump(config, f)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = convert.main(["--checkpoint", ckpt, "--out", "/tmp/converted", "--dry-run", "--quantization", "q4f32_1"])
        return code, out.getvalue(), err.getvalue()


class ConvertCommandLineTest(unittest.TestCase):
    def test_matching_checkpoint_prints_the_mlc_llm_commands(self):
        code, out, _ = run_main(QWEN25_3B_CONFIG)
        self.assertEqual(code, 0)
        self.assertIn("-m mlc_llm convert_weight", out)
        self.assertIn("--quantization q4f32_1 --output /tmp/converted/R1-Code-Interpreter-3B-q4f32_1-MLC", out)
        self.assertIn("gen_config", out)
        self.assertIn("--conv-template qwen2 --context-window-size 8192 --prefill-chunk-size 1024", out)
        self.assertIn("<site>/models/R1-Code-Interpreter-3B-q4f32_1-MLC/", out)

    def test_mismatching_checkpoint_is_refused_before_any_command(self):
        code, out, err = run_main(dict(QWEN25_3B_CONFIG, num_hidden_layers=28))
        self.assertEqual(code, 2)
        self.assertNotIn("mlc_llm", out)
        self.assertIn("Refusing to convert", err)
        self.assertIn("num_hidden_layers: 28 (Qwen2.5-3B-Instruct has 36)", err)

    def test_missing_config_is_a_clear_error(self):
        with tempfile.TemporaryDirectory() as ckpt:
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = convert.main(["--checkpoint", ckpt, "--out", "/tmp/x", "--dry-run"])
        self.assertEqual(code, 2)
        self.assertIn("config.json does not exist", err.getvalue())


if __name__ == "__main__":
    unittest.main()
