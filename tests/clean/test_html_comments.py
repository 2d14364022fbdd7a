import pytest
from lxml import html as lxml_html

from claimgraph.clean.html_comments import take_comments


def _tree(body: str):
    return lxml_html.fromstring(f"<html><body class='comments-open'>{body}</body></html>")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<article><p>Main text stays.</p></article><div id='comments'><ol class='commentlist'>"
            "<li class='comment'><cite class='fn'>Ann</cite><p>First point.</p></li>"
            "<li class='comment'><div class='comment-author'>Bo says:</div><p>Second point.</p></li>"
            "</ol></div>",
            [(("First point.",), "Ann"), (("Second point.",), "Bo")],
        ),
        (
            "<article><p>Main text stays.</p></article><div id='disqus_thread'>"
            "<div class='comment'><div class='comment-content'>No author given here.</div></div></div>",
            [(("No author given here.",), None)],
        ),
        ("<article><p>Main text stays.</p></article>", []),
    ],
)
def test_html_comments_found_with_authors(body: str, expected: list) -> None:
    tree = _tree(body)
    found = take_comments(tree)
    assert [(c.paragraphs, c.author) for c in found] == expected
    assert "Main text stays." in tree.text_content()
    assert "point." not in tree.text_content()


def test_html_comments_wrapper_of_the_article_is_not_removed() -> None:
    tree = _tree("<div class='comments'><h1>Title</h1><p>Whole page wrapped in a comments div.</p></div>")
    assert take_comments(tree) == []
    assert "Whole page" in tree.text_content()
