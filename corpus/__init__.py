"""Load folders of statements into attributed, citable paragraphs."""
