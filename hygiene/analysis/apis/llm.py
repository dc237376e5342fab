"""Calls that send text to a language model, and what they were asked with.

`model_call(name, node)` recognises a call as a model call from its qualified name when the
client resolves (`anthropic.Anthropic().messages.create`), else from the endpoint's shape, which
is distinctive on its own (`<anything>.chat.completions.create(...)`, `.messages.create(...)`),
else from its arguments (`model=` together with `messages=` or `prompt=`). Local generation counts
too (`model.generate(..., max_new_tokens=...)`, vLLM's `LLM().generate`, a transformers pipeline).

`model_callers(ctx)` names the functions of a file that call a model, directly or through other
functions of the same file, so `ask(prompt)` is a model call when `ask` wraps the client.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.names import dotted
from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.context import FileContext

# Key-value stores kept on disk between runs: a response cache in one of them outlives the run (and
# the model) that filled it.
PERSISTENT_STORES = frozenset({
    "sqlitedict.SqliteDict", "sqlitedict.open", "shelve.open", "shelve.Shelf", "shelve.DbfilenameShelf",
    "diskcache.Cache", "diskcache.FanoutCache", "diskcache.Index", "dbm.open", "dbm.gnu.open", "dbm.ndbm.open",
    "dbm.dumb.open", "lmdb.open", "rocksdict.Rdict", "klepto.archives.file_archive", "klepto.archives.sqltable_archive",
})

# Endpoints by the tail of their qualified name, once instance marks are dropped.
ENDPOINT_TAILS = (
    "messages.create", "messages.stream", "messages.parse", "completions.create", "completions.parse",
    "responses.create", "responses.parse", "ChatCompletion.create", "ChatCompletion.acreate",
    "Completion.create", "generate_content", "generate_content_async", "chat.complete",
    "chat.complete_async", "chat.stream",
)
# Functions and methods that are model calls whatever their arguments.
KNOWN_CALLS = frozenset({
    "litellm.completion", "litellm.acompletion", "litellm.batch_completion", "litellm.text_completion",
    "ollama.chat", "ollama.generate", "ollama.Client.chat", "ollama.Client.generate",
    "vllm.LLM.generate", "vllm.LLM.chat", "cohere.Client.chat", "cohere.Client.generate",
    "cohere.ClientV2.chat", "replicate.run", "huggingface_hub.InferenceClient.text_generation",
    "huggingface_hub.InferenceClient.chat_completion", "inspect_ai.model.get_model.generate",
    # agents: the task text goes to the agent's model (smolagents, the OpenAI Agents SDK's `Runner`, PydanticAI)
    "smolagents.CodeAgent.run", "smolagents.ToolCallingAgent.run", "smolagents.MultiStepAgent.run",
    "smolagents.agents.CodeAgent.run", "smolagents.agents.ToolCallingAgent.run",
    "agents.Runner.run", "agents.Runner.run_sync", "pydantic_ai.Agent.run", "pydantic_ai.Agent.run_sync",
})
PROVIDER_ROOTS = ("anthropic", "openai", "google", "vertexai", "mistralai", "together", "groq",
                  "cohere", "fireworks", "litellm", "ollama", "vllm", "langchain", "langchain_openai",
                  "langchain_anthropic", "langchain_core", "llama_index", "replicate", "boto3", "huggingface_hub")
# The arguments that decide what a model call returns.
SAMPLING_KWARGS = ("temperature", "top_p", "top_k", "n", "seed", "max_tokens", "max_new_tokens",
                   "max_completion_tokens", "max_output_tokens", "do_sample", "num_beams", "stop",
                   "presence_penalty", "frequency_penalty", "reasoning_effort", "thinking")
# Arguments of a model call that never carry the prompt's text.
NON_TEXT_KWARGS = frozenset({"model", "model_name", "stream", "response_format", "tools", "tool_choice", "timeout",
                             "extra_headers", "metadata", "logprobs", "top_logprobs", "user", "stop_sequences",
                             "sampling_params", "generation_config", *SAMPLING_KWARGS})
TEXT_KWARGS = ("messages", "prompt", "contents", "input", "system", "inputs", "text_inputs")
# Fields and values that say a generation was cut at the token limit.
STOP_FIELDS = ("stop_reason", "finish_reason", "stop_sequence", "finishReason", "done_reason")
TRUNCATED_VALUES = ("max_tokens", "length", "MAX_TOKENS", "max_output_tokens", "model_length_limit")


# Arguments that ask for several samples per call.
REPEAT_KWARGS = ("n", "num_return_sequences", "best_of", "candidate_count", "num_samples", "num_generations")


# Method names a model call can end with (the last part of every endpoint and known call above).
MODEL_METHODS = frozenset({t.rsplit(".", 1)[-1] for t in (*ENDPOINT_TAILS, *KNOWN_CALLS)} | {
    "invoke", "ainvoke", "predict", "complete", "chat", "batch", "generate", "agenerate", "completion",
    "acompletion", "create", "invoke_model", "invoke_model_with_response_stream", "converse", "converse_stream"})


def may_call_model(node: cst.Call) -> bool:
    """A cheap pre-filter for `model_call`, without resolving names: False only when it cannot be one.

    For rules that want to know whether a file calls a model at all without resolving every call.
    """
    func = node.func
    if isinstance(func, cst.Attribute):
        return func.attr.value in MODEL_METHODS or any(a.keyword is not None and a.keyword.value in (
            "max_new_tokens", "model", "messages") for a in node.args) or (func.attr.value in _HTTP_POSTS and any(
                a.keyword is not None and a.keyword.value == "json" for a in node.args))
    return isinstance(func, cst.Name)


def _keywords(node: cst.Call) -> set[str]:
    return {a.keyword.value for a in node.args if a.keyword is not None}


# `x.messages.create(...)` as written: the endpoint's path at the end of the callee's dotted name.
_DOTTED_TAILS = tuple("." + t for t in ENDPOINT_TAILS)
_TAIL_METHODS = frozenset(t.rsplit(".", 1)[-1] for t in ENDPOINT_TAILS)


_BEDROCK_METHODS = frozenset({"invoke_model", "invoke_model_with_response_stream", "converse", "converse_stream"})
# Raw HTTP clients (httpx, requests, aiohttp) posting a chat request body: `client.post(URL, json={"model": ...,
# "messages": [...], "temperature": 0.9})` is a model call whose settings are the body's entries.
_HTTP_POSTS = frozenset({"post", "apost"})
# A local inference server's body names no model (llama.cpp's `/completion`: `{"prompt": p, "n_predict": 64}`;
# TGI, vLLM and ollama servers take the same settings): a text with a generation setting is a model request.
_GENERATION_ENTRIES = frozenset({"n_predict", "num_predict", "max_tokens", "max_new_tokens", "max_completion_tokens",
                                 "temperature", "top_p", "top_k", "stop", "grammar", "json_schema"})


def http_body(node: cst.Call) -> dict[str, cst.BaseExpression] | None:
    """The entries of a chat request body posted as a dict literal (`json={"model": m, "messages": ...}`, or a
    local server's `json={"prompt": p, "n_predict": 64}`)."""
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in _HTTP_POSTS):
        return None
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value == "json" and isinstance(arg.value, cst.Dict):
            entries = {e.key.evaluated_value: e.value for e in arg.value.elements
                       if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                       and isinstance(e.key.evaluated_value, str)}
            if entries.keys() & {"messages", "prompt", "contents"} and ("model" in entries or entries.keys() & _GENERATION_ENTRIES):
                return entries
    return None


# Keywords whose literal dict holds the call's generation settings (ollama `options`, HF `InferenceClient`
# `parameters`, `generate_kwargs` / `gen_kwargs` dicts, an OpenAI-compatible `extra_body`).
_SETTINGS_DICTS = ("options", "parameters", "generate_kwargs", "gen_kwargs", "generation_kwargs", "extra_body")


def settings_entries(kwargs: dict[str, cst.BaseExpression]) -> dict[str, cst.BaseExpression]:
    """The string-keyed entries of a settings dict passed to the call (`options={"temperature": 0.8}`)."""
    found: dict[str, cst.BaseExpression] = {}
    for key in _SETTINGS_DICTS:
        value = kwargs.get(key)
        if isinstance(value, cst.Dict):
            for element in value.elements:
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                    found.setdefault(element.key.evaluated_value, element.value)  # type: ignore[arg-type]
    return found


def model_call(name: str | None, node: cst.Call) -> bool:
    """Is `node` (whose callee resolves to `name`, if known) a call that sends text to a model?"""
    keywords = _keywords(node) if node.args else set()
    if name is not None:
        bare = plain(name)
        if bare in KNOWN_CALLS:
            return True
        root = bare.split(".", 1)[0]
        if root in PROVIDER_ROOTS and bare.endswith(ENDPOINT_TAILS):
            return True
        if root.startswith(("langchain", "llama_index")) and bare.endswith(
                (".invoke", ".ainvoke", ".predict", ".complete", ".chat", ".batch")):
            return True
        if name == "transformers.pipeline()":  # calling a pipeline object made by pipeline(...)
            return True
        # calling a generator made by outlines (`outlines.generate.choice(model, labels)(prompt)`)
        if name.startswith("outlines.generate.") and name.endswith("()") or name == "outlines.Generator()":
            return True
    func = node.func
    # `.create(...)` alone is too common (files, tables); the endpoint path must be there. (A bare
    # name has no dot, and the dotted name ends with the method: only those methods need it.)
    if isinstance(func, cst.Attribute) and func.attr.value in _TAIL_METHODS:
        text = dotted(func)
        if text is not None and text.endswith(_DOTTED_TAILS):
            return True
    if isinstance(func, cst.Attribute):
        method = func.attr.value
        if method in ("generate", "agenerate") and keywords & {"max_new_tokens", "max_length", "do_sample",
                                                                 "sampling_params", "generation_config"}:
            return True
        if method in ("generate", "chat") and name is not None and plain(name).startswith("vllm."):
            return True
    # A transformers pipeline or generate under any name: `gen(prompts, max_new_tokens=8, do_sample=True)`.
    if "max_new_tokens" in keywords and keywords & {"do_sample", "temperature", "top_p", "top_k",
                                                    "num_return_sequences", "return_full_text"}:
        return True
    # AWS Bedrock's runtime client (`boto3.client("bedrock-runtime")`): `invoke_model(modelId=..., body=...)`,
    # `converse(modelId=..., messages=...)`; the `modelId` keyword is what tells them from other AWS calls.
    if isinstance(func, cst.Attribute) and func.attr.value in _BEDROCK_METHODS and "modelId" in keywords:
        return True
    if "json" in keywords and http_body(node) is not None:
        return True
    if "model" in keywords and keywords & {"messages", "prompt", "contents"} and isinstance(func, cst.Attribute):
        return func.attr.value in ("create", "completion", "acompletion", "generate", "chat", "complete", "invoke")
    # A helper handed a model and a chat transcript (`call_with_retry(client, model=m, messages=msgs)`)
    # is a model call wherever it is defined; `messages` with `model` is distinctive enough.
    if isinstance(func, cst.Name) and {"model", "messages"} <= keywords:
        return name is None or not name.startswith("builtins.")  # not `dict(model=..., messages=...)`
    return False


def model_call_here(ctx: FileContext, node: cst.Call) -> bool:
    """`model_call` for the call the walk is at (its names as the walk sees them), memoised per call
    so that every rule asking about it pays once. After the walk, `ctx.memo["calls_a_model"]` says
    whether any call asked about was one."""
    seen = ctx.memo.setdefault("model_call_at", {})
    found = seen.get(id(node))
    if found is None:
        found = seen[id(node)] = may_call_model(node) and model_call(ctx.names.qualified_name(node.func), node)
        if found:
            ctx.memo["calls_a_model"] = True
    return found


def call_kwargs(node: cst.Call) -> dict[str, cst.BaseExpression]:
    return {a.keyword.value: a.value for a in node.args if a.keyword is not None}


def model_callers(ctx: FileContext) -> frozenset[str]:
    """Names (as written in this file, e.g. `ask`, `Judge.score`) of functions that call a model.

    Transitive within the file: a function calling one of those is one too. Memoised per file.
    """
    cached = ctx.memo.get("model_callers")
    if cached is not None:
        return cached
    if ctx.module is None:
        return frozenset()
    direct: set[str] = set()
    calls: dict[str, set[str]] = {}
    for fn, owner in _functions(ctx.module):
        key = f"{owner}.{fn.name.value}" if owner else fn.name.value
        called: set[str] = set()
        for node in iter_nodes(fn.body):
            if isinstance(node, cst.Call):
                if model_call(_static_name(ctx, node.func), node):
                    direct.add(key)
                callee = _local_callee(node.func, owner)
                if callee:
                    called.add(callee)
        calls[key] = called
    callers = set(direct)
    changed = True
    while changed:
        changed = False
        for key, called in calls.items():
            if key not in callers and called & callers:
                callers.add(key)
                changed = True
    result = frozenset(callers)
    ctx.memo["model_callers"] = result
    return result


def _static_name(ctx: FileContext, func: cst.BaseExpression) -> str | None:
    """Qualified name without walk-time scope state: module-level bindings only."""
    resolver = ctx.names
    saved = resolver.scope
    resolver.scope = resolver.module_scope
    try:
        return resolver.qualified_name(func)
    finally:
        resolver.scope = saved


def _local_callee(func: cst.BaseExpression, owner: str) -> str | None:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self" and owner:
        return f"{owner}.{func.attr.value}"
    return None


def _functions(module: cst.Module):
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef):
            yield stmt, ""
        elif isinstance(stmt, cst.ClassDef) and isinstance(stmt.body, cst.IndentedBlock):
            for inner in stmt.body.body:
                if isinstance(inner, cst.FunctionDef):
                    yield inner, stmt.name.value


def calls_model(ctx: FileContext, node: cst.Call) -> bool:
    """A model call, directly or through a function of this file that wraps one."""
    if model_call(ctx.names.qualified_name(node.func), node):
        return True
    owner = ""
    fn_scope = ctx.names.scope
    while fn_scope is not None:
        if fn_scope.kind == "class":
            owner = fn_scope.name
            break
        fn_scope = fn_scope.parent
    callee = _local_callee(node.func, owner)
    return callee is not None and callee in model_callers(ctx)


# Evaluation harnesses that take the evaluated items and the prompt-building steps in one call:
# qualified name -> the keyword (or position) holding the items. Everything else handed to the
# call (solvers, system messages, templates) is what the model is prompted with.
EVAL_HARNESSES = {"inspect_ai.Task": ("dataset", 0), "inspect_ai._eval.task.task.Task": ("dataset", 0)}
