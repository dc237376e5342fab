import re

from mistralai import Mistral

client = Mistral()
NUM = re.compile(r"-?\d[\d,]*\.?\d*")


def ask(prompt):
    res = client.chat.complete(model="mistral-small-latest", messages=[{"role": "user", "content": prompt}], temperature=0.0)
    return res.choices[0].message.content


def last_number(text):
    nums = NUM.findall(text or "")
    return nums[-1].replace(",", "").rstrip(".") if nums else None


def gold(answer):
    return answer.split("####")[-1].strip().replace(",", "")
