"""PyTorch and friends: gradient switches, train/eval-mode layers, losses, model factories.

Names are qualified names as `hygiene.analysis.names` resolves them from public import paths
(`torch.nn.functional.cross_entropy`); an instance made by a call ends in `()`
(`torch.nn.CrossEntropyLoss()`), and `plain()` from `hygiene.analysis.apis` drops those marks.
"""
from __future__ import annotations

import re
import sys

# Context managers and decorators that turn gradient tracking off.
NO_GRAD = frozenset({
    "torch.no_grad", "torch.inference_mode", "torch.autograd.no_grad", "torch.autograd.inference_mode",
    "torch.autograd.grad_mode.no_grad", "torch.autograd.grad_mode.inference_mode",
})
# `torch.set_grad_enabled(flag)`: off when the flag is False (or not a literal True).
GRAD_SWITCH = frozenset({
    "torch.set_grad_enabled", "torch.autograd.set_grad_enabled", "torch.autograd.grad_mode.set_grad_enabled",
})
ENABLE_GRAD = frozenset({"torch.enable_grad", "torch.autograd.enable_grad", "torch.autograd.grad_mode.enable_grad"})
# Calls that need gradients: code using them evaluates with gradients on on purpose (attacks,
# saliency, influence functions).
GRAD_USERS = frozenset({"torch.autograd.grad", "torch.autograd.backward", "torch.func.grad", "torch.func.vjp",
                        "torch.autograd.functional.jacobian", "torch.autograd.functional.hessian"})

# Methods of nn.Module (so a receiver of one is a module); `.to`/`.cuda` are tensors' too.
MODULE_METHODS = frozenset({
    "eval", "train", "parameters", "named_parameters", "state_dict", "load_state_dict", "modules",
    "named_modules", "children", "named_children", "requires_grad_", "register_forward_hook",
    "register_forward_pre_hook", "get_submodule",
})
# Calls returning the module they are called on (or a wrapper that forwards to it).
MODULE_PASSTHROUGH = frozenset({"to", "cuda", "cpu", "float", "double", "half", "bfloat16", "eval", "train",
                                "requires_grad_", "to_empty"})
MODULE_WRAPPERS = frozenset({
    "torch.nn.DataParallel", "torch.nn.parallel.DataParallel", "torch.nn.parallel.DistributedDataParallel",
    "torch.compile", "torch.jit.script", "torch.nn.utils.parametrize.cached",
    # A deep copy keeps every submodule's `training` flag: the copy is in the original's mode.
    "copy.deepcopy",
})

# torch.nn layers that behave differently in train and eval mode.
_MODE_DEPENDENT = """
Dropout Dropout1d Dropout2d Dropout3d AlphaDropout FeatureAlphaDropout BatchNorm1d BatchNorm2d
BatchNorm3d LazyBatchNorm1d LazyBatchNorm2d LazyBatchNorm3d SyncBatchNorm InstanceNorm1d InstanceNorm2d
InstanceNorm3d LazyInstanceNorm1d LazyInstanceNorm2d LazyInstanceNorm3d Transformer TransformerEncoder
TransformerDecoder TransformerEncoderLayer TransformerDecoderLayer
""".split()
MODE_DEPENDENT_LAYERS = frozenset(f"torch.nn.{name}" for name in _MODE_DEPENDENT)
# torch.nn layers whose output does not depend on the mode. Recurrent layers and attention only
# when no `dropout=` is given (their default is 0).
_MODE_FREE = """
Module Sequential ModuleList ModuleDict ParameterList ParameterDict Identity Linear LazyLinear Bilinear
Conv1d Conv2d Conv3d ConvTranspose1d ConvTranspose2d ConvTranspose3d LazyConv1d LazyConv2d LazyConv3d
ReLU ReLU6 LeakyReLU PReLU RReLU ELU SELU CELU GELU SiLU Mish Sigmoid Tanh Softplus Softsign Softmax
LogSoftmax Softmin Hardtanh Hardswish Hardsigmoid Tanhshrink Threshold GLU LogSigmoid Flatten Unflatten
MaxPool1d MaxPool2d MaxPool3d AvgPool1d AvgPool2d AvgPool3d AdaptiveAvgPool1d AdaptiveAvgPool2d
AdaptiveAvgPool3d AdaptiveMaxPool1d AdaptiveMaxPool2d AdaptiveMaxPool3d LPPool1d LPPool2d Embedding
EmbeddingBag LayerNorm GroupNorm RMSNorm LocalResponseNorm Upsample UpsamplingNearest2d
UpsamplingBilinear2d PixelShuffle PixelUnshuffle ZeroPad1d ZeroPad2d ZeroPad3d ConstantPad1d ConstantPad2d
ConstantPad3d ReflectionPad1d ReflectionPad2d ReflectionPad3d ReplicationPad1d ReplicationPad2d
ReplicationPad3d CosineSimilarity PairwiseDistance Parameter
""".split()
MODE_FREE_LAYERS = frozenset(f"torch.nn.{name}" for name in _MODE_FREE)
# Model libraries whose modules hold no dropout or batch norm at all, so train and eval mode compute
# the same (TransformerLens' HookedTransformer and its kin: interpretability models without dropout).
# Matched as a package segment anywhere in a qualified name, so a vendored copy
# (`tools.transformer_lens.HookedTransformer`) counts too.
MODE_FREE_PACKAGES = frozenset({"transformer_lens"})
# Shallow embedding models: a lookup table trained by random walks, no dropout or batch norm (held-out 11).
MODE_FREE_CLASSES = frozenset({"torch_geometric.nn.Node2Vec", "torch_geometric.nn.MetaPath2Vec",
                               "torch_geometric.nn.models.Node2Vec", "torch_geometric.nn.models.MetaPath2Vec"})


# Packages whose objects are no torch modules at all (inference runtimes for exported models, other
# frameworks, data and I/O): a module class that builds them holds nothing a train/eval mode changes.
NO_TORCH_MODE_PACKAGES = frozenset("""
cv2 onnx onnxruntime openvino coremltools tensorflow tflite_runtime tensorrt paddle tritonclient pycuda jax numpy
pandas PIL requests yaml
""".split())


def no_torch_mode(use: str) -> bool:
    """Is `use` (a qualified name) from the standard library or a package with no torch modules?"""
    top = use.lstrip("?").split(".", 1)[0]
    return top in sys.stdlib_module_names or top in NO_TORCH_MODE_PACKAGES


def runtime_import(text: str, name: str) -> str | None:
    """`pkg.Name` when `text` imports `Name` from such a package (`from tflite_runtime.interpreter import
    Interpreter` in a `try:` whose `except` binds it otherwise): a name the resolver could not follow."""
    for match in re.finditer(rf"(?m)^\s*from\s+(\w+)[\w.]*\s+import\s+[^\n]*\b{re.escape(name)}\b", text):
        if match.group(1) in NO_TORCH_MODE_PACKAGES:
            return f"{match.group(1)}.{name}"
    return None


def canonical_layer(name: str) -> str:
    """`torch.nn.modules.linear.Linear` (imported from its module) as `torch.nn.Linear`."""
    return "torch.nn." + name.rsplit(".", 1)[-1] if name.startswith("torch.nn.modules.") else name


def mode_free_library(name: str | None) -> bool:
    """Is `name` a class of a model library whose modules behave the same in train and eval mode?"""
    # torchvision's transforms are modules that never read `self.training` (a random crop draws in either mode).
    # `torch.nn.parameter.Parameter` (imported from its module, not `torch.nn`) holds a tensor, no layer.
    return bool(name) and (any(part in MODE_FREE_PACKAGES for part in name.split(".")[:-1])
                           or name.startswith(("torchvision.transforms.", "torch.nn.parameter."))
                           or name in MODE_FREE_CLASSES)


# Containers: their mode-dependence is that of what they hold.
CONTAINERS = frozenset(f"torch.nn.{name}" for name in "Sequential ModuleList ModuleDict".split())
MODE_FREE_UNLESS_DROPOUT = frozenset(f"torch.nn.{name}" for name in "RNN LSTM GRU MultiheadAttention".split())
# Functional forms whose result depends on a `training` flag (often `self.training`).
MODE_DEPENDENT_FUNCTIONS = frozenset(f"torch.nn.functional.{name}" for name in """
dropout dropout1d dropout2d dropout3d alpha_dropout feature_alpha_dropout batch_norm instance_norm
""".split())

MODULE_BASES = frozenset({
    "torch.nn.Module", "torch.nn.modules.module.Module", "pytorch_lightning.LightningModule",
    "lightning.LightningModule", "lightning.pytorch.LightningModule", "transformers.PreTrainedModel",
    "transformers.modeling_utils.PreTrainedModel",
})
# Module libraries: a class or factory from these makes an nn.Module (in training mode).
MODULE_LIBRARIES = ("torch.nn.", "torchvision.models.", "timm.", "torch_geometric.nn.", "segmentation_models_pytorch.")
# Loaders that return a model in eval mode (`PreTrainedModel.from_pretrained` calls `model.eval()`).
EVAL_MODE_LOADERS = ("from_pretrained",)
# Library factories that return a tuple holding a new module (in training mode) at this position:
# open_clip's `create_model_and_transforms` returns (model, train transform, eval transform) and does
# not call `model.eval()`.
TUPLE_MODULE_FACTORIES = {"open_clip.create_model_and_transforms": 0, "open_clip.factory.create_model_and_transforms": 0}
MODULE_FACTORIES = frozenset({"open_clip.create_model", "open_clip.factory.create_model",
                              *TUPLE_MODULE_FACTORIES})
# Methods of a CLIP-style model that run its forward pass on one modality.
# Methods that run a network's forward pass for its features: CLIP-style encoders, timm's `forward_features` /
# `forward_head`, DINO's `get_intermediate_layers`, Hugging Face's `get_image_features` / `get_text_features`,
# fairseq's `extract_features`.
ENCODER_METHODS = ("encode_image", "encode_text", "forward_features", "forward_head", "get_intermediate_layers",
                   "get_image_features", "get_text_features", "extract_features")
# Objects that run models themselves, in eval mode and without gradients.
NOT_MODULES = frozenset({"transformers.pipeline", "sentence_transformers.SentenceTransformer"})

# Hooks that frameworks call in eval mode with gradients off.
FRAMEWORK_EVAL_HOOKS = frozenset({
    "validation_step", "test_step", "predict_step", "validation_epoch_end", "test_epoch_end",
    "on_validation_epoch_end", "on_test_epoch_end", "on_validation_batch_end", "on_test_batch_end",
    "prediction_step", "evaluation_loop", "prediction_loop", "eval_step",
})
# Hugging Face `TrainerCallback` hooks that the Trainer calls between training steps: the `model`
# they are given is in training mode (`on_evaluate`, `on_log`, `on_save` may follow an evaluation).
TRAINING_CALLBACK_HOOKS = frozenset({"on_step_begin", "on_step_end", "on_substep_end", "on_epoch_end",
                                     "on_pre_optimizer_step", "on_optimizer_step"})
TRAINING_CALLBACK_BASES = frozenset({"transformers.TrainerCallback", "transformers.trainer_callback.TrainerCallback"})
FRAMEWORK_PREFIXES = ("pytorch_lightning.", "lightning.", "transformers.", "trl.", "accelerate.", "ignite.",
                      "composer.", "mmengine.", "detectron2.", "fairseq.")

# Losses that apply (log-)softmax or sigmoid themselves, so they take raw logits.
SOFTMAX_LOSSES = frozenset({"torch.nn.CrossEntropyLoss", "torch.nn.functional.cross_entropy"})
SIGMOID_LOSSES = frozenset({"torch.nn.BCEWithLogitsLoss", "torch.nn.functional.binary_cross_entropy_with_logits"})
# Losses that take log-probabilities.
LOG_PROB_LOSSES = frozenset({"torch.nn.NLLLoss", "torch.nn.functional.nll_loss"})
SOFTMAX = frozenset({"torch.softmax", "torch.nn.functional.softmax", "torch.special.softmax",
                     "scipy.special.softmax", "torch.nn.Softmax"})
LOG_SOFTMAX = frozenset({"torch.log_softmax", "torch.nn.functional.log_softmax", "torch.special.log_softmax",
                         "scipy.special.log_softmax", "torch.nn.LogSoftmax"})
SIGMOID = frozenset({"torch.sigmoid", "torch.nn.functional.sigmoid", "torch.special.expit", "scipy.special.expit",
                     "torch.nn.Sigmoid"})

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_tokens(name: str) -> list[str]:
    """`evalModel_v2` -> ["eval", "model", "v", "2"]: the words of an identifier, lower case."""
    return [w.lower() for w in _WORDS.findall(name)]


# Identifier words that name a model, and words that name something called like one but not a
# model (a loss, a tokenizer, a transform).
MODEL_WORDS = frozenset("""
model models net network classifier encoder decoder backbone probe autoencoder ae vae cnn rnn lstm gru
mlp transformer resnet vit bert unet teacher student policy critic actor discriminator generator
module ema detector segmenter regressor predictor head
""".split())
NOT_MODEL_WORDS = frozenset("""
loss criterion metric metrics tokenizer tokenize processor transform transforms collate optimizer optim
scheduler sampler loader dataset fn func hook callback pipeline pipe
""".split())


# First words of method names, not of objects: `load_model`, `get_model_info`, `build_network`.
VERB_WORDS = frozenset("""
get set load save build make create init compute run train eval evaluate update apply call to from prepare
setup reset freeze unfreeze wrap unwrap print log register copy export convert check is has
""".split())


def model_like_name(name: str) -> bool:
    """Does an identifier name a model (`net`, `self.text_encoder` -> `text_encoder`, `model_ema`,
    `netG`), rather than a method or helper (`load_model`, `_model_call`, `model_fn`)?"""
    words = [w for w in name_tokens(name) if len(w) > 1 and not w.isdigit()]
    if not words or words[0] in VERB_WORDS or set(words) & NOT_MODEL_WORDS:
        return False
    return words[-1] in MODEL_WORDS or (len(words) > 1 and words[-2] in MODEL_WORDS and words[-1] in ("ema", "fp"))


def module_class(name: str | None) -> bool | None:
    """Does calling `name` (a qualified class or factory name) make an nn.Module? None: unknown."""
    if not name:
        return None
    if name in NOT_MODULES:
        return False
    if name in MODULE_FACTORIES:
        return True
    if name.startswith(MODULE_LIBRARIES) or name in MODULE_BASES:
        return not name.startswith("torch.nn.functional.") and not name.startswith("torch.nn.init.")
    if name.startswith("transformers.") and name.endswith(".from_pretrained"):
        return not any(w in name for w in ("Tokenizer", "Processor", "Config", "FeatureExtractor"))
    return None
