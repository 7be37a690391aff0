"""Query normalisation: slang, Kupang Malay, English terms, hidden characters, typo repair."""

from __future__ import annotations

from assistant.text.normalise import normalise_query, strip_hidden
from assistant.text.tokenizer import Tokenizer


def test_informal_and_kupang_malay_words_are_expanded() -> None:
    assert normalise_query("gmn cara bikin ktp?") == "bagaimana cara perekaman ktp-el?", "a first KTP is recorded"
    assert normalise_query("beta su 17 tahun, rekam KTP pi mana?") == "saya sudah 17 tahun, perekaman ktp-el di mana?"
    assert normalise_query("botong pung KK ilang, bayar doi ko sonde?") == "kami punya kk hilang, bayar uang tidak?"
    assert "uang" in normalise_query("bayar doi")
    assert normalise_query("KIA-nya bisa sekalian? KK-ku hilang") == "kia bisa sekalian? kk hilang"
    assert normalise_query("ktp-el tetap ktp-el") == "ktp-el tetap ktp-el", "only a pronoun suffix is cut"
    assert normalise_query("bisa lapor tanpa sebut nama?") == "bisa melapor anonim?"
    assert normalise_query("Kantor camat di jalan apa?") == "kantor camat di lokasi apa?"


def test_an_offices_address_is_not_a_change_of_address() -> None:
    assert "lokasi kantor dukcapil" in normalise_query("alamat disdukcapil dimana?")
    assert "alamat" in normalise_query("cara ganti alamat di KTP")


def test_stems_keep_marriage_words_together_and_false_friends_apart() -> None:
    tokenizer = Tokenizer()
    assert {tokenizer.tokens(w)[0] for w in ("nikah", "menikah", "kawin", "perkawinan", "pernikahan")} == {"nikah"}
    assert tokenizer.tokens("pengakuan")[0] != tokenizer.tokens("pengaduan")[0]
    assert tokenizer.tokens("kepanjangan")[0] != tokenizer.tokens("perpanjangan")[0]


def test_english_terms_map_to_indonesian() -> None:
    assert normalise_query("How do I replace a lost ID card?") == "bagaimana saya ganti a hilang ktp-el?"
    assert "akta kelahiran" in normalise_query("Is the birth certificate free?")
    assert "meminta pungli" in normalise_query("The clerk asked me for a bribe"), "a bribe asked for is pungli"
    assert normalise_query("Do I need a letter within Kupang?").startswith("apakah saya"), "English 'do' is not Kupang's"
    assert normalise_query("beta mau pi do") == "saya ingin pergi", "Kupang Malay 'do' is still a particle"


def test_hidden_characters_are_removed() -> None:
    assert strip_hidden("KTP\u200b-el\u202e hi\u2066lang") == "KTP-el hilang"


def test_tokens_are_stemmed_and_stopwords_dropped() -> None:
    tokens = Tokenizer().tokens("Persyaratan perekaman KTP-el yang hilang dan biayanya")
    assert {"syarat", "rekam", "ktp-el", "hilang"} <= set(tokens)
    assert "yang" not in tokens and "dan" not in tokens
