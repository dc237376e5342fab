import hashlib
import shelve


def cached_chat(client, model, prompt, temperature=0.0):
    key = hashlib.sha256(f"{model}|{temperature}|{prompt}".encode("utf-8")).hexdigest()
    with shelve.open(".cache/responses") as db:
        if key in db:
            return db[key]
        res = client.chat(model=model, messages=[{"role": "user", "content": prompt}], temperature=temperature)
        text = res.message.content[0].text
        db[key] = text
        return text
