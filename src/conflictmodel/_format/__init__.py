"""The JSON format ``conflictmodel/1``: the converter, loading and dumping, JSON paths of
problems, the JSON Schema generated from the model, and the bundled scenario.

Modules here may import the records layer (``conflictmodel._model``) and nothing above it:
the serializer does not know about rules or queries.
"""
