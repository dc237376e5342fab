"""The reverse edges of a file's dataflow graph (who uses each node), held as two flat arrays."""
from hygiene.analysis.dataflow.graph import INPUTS, reverse_edges


def _naive(nodes):
    table = [[] for _ in nodes]
    for number, node in enumerate(nodes):
        for source in node[INPUTS]:
            if source:
                table[source].append(number)
    return table


def _node(*inputs):
    row = [None] * (INPUTS + 1)
    row[INPUTS] = tuple(inputs)
    return tuple(row)


def test_users_of_each_node_in_node_order_as_a_list_per_node_would_give():
    nodes = [_node(), _node(), _node(1), _node(1, 2), _node(3, 1, 0), _node(2, 2), _node()]
    offsets, users = reverse_edges(nodes)
    got = [list(users[offsets[n]:offsets[n + 1]]) for n in range(len(nodes))]
    assert got == _naive(nodes)
    assert got[1] == [2, 3, 4] and got[2] == [3, 5, 5] and got[0] == [] and got[6] == []


def test_an_empty_graph_has_no_users():
    offsets, users = reverse_edges([])
    assert list(offsets) == [0] and len(users) == 0
