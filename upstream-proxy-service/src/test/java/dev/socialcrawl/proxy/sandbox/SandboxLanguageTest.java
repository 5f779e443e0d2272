package dev.socialcrawl.proxy.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.socialcrawl.proxy.normalize.LanguageDetection;

/** Every text the sandbox writes is English to the detector, so {@code computed.language} is set on sandbox data. */
class SandboxLanguageTest {
    @Test
    void everySandboxSentenceAndCaptionIsEnglish() {
        LanguageDetection languages = new LanguageDetection();
        for (String sentence : Seeded.SENTENCES) {
            assertEquals("en", languages.detect(sentence), sentence);
            assertEquals("en", languages.detect(sentence + " #fyp #viral"), sentence);
        }
    }
}
