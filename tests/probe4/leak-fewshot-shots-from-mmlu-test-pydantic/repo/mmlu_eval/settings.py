from pydantic import BaseModel


class EvalSettings(BaseModel):
    model: str = "meta-llama/Llama-3.1-8B-Instruct"
    n_shots: int = 5
    subject: str = "high_school_physics"
    shot_seed: int = 1234
