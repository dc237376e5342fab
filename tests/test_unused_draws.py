"""Draws whose result nothing reads decide no number (hygiene.analysis.unused_draws)."""
from __future__ import annotations

import textwrap

import libcst as cst

from hygiene.analysis.unused_draws import unused


def _first_draw(source: str) -> tuple[cst.Module, cst.Assign]:
    module = cst.parse_module(textwrap.dedent(source))
    assign = next(n for n in module.body if isinstance(n, cst.SimpleStatementLine)
                  and isinstance(n.body[0], cst.Assign) and "random" in module.code_for_node(n.body[0].value)).body[0]
    return module, assign


def test_a_draw_read_by_nothing_or_only_by_unread_names_is_unused():
    assert unused(*_first_draw("""
        import random
        pick = random.choice(items)
    """))
    assert unused(*_first_draw("""
        import random
        qid, ranking = random.choice(list(results.items()))
        ranked = sorted(ranking.items())
        # print(qid, ranked[:10])
    """))


def test_any_read_keeps_the_draw():
    for tail in ("print(ranked[:10])", "evaluate(qid)", "for r in ranked: pass", "if qid: pass",
                 "def show():\n    return ranked", "x = f'{qid}'\nprint(x)", "out['q'] = qid"):
        source = "import random\nqid, ranking = random.choice(list(results.items()))\nranked = sorted(ranking)\n" + tail
        assert not unused(*_first_draw(source)), tail


def test_a_draw_bound_to_an_attribute_or_an_item_is_kept():
    assert not unused(*_first_draw("""
        import random
        self.pick = random.choice(items)
    """))
    assert not unused(*_first_draw("""
        import random
        picks[0] = random.choice(items)
    """))


def test_a_draw_that_only_names_a_written_file_decides_no_number():
    # Held-out set 27 (SEED002): `flag = np.random.randint(0, 65536)` only tags the submission's file
    # name so that runs do not overwrite each other.
    for write in ("sub.to_csv('./submission/lgb_%.5f_%d.csv.gz' % (auc, flag), index=False)",
                  "torch.save(model.state_dict(), f'ckpt/model_{flag}.pt')",
                  "json.dump(scores, open('runs/{}/scores.json'.format(flag), 'w'))",
                  "plt.savefig(f'figures/loss_{flag}.png')"):
        source = f"import numpy as np\nflag = np.random.randint(0, 65536)\n{write}\n"
        assert unused(*_first_draw(source)), write


def test_a_draw_that_names_a_file_read_or_is_written_itself_is_kept():
    for tail in ("X = np.load(f'data/fold_{flag}.npy')\nprint(X.mean())",  # which fold is read: a number changes
                 "np.save(f'out/run_{flag}.npy', flag)",  # the drawn value is itself saved
                 "df.to_csv('out/run.csv', index=flag > 5)",
                 "print(f'run {flag}')\nevaluate(flag)"):
        source = f"import numpy as np\nflag = np.random.randint(0, 65536)\n{tail}\n"
        assert not unused(*_first_draw(source)), tail
