from openai import OpenAI

client = OpenAI()


def answer_ticket(question):
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                       messages=[{"role": "system", "content": "You are a helpful support agent."},
                                                 {"role": "user", "content": question}])
    return r.choices[0].message.content
