from twin import twin

SPECS = []

# E1 River: learn_one before predict_one, so each prediction is of an example already learned
E1 = dict(
    id="eval-river-learn-before-predict",
    style="mixed",
    description="Online fraud detection with River, evaluated by progressive validation. The loop calls `model.learn_one(x, y)` before `model.predict_one(x)`, so each prediction is made after the model was updated on that very transaction and its label: the reported online F1 is a training-set score.",
    files={
        "stream/online_eval.py": r'''
from river import compose, linear_model, metrics, preprocessing, stream

model = compose.Pipeline(preprocessing.StandardScaler(), linear_model.LogisticRegression())
metric = metrics.F1()

for x, y in stream.iter_csv("data/transactions.csv", target="is_fraud",
                            converters={"amount": float, "hour": int, "is_fraud": lambda v: v == "1"}):
    model.learn_one(x, y)
    y_pred = model.predict_one(x)
    metric.update(y, y_pred)

print("progressive F1", metric.get())
''',
    },
    labels=[dict(file="stream/online_eval.py", find="    model.learn_one(x, y)", end_find="y_pred = model.predict_one(x)",
                 category="EVAL-TRAIN", why="each transaction is learned before it is predicted: the metric scores seen examples")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-river-predict-then-learn-clean",
    "Clean twin: predict first, update the metric, then learn (progressive validation).",
    {"stream/online_eval.py": [
        ("    model.learn_one(x, y)\n    y_pred = model.predict_one(x)\n    metric.update(y, y_pred)\n",
         "    y_pred = model.predict_one(x)\n    metric.update(y, y_pred)\n    model.learn_one(x, y)\n")]}))

# E2 speechbrain + jiwer: reference and hypothesis swapped (positional)
E2 = dict(
    id="eval-speechbrain-jiwer-swapped",
    style="mixed",
    description="WER of a SpeechBrain CRDNN ASR model on a test manifest. The script calls `jiwer.wer(hyps, refs)`; jiwer's signature is `wer(reference, hypothesis)`, so the error is normalised by the hypothesis length and insertions and deletions trade places.",
    files={
        "asr_eval.py": r'''
import csv

import jiwer
from speechbrain.inference.ASR import EncoderDecoderASR

asr = EncoderDecoderASR.from_hparams(source="speechbrain/asr-crdnn-rnnlm-librispeech", savedir="pretrained/crdnn")

refs, hyps = [], []
for row in csv.DictReader(open("data/test_manifest.csv")):
    hyps.append(asr.transcribe_file(row["wav"]).lower())
    refs.append(row["text"].lower())

print(f"WER {100 * jiwer.wer(hyps, refs):.2f} on {len(refs)} utterances")
''',
    },
    labels=[dict(file="asr_eval.py", find="jiwer.wer(hyps, refs)",
                 category="EVAL-ARGS", why="jiwer.wer takes (reference, hypothesis); the arguments are swapped")],
)
SPECS.append(E2)
SPECS.append(twin(E2, "eval-speechbrain-jiwer-keywords-clean",
    "Clean twin: jiwer called with keyword arguments in the right roles.",
    {"asr_eval.py": [("jiwer.wer(hyps, refs)", "jiwer.wer(reference=refs, hypothesis=hyps)")]}))

# E3 OGB evaluator: y_true and y_pred swapped in the input dict
E3 = dict(
    id="eval-ogb-evaluator-dict-swapped",
    style="torch",
    description="Molecular property prediction on ogbg-molhiv with a GIN. The test ROC-AUC is computed with OGB's `Evaluator`, but the input dict puts the predicted scores under 'y_true' and the labels under 'y_pred'.",
    files={
        "molhiv/evaluate.py": r'''
import torch
from ogb.graphproppred import Evaluator


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    preds, labels = [], []
    for batch in loader:
        batch = batch.to(device)
        preds.append(model(batch).cpu())
        labels.append(batch.y.view(-1, 1).cpu())
    y_score = torch.cat(preds).numpy()
    y_lab = torch.cat(labels).numpy()
    return Evaluator(name="ogbg-molhiv").eval({"y_true": y_score, "y_pred": y_lab})["rocauc"]
''',
        "molhiv/main.py": r'''
import torch
from ogb.graphproppred import PygGraphPropPredDataset
from torch_geometric.loader import DataLoader

from molhiv.evaluate import evaluate
from molhiv.model import GIN

torch.manual_seed(0)
ds = PygGraphPropPredDataset(name="ogbg-molhiv", root="data")
idx = ds.get_idx_split()
test_loader = DataLoader(ds[idx["test"]], batch_size=256)
model = GIN(hidden=300, layers=5)
model.load_state_dict(torch.load("ckpt/gin_best.pt"))
print("test ROC-AUC", evaluate(model, test_loader, "cpu"))
''',
        "molhiv/model.py": r'''
import torch
from ogb.graphproppred.mol_encoder import AtomEncoder
from torch_geometric.nn import GINConv, global_mean_pool


class GIN(torch.nn.Module):
    def __init__(self, hidden, layers):
        super().__init__()
        self.enc = AtomEncoder(hidden)
        self.convs = torch.nn.ModuleList(
            GINConv(torch.nn.Sequential(torch.nn.Linear(hidden, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, hidden)))
            for _ in range(layers))
        self.drop = torch.nn.Dropout(0.5)
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, data):
        h = self.enc(data.x)
        for conv in self.convs:
            h = self.drop(torch.relu(conv(h, data.edge_index)))
        return self.head(global_mean_pool(h, data.batch))
''',
    },
    labels=[dict(file="molhiv/evaluate.py", find='.eval({"y_true": y_score, "y_pred": y_lab})',
                 category="EVAL-ARGS", why="scores are passed as y_true and labels as y_pred")],
)
SPECS.append(E3)

# E4 frozen encoder + dropout head evaluated without .eval() in a mixin method
E4 = dict(
    id="eval-probe-mixin-no-eval-mode",
    style="torch",
    description="A linear-probe-with-dropout classifier on frozen DINOv2 features, organised with a training mixin. `EvalMixin.test_accuracy` runs the test loader under `torch.no_grad()` but never calls `self.eval()`, right after `fit` left the module in training mode, so the dropout head is active at test time.",
    files={
        "probe/model.py": r'''
import torch
import torch.nn as nn


class EvalMixin:
    @torch.no_grad()
    def test_accuracy(self, loader):
        correct = total = 0
        for x, y in loader:
            logits = self(x)
            correct += (logits.argmax(-1) == y).sum().item()
            total += len(y)
        return correct / total


class FitMixin:
    def fit(self, loader, epochs=10, lr=1e-3):
        opt = torch.optim.AdamW(self.head.parameters(), lr=lr)
        self.train()
        for _ in range(epochs):
            for x, y in loader:
                loss = nn.functional.cross_entropy(self(x), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
        return self


class DinoProbe(nn.Module, FitMixin, EvalMixin):
    def __init__(self, n_classes):
        super().__init__()
        self.backbone = torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")
        for p in self.backbone.parameters():
            p.requires_grad = False
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(384, n_classes))

    def forward(self, x):
        return self.head(self.backbone(x))
''',
        "probe/run.py": r'''
import torch
from torchvision import datasets, transforms
from torch.utils.data import DataLoader

from probe.model import DinoProbe

torch.manual_seed(0)
tf = transforms.Compose([transforms.Resize(224), transforms.CenterCrop(224), transforms.ToTensor(),
                         transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
train = DataLoader(datasets.ImageFolder("data/train", tf), batch_size=64, shuffle=True)
test = DataLoader(datasets.ImageFolder("data/test", tf), batch_size=128)
model = DinoProbe(n_classes=37).fit(train)
print("test accuracy", model.test_accuracy(test))
''',
    },
    labels=[dict(file="probe/model.py", find="logits = self(x)",
                 category="EVAL-MODE", why="test accuracy computed in training mode (dropout on); nothing calls .eval()")],
)
SPECS.append(E4)
SPECS.append(twin(E4, "eval-probe-mixin-eval-mode-clean",
    "Clean twin: the evaluation method switches the module to eval mode first.",
    {"probe/model.py": [("        correct = total = 0\n", "        self.eval()\n        correct = total = 0\n")]}))

# E5 functools.lru_cache keyed on the prompt while the loop varies the model through a global
E5 = dict(
    id="eval-lru-cache-prompt-only-models-vary",
    style="llm-eval",
    description="A comparison of three models on a trivia set through litellm-like calls with a module-level `lru_cache`. The cached function takes only the prompt and reads the model from a module global that the loop reassigns, so after the first model every answer is served from the cache and all models get the first model's score.",
    files={
        "trivia/compare.py": r'''
import json
from functools import lru_cache

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")
MODEL = None


@lru_cache(maxsize=None)
def ask(prompt):
    r = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=32,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content.strip()


items = [json.loads(l) for l in open("data/trivia_dev.jsonl")]
scores = {}
for MODEL in ["openai/gpt-4o-mini", "meta-llama/llama-3.1-70b-instruct", "mistralai/mistral-large"]:
    scores[MODEL] = sum(it["answer"].lower() in ask(it["question"]).lower() for it in items) / len(items)
print(json.dumps(scores, indent=1))
''',
    },
    labels=[dict(file="trivia/compare.py", find="@lru_cache(maxsize=None)",
                 category="EVAL-CACHE", why="the cache key is the prompt only while the model varies")],
)
SPECS.append(E5)

# E6 steering: baseline on every prompt, steered condition on the first 100
E6 = dict(
    id="eval-steering-baseline-full-steered-subset",
    style="torch",
    description="Refusal steering with a TransformerLens hook: the refusal rate without steering is measured on all 520 harmful prompts, the steered rate on `prompts[:100]` (to save time), and the two rates are compared as the effect of the steering vector.",
    files={
        "steer/refusal_steer.py": r'''
import json

import torch
from transformer_lens import HookedTransformer

torch.set_grad_enabled(False)
model = HookedTransformer.from_pretrained("gemma-2-2b-it")
direction = torch.load("vectors/refusal_dir_l12.pt")
LAYER, ALPHA = 12, -4.0
REFUSAL = ("I cannot", "I can't", "I'm sorry", "I am sorry", "As an AI")


def refuses(text):
    return any(m in text for m in REFUSAL)


def steer_hook(resid, hook):
    return resid + ALPHA * direction


def generate(prompt, steer=False):
    hooks = [(f"blocks.{LAYER}.hook_resid_post", steer_hook)] if steer else []
    with model.hooks(fwd_hooks=hooks):
        return model.generate(prompt, max_new_tokens=48, do_sample=False, verbose=False)


prompts = [json.loads(l)["prompt"] for l in open("data/harmful_behaviors.jsonl")]
base = sum(refuses(generate(p)) for p in prompts) / len(prompts)
steered_prompts = prompts[:100]
steered = sum(refuses(generate(p, steer=True)) for p in steered_prompts) / len(steered_prompts)
print(f"refusal rate: baseline {base:.3f}, steered {steered:.3f}, change {steered - base:+.3f}")
''',
    },
    labels=[dict(file="steer/refusal_steer.py", find="steered_prompts = prompts[:100]",
                 category="EVAL-MISMATCH", why="the steered condition is measured on a 100-prompt subset, the baseline on all 520")],
    # Label correction after the blind run (the blind figure counts it as a false positive): the substring refusal
    # check counts every reply without a marker (an empty or cut generation) as compliance, the taxonomy's
    # DATA-DEFAULT shape that DATA002 documents; true, and not the point of the case.
    also_ok=[dict(file="steer/refusal_steer.py", find="return any(m in text for m in REFUSAL)", category="DATA-DEFAULT")],
)
SPECS.append(E6)
E6_TWIN = twin(E6, "eval-steering-both-on-subset-clean",
    "Clean twin: both conditions are measured on the same 100 prompts.",
    {"steer/refusal_steer.py": [
        ("base = sum(refuses(generate(p)) for p in prompts) / len(prompts)\nsteered_prompts = prompts[:100]\n",
         "steered_prompts = prompts[:100]\nbase = sum(refuses(generate(p)) for p in steered_prompts) / len(steered_prompts)\n")]})
E6_TWIN["also_ok"] = list(E6["also_ok"])
SPECS.append(E6_TWIN)

# E7 H2O: model_performance() with no frame returns the training metrics
E7 = dict(
    id="eval-h2o-model-performance-no-frame",
    style="sklearn",
    description="Churn prediction with an H2O GBM. The frame is split into train and test, the model is trained on train, and the reported 'test AUC' is `gbm.model_performance().auc()`; without `test_data=` H2O returns the training metrics.",
    files={
        "churn_h2o.py": r'''
import json

import h2o
from h2o.estimators import H2OGradientBoostingEstimator

h2o.init(nthreads=2)
frame = h2o.import_file("data/churn.csv")
frame["churned"] = frame["churned"].asfactor()
train, test = frame.split_frame(ratios=[0.8], seed=1234)

features = [c for c in frame.columns if c not in ("customer_id", "churned")]
gbm = H2OGradientBoostingEstimator(ntrees=300, max_depth=5, learn_rate=0.05, seed=1234)
gbm.train(x=features, y="churned", training_frame=train)

perf = gbm.model_performance()
json.dump({"model": "h2o-gbm", "test_auc": perf.auc(), "n_test": test.nrows}, open("results/churn.json", "w"))
''',
    },
    labels=[dict(file="churn_h2o.py", find="perf = gbm.model_performance()",
                 category="EVAL-TRAIN", why="model_performance() without test_data returns the training metrics, reported as test AUC")],
)
SPECS.append(E7)
