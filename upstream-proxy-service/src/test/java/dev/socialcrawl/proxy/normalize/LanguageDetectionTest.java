package dev.socialcrawl.proxy.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The small detector behind {@code computed.language}: script first, then common words, else {@code null}. */
class LanguageDetectionTest {
    private final LanguageDetection languages = new LanguageDetection();

    @Test
    void latinTextIsJudgedByItsCommonWords() {
        Map<String, String> samples = Map.ofEntries(
                Map.entry("en", "Trying a new pasta recipe tonight and the whole kitchen smells amazing"),
                Map.entry("de", "Das Wetter ist heute sehr schön und wir gehen zusammen in den Park."),
                Map.entry("fr", "Je suis très contente de partager avec vous mon nouveau projet pour la rentrée"),
                Map.entry("es", "Hoy es un día muy bonito para salir con mis amigos al parque de la ciudad"),
                Map.entry("it", "Oggi sono molto felice di presentare il mio nuovo progetto con la mia squadra"),
                Map.entry("pt", "Hoje estou muito feliz com o meu novo projeto e com a minha equipa"),
                Map.entry("nl", "Vandaag is het een mooie dag en ik ga met mijn vrienden naar het park"),
                Map.entry("sv", "Idag är det en fin dag och jag går till parken med mina vänner"),
                Map.entry("pl", "Dziś jest bardzo ładny dzień i idę z przyjaciółmi do parku na spacer"),
                Map.entry("tr", "Bugün çok güzel bir gün ve ben arkadaşlarımla parka gidiyorum"),
                Map.entry("id", "Hari ini sangat cerah dan saya pergi ke taman dengan teman yang baik"));
        samples.forEach((language, text) -> assertEquals(language, languages.detect(text), text));
    }

    @Test
    void otherScriptsAreJudgedByTheirLetters() {
        assertEquals("ru", languages.detect("Сегодня очень хорошая погода и мы идём в парк"));
        assertEquals("uk", languages.detect("Сьогодні дуже гарна погода і ми йдемо в парк"));
        assertEquals("ja", languages.detect("今日はとても良い天気ですね、公園に行きましょう"));
        assertEquals("zh", languages.detect("今天天气很好，我们一起去公园散步吧"));
        assertEquals("ko", languages.detect("오늘은 날씨가 정말 좋아서 공원에 갑니다"));
        assertEquals("ar", languages.detect("الطقس جميل جدا اليوم ونحن ذاهبون إلى الحديقة"));
        assertEquals("el", languages.detect("Σήμερα ο καιρός είναι πολύ ωραίος και πάμε στο πάρκο"));
        assertEquals("he", languages.detect("היום מזג האוויר יפה מאוד ואנחנו הולכים לפארק"));
    }

    @Test
    void shortTextNoLettersOrNoClearWinnerIsNull() {
        assertNull(languages.detect(null));
        assertNull(languages.detect("hello"));
        assertNull(languages.detect("   hi there   "));
        assertNull(languages.detect("12345 67890 !!!"));
        assertNull(languages.detect("🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥"));
        assertNull(languages.detect("xqzv brrrt mkkkp zzzzt"), "no known words");
        assertNull(languages.detect("#fyp #viral #trending #daily"), "hashtags alone");
    }
}
