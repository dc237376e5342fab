CONFIG = {
    "model": "gpt-4o-2024-08-06",
    "temperature": 0.0,
    "max_tokens": 512,
    "domain": "clinical pharmacology",
    "system_prompt": "You are an expert in {domain}. Answer concisely and cite the mechanism.",
    "data": "data/pharm_qa.jsonl",
}
