"""The dataflow layer: what each value in a repo was derived from.
"""
