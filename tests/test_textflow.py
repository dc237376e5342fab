"""Where strings go (hygiene.analysis.textflow), and what counts as a template field (hygiene.analysis.strings)."""
from __future__ import annotations

import textwrap

import libcst as cst

from hygiene.config import Config
from hygiene.context import FileContext
from hygiene.analysis.names import NameResolver
from hygiene.analysis.strings import TemplateLiteral, template_fields
from hygiene.analysis.textflow import ESCAPES, FORMATTED, RETURNED, SENT, TextFlow
from hygiene.walk import Dispatch, walk


def _flow(source: str) -> tuple[TextFlow, cst.Module]:
    text = textwrap.dedent(source)
    module = cst.parse_module(text)
    resolver = NameResolver(module, "example")
    ctx = FileContext("example.py", "python", text, Config(), module, resolver)
    walk(module, Dispatch([resolver]), ctx.parents)
    return TextFlow.of(ctx), module


def _kinds_of_literal(source: str, needle: str) -> set[str]:
    flow, module = _flow(source)
    literal = next(n for n in _nodes(module) if isinstance(n, (cst.SimpleString, cst.ConcatenatedString))
                   and needle in module.code_for_node(n))
    return {d.kind for d in flow.destinations(literal)}


def _nodes(root: cst.CSTNode):
    from hygiene.walk import iter_nodes
    return iter_nodes(root)


def test_template_fields_reject_json_latex_regex_and_escapes():
    assert template_fields("Q: {question}\nA: {answer!r:>10} {row[0]} {item.text}") == [
        "question", "answer", "row[0]", "item.text"]
    assert template_fields('{"label": "x"} {answer: "A"} \\boxed{ans} ${var} {{esc}} \\d{3} {0} {}') == []


def test_template_literal_reads_concatenations_piece_by_piece():
    module = cst.parse_module('x = ("about {subject}" f"{q}" "{{x}}")\n')
    value = module.body[0].body[0].value
    template = TemplateLiteral.of(value)
    assert template is not None and template.fields == ["subject"] and template.mixed and template.escapes
    assert TemplateLiteral.of(cst.parse_expression('f"{a}" "b"')) is None
    assert TemplateLiteral.of(cst.parse_expression('b"{a}"')) is None


def test_sent_through_messages_and_a_local_variable():
    kinds = _kinds_of_literal("""
        import anthropic
        client = anthropic.Anthropic()
        def judge(q):
            p = "Q: {q}"
            msgs = [{"role": "user", "content": p.strip()}]
            return client.messages.create(model="m", max_tokens=5, messages=msgs)
    """, "Q: {q}")
    assert kinds == {SENT}


def test_rebinding_with_format_is_understood():
    kinds = _kinds_of_literal("""
        import anthropic
        client = anthropic.Anthropic()
        def judge(q):
            p = "Q: {q}"
            p = p.format(q=q)
            return client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": p}])
    """, "Q: {q}")
    assert kinds == {FORMATTED}


def test_plus_equals_keeps_the_text_and_return_is_seen():
    kinds = _kinds_of_literal("""
        def build(q):
            p = "Q: {q}"
            p += "\\nA:"
            return p
    """, "Q: {q}")
    assert kinds == {RETURNED}


def test_through_a_function_of_the_same_file():
    sent = _kinds_of_literal("""
        import openai
        def ask(client, text):
            return client.chat.completions.create(model="x", messages=[{"role": "user", "content": text}])
        def run(client):
            ask(client, "Q: {q}")
    """, "Q: {q}")
    assert sent == {SENT}
    filled = _kinds_of_literal("""
        import openai
        def ask(client, template, **kw):
            return client.chat.completions.create(model="x", messages=[{"role": "user", "content": template.format(**kw)}])
        def run(client):
            ask(client, "Q: {q}", q=1)
    """, "Q: {q}")
    assert filled == {FORMATTED}
    returned = _kinds_of_literal("""
        def wrap(text):
            return "System: be brief.\\n" + text
        def run():
            return wrap("Q: {q}")
    """, "Q: {q}")
    assert returned == {RETURNED}


def test_unknown_calls_escape_and_logging_is_inert():
    source = """
        import logging
        from somewhere import fill
        def run(q):
            logging.info("Logged: {q}")
            return fill("Filled: {q}", q=q)
    """
    assert _kinds_of_literal(source, "Logged") == set()
    assert _kinds_of_literal(source, "Filled") == {ESCAPES}


def test_module_constant_read_in_a_function():
    flow, module = _flow("""
        import anthropic
        client = anthropic.Anthropic()
        PROMPT = "Review: {text}"
        def judge(text):
            return client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": PROMPT}])
    """)
    statement = next(n for n in _nodes(module) if isinstance(n, cst.Assign) and "PROMPT" in module.code_for_node(n))
    loads = flow.scopes.loads_reached(statement, "PROMPT")
    assert len(loads) == 1
    assert {d.kind for d in flow.destinations(loads[0])} == {SENT}


def test_text_appended_to_a_list_goes_where_the_list_goes():
    source = """
        from openai import OpenAI
        client = OpenAI()

        def ask(question):
            messages = [{"role": "system", "content": "Be brief."}]
            messages.append({"role": "user", "content": "Topic {domain}: " + question})
            return client.chat.completions.create(model="m", messages=messages)

        def collect(history):
            history.append("Topic {area}")
    """
    assert _kinds_of_literal(source, "Topic {domain}") == {SENT}
    assert _kinds_of_literal(source, "Topic {area}") == {ESCAPES}  # a parameter's list: unknown


def test_replace_chain_reads_the_fields_it_fills():
    from hygiene.analysis.textflow import replace_chain
    flow, module = _flow("""
        t = "A {a} B {b} C {c}"
        out = t.replace("{a}", x).replace("{b}", y)
        clean = t.replace("\\n", " ")
    """)
    calls = [n for n in _nodes(module) if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute)
             and n.func.attr.value == "replace" and isinstance(n.func.value, cst.Name)]
    fields, outer = replace_chain(flow, calls[0])
    assert fields == {"a", "b"} and module.code_for_node(outer).startswith('t.replace("{a}", x).replace("{b}"')
    assert replace_chain(flow, calls[1]) is None


def test_comprehension_element_keeps_the_text_and_its_condition_does_not():
    sent = _kinds_of_literal("""
        from vllm import LLM
        llm = LLM(model="m")
        outs = llm.generate(["Q: " + q for q in questions])
    """, "Q: ")
    assert sent == {SENT}
    dropped = _kinds_of_literal("""
        from vllm import LLM
        llm = LLM(model="m")
        outs = llm.generate([q for q in questions if "Q: " in q])
    """, "Q: ")
    assert dropped == set()


def test_replace_chain_follows_a_rebinding_with_one_read():
    from hygiene.analysis.textflow import replace_chain
    flow, module = _flow("""
        def fill(t, a, b):
            text = t.replace("{a}", a)
            text = text.replace("{b}", b)
            return text
    """)
    first = next(n for n in _nodes(module) if isinstance(n, cst.Call) and '"{a}"' in module.code_for_node(n))
    fields, outer = replace_chain(flow, first)
    assert fields == {"a", "b"} and '"{b}"' in module.code_for_node(outer)
    flow, module = _flow("""
        def fill(t, a):
            text = t.replace("{a}", a)
            return text.replace("{b}", "x"), text.replace("{b}", "y")
    """)
    first = next(n for n in _nodes(module) if isinstance(n, cst.Call) and '"{a}"' in module.code_for_node(n))
    assert replace_chain(flow, first)[0] == {"a"}
