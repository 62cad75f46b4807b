"""Loading folders: formats, metadata tables, bad input, stable ids, fingerprints."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from corpus.errors import VerbatimError
from corpus.loader import corpus_fingerprint, embedded_corpus_folder, load_corpus
from corpus.models import DocDate, Paragraph

SPEECH = "Qin Gang said that the UN matters.\n\nHe added that peace is precious.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_embedded_corpus_is_the_default() -> None:
    corpus = load_corpus()
    assert corpus.folders == (embedded_corpus_folder(),)
    assert load_corpus([]).folders == corpus.folders
    assert {d.path for d in corpus.documents} == {
        "000_043514e255436d6d.txt",
        "004_3fff03c6e722727c.txt",
    }
    assert corpus.skipped == () and corpus.warnings == ()


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(VerbatimError, match="corpus folder not found"):
        load_corpus([tmp_path / "nope"])
    write(tmp_path, "file.txt", "x")
    with pytest.raises(VerbatimError, match="not a folder"):
        load_corpus([tmp_path / "file.txt"])


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sub/talks.md",
        "---\ntitle: Talks in Beijing\ndate: 2023-02-02\nsource: MFA\nurl: https://example.org/1\n"
        "speakers: [Qin Gang]\nregion: Asia\n---\n# Heading Not A Paragraph\n\nFirst paragraph.\n\n"
        "Second paragraph\nwraps here.\n",
    )
    [document] = load_corpus([tmp_path]).documents
    assert document.path == "sub/talks.md"
    assert (document.title, document.date, document.source, document.url) == (
        "Talks in Beijing",
        DocDate(year=2023, month=2, day=2),
        "MFA",
        "https://example.org/1",
    )
    assert document.extra == {"region": "Asia"}
    assert [p.text for p in document.paragraphs] == [
        "First paragraph.",
        "Second paragraph wraps here.",
    ]
    assert all(p.speakers == ("Qin Gang",) for p in document.paragraphs)


def test_markdown_heading_is_the_title_without_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# The Title\n\nBody text here.\n")
    [document] = load_corpus([tmp_path]).documents
    assert document.title == "The Title"
    assert [p.text for p in document.paragraphs] == ["Body text here."]


def test_jsonl_documents(tmp_path: Path) -> None:
    lines = [
        {"_id": "a1", "title": "One", "text": "Alpha text.", "date": "2021-05", "source": "S"},
        {
            "id": 2,
            "title": "Two",
            "text": "Beta text.\n\nGamma text.",
            "speakers": "Wang Yi;Qin Gang",
        },
        {"id": 3, "title": "Three", "text": "Alpha text.", "date": "2021-05", "source": "S"},
    ]
    write(tmp_path, "docs.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    corpus = load_corpus([tmp_path])
    one, two, three = corpus.documents
    assert (one.title, one.date, one.source, one.extra) == (
        "One",
        DocDate(year=2021, month=5),
        "S",
        {"id": "a1"},
    )
    assert [p.text for p in two.paragraphs] == ["Beta text.", "Gamma text."]
    assert two.paragraphs[0].speakers == ("Wang Yi", "Qin Gang")
    assert len({one.id, two.id, three.id}) == 3
    assert all(d.path == "docs.jsonl" for d in corpus.documents)


def test_metadata_table_overrides_and_reports(tmp_path: Path) -> None:
    write(tmp_path, "TXT/a.txt", "Our statement, plain and simple.\n")
    write(tmp_path, "TXT/b.txt", "Another statement.\n")
    write(tmp_path, "TXT/c.txt", "A statement whose row is malformed.\n")
    write(
        tmp_path,
        "metadata.csv",
        "path,title,date,source,speakers,speaker_posts,country\n"
        "TXT/a.txt,Statement A,2024,UNGDC,Mr. Arce,President,Bolivia\n"
        "TXT/gone.txt,Gone,2024,UNGDC,Mr. X,,Nowhere\n"
        "TXT/c.txt,C,not-a-date,UNGDC,Mr. C,,Chad\n",
    )
    corpus = load_corpus([tmp_path])
    [a, b] = corpus.documents
    assert (a.title, a.date, a.source, a.speakers) == (
        "Statement A",
        DocDate(year=2024),
        "UNGDC",
        ("Arce",),
    )
    assert a.extra == {"speaker_posts": "President", "country": "Bolivia"}
    assert a.paragraphs[0].speakers == ("Arce",)
    arce = corpus.speakers.get("Mr. Arce")
    assert arce is not None and arce.name == "Arce" and "Mr. Arce" in arce.aliases
    assert arce.role == "President"
    assert b.title == "Another statement."
    reasons = {(Path(i.path).name, i.reason) for i in corpus.warnings}
    assert ("gone.txt", "metadata row names a missing file") in reasons
    assert ("b.txt", "no row in its metadata table") in reasons
    [skipped] = corpus.skipped
    assert Path(skipped.path).name == "c.txt"
    assert skipped.reason.startswith("malformed row 4 in metadata.csv: unreadable date")


def test_metadata_jsonl_and_short_rows(tmp_path: Path) -> None:
    write(tmp_path, "x/a.txt", "Text A.\n")
    write(tmp_path, "x/b.txt", "Text B.\n")
    write(tmp_path, "x/metadata.jsonl", '{"path": "a.txt", "title": "A", "date": 2020}\nnot json\n')
    write(tmp_path, "y/c.txt", "Text C.\n")
    write(tmp_path, "y/metadata.csv", "path,title,source\nc.txt,C\n")
    corpus = load_corpus([tmp_path])
    titles = {d.path: d.title for d in corpus.documents}
    assert titles == {"x/a.txt": "A", "x/b.txt": "Text B."}
    assert [Path(i.path).name for i in corpus.skipped] == ["c.txt"]
    assert "2 fields where the header has 3" in corpus.skipped[0].reason
    assert any("not JSON" in i.reason for i in corpus.warnings)


def test_unreadable_metadata_table_is_reported_and_not_used(tmp_path: Path) -> None:
    write(tmp_path, "metadata.csv", "title,date\nA,2020\n")
    write(tmp_path, "a.txt", "Statement A.\n")
    corpus = load_corpus([tmp_path])
    [skipped] = corpus.skipped
    assert Path(skipped.path).name == "metadata.csv"
    assert skipped.reason.startswith("not used: no 'path' column;")
    assert [(d.path, d.title) for d in corpus.documents] == [("a.txt", "Statement A.")]
    assert corpus.warnings == ()


def test_bad_inputs_are_skipped_with_reasons(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", SPEECH)
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.md", "   \n\n")
    write(tmp_path, "big.txt", "word " * 400)
    write(tmp_path, "broken.md", "---\ntitle: [unclosed\n---\nBody.\n")
    write(tmp_path, "unclosed.md", "---\ntitle: A\nBody.\n")
    write(tmp_path, "listy.md", "---\n- a\n- b\n---\nBody.\n")
    write(tmp_path, "bad.jsonl", '{"broken\n{"title": "no text"}\n')
    write(
        tmp_path, "partly.jsonl", '{"text": "Fine line."}\n{broken\n{"text": "x", "date": "soon"}\n'
    )
    write(tmp_path, "chrome.txt", "Home\u00a0>\u00a0China News\n\n<Suggest To A Friend>\n")
    write(tmp_path, "windows.txt", "“Smart” quotes from Windows.\n".encode("cp1252"))
    corpus = load_corpus([tmp_path], max_file_bytes=1000)
    loaded = {d.path for d in corpus.documents}
    assert loaded == {"good.txt", "windows.txt", "partly.jsonl"}
    reasons = {Path(i.path).name: i.reason for i in corpus.skipped}
    assert reasons["binary.txt"] == "binary file (a PNG image)"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"] == "empty file"
    assert reasons["big.txt"] == "too large (2,000 bytes; the limit is 1,000)"
    assert reasons["broken.md"].startswith("broken front matter:")
    assert reasons["unclosed.md"] == "broken front matter: no closing '---'"
    assert reasons["listy.md"] == "broken front matter: not a mapping of fields"
    assert reasons["bad.jsonl"].startswith("nothing to load: line 1 is not JSON")
    partly = sorted(i.reason for i in corpus.skipped if i.path.endswith("partly.jsonl"))
    assert partly == [
        "line 2 is not JSON (Expecting property name enclosed in double quotes): that line skipped",
        "line 3: unreadable date 'soon': that line skipped",
    ]
    assert reasons["chrome.txt"] == "no paragraphs (nothing but a title or page chrome)"
    assert all(i.skipped for i in corpus.skipped)
    [warning] = corpus.warnings
    assert Path(warning.path).name == "windows.txt"
    assert warning.reason == "not UTF-8: decoded as cp1252" and not warning.skipped
    windows = next(d for d in corpus.documents if d.path == "windows.txt")
    assert windows.paragraphs[0].text == "“Smart” quotes from Windows."
    assert corpus.stats().skipped == list(corpus.skipped)


def _ids(folder: Path) -> dict[str, str]:
    return {d.path: d.id for d in load_corpus([folder]).documents}


def test_ids_are_stable_when_other_files_change(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Statement A.\n")
    write(tmp_path, "b.txt", "Statement B.\n")
    before = _ids(tmp_path)
    assert all(len(i) == 8 for i in before.values())
    write(tmp_path, "c.txt", "Statement C.\n")
    assert {k: v for k, v in _ids(tmp_path).items() if k != "c.txt"} == before
    (tmp_path / "b.txt").rename(tmp_path / "renamed.txt")
    after_rename = _ids(tmp_path)
    assert after_rename["a.txt"] == before["a.txt"]
    assert after_rename["renamed.txt"] == before["b.txt"]  # content-based: survives its own rename
    (tmp_path / "c.txt").unlink()
    assert _ids(tmp_path)["a.txt"] == before["a.txt"]


def test_identical_files_get_distinct_ids(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Same words.\n")
    write(tmp_path, "b.txt", "Same words.\n")
    ids = _ids(tmp_path)
    assert len(set(ids.values())) == 2
    assert ids["a.txt"] == _ids_single(tmp_path, "a.txt")


def _ids_single(tmp_path: Path, name: str) -> str:
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(tmp_path / name, alone / name)
    return _ids(alone)[name]


def test_colliding_prefixes_grow_longer() -> None:
    from corpus.ids import assign_ids

    ids = assign_ids([("abcdef12" + "0" * 56, "a"), ("abcdef12" + "1" * 56, "b"), ("9" * 64, "c")])
    assert ids == ["abcdef120000", "abcdef121111", "99999999"]


def test_paragraphs_equal_validated_models() -> None:
    corpus = load_corpus()
    for paragraph in corpus.paragraphs():
        assert Paragraph.model_validate(paragraph.model_dump()) == paragraph
    document = corpus.documents[0]
    assert type(document).model_validate(document.model_dump()) == document


def test_fingerprint_changes_with_files_not_with_reads(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Statement A.\n")
    first = corpus_fingerprint([tmp_path])
    assert corpus_fingerprint([tmp_path]) == first
    load_corpus([tmp_path])
    assert corpus_fingerprint([tmp_path]) == first
    write(tmp_path, "b.txt", "Statement B.\n")
    second = corpus_fingerprint([tmp_path])
    assert second != first
    os.utime(tmp_path / "b.txt", ns=(1, 1))
    assert corpus_fingerprint([tmp_path]) != second
    assert corpus_fingerprint(None) == corpus_fingerprint([embedded_corpus_folder()])
    with pytest.raises(VerbatimError):
        corpus_fingerprint([tmp_path / "nope"])


def test_several_folders_and_hidden_files(tmp_path: Path) -> None:
    write(tmp_path, "one/a.txt", "Statement A.\n")
    write(tmp_path, "one/.hidden.txt", "Hidden.\n")
    write(tmp_path, "two/a.txt", "Statement B.\n")
    corpus = load_corpus([tmp_path / "one", tmp_path / "two"])
    assert [d.path for d in corpus.documents] == ["a.txt", "a.txt"]
    assert corpus.stats().documents == 2


def test_worker_processes_give_the_same_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus import loader

    for n in range(6):
        write(tmp_path, f"d{n}.txt", f"Qin Gang said that point {n} matters.\n\nIt does.\n")
    monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 2)
    parallel = load_corpus([tmp_path], workers=2)
    single = load_corpus([tmp_path])
    assert parallel.documents == single.documents
    assert [s.name for s in parallel.speakers.all()] == ["Qin Gang"]


def test_spellings_differing_in_case_are_one_speaker(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write(tmp_path, f"{name}.txt", f"Statement {name}.\n")
    write(tmp_path, "d.txt", "Statement d.\n")
    write(
        tmp_path,
        "metadata.csv",
        "path,speakers\na.txt,Mr. Arce\nb.txt,Mr. ARCE\nc.txt,Mr. WEI\nd.txt,Mr. Arce\n",
    )
    corpus = load_corpus([tmp_path])
    assert [d.speakers for d in corpus.documents] == [("Arce",), ("Arce",), ("Wei",), ("Arce",)]
    arce = corpus.speakers.get("ARCE")
    assert arce is not None and arce.name == "Arce" and arce.paragraph_count == 3
    assert set(arce.aliases) == {"Mr. Arce", "Mr. ARCE", "ARCE"}
    assert corpus.speakers.canonical("Mr. WEI") == "Wei"


# ---------------------------------------------------------------------------------------------
# Every byte and every file accounted for (issue 11)


def test_files_are_counted_by_type_encoding_and_bytes_lost(tmp_path: Path) -> None:
    speech = "Mr. Kőrösi said that peace matters.\n"
    write(tmp_path, "plain.txt", speech)
    write(tmp_path, "marked.txt", b"\xef\xbb\xbf" + speech.encode())
    write(tmp_path, "wide.txt", b"\xff\xfe" + speech.encode("utf-16-le"))
    write(tmp_path, "notes.text", "Plain text under another name.\n")
    write(tmp_path, "bad.txt", speech.encode() * 2 + b"Mr. \x93Jones\x94 agreed \x81.\n")
    write(tmp_path, "nul.md", b"# Title\n\nPeace\x00 matters.\x00\n")
    write(tmp_path, "windows.txt", "“Smart” quotes from Windows.\n".encode("cp1252"))
    for name in ("page.html", "doc.rst", "scan.pdf", "letter.docx", "more.HTML", "README"):
        write(tmp_path, name, "Not read.\n")
    corpus = load_corpus([tmp_path])
    stats = corpus.stats()
    assert stats.file_types == {".txt": 5, ".md": 1, ".text": 1}
    assert stats.encodings == {"utf-8": 4, "cp1252": 1, "utf-16-le": 1, "utf-8-sig": 1}
    assert stats.unsupported == {
        ".html": 2,
        "(no extension)": 1,
        ".docx": 1,
        ".pdf": 1,
        ".rst": 1,
    }
    assert (stats.replaced_bytes, stats.nul_bytes) == (3, 2)
    warnings = {Path(w.path).name: w.reason for w in corpus.warnings}
    assert warnings == {
        "bad.txt": "3 bytes not valid utf-8: replaced by U+FFFD",
        "nul.md": "2 NUL bytes removed",
        "windows.txt": "not UTF-8: decoded as cp1252",
    }
    texts = {d.path: [p.text for p in d.paragraphs] for d in corpus.documents}
    assert texts["marked.txt"] == texts["wide.txt"] == texts["plain.txt"] == [speech.strip()]
    assert texts["notes.text"] == ["Plain text under another name."]
    assert texts["nul.md"] == ["Peace matters."]
    assert "Kőrösi" in texts["bad.txt"][0] and "Mr. \ufffdJones\ufffd agreed \ufffd." in (
        texts["bad.txt"][-1]
    )


def _one_folder_twice(tmp_path: Path) -> Path:
    write(tmp_path, "corpus/a.txt", "Statement A.\n")
    write(tmp_path, "corpus/sub/b.txt", "Statement B.\n")
    return tmp_path / "corpus"


@pytest.mark.parametrize("how", ["twice", "link", "inside", "inside first"])
def test_a_folder_given_twice_loads_once(tmp_path: Path, how: str) -> None:
    folder = _one_folder_twice(tmp_path)
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    again = {
        "twice": [folder, folder],
        "link": [folder, tmp_path / "link"],
        "inside": [folder, folder / "sub"],
        "inside first": [folder / "sub", folder],
    }[how]
    corpus = load_corpus(again)
    assert sorted(d.path for d in corpus.documents) == ["a.txt", "sub/b.txt"]
    assert corpus.folders == (folder,)
    [note] = corpus.warnings
    repeated = {"twice": folder, "link": tmp_path / "link"}.get(how, folder / "sub")
    assert Path(note.path) == repeated and not note.skipped
    assert note.reason == (
        "inside another folder given: loaded once, as part of it"
        if how.startswith("inside")
        else "the same folder as one given before: loaded once"
    )
    assert corpus_fingerprint(again) == corpus_fingerprint([folder])


def test_a_hidden_folder_inside_another_is_its_own_corpus_folder(tmp_path: Path) -> None:
    # The walk leaves hidden folders out, so the outer folder does not cover it.
    folder = _one_folder_twice(tmp_path)
    write(folder, ".drafts/c.txt", "Statement C.\n")
    corpus = load_corpus([folder, folder / ".drafts"])
    assert sorted(d.path for d in corpus.documents) == ["a.txt", "c.txt", "sub/b.txt"]
    assert corpus.warnings == ()
