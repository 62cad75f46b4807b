"""The bot's features, one cog each, loaded by ``VerbatimBot.setup_hook``."""
