"""hygiene.analysis.evalmode.oneshot: a notebook's forward pass on one example whose output is only shown."""
from __future__ import annotations

import textwrap

import pytest

from hygiene.analysis.evalmode.oneshot import shown_one_example


def _shown(code: str) -> bool:
    text = textwrap.dedent(code).strip("\n")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if "# forward" in row)
    return shown_one_example(text, line, "net")


@pytest.mark.parametrize("batch", [
    "x[None]", "x[None, ...]", "x[np.newaxis]", "x.unsqueeze(0)", "x.unsqueeze(dim=0)", "torch.unsqueeze(x, 0)",
    "np.expand_dims(x, 0)", "np.expand_dims(x, axis=0)", "x.view(1, -1)", "x.reshape((1, 3, 32, 32))",
    "torch.stack([x])", "torch.from_numpy(x[None]).float().to(device)", "xs[i:i + 1]", "one",
])
def test_one_example_shown(batch):
    assert _shown(f"""
        one = torch.tensor(x)[None]
        with torch.no_grad():
            out = net({batch})  # forward
        plt.imshow(out[0].numpy())
    """)


def test_one_example_from_a_function_of_the_notebook():
    assert _shown("""
        def prepare(picture):
            arr = np.asarray(picture).transpose(2, 0, 1)
            return torch.tensor(arr[None])

        with torch.no_grad():
            probs = net(prepare(picture)).softmax(-1)[0]  # forward
        top = probs.argsort()[-5:]
        print([names[i] for i in top])
    """)


def test_output_unpacked_into_one_item():
    assert _shown("""
        logits, = net(batch).numpy()  # forward
        plt.bar(range(len(logits)), logits)
    """)


@pytest.mark.parametrize("batch", ["x", "x[:, None]", "x.unsqueeze(1)", "x.view(-1, 1)", "torch.stack(xs)",
                                   "xs[i:i + 8]", "prepare(x)"])
def test_not_one_example(batch):
    assert not _shown(f"""
        def prepare(picture):
            return torch.tensor(picture)

        out = net({batch})  # forward
        plt.imshow(out[0].numpy())
    """)


@pytest.mark.parametrize("use", [
    "print(out.argmax() == label)", "acc = accuracy_score([label], [out.argmax()])", "preds.append(out)",
    "loss = criterion(out, target)", "total += out.sum()", "np.save('out.npy', out)",
    "pred = out.argmax()\nprint(pred == label)", "wandb.log({'p': out.max()})",
])
def test_output_scored_or_kept(use):
    assert not _shown("out = net(x[None])  # forward\n" + use)


def test_forward_in_a_loop_or_function_is_no_demonstration():
    assert not _shown("""
        for x in pictures:
            out = net(x[None])  # forward
            plt.imshow(out[0])
    """)
    assert not _shown("""
        def show(x):
            out = net(x[None])  # forward
            plt.imshow(out[0])
    """)


def test_a_name_bound_again_is_no_longer_the_output():
    assert _shown("""
        out = net(x[None])  # forward
        plt.imshow(out[0])
        out = other_model(batch)
        print(out == labels)
    """)
