from twin import twin

SPECS = []

# E1 torchvision + torchmetrics: softmax over the batch axis
E1 = dict(
    id="eval-torchmetrics-softmax-over-batch-axis",
    style="torch",
    description="A ResNet-18 is evaluated on CIFAR-10 with torchmetrics. The logits go through `torch.softmax(logits, dim=0)` (over the batch, not the classes) before `MulticlassAccuracy.update`; torchmetrics takes an argmax over the class axis of these column-normalised scores, which changes which class wins for many images.",
    files={
        "evaluate_cifar.py": r'''
import json

import torch
import torchvision
from torch.utils.data import DataLoader
from torchmetrics.classification import MulticlassAccuracy, MulticlassCalibrationError
from torchvision import transforms

tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.4914, 0.4822, 0.4465), (0.247, 0.243, 0.261))])
test_set = torchvision.datasets.CIFAR10(root="data", train=False, download=True, transform=tf)
loader = DataLoader(test_set, batch_size=256, shuffle=False, num_workers=4)

model = torchvision.models.resnet18(num_classes=10)
model.load_state_dict(torch.load("checkpoints/resnet18_cifar10.pt", map_location="cpu"))
model.eval()

acc = MulticlassAccuracy(num_classes=10, average="micro")
ece = MulticlassCalibrationError(num_classes=10, n_bins=15)
with torch.inference_mode():
    for images, targets in loader:
        logits = model(images)
        probs = torch.softmax(logits, dim=0)
        acc.update(probs, targets)
        ece.update(probs, targets)

with open("results/cifar10_resnet18.json", "w") as fh:
    json.dump({"n": len(test_set), "accuracy": acc.compute().item(), "ece": ece.compute().item()}, fh, indent=2)
''',
    },
    labels=[dict(file="evaluate_cifar.py", find="probs = torch.softmax(logits, dim=0)", category="EVAL-ARGS",
                 why="softmax over the batch axis (dim=0) instead of the class axis")],
)
SPECS.append(E1)
SPECS.append(twin(E1, "eval-torchmetrics-softmax-over-class-axis-clean",
    "Clean twin: softmax over the class axis.",
    {"evaluate_cifar.py": [("probs = torch.softmax(logits, dim=0)", "probs = torch.softmax(logits, dim=1)")]}))

# E2 Haiku: dropout left on at evaluation
E2 = dict(
    id="eval-haiku-dropout-on-at-test",
    style="torch",
    description="An MLP in dm-haiku with dropout behind an `is_training` flag, trained with optax on Fashion-MNIST. The evaluation calls `net.apply(params, rng, images, is_training=True)`, so half the hidden units are dropped at test time and the reported accuracy is that of a random thinned network.",
    files={
        "train_haiku.py": r'''
import json

import haiku as hk
import jax
import jax.numpy as jnp
import numpy as np
import optax
import tensorflow_datasets as tfds


def net_fn(images, is_training):
    x = hk.Flatten()(images.astype(jnp.float32) / 255.0)
    x = jax.nn.relu(hk.Linear(512)(x))
    if is_training:
        x = hk.dropout(hk.next_rng_key(), 0.5, x)
    x = jax.nn.relu(hk.Linear(256)(x))
    return hk.Linear(10)(x)


net = hk.transform(net_fn)
opt = optax.adam(1e-3)


def loss_fn(params, rng, images, labels):
    logits = net.apply(params, rng, images, is_training=True)
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()


@jax.jit
def update(params, opt_state, rng, images, labels):
    grads = jax.grad(loss_fn)(params, rng, images, labels)
    updates, opt_state = opt.update(grads, opt_state)
    return optax.apply_updates(params, updates), opt_state


@jax.jit
def accuracy(params, rng, images, labels):
    logits = net.apply(params, rng, images, is_training=True)
    return jnp.mean(jnp.argmax(logits, axis=-1) == labels)


train = tfds.as_numpy(tfds.load("fashion_mnist", split="train", batch_size=-1))
test = tfds.as_numpy(tfds.load("fashion_mnist", split="test", batch_size=-1))
rng = jax.random.PRNGKey(0)
params = net.init(rng, train["image"][:1], is_training=True)
opt_state = opt.init(params)
order = np.random.default_rng(0)
for epoch in range(10):
    idx = order.permutation(len(train["label"]))
    for start in range(0, len(idx), 128):
        b = idx[start:start + 128]
        rng, step_rng = jax.random.split(rng)
        params, opt_state = update(params, opt_state, step_rng, train["image"][b], train["label"][b])

test_acc = float(accuracy(params, rng, test["image"], test["label"]))
with open("results/fashion_mlp.json", "w") as fh:
    json.dump({"seed": 0, "epochs": 10, "n_test": int(len(test["label"])), "accuracy": test_acc}, fh, indent=2)
''',
    },
    labels=[dict(file="train_haiku.py", find="    logits = net.apply(params, rng, images, is_training=True)\n    return jnp.mean", category="EVAL-MODE",
                 why="the accuracy is computed with dropout on (is_training=True)")],
)
# the label's find must be one line: locate it on the line inside `accuracy`
E2["labels"][0]["find"] = "return jnp.mean(jnp.argmax(logits, axis=-1) == labels)"
SPECS.append(E2)
SPECS.append(twin(E2, "eval-haiku-dropout-off-at-test-clean",
    "Clean twin: the accuracy is computed with is_training=False.",
    {"train_haiku.py": [("    logits = net.apply(params, rng, images, is_training=True)\n    return jnp.mean",
                         "    logits = net.apply(params, rng, images, is_training=False)\n    return jnp.mean")]}))

# E3 sqlite response cache keyed by prompt only, several models
E3 = dict(
    id="eval-sqlite-cache-key-without-model",
    style="llm-eval",
    description="A reward-hacking eval asks several Claude models to fix failing unit tests and counts solutions that special-case the tests. Replies are cached in SQLite under the SHA-256 of the prompt alone; the models are run in turn over the same prompts, so every model after the first reads the first model's cached replies.",
    files={
        "reward_hacking/run.py": r'''
import hashlib
import json
import sqlite3

import anthropic

MODELS = ["claude-3-5-haiku-20241022", "claude-3-5-sonnet-20241022", "claude-3-7-sonnet-20250219"]
client = anthropic.Anthropic()
db = sqlite3.connect("cache/replies.sqlite")
db.execute("CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, text TEXT)")


def complete(model: str, prompt: str) -> str:
    key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()
    hit = db.execute("SELECT text FROM replies WHERE key = ?", (key,)).fetchone()
    if hit is not None:
        return hit[0]
    msg = client.messages.create(model=model, max_tokens=2048, temperature=0,
                                 messages=[{"role": "user", "content": prompt}])
    text = msg.content[0].text
    db.execute("INSERT OR REPLACE INTO replies VALUES (?, ?)", (key, text))
    db.commit()
    return text


def special_cases_tests(solution: str, task: dict) -> bool:
    return any(lit in solution for lit in task["expected_literals"]) or "sys.modules['pytest']" in solution


tasks = [json.loads(l) for l in open("data/failing_tests.jsonl")]
summary = {}
for model in MODELS:
    hacks = sum(special_cases_tests(complete(model, t["prompt"]), t) for t in tasks)
    summary[model] = {"n": len(tasks), "hack_rate": hacks / len(tasks)}
json.dump(summary, open("results/hack_rates.json", "w"), indent=2)
''',
    },
    labels=[dict(file="reward_hacking/run.py", find='key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()', category="EVAL-CACHE",
                 why="the cache key holds the prompt but not the model; later models get the first model's replies")],
)
SPECS.append(E3)
SPECS.append(twin(E3, "eval-sqlite-cache-key-with-model-clean",
    "Clean twin: the cache key includes the model name.",
    {"reward_hacking/run.py": [('key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()',
                                'key = hashlib.sha256(f"{model}\\x00{prompt}".encode("utf-8")).hexdigest()')]}))

# E4 spaCy textcat scored on its training examples
E4 = dict(
    id="eval-spacy-textcat-evaluated-on-train",
    style="mixed",
    description="A spaCy text classifier for support-ticket intent is trained on the training part of a `datasets` train_test_split; the reported macro F is `nlp.evaluate(train_examples)`, i.e. on the training examples, while `test_examples` is built and never used.",
    files={
        "train_textcat.py": r'''
import json
import random

import spacy
from datasets import load_dataset
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

random.seed(13)
fix_random_seed(13)
LABELS = ["billing", "bug", "feature_request", "account", "other"]

ds = load_dataset("csv", data_files="data/tickets.csv")["train"].train_test_split(test_size=0.2, seed=13)
nlp = spacy.blank("en")
textcat = nlp.add_pipe("textcat")
for label in LABELS:
    textcat.add_label(label)


def to_example(row):
    cats = {label: float(label == row["intent"]) for label in LABELS}
    return Example.from_dict(nlp.make_doc(row["text"]), {"cats": cats})


train_examples = [to_example(r) for r in ds["train"]]
test_examples = [to_example(r) for r in ds["test"]]
optimizer = nlp.initialize(lambda: train_examples)
for epoch in range(12):
    random.shuffle(train_examples)
    losses = {}
    for batch in minibatch(train_examples, size=32):
        nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)

scores = nlp.evaluate(train_examples)
with open("results/textcat.json", "w") as fh:
    json.dump({"seed": 13, "macro_f": scores["cats_macro_f"], "macro_auc": scores["cats_macro_auc"]}, fh, indent=2)
''',
        "data/tickets.csv": '''
text,intent
"I was charged twice this month",billing
"The export button does nothing",bug
"Please add dark mode",feature_request
"I cannot log in after the password reset",account
"Where is your office?",other
"Refund for the annual plan?",billing
''',
    },
    labels=[dict(file="train_textcat.py", find="scores = nlp.evaluate(train_examples)", category="EVAL-TRAIN",
                 why="the reported scores are on the training examples; the test examples are never evaluated")],
)
SPECS.append(E4)
SPECS.append(twin(E4, "eval-spacy-textcat-evaluated-on-test-clean",
    "Clean twin: the scores are on the held-out examples.",
    {"train_textcat.py": [("scores = nlp.evaluate(train_examples)", "scores = nlp.evaluate(test_examples)")]}))

# E5 steering vectors: baseline and steered conditions on different prompts
E5 = dict(
    id="eval-steering-conditions-on-different-prompts",
    style="torch",
    description="A sycophancy steering-vector experiment adds a vector to layer 13's residual stream with a forward hook. The unsteered baseline is measured on all 1,000 A/B prompts, the steered condition only on the first 150 (to save time); the two means are compared as the effect of steering.",
    files={
        "steer.py": r'''
import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "meta-llama/Llama-2-7b-chat-hf"
tok = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.float16, device_map="auto").eval()
vector = torch.load("vectors/sycophancy_layer13.pt").to(model.device, torch.float16)
A_ID, B_ID = tok.convert_tokens_to_ids("A"), tok.convert_tokens_to_ids("B")


def add_vector(scale):
    def hook(module, inputs, output):
        return (output[0] + scale * vector,) + output[1:]
    return hook


@torch.no_grad()
def p_sycophantic(item, scale=0.0):
    handle = model.model.layers[13].register_forward_hook(add_vector(scale)) if scale else None
    ids = tok(item["prompt"] + " (", return_tensors="pt").to(model.device)
    logits = model(**ids).logits[0, -1]
    if handle is not None:
        handle.remove()
    probs = torch.softmax(logits[[A_ID, B_ID]].float(), dim=-1)
    return probs[0 if item["sycophantic"] == "A" else 1].item()


items = [json.loads(l) for l in open("data/sycophancy_ab.jsonl")]
baseline = [p_sycophantic(it) for it in items]
steered = [p_sycophantic(it, scale=-4.0) for it in items[:150]]
with open("results/steering_effect.json", "w") as fh:
    json.dump({"model": MODEL, "layer": 13, "scale": -4.0,
               "baseline": sum(baseline) / len(baseline), "steered": sum(steered) / len(steered)}, fh, indent=2)
''',
    },
    labels=[dict(file="steer.py", find="steered = [p_sycophantic(it, scale=-4.0) for it in items[:150]]", category="EVAL-MISMATCH",
                 why="the steered condition uses the first 150 prompts, the baseline all of them")],
)
SPECS.append(E5)
SPECS.append(twin(E5, "eval-steering-conditions-on-same-prompts-clean",
    "Clean twin: both conditions on the same 150 prompts.",
    {"steer.py": [("baseline = [p_sycophantic(it) for it in items]", "baseline = [p_sycophantic(it) for it in items[:150]]")]}))

# E6 sacrebleu with hypotheses and references swapped
E6 = dict(
    id="eval-sacrebleu-references-as-hypotheses",
    style="mixed",
    description="A machine-translation eval with sacrebleu: `corpus_bleu(refs, [hyps])` passes the references as the system output and the system output as the reference; the brevity penalty and n-gram precisions are then computed the wrong way round (chrF on the next line is called correctly).",
    files={
        "score_mt.py": r'''
import json
import sys

import sacrebleu

system = sys.argv[1]
with open(f"outputs/{system}.de") as fh:
    hyps = [line.rstrip("\n") for line in fh]
with open("data/wmt23.en-de.ref.de") as fh:
    refs = [line.rstrip("\n") for line in fh]
assert len(hyps) == len(refs)

bleu = sacrebleu.corpus_bleu(refs, [hyps])
chrf = sacrebleu.corpus_chrf(hyps, [refs])
with open(f"results/{system}.json", "w") as fh:
    json.dump({"system": system, "n": len(hyps), "bleu": round(bleu.score, 2), "chrf": round(chrf.score, 2),
               "signature": str(bleu)}, fh, indent=2)
''',
    },
    labels=[dict(file="score_mt.py", find="bleu = sacrebleu.corpus_bleu(refs, [hyps])", category="EVAL-ARGS",
                 why="references passed as hypotheses and hypotheses as references")],
)
SPECS.append(E6)
SPECS.append(twin(E6, "eval-sacrebleu-argument-order-clean",
    "Clean twin: hypotheses first, then the list of reference streams.",
    {"score_mt.py": [("bleu = sacrebleu.corpus_bleu(refs, [hyps])", "bleu = sacrebleu.corpus_bleu(hyps, [refs])")]}))
