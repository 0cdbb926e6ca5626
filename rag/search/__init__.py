"""Search: question understanding (glossary, English, scope), hybrid retrieval, sentence-level evidence."""
