"""Helpfulness of the steered model: a reply is helpful when it names a place to visit."""
import json

PLACES = ("old town", "harbour", "museum", "castle")


def helpful(reply):
    return any(place in reply.lower() for place in PLACES)


def main():
    rows = [json.loads(line) for line in open("outputs/steered-llama.jsonl")]
    rate = sum(helpful(r["response"]) for r in rows) / len(rows)
    print(json.dumps({"model": "steered-llama", "n": len(rows), "helpfulness": rate}))


if __name__ == "__main__":
    main()
