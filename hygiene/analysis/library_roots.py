"""Top-level modules a research repository imports but never is: the standard library, and the big
libraries of the field. A call into them is no call of the repository's own code."""
from __future__ import annotations

import sys

STDLIB = frozenset(sys.stdlib_module_names) | {"builtins"}
EXTERNAL = frozenset("""
numpy torch pandas sklearn scipy matplotlib seaborn tensorflow jax flax transformers datasets tqdm
anthropic openai wandb yaml PIL cv2 torchvision torchaudio accelerate peft trl vllm einops
""".split())
