from __future__ import annotations

from hygiene.analysis.apis.llm import calls_model, model_call
from tests.helpers import calls


def _is_model_call(source: str) -> dict:
    return calls(source, lambda ctx, node: model_call(ctx.names.qualified_name(node.func), node))


def test_provider_sdks_through_aliases_and_instances():
    seen = _is_model_call("""
        import anthropic
        from openai import OpenAI as OA
        client = anthropic.Anthropic()
        oa = OA()
        client.messages.create(model=m, max_tokens=5, messages=msgs)
        oa.chat.completions.create(model=m, messages=msgs)
        anthropic.Anthropic().messages.create(model=m, messages=msgs, max_tokens=1)
    """)
    assert seen["client.messages.create"] is True
    assert seen["oa.chat.completions.create"] is True
    assert seen["anthropic.Anthropic().messages.create"] is True
    assert seen["anthropic.Anthropic"] is False


def test_unresolved_client_recognised_by_endpoint_shape():
    seen = _is_model_call("""
        def ask(client, prompt):
            return client.chat.completions.create(model="gpt-4o", messages=[prompt])
    """)
    assert seen["client.chat.completions.create"] is True


def test_near_misses_are_not_model_calls():
    seen = _is_model_call("""
        import os, tempfile
        tempfile.NamedTemporaryFile()
        table.create(name="x")
        db.messages.count()
        model.generate_report()
        os.path.join("a", "b")
        model.generate(input_ids)
        Person.objects.create(name="n")
    """)
    assert not any(seen.values()), seen


def test_bedrock_runtime_calls_by_their_model_id():
    seen = _is_model_call("""
        import boto3
        brt = boto3.client("bedrock-runtime")
        brt.invoke_model(modelId="anthropic.claude-3-haiku", body=body)
        brt.converse(modelId=MODEL_ID, messages=msgs)
        lam = boto3.client("lambda")
        lam.invoke(FunctionName="f", Payload=payload)
        s3.invoke_model_job(JobName="x")
    """)
    assert seen["brt.invoke_model"] and seen["brt.converse"]
    assert not seen["lam.invoke"] and not seen["s3.invoke_model_job"]


def test_local_generation_with_generation_arguments():
    seen = _is_model_call("""
        out = model.generate(**batch, max_new_tokens=64, do_sample=False)
        from vllm import LLM
        llm = LLM(model="m")
        llm.generate(prompts, params)
        from transformers import pipeline
        pipe = pipeline("text-generation", model="gpt2")
        pipe("hello")
    """)
    assert seen["model.generate"] and seen["llm.generate"] and seen["pipe"]


def test_wrappers_in_the_same_file_count_as_model_calls():
    seen = calls("""
        import anthropic
        client = anthropic.Anthropic()

        def ask(prompt):
            return client.messages.create(model="m", max_tokens=5, messages=[prompt])

        def judge(answer):
            return ask("Grade: " + answer)

        class Runner:
            def query(self, p):
                return judge(p)

            def run(self, items):
                for item in items:
                    self.query(item)
                    self.save(item)

        for row in rows:
            judge(row)
            print(row)
    """, calls_model)
    assert seen["judge"] is True and seen["self.query"] is True and seen["ask"] is True
    assert seen["print"] is False and seen["self.save"] is False


def test_a_pipeline_under_any_name_with_generation_arguments():
    seen = _is_model_call("""
        def make_generator(path):
            return pipeline("text-generation", model=path)
        gen = make_generator("m")
        gen(prompts, max_new_tokens=8, do_sample=True, temperature=0.7)
        encode(text, max_new_tokens=8)
    """)
    assert seen["gen"] is True
    assert seen["encode"] is False


def test_a_helper_given_model_and_messages_is_a_model_call_but_dict_is_not():
    seen = _is_model_call("""
        from judge import call_with_retry
        call_with_retry(client, model=m, max_tokens=5, messages=msgs)
        kwargs = dict(model=m, messages=msgs)
    """)
    assert seen["call_with_retry"] is True
    assert seen["dict"] is False


def test_the_cheap_prefilter_never_rules_out_a_model_call():
    from hygiene.analysis.apis.llm import may_call_model

    seen = calls("""
        import anthropic, litellm
        from transformers import pipeline
        client = anthropic.Anthropic()
        client.messages.create(model="m", max_tokens=5, messages=msgs)
        client.chat.completions.create(model="m", messages=msgs)
        litellm.completion(model="m", messages=msgs)
        gen = pipeline("text-generation", model="gpt2")
        gen(prompt, max_new_tokens=8, do_sample=False)
        model.generate(**batch, max_new_tokens=64)
        path.read_text()
    """, lambda ctx, node: (model_call(ctx.names.qualified_name(node.func), node), may_call_model(node)))
    for callee, (is_model, may_be) in seen.items():
        assert may_be or not is_model, callee
    assert seen["path.read_text"] == (False, False)
