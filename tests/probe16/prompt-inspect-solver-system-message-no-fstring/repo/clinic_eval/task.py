from inspect_ai import Task, task
from inspect_ai.dataset import FieldSpec, json_dataset
from inspect_ai.scorer import model_graded_qa
from inspect_ai.solver import generate

from .solvers import clinician_persona


@task
def patient_questions():
    ds = json_dataset("data/patient_qs.jsonl",
                      FieldSpec(input="question", target="reference", metadata=["specialty", "years"]))
    return Task(dataset=ds, solver=[clinician_persona(), generate()], scorer=model_graded_qa())
