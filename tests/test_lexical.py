from mcp_memory.stores.lexical import index_text, match_query, tokens


def test_cjk_runs_become_overlapping_pairs() -> None:
    assert tokens("我爱吃西瓜") == ["我爱", "爱吃", "吃西", "西瓜"]
    assert tokens("西瓜") == ["西瓜"]
    assert tokens("瓜") == ["瓜"]


def test_latin_words_are_lowercased_and_split_from_cjk() -> None:
    assert tokens("Alice 喜欢 Rust!") == ["alice", "喜欢", "rust"]


def test_joined_words_also_match_without_separators() -> None:
    assert tokens("gpt-4o") == ["gpt", "4o", "gpt4o"]


def test_query_terms_are_quoted_so_syntax_cannot_leak() -> None:
    assert match_query('NEAR(" x') == '"near" OR "x"'
    assert match_query("!!!") is None


def test_index_text_is_space_joined_tokens() -> None:
    assert index_text("爱吃西瓜 daily") == "爱吃 吃西 西瓜 daily"
