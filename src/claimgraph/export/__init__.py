"""The export: the store's model values as the records of docs/schema.md, written as JSON, JSONL
or CSV (`records.py` -> `tables.py` -> `writers.py`)."""
