import copy

import torch
from torch import nn


def penultimate(net: nn.Module) -> nn.Module:
    """The network without its classifier: pooled features of the last block."""
    body = copy.deepcopy(net)
    body.fc = nn.Identity()
    return body
