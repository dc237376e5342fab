from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    model: str = "llama-3.1-8b-instant"
    temperature: float = 0.8
    max_tokens: int = 4
    data_path: str = "data/sciq_200.jsonl"


settings = Settings()
