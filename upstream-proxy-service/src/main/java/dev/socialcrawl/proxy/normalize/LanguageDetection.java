package dev.socialcrawl.proxy.normalize;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ISO 639-1 language of a short social-media text, in two steps: the writing system decides where it is enough
 * (kana → ja, Hangul → ko, Han → zh, Greek, Arabic, Hebrew, Thai, Devanagari); within Latin and Cyrillic the language
 * whose most common words the text uses most wins, if it is clearly ahead. Deliberately small (word lists, no
 * n-gram model): {@code computed.language} is a hint, and a wrong guess is worse than {@code null}.
 */
public final class LanguageDetection {
    /** Below this many characters a guess is noise, so the answer is {@code null}. */
    public static final int MIN_CHARACTERS = 10;
    /** A word-list guess needs at least this many known words, and more than the runner-up. */
    private static final int MIN_HITS = 2;

    private static final Map<UnicodeScript, String> SCRIPT_LANGUAGES = Map.of(
            UnicodeScript.HANGUL, "ko", UnicodeScript.HAN, "zh", UnicodeScript.GREEK, "el",
            UnicodeScript.ARABIC, "ar", UnicodeScript.HEBREW, "he", UnicodeScript.THAI, "th",
            UnicodeScript.DEVANAGARI, "hi");

    private static final Map<String, Set<String>> LATIN = new LinkedHashMap<>();
    private static final Map<String, Set<String>> CYRILLIC = new LinkedHashMap<>();

    static {
        LATIN.put("en", words("the and is are was were to of in on for with this that it you my your our we they "
                + "have has had be been not but at from by all what so just today new best"));
        LATIN.put("de", words("der die das und ist sind war nicht ein eine einen mit von zu den dem für auf ich du "
                + "wir sie es auch sehr heute neue mein meine wie aber noch im zum zur"));
        LATIN.put("fr", words("le la les et est sont une un des du de pour avec dans sur pas je tu nous vous il elle "
                + "ce cette mon ma mes très aujourd'hui nouveau qui que au aux"));
        LATIN.put("es", words("el la los las y es son una un de del para con en por no yo tú nosotros muy hoy nuevo "
                + "mi mis que lo al como pero más este esta"));
        LATIN.put("it", words("il lo la gli le e è sono una un di del della per con in su non io tu noi molto oggi "
                + "nuovo mio mia che come ma più questo questa"));
        LATIN.put("pt", words("o a os as e é são uma um de do da para com em por não eu você nós muito hoje novo "
                + "meu minha que como mas mais este esta"));
        LATIN.put("nl", words("de het een en is zijn was niet van voor met op in ik jij wij ze dat dit ook zeer "
                + "vandaag nieuwe mijn hoe maar nog"));
        LATIN.put("sv", words("och är var inte en ett med av till för på jag du vi de det den också mycket idag "
                + "ny min mitt hur men som"));
        LATIN.put("pl", words("i w na z jest są nie to się że do od dla jak ale czy tak już bardzo dziś nowy mój "
                + "moja ten ta"));
        LATIN.put("tr", words("ve bir bu da de için ile çok değil ben sen biz o ne gibi ama daha bugün yeni benim"));
        LATIN.put("id", words("dan yang di ke dari ini itu untuk dengan tidak aku kamu kami saya adalah ada juga "
                + "sangat hari baru"));
        CYRILLIC.put("ru", words("и в не на я что он она мы вы они это с как но по из за так все очень сегодня "
                + "новый мой моя для"));
        CYRILLIC.put("uk", words("і в не на я що він вона ми ви вони це з як але по із за так все дуже сьогодні "
                + "новий мій моя для"));
    }

    /** The two-letter code, or {@code null} for short text or when no language is clearly ahead. */
    public String detect(String text) {
        if (text == null || text.strip().length() < MIN_CHARACTERS) {
            return null;
        }
        Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
        text.codePoints().filter(Character::isLetter)
                .forEach(cp -> letters.merge(UnicodeScript.of(cp), 1, Integer::sum));
        if (letters.isEmpty()) {
            return null;
        }
        if (letters.containsKey(UnicodeScript.HIRAGANA) || letters.containsKey(UnicodeScript.KATAKANA)) {
            return "ja";
        }
        UnicodeScript main = letters.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return switch (main) {
            case LATIN -> byWords(text, LATIN);
            case CYRILLIC -> byWords(text, CYRILLIC);
            default -> SCRIPT_LANGUAGES.get(main);
        };
    }

    private static String byWords(String text, Map<String, Set<String>> languages) {
        String[] tokens = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
        String best = null;
        int bestHits = 0;
        int runnerUp = 0;
        for (Map.Entry<String, Set<String>> language : languages.entrySet()) {
            int hits = 0;
            for (String token : tokens) {
                if (language.getValue().contains(token)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                runnerUp = bestHits;
                bestHits = hits;
                best = language.getKey();
            } else if (hits > runnerUp) {
                runnerUp = hits;
            }
        }
        return bestHits >= MIN_HITS && bestHits > runnerUp ? best : null;
    }

    private static Set<String> words(String list) {
        return Set.of(list.split(" "));
    }
}
