"""Reading and checking the data: YAML records, the bibliography, the schemas, every rule."""
