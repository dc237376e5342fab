"""What text a local model's token ids were made from: the tokenizer call between a prompt and `generate`."""
from __future__ import annotations

import re

from hygiene.analysis.dataflow.program import Program, Ref

_TOKENIZER = re.compile(r"(?i)tokeni[sz]er|processor|\btok\b")
_MOVES = frozenset({"to", "cuda", "cpu"})
_ENCODERS = frozenset({"encode", "apply_chat_template", "batch_encode_plus", "encode_plus"})


def tokenized_text(prog: Program, ref: Ref) -> Ref:
    """The text a tokenizer turned into `ref` (`tok(prompt, return_tensors="pt").to(device)`,
    `tokenizer.encode(prompt)`, `tok.apply_chat_template(messages)`), else 0."""
    for _ in range(4):
        info = prog.info(ref)
        kind = prog.kind(ref)
        if kind == "call" and info.get("m") in _MOVES and prog.input(ref, 0):
            ref = prog.input(ref, 0)
            continue
        if kind == "op" and info.get("op") == "attr" and info.get("a") == "input_ids":
            ref = prog.input(ref, 0)
            continue
        callee = prog.input(ref, 0) if kind in ("apply", "call") else 0
        named = f"{prog.info(callee).get('fn', '')} {prog.info(callee).get('name', '')}" if callee else ""
        if kind == "apply" and _TOKENIZER.search(named):
            return prog.input(ref, 1)
        if kind == "call" and info.get("m") in _ENCODERS and _TOKENIZER.search(f"{info.get('fn', '')} {named}"):
            return prog.input(ref, 1)
        return 0
    return 0
