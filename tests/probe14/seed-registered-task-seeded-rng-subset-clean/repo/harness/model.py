from openai import OpenAI

client = OpenAI()


def generate(model, prompt):
    r = client.chat.completions.create(model=model, temperature=0, max_tokens=8,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
