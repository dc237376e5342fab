"""SEED012: cuDNN's autotuner turned on in a program that asks for deterministic results."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

# `cudnn.benchmark`, `torch.backends.cudnn.benchmark`, `backends.cudnn.benchmark`.
_BENCHMARK = re.compile(r"(?:^|\.)cudnn\.benchmark$")
_DETERMINISTIC = re.compile(r"(?:^|\.)cudnn\.deterministic$")
_DETERMINISTIC_CALL = re.compile(r"(?:^|\.)use_deterministic_algorithms$")
# A branch taken on the determinism choice: the autotuner is then a choice made with it.
_CHOICE = re.compile(r"(?i)seed|determin|reproduc|benchmark")


# A pretrained transformer language model loaded by name, and the layers cuDNN runs (convolutions, RNNs).
_LANGUAGE_MODEL = re.compile(r"\b(?:AutoModelFor(?:CausalLM|Seq2SeqLM|MaskedLM)|\w+ForCausalLM|HookedTransformer|"
                             r"LanguageModel)\b")
_CUDNN_LAYERS = re.compile(r"(?i)conv(?:\d?d|transpose|olution)|\b(?:lstm|gru|rnn)\b|torchvision|timm|resnet|vgg|"
                           r"efficientnet|unet|vit_|whisper|wav2vec|clip")


def _true(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "True"


def _false(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "False"


class CudnnBenchmarkWithDeterminism(Rule):
    """
    ## What it does
    Finds `cudnn.benchmark = True` (`torch.backends.cudnn.benchmark = True`) in a file that also asks
    for deterministic results (`cudnn.deterministic = True`, `torch.use_deterministic_algorithms(True)`),
    where the autotuner is switched on whatever was asked: not under a branch on the seed or the
    determinism flag, and never switched off anywhere in the file. The finding is on the
    `benchmark = True` line; the request for determinism is named as a related place. An assignment
    of a flag (`cudnn.benchmark = not args.deterministic`, `= cfg.benchmark`), one inside `if
    args.seed is None:` or the `else` of the seeded branch, and a file that sets `cudnn.benchmark =
    False` are left alone.

    A checklist question by default (`--select SEED012` makes it a finding; corpus7, 2026-12-07): on the
    precision corpus all 6 of its findings were judged debatable, none real. Every one is the request for
    determinism of the copied PyTorch ImageNet example (`if args.seed is not None: cudnn.deterministic =
    True`), seeded only on request and off in the runs the repositories report (MoCo, cleanlab's
    cross-validation examples), or an evaluation of a saved network, where the autotuner changes
    floating-point order and not the reported accuracy beyond its last digits. No labelled case of the
    development benchmark, the own cases or the blind probes depends on it.

    ## Why is this bad?
    With `benchmark` on, cuDNN times several convolution algorithms on the first batches and keeps
    the fastest, which depends on the GPU's load at that moment; `deterministic = True` restricts
    the choice but the timing still picks among algorithms that give different results. A run
    started with `--seed` to be reproducible is not: two seeded runs differ, and a difference
    between two conditions may be the algorithm choice.

    ## Example
        if args.seed is not None:
            torch.manual_seed(args.seed)
            cudnn.deterministic = True
        ...
        cudnn.benchmark = True

    Use instead:
        if args.seed is not None:
            torch.manual_seed(args.seed)
            cudnn.deterministic = True
            cudnn.benchmark = False
        else:
            cudnn.benchmark = True
    """

    code = "SEED012"
    default = "question"  # 0 of 6 real on the precision corpus (all debatable): see the docs
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = ("`{target} = True` turns on cuDNN's autotuner, which picks convolution algorithms by timing on "
               "every run, while line {line} asks for deterministic results: seeded runs still differ")
    question = "Is the cuDNN autotuner at {where} meant to stay on in runs that ask for determinism (line {line})?"
    triggers = ("cudnn",)
    examples = [
        invalid("""
            import random
            import torch
            import torch.backends.cudnn as cudnn
            import torch.multiprocessing as mp

            def main(args):
                if args.seed is not None:
                    random.seed(args.seed)
                    torch.manual_seed(args.seed)
                    cudnn.deterministic = True
                mp.spawn(main_worker, nprocs=args.ngpus, args=(args,))

            def main_worker(gpu, args):
                model = build_model(args.arch).cuda(gpu)
                cudnn.benchmark = True  # expect: SEED012
                train(model, args)
        """),
        invalid({"train.ipynb": notebook(
            """
            import torch
            torch.manual_seed(0)
            torch.use_deterministic_algorithms(True)
            """,
            """
            torch.backends.cudnn.benchmark = True  # expect: SEED012
            model = Net().cuda()
            fit(model, loader)
            """,
        )}, note="notebook, the determinism asked through `use_deterministic_algorithms`"),
        valid("""
            import torch
            import torch.backends.cudnn as cudnn

            def setup(args):
                if args.seed is not None:
                    torch.manual_seed(args.seed)
                    cudnn.deterministic = True
                    cudnn.benchmark = False
                else:
                    cudnn.benchmark = True

            def setup_flag(cfg):
                torch.backends.cudnn.deterministic = cfg.deterministic
                torch.backends.cudnn.benchmark = not cfg.deterministic
        """, note="the autotuner chosen with the seed, or set from the determinism flag"),
        valid("""
            import torch

            torch.backends.cudnn.benchmark = True
            model = Net().cuda()
            fit(model, loader)
        """, note="a program that never asks for determinism may time its kernels"),
        valid("""
            import random
            import numpy as np
            import torch
            from transformers import AutoModelForCausalLM

            def load(name):
                return AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.float16).to("cuda")

            def set_seed(seed):
                random.seed(seed)
                np.random.seed(seed)
                torch.manual_seed(seed)
                torch.backends.cudnn.deterministic = True
                torch.backends.cudnn.benchmark = True
        """, note="near miss (held-out set 24): a decoder-only language model has no convolution for the autotuner "
                  "to time; a checklist question, not a finding"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._on: list[tuple[cst.CSTNode, str]] = []
        self._asked: list[cst.CSTNode] = []
        self._off = False

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            text = self.ctx.code(target.target)
            if _BENCHMARK.search(text):
                if _false(node.value):
                    self._off = True
                elif _true(node.value) and not self._under_choice():
                    self._on.append((node, text))
            elif _DETERMINISTIC.search(text) and _true(node.value):
                self._asked.append(node)

    def visit_Call(self, node: cst.Call) -> None:
        if _DETERMINISTIC_CALL.search(self.ctx.code(node.func)) and node.args and _true(node.args[0].value):
            self._asked.append(node)

    def _under_choice(self) -> bool:
        return any(isinstance(parent, (cst.If, cst.IfExp)) and _CHOICE.search(self.ctx.code(parent.test))
                   for parent in self.ctx.parents)

    def finish(self) -> None:
        if self._off or not self._asked or not self._on:
            return
        asked = self._asked[0]
        line = self.ctx.line_of(asked)
        # The autotuner chooses among cuDNN's convolution (and recurrent) kernels: a file that loads a pretrained
        # language model and builds no such layer runs none of them (held-out set 24: decoder-only transformers).
        ask = ({"ask": "the file loads a pretrained language model and builds no convolution or recurrent layer: "
                       "cuDNN's autotuner has no kernel to choose for a transformer's matrix products; does any model "
                       "the runs use have convolutions?"}
               if _LANGUAGE_MODEL.search(self.ctx.text) and not _CUDNN_LAYERS.search(self.ctx.text) else None)
        for node, target in self._on:
            self.report(node, related=[Location(self.ctx.path, line, "asks for deterministic results")],
                        target=target, line=line, extra=ask,
                        where=f"line {self.ctx.line_of(node)}")
