SETTINGS = {
    "model": "together_ai/meta-llama/Llama-3.1-8B-Instruct-Turbo",
    "temperature": 0.8,
    "max_tokens": 16,
    "n_items": 150,
}
