from inspect_ai.model import ChatMessageSystem
from inspect_ai.solver import Generate, TaskState, solver


@solver
def clinician_persona():
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        specialty = state.metadata.get("specialty", "general practitioner")
        years = state.metadata.get("years", 10)
        persona = ChatMessageSystem(
            content="You are a {specialty} with {years} years of experience. "
                    "Answer the patient's question accurately and say when they should see a doctor."
        )
        state.messages.insert(0, persona)
        return state
    return solve
