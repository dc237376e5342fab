"""What a rule may ask of a repository: the shared analyses and the library knowledge.

Each module answers one question, so a rule reads as its docs, its examples and a short query:
`names` (what does `np.random.rand` refer to?), `dataflow/` (where do the test rows go?),
`evalmode/` (is the model in eval mode here?), `apis/` (what does this library call mean?),
`randomness`, `programs`, `producers`, `results`, `textflow`, `rowflow`, `predictions` ... A new
question about a repository gets its own module here, never a helper inside a rule.
"""
