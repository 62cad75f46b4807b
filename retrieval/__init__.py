"""BM25 retrieval over paragraphs: the answering core shared by the CLI and the bot."""
