"""Storage: embedders, keyword tokens, and the on-disk index behind the Store protocol."""
