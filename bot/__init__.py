"""The Discord bot and the verbatim command line."""
