package dev.socialcrawl.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Screenshots under {@code target/screenshots/}: each page a test names ({@link #page}) once the test has passed
 * ({@code <page>.png}, what docs/dashboard.md shows), and the page the browser showed when a test failed
 * ({@code FAILED-<class>-<test>.png}).
 */
final class Screenshots implements TestWatcher {
    private final Map<String, byte[]> pages = new LinkedHashMap<>();
    private Browser browser;

    void use(Browser browser) {
        this.browser = browser;
        pages.clear();
    }

    /** Keeps a shot of the page shown now, saved as {@code <name>.png} if the test passes. */
    void page(String name) {
        pages.put(name, browser.screenshot());
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        pages.forEach((name, png) -> write(name + ".png", png));
        pages.clear();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        pages.clear();
        if (browser != null) {
            write("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                    + ".png", browser.screenshot());
        }
    }

    private static void write(String file, byte[] png) {
        try {
            Path dir = Path.of(System.getProperty("dashboard.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Files.write(dir.resolve(file), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
