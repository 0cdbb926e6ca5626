"""Launcher for the Gradio chat UI: `python app.py --host 127.0.0.1 --port 7860` (same as `rag serve`).

The page is built by the library (rag.interfaces.app); this file only starts it, so an installed
wheel serves the same UI through `rag serve` without this file.
"""
from rag.interfaces.app import demo, main  # noqa: F401  (`gradio app.py` looks for `demo` here)

if __name__ == "__main__":
    main()
