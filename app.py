"""Gradio chat UI over the report: every answer comes from rag.ask(), with its citations.

Thin by design: no logic here that ask() lacks. Run `python app.py --host 127.0.0.1 --port 7860`.
"""
from __future__ import annotations

import argparse
import html

import gradio as gr

from rag.answer import ask
from rag.errors import RagError

EXAMPLES = ["铝基新材料目标是多少", "去年GDP增长多少", "今年固定资产投资增长目标是多少",
            "How much did Guangyuan's GDP grow in 2023?"]


def answer_markdown(question: str) -> str:
    """The answer with numbered citations as markdown; a clear message for unusable input."""
    try:
        ans = ask(question)
    except RagError as e:
        return f"⚠️ {html.escape(str(e))}"
    except Exception as e:          # the UI never shows a traceback
        return f"⚠️ 出错了：{html.escape(type(e).__name__)}。请换个问法或稍后再试。"
    lines = [html.escape(ans.text)]
    for c in ans.citations:
        lines.append(f"\n**[{c.n}]** {html.escape(c.quote)}  \n<sub>{html.escape(c.doc_title)} · "
                     f"{html.escape(c.section)}</sub>")
    return "\n".join(lines)


def respond(message: str, history):
    return answer_markdown(message)


demo = gr.ChatInterface(respond, title="政府工作报告问答", examples=EXAMPLES,
                        description="广元市2024年政府工作报告 · 每个回答都引用原文句子")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description="政府工作报告问答 chat UI")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    args = p.parse_args(argv)
    from rag.retrieve import default_retriever
    default_retriever()             # build or load the index before the first visitor waits on it
    demo.launch(server_name=args.host, server_port=args.port, share=False)


if __name__ == "__main__":
    main()
