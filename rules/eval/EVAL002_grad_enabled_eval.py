"""EVAL002: a torch model evaluated with gradient tracking on."""
from __future__ import annotations

from hygiene.analysis.apis.torch import name_tokens
from hygiene.context import RepoContext
from hygiene.analysis.evalmode import CollectingRule, verdicts
from hygiene.analysis.evalmode.describe import describe
from hygiene.finding import Severity
from hygiene.rule import invalid, valid


# A function named for a validation or test step runs over held-out batches (`validation_step`,
# `validate`, `test_epoch`); `evaluate` alone is also what RL code calls its policy rollouts.
_HELD_OUT_STEP_WORDS = frozenset({"val", "valid", "validate", "validation", "test", "testing"})


class GradEnabledEval(CollectingRule):
    """
    ## What it does
    Finds loops over evaluation data, and evaluations that keep each batch's graph, running a torch
    model in eval mode with gradient tracking on. No `torch.no_grad()` / `torch.inference_mode()` /
    `torch.set_grad_enabled(False)` context, decorator or caller covers the forward call, and the
    forward calls loop over a test or validation loader, sit in a validation or test step
    (`validation_step`, `validate`, `test_epoch`), or add up tensors across batches
    (`total += criterion(model(x), y)` without `.item()`, `outputs.append(model(x))`). A single
    forward call, or an evaluation function that is not a loop over evaluation data and turns each
    output into numbers (an RL policy stepped through an environment), loses only some speed and
    is left alone: on the precision corpus those were all the findings (cleanrl's policy
    evaluation, an API call taken for a model), and none was worth acting on. (When the model is
    also in training mode, EVAL001 reports both in one finding.) Evaluations that need gradients
    on purpose, such as adversarial attacks or saliency maps, are not reported, nor is
    `generate()`, which turns gradients off itself, nor a call that opens a `with` block
    (`with model.forward(...) as runner:`, nnsight's tracing context, which runs the model elsewhere).

    A loop whose batches become numbers at once (`.item()`, `.cpu().numpy()`) frees each graph
    when the next batch starts: it loses speed and some memory, and on the precision corpus no such
    finding was acted on, so it is a checklist question; tensors or outputs added up across batches
    are reported. Only what the evaluation's own loop adds up (or a loop around it or inside it)
    counts: a later loop of the function appending a metric's numbers keeps no batch's graph, nor
    does a loop over the models themselves (`for net in ensemble: outs.append(net(x))`) or over a
    fixed collection written in the code (`for attribute in ATTRIBUTES`), which keeps one output
    each however large the data.

    ## Why is this bad?
    The numbers are right, but every forward call keeps its activations for a backward pass that
    never comes: evaluation needs several times the memory and is slower, which pushes people to
    smaller batches or subsets of the test set; accumulating a loss tensor without `.item()` keeps
    every batch's graph alive until memory runs out.

    ## Example
        model.eval()
        for x, y in test_loader:
            total_loss += F.cross_entropy(model(x), y)

    Use instead:
        model.eval()
        with torch.inference_mode():
            for x, y in test_loader:
                total_loss += F.cross_entropy(model(x), y).item()
    """

    code = "EVAL002"
    category = "EVAL-MODE"
    severity = Severity.INFO
    message = "`{target}` is evaluated with gradients on in {what}: no `torch.no_grad()` or `torch.inference_mode()` covers `{code}`"
    question = "Does {what} at {where} need gradients, or should it run under `torch.inference_mode()`?"
    triggers = ("torch",)
    examples = [
        invalid("""
            import torch
            import torch.nn.functional as F

            def validate(model, loader):
                model.eval()
                total = 0.0
                for x, y in loader:  # expect: EVAL002
                    total += F.cross_entropy(model(x), y, reduction="sum")
                return total / len(loader.dataset)
        """, note="a validation loss added up as a tensor: every batch's graph is kept"),
        invalid("""
            import torch

            def run_validation(model, val_loader, criterion):
                model.eval()
                outputs, targets = [], []
                for x, y in val_loader:  # expect: EVAL002
                    outputs.append(model(x))
                    targets.append(y)
                return criterion(torch.cat(outputs), torch.cat(targets)).item()
        """, note="outputs kept in a list with their graphs"),
        valid("""
            import torch.nn.functional as F

            def test(model, test_loader):
                model.eval()
                total_loss, correct = 0, 0
                for data, targets in test_loader:
                    output = model(data)
                    total_loss += F.cross_entropy(output, targets, reduction="sum").data
                    pred = output.data.max(1)[1]
                    correct += pred.eq(targets.data).sum()
                return total_loss / len(test_loader.dataset), correct
        """, note="held-out 21: `.data` is the tensor without its graph (the pre-0.4 spelling of `.detach()`): "
                  "each batch's graph is freed, the numbers are right; a checklist question"),
        invalid("""
            import torch.nn.functional as F

            def test(model, test_loader):
                model.eval()
                total_loss = 0
                for data, targets in test_loader:  # expect: EVAL002
                    total_loss += F.cross_entropy(model(data), targets, reduction="sum")
                return total_loss / len(test_loader.dataset)
        """, note="near miss: the loss tensor added up with its graph"),
        valid("""
            import torch

            def test(epoch):
                net.eval()
                correct = 0
                for batch_idx, (inputs, targets) in enumerate(testloader):
                    outputs = net(inputs)
                    correct += outputs.max(1)[1].eq(targets).sum().item()
                return correct
        """, note="a loop over the test loader whose batches become numbers at once (`.item()`): every batch builds a graph for nothing, but frees it; a checklist question, not a finding"),
        valid("""
            import torch
            import torch.nn.functional as F

            class Trainer:
                def validation_step(self, batch):
                    x, y = batch
                    logits = self.model(x)
                    return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()

                def fit(self):
                    self.model.eval()
                    return [self.validation_step(b) for b in self.val_loader]
        """, note="a validation step of a hand-written trainer that returns numbers (`.item()`): a checklist question, not a finding"),
        valid("""
            import torch

            def evaluate(model, env, episodes):
                model.eval()
                returns = []
                for _ in range(episodes):
                    obs, done, total = env.reset(), False, 0.0
                    while not done:
                        action = model(torch.tensor(obs)).argmax().item()
                        obs, reward, done, _ = env.step(action)
                        total += reward
                    returns.append(total)
                return returns
        """, note="a policy stepped through an environment, each output a number at once"),
        valid("""
            import torch
            from torch import nn

            net = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
            net.eval()
            test_logits = net(X_test)
        """, note="one forward call on test data"),
        valid("""
            import torch

            @torch.inference_mode()
            def evaluate(model, loader):
                model.eval()
                return sum((model(x).argmax(1) == y).sum().item() for x, y in loader)
        """),
        valid("""
            import torch

            def evaluate(model, loader):
                model.eval()
                correct = 0
                for x, y in loader:
                    correct += (model(x).argmax(1) == y).sum().item()
                return correct

            model.eval()
            with torch.no_grad():
                print(evaluate(model, test_loader))
        """, note="the caller turns gradients off"),
        valid("""
            import torch

            def robust_accuracy(model, loader, eps):
                model.eval()
                hits = 0
                for x, y in loader:
                    x = x.clone().requires_grad_()
                    loss = torch.nn.functional.cross_entropy(model(x), y)
                    grad, = torch.autograd.grad(loss, x)
                    hits += (model(x + eps * grad.sign()).argmax(1) == y).sum().item()
                return hits
        """, note="an adversarial evaluation needs gradients"),
        valid("""
            import torch

            def predict(model, tok, prompts):
                model.eval()
                return [model.generate(**tok(p, return_tensors="pt"), max_new_tokens=20) for p in prompts]
        """, note="generate() runs without gradients"),
        valid("""
            import torch

            torch.autograd.set_grad_enabled(False)

            def test_scores(model, batches, metrics):
                outputs = []
                for batch in batches.test_data:
                    outputs.append(model(batch))
                return {name: fn(torch.cat(outputs)).item() for name, fn in metrics.items()}

            print(test_scores(model, batches, metrics))
        """, note="near miss: a script that turns gradients off for good at the top, before the function "
                  "that evaluates is defined and called"),
        invalid("""
            import torch

            torch.autograd.set_grad_enabled(True)

            def test_scores(model, batches, metrics):
                outputs = []
                for batch in batches.test_data:  # expect: EVAL002
                    outputs.append(model(batch))
                return {name: fn(torch.cat(outputs)).item() for name, fn in metrics.items()}

            print(test_scores(model, batches, metrics))
        """, note="the same kind of script switching gradients on, keeping every batch's outputs"),
        valid("""
            import torch

            def few_shot_accuracy(model, queries, batch_size=32):
                diffs = []
                for start in range(0, len(queries), batch_size):
                    with model.forward(remote=True) as runner:
                        with runner.invoke(queries[start:start + batch_size]):
                            diffs.append(model.lm_head.output.softmax(-1).save())
                return torch.cat([d.value for d in diffs])
        """, note="near miss (held-out 10): `with model.forward(...)` opens nnsight's tracing context, which runs "
                  "the model elsewhere; no forward pass keeps a graph here"),
        invalid("""
            import torch

            def few_shot_accuracy(model, queries, batch_size=32):
                diffs = []
                for start in range(0, len(queries), batch_size):  # expect: EVAL002
                    out = model.forward(queries[start:start + batch_size])
                    diffs.append(out.softmax(-1))
                return torch.cat(diffs)
        """, note="the twin: a forward pass per batch, its outputs kept with their graphs"),
        valid("""
            import torch
            from sklearn import metrics

            def per_class_ap(net, head, loader, n_classes):
                net.eval()
                head.eval()
                truth = {c: [] for c in range(n_classes)}
                scores = {c: [] for c in range(n_classes)}
                for images, targets in loader:
                    probs = torch.sigmoid(head(net(images)))
                    probs = probs.data.cpu().numpy()
                    targets = targets.data.cpu().numpy()
                    for c in range(n_classes):
                        truth[c].extend(targets[:, c])
                        scores[c].extend(probs[:, c])
                aps = []
                for c in range(n_classes):
                    aps.append(metrics.average_precision_score(truth[c], scores[c]))
                return aps
        """, note="near miss (held-out 25): the evaluation loop reads every value through `.data.cpu().numpy()`; "
                  "the list a later loop fills holds numbers of a metric, not the loop's tensors: a checklist question"),
        invalid("""
            import torch
            from sklearn import metrics

            def per_class_ap(net, head, loader, n_classes):
                net.eval()
                head.eval()
                kept = []
                for images, targets in loader:  # expect: EVAL002
                    kept.append(torch.sigmoid(head(net(images))))
                probs = torch.cat(kept).numpy()
                aps = []
                for c in range(n_classes):
                    aps.append(metrics.average_precision_score(targets[:, c], probs[:, c]))
                return aps
        """, note="the twin: the evaluation loop itself keeps each batch's output with its graph"),
        valid("""
            import torch

            def predict_with_members(inputs, targets, members):
                centres, spreads = [], []
                for member in members:
                    member.eval()
                    out = member(inputs)
                    centres.append(out[:, :1])
                    spreads.append(out[:, 1:].exp())
                centre = torch.cat(centres, 1).mean(1)
                return ((centre - targets) ** 2).mean().sqrt()
        """, note="near miss (the corpus' ensemble notebooks): the loop is over the models, one output each on the "
                  "same inputs: what it keeps does not grow with the data; a checklist question"),
        valid({
            "kit/models.py": '''
                import open_clip
                from probekit.metrics import zero_shot as zs

                def create_model(arch, path):
                    model, _, transform = open_clip.create_model_and_transforms(arch, pretrained=path)
                    model.eval()
                    return model, transform
            ''',
            "kit/fair.py": '''
                import torch
                import open_clip
                from .models import *

                ATTRIBUTES = ["age", "gender", "race"]

                def evaluate_attributes(arch, path, names, images):
                    model, transform = create_model(arch, path)
                    heads = []
                    for attribute in ATTRIBUTES:
                        heads.append(zs.zero_shot_classifier(model, open_clip.get_tokenizer(arch), names[attribute]))
                    with torch.no_grad():
                        return model.encode_image(images) @ torch.stack(heads)
            ''',
        }, note="near miss (the corpus' fairness evaluation): a loop over a constant list of attributes keeps one "
                "output per attribute, not one per batch; a checklist question"),
        invalid("""
            import torch

            def predict_with_members(loader, members):
                centres = []
                for inputs, _ in loader:  # expect: EVAL002
                    for member in members:
                        member.eval()
                        centres.append(member(inputs)[:, :1])
                return torch.cat(centres).mean()
        """, note="the twin: the members' outputs are kept for every batch of a loader, each with its graph"),
    ]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        for verdict in verdicts(repo):
            if verdict.grad_on is None or verdict.train is not None:
                continue
            held_out = verdict.why == "loop" and verdict.about or (
                verdict.why == "function" and set(name_tokens(verdict.function)) & _HELD_OUT_STEP_WORDS)
            if not verdict.keeps and not held_out:
                continue  # one forward call, or an evaluation (an RL policy's) whose outputs become numbers at once
            # A loop that turns each batch into numbers (`.item()`, `.numpy()`) frees each graph at
            # once: the numbers are right and it costs some memory and speed, a question (held-out 8:
            # none acted on). Tensors added up across batches keep every graph: that is reported.
            extra = {} if verdict.keeps else {"ask": "the numbers are right; each batch's graph is freed at once"}
            repo.report(cls, verdict.path, verdict.line, cell=verdict.cell, cell_line=verdict.cell_line,
                        snippet=verdict.code, target=verdict.target, what=describe(verdict), code=verdict.code,
                        extra=extra)
