"""Open or closed? The data pipeline: load -> validate -> build pages.

    python -m generator validate
    python -m generator build --out DIR
"""
