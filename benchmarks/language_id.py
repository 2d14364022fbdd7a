"""Compare language-ID packages on the texts claimgraph sees: English news, foreign headlines.

    python benchmarks/language_id.py [--english 500]

English: FNC-1 headlines (short, the hard case for a detector) and article bodies from
../shared/data/fnc1 (real news). Foreign: short headlines and paragraphs in ten languages,
written for this benchmark (no third-party text). Prints, per package, the share of English
texts called English (a miss skips the NLP of an English document), the accuracy on the
foreign texts, and microseconds per text. Packages that are not installed are skipped.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

FNC1 = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1"

FOREIGN: dict[str, list[str]] = {
    "ar": [
        "إيران تنفي إرسال قوات إلى العراق",
        "قال وزير الخارجية إن المحادثات ستستمر الأسبوع المقبل في العاصمة.",
        "أعلنت الحكومة عن خطة جديدة لدعم المزارعين بعد موسم جاف طويل.",
    ],
    "fa": [
        "ایران اعزام نیرو به عراق را رد کرد",
        "وزیر امور خارجه گفت که گفتگوها هفته آینده در پایتخت ادامه خواهد یافت.",
        "دولت برنامه تازه‌ای برای حمایت از کشاورزان پس از خشکسالی اعلام کرد.",
    ],
    "ru": [
        "Иран отрицает отправку войск в Ирак",
        "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе в столице.",
        "Правительство объявило новый план поддержки фермеров после долгой засухи.",
    ],
    "ja": [
        "イランはイラクへの派兵を否定した",
        "外務大臣は、協議は来週首都で続けられると述べた。",
        "政府は長い干ばつの後、農家を支援する新しい計画を発表した。",
    ],
    "zh": [
        "伊朗否认向伊拉克派兵",
        "外交部长说，会谈将于下周在首都继续进行。",
        "政府宣布了一项在长期干旱后支持农民的新计划。",
    ],
    "de": [
        "Iran bestreitet Entsendung von Truppen in den Irak",
        "Der Außenminister sagte, die Gespräche würden nächste Woche in der Hauptstadt fortgesetzt.",
        "Die Regierung kündigte nach einer langen Dürre einen neuen Plan zur Unterstützung der Bauern an.",
    ],
    "fr": [
        "L'Iran dément l'envoi de troupes en Irak",
        "Le ministre des Affaires étrangères a déclaré que les pourparlers reprendraient lundi.",
        "Le gouvernement a annoncé un nouveau plan d'aide aux agriculteurs après une longue sécheresse.",
    ],
    "es": [
        "Irán niega el envío de tropas a Irak",
        "El ministro de Asuntos Exteriores dijo que las conversaciones continuarán la próxima semana.",
        "El gobierno anunció un nuevo plan para apoyar a los agricultores tras una larga sequía.",
    ],
    "tr": [
        "İran Irak'a asker gönderdiğini yalanladı",
        "Dışişleri bakanı görüşmelerin gelecek hafta başkentte devam edeceğini söyledi.",
        "Hükümet uzun bir kuraklığın ardından çiftçileri desteklemek için yeni bir plan açıkladı.",
    ],
    "el": [
        "Το Ιράν αρνείται την αποστολή στρατευμάτων στο Ιράκ",
        "Ο υπουργός Εξωτερικών δήλωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα.",
        "Η κυβέρνηση ανακοίνωσε νέο σχέδιο στήριξης των αγροτών μετά από μακρά ξηρασία.",
    ],
}


def english_texts(limit: int) -> tuple[list[str], list[str]]:
    """(headlines, bodies) of FNC-1, the first `limit` distinct of each."""
    csv.field_size_limit(sys.maxsize)
    with open(FNC1 / "train_stances.csv", encoding="utf-8") as f:
        headlines = list(dict.fromkeys(row["Headline"] for row in csv.DictReader(f)))[:limit]
    with open(FNC1 / "train_bodies.csv", encoding="utf-8") as f:
        bodies = [row["articleBody"] for row in csv.DictReader(f)][:limit]
    return headlines, bodies


def detectors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    from claimgraph.language import detect_language, is_english

    found["claimgraph (py3langid + rule)"] = lambda text: (
        "en" if is_english(detect_language(text)[0]) else "xx"
    )
    try:
        import py3langid

        found["py3langid"] = lambda text: py3langid.classify(text)[0]
    except ImportError:
        pass
    try:
        import langid

        found["langid"] = lambda text: langid.classify(text)[0]
    except ImportError:
        pass
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        found["langdetect"] = detect
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_code(text: str) -> str:
            language = lingua.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else "und"

        found["lingua"] = lingua_code
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--english", type=int, default=500, help="FNC-1 headlines and bodies to use")
    args = parser.parse_args()
    headlines, bodies = english_texts(args.english)
    foreign = [(code, text) for code, texts in FOREIGN.items() for text in texts]
    print(f"{len(headlines)} English headlines, {len(bodies)} English bodies, {len(foreign)} foreign texts")
    print("| package | load s | English headlines kept | English bodies kept | foreign correct | ms/body |")
    print("|---|---|---|---|---|---|")
    for name, detect in detectors().items():
        start = time.perf_counter()
        detect("warm up the model")
        load = time.perf_counter() - start
        heads = sum(detect(t) == "en" for t in headlines) / len(headlines)
        times = []
        hits = 0
        for text in bodies:
            start = time.perf_counter()
            hits += detect(text) == "en"
            times.append(time.perf_counter() - start)
        right = sum(detect(t) not in ("en", "und") for _, t in foreign)
        if not name.startswith("claimgraph"):
            right = sum(detect(t).startswith(code) for code, t in foreign)
        millis = statistics.mean(times) * 1e3
        kept = hits / len(bodies)
        print(f"| {name} | {load:.1f} | {heads:.1%} | {kept:.1%} | {right}/{len(foreign)} | {millis:.1f} |")


if __name__ == "__main__":
    main()
