"""Plain-text cleaning on scraped-page shapes written for these tests."""

from __future__ import annotations

import pytest

from sitroom.boilerplate import BoilerplateRules
from sitroom.errors import DataFileError

SCRAPED = """Moscow says Kursk push repelled; Kyiv silent

Moscow says Kursk push repelled; Kyiv silent
Moscow says Kursk push repelled; Kyiv silent

Russia's defence ministry said on Sunday that its forces had repelled a Ukrainian attack in the Kursk region.
READ ALSO: Why Sudzha matters for gas transit
Ukrainian officials did not confirm the operation, but a presidential aide wrote on Telegram that Russia was getting what it deserved.

Bloggers report fighting

Several Russian military bloggers said fighting continued near the village of Berdin, about 20 km from the border, and that Ukrainian units used electronic warfare to jam
drones over the area.
-
@frontline_clips
Armour moving at dawn 🇺🇦 #Kursk #Ukraine #war #frontline
♬ original sound – frontline_clips
Kommentare (0)
12 comments
ew-world-europe-11
PREV Toretsk: the battle for the slag heaps
NEXT Pokrovsk braces for a long winter – 01/09/2025 at 10:05
"""


def test_title_detected_once_and_repeats_removed(cleaner):
    out = cleaner.clean(SCRAPED)
    assert out.title == "Moscow says Kursk push repelled; Kyiv silent"
    assert out.title_how == "repeated"
    assert "Moscow says Kursk push repelled" not in out.text
    assert sum(r.kind == "title-repeat" for r in out.removals) == 2


def test_every_boilerplate_kind_removed_and_kept(cleaner):
    out = cleaner.clean(SCRAPED)
    kinds = {r.kind for r in out.removals}
    assert {"related", "social", "comments", "tracking", "punctuation", "navigation"} <= kinds
    for line in ("READ ALSO: Why Sudzha matters for gas transit", "@frontline_clips", "Kommentare (0)", "12 comments",
                 "ew-world-europe-11", "♬ original sound – frontline_clips", "PREV Toretsk: the battle for the slag heaps"):
        assert line in out.removed
        assert line not in out.text
    assert "#Kursk" not in out.text


def test_sentences_survive_and_split_lines_rejoin(cleaner):
    out = cleaner.clean(SCRAPED)
    assert "Russia's defence ministry said on Sunday that its forces had repelled a Ukrainian attack in the Kursk region." in out.text
    assert "electronic warfare to jam drones over the area." in out.text


def test_heading_kept_as_its_own_paragraph(cleaner):
    out = cleaner.clean(SCRAPED)
    headings = [out.text[p.start : p.end] for p in out.paragraphs if p.kind == "heading"]
    assert headings == ["Bloggers report fighting"]
    for p in out.paragraphs:
        assert out.text[p.start : p.end].strip() == out.text[p.start : p.end]


def test_lowercase_continuation_across_blank_line_is_joined(cleaner):
    out = cleaner.clean("Pendant ce temps, les forces russes ont poursuivi leur avancée\n\nvers le sud de la ville de Pokrovsk.\n")
    assert out.text == "Pendant ce temps, les forces russes ont poursuivi leur avancée vers le sud de la ville de Pokrovsk."


def test_dangling_function_word_joins_even_before_capital(cleaner):
    out = cleaner.clean("Die Rede des\n\nPräsidenten wurde im Fernsehen übertragen.\n\nEin zweiter Absatz folgt hier.\n", find_title=False)
    assert out.text.startswith("Die Rede des Präsidenten wurde")


def test_standalone_navigation_consumes_its_headline(cleaner):
    text = "Les troupes ukrainiennes ont quitté Soudja après des semaines de combats.\n\nPrécédent\n\nLes Ukrainiens à Belgorod ?\n\nSuivant\n\nLe plan de paix en question\n"
    out = cleaner.clean(text, find_title=False)
    assert out.text == "Les troupes ukrainiennes ont quitté Soudja après des semaines de combats."
    assert "Les Ukrainiens à Belgorod ?" in out.removed and "Le plan de paix en question" in out.removed


def test_multilingual_related_blocks(cleaner):
    text = ("Die ukrainische Armee meldete neue Gefechte im Gebiet Kursk.\n\nMehr zum Thema\n- Sudscha: Lage unklar\n- Torezk: Kämpfe dauern an\n\n"
            "Russische Blogger berichteten von Kämpfen bei Berdin.\n\nЧитайте також: Зеленський про буферну зону\n\nÀ lire aussi : Koursk, six mois après\n")
    out = cleaner.clean(text, find_title=False)
    assert "Mehr zum Thema" not in out.text and "Sudscha: Lage unklar" not in out.text
    assert "Читайте також" not in out.text and "lire aussi" not in out.text
    assert "Russische Blogger berichteten von Kämpfen bei Berdin." in out.text


def test_given_title_repeated_in_body_is_dropped_and_site_suffix_split(cleaner):
    out = cleaner.clean("Kyiv says it holds 1,150 km2\n\nThe army said on Thursday it held 1,150 square kilometres.",
                        title="Kyiv says it holds 1,150 km2 – Steppe Courier")
    assert out.title == "Kyiv says it holds 1,150 km2" and out.outlet_hint == "Steppe Courier"
    assert out.text == "The army said on Thursday it held 1,150 square kilometres."


def test_untitled_text_gets_first_sentence(cleaner):
    out = cleaner.clean("Russian forces said they had taken the village. Kyiv denied it and said fighting continued around it for days.")
    assert out.title == "Russian forces said they had taken the village." and out.title_how == "first-sentence"


def test_transcript_genre(cleaner):
    lines = ["Bonjour à tous, bienvenue dans cette vidéo sur le front de Koursk"] + [
        f"et là on voit la position numéro {i} qui a été reprise" for i in range(25)]
    assert cleaner.clean("\n".join(lines)).genre == "transcript"
    assert cleaner.clean(SCRAPED).genre == "article"


def test_broken_pattern_file_names_file_and_entry(tmp_path):
    (tmp_path / "xx.json").write_text('{"patterns": [{"id": "ok", "kind": "promo", "regex": "^ad$"}, {"id": "bad", "kind": "promo", "regex": "(unclosed"}]}')
    with pytest.raises(DataFileError) as exc:
        BoilerplateRules.load(tmp_path)
    assert "xx.json" in str(exc.value) and "bad" in str(exc.value)
    (tmp_path / "xx.json").write_text('{"patterns": [\n{"id": "ok"\n')
    with pytest.raises(DataFileError) as exc:
        BoilerplateRules.load(tmp_path)
    assert "xx.json:3" in str(exc.value)


# A live blog flattened by a scraper: post times, "Updated at" lines and inline related-link
# boxes glued to the text around them (written for this test).
GLUED_LIVE_BLOG = (
    "The governor said the bridge at Sumy was closed to traffic.Updated at 09.12\u00a0BST 3 Mar 202208.40"
    "Kyiv says a convoy reached Mariupol with food and water. Officials said more would follow. "
    "Ports reopen as grain talks resume in Istanbul – liveRead more The talks began on Friday.\n"
    "Half the city has no power, the mayor said. 2h ago07.55Zelenskiy thanked the volunteers. "
    "They worked all night. 06:31Moscow denied the report.\n"
    "Volunteers load boxes in Lviv. Photograph: Ivan Sample/ReutersThe convoy left at dawn.\n"
    "Residents queue for water. Photograph: Olena Sample/AP Officials said the pipes were fixed.\n"
    "Metro to stay open, mayor saysThe trains will run as shelters overnight.\n"
    "The lorries crossed at dawn. Photograph: Ivan Sample/Getty Images 3 Mar 202207.15A second convoy is due on Friday. "
    "“We see no threat at this time”.Updated at 07.20 BST “The road is open,” he said.\n"
    "The depot burned, the governor said.“Nobody was hurt,” he added.\n"
)


def test_glued_live_blog_posts_are_split_and_their_stamps_removed(cleaner):
    out = cleaner.clean(GLUED_LIVE_BLOG, title="Live")
    for stamp in ("Updated at 09.12 BST", "3 Mar 202208.40", "2h ago07.55", "06:31"):
        assert stamp in out.removed
        assert stamp not in out.text
    assert "Ports reopen as grain talks resume in Istanbul – liveRead more" in out.removed
    paragraphs = [out.text[p.start : p.end] for p in out.paragraphs]
    assert "The governor said the bridge at Sumy was closed to traffic." in paragraphs
    assert any(p.startswith("Kyiv says a convoy reached Mariupol") for p in paragraphs)
    assert "The talks began on Friday." in paragraphs
    assert any(p.startswith("Zelenskiy thanked the volunteers.") for p in paragraphs)
    assert "Moscow denied the report." in paragraphs
    assert "Photograph: Ivan Sample/Reuters" in out.removed
    assert "The convoy left at dawn." in paragraphs
    assert "Photograph: Olena Sample/AP" in out.removed
    assert "Officials said the pipes were fixed." in paragraphs
    assert "The trains will run as shelters overnight." in paragraphs
    assert "Photograph: Ivan Sample/Getty Images" in out.removed and "Updated at 07.20 BST" in out.removed
    assert "A second convoy is due on Friday. “We see no threat at this time”." in paragraphs
    assert "“The road is open,” he said." in paragraphs
    assert "“Nobody was hurt,” he added." in paragraphs


def test_unglue_leaves_abbreviations_addresses_and_spaced_text_alone(cleaner):
    text = ("Mr.Smith wrote to www.Example.org and the U.S.Army replied. At 06:31 Moscow spoke. It was 3 Mar 2022 08.40 then. "
            'Подробнее на сайте «Газеты.Ru». Он ответил."Нет", сказал он.')
    assert cleaner.rules.unglue(text) == text


def test_broken_seam_file_names_file_and_entry(tmp_path):
    (tmp_path / "seams.json").write_text('{"seams": [{"id": "ok", "regex": "x"}, {"id": "bad", "regex": "(unclosed"}]}')
    with pytest.raises(DataFileError) as exc:
        BoilerplateRules.load(tmp_path)
    assert "seams.json" in str(exc.value) and "bad" in str(exc.value)
