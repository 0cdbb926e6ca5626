"""Interfaces for people and other programs: the rag CLI, the Gradio app builder, the LangChain retriever."""
