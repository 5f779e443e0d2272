package dev.socialcrawl.proxy.normalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

/** ISO 639-1 language of a text with the optimaize n-gram detector (its 70 built-in profiles), loaded once. */
public final class LanguageDetection {
    /** Below this many characters a guess is noise, so the answer is {@code null}. */
    public static final int MIN_CHARACTERS = 10;

    private final LanguageDetector detector;
    private final TextObjectFactory texts;

    public LanguageDetection() {
        try {
            this.detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().readAllBuiltIn())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the language profiles", e);
        }
        this.texts = CommonTextObjectFactories.forDetectingShortCleanText();
    }

    /** The two-letter code, or {@code null} for short text or when no language is clearly ahead. */
    public String detect(String text) {
        if (text == null || text.strip().length() < MIN_CHARACTERS) {
            return null;
        }
        com.google.common.base.Optional<LdLocale> locale = detector.detect(texts.forText(text));
        if (!locale.isPresent()) {
            return null;
        }
        String language = locale.get().getLanguage().toLowerCase(Locale.ROOT);
        return language.length() == 2 ? language : null;
    }
}
