package dev.socialcrawl.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its chromedriver (never one Selenium would download: there is no internet),
 * one for the whole run. Tests speak in the dashboard's terms: open a page, fill a field, press a button.
 */
final class Browser {
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    private static final int MAX_SHOT_HEIGHT = 5000;
    private static Browser instance;
    private static Browser withoutScripts;

    private final ChromeDriver driver;
    private final String base;

    private Browser(String base, boolean javaScript) {
        Path chromium = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));
        requireExecutable(chromium, "chromium");
        requireExecutable(chromedriver, "chromium-driver");
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT, "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync");
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        this.driver = new ChromeDriver(options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.base = base;
    }

    /** Fails at once, naming the fix, when Chromium or its driver is not installed. */
    static void requireInstalled() {
        requireExecutable(Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium")), "chromium");
        requireExecutable(Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver")), "chromium-driver");
    }

    private static void requireExecutable(Path path, String debianPackage) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: the dashboard browser tests need Debian's chromium and"
                    + " chromium-driver. Install them with deploy/local/ensure-infra.sh (as root), or apt-get install -y "
                    + "chromium chromium-driver; or skip this module with -pl '!dashboard-tests'.");
        }
    }

    static synchronized Browser get(String base) {
        if (instance == null) {
            instance = new Browser(base, true);
            Runtime.getRuntime().addShutdownHook(new Thread(instance.driver::quit));
        }
        return instance;
    }

    /** A second browser whose pages run no script at all, as with JavaScript switched off. */
    static synchronized Browser withoutJavaScript(String base) {
        if (withoutScripts == null) {
            withoutScripts = new Browser(base, false);
            Runtime.getRuntime().addShutdownHook(new Thread(withoutScripts.driver::quit));
        }
        return withoutScripts;
    }

    /** A new visitor: no cookies, so no session. */
    void forgetEverything() {
        driver.get(base + "/dashboard/static/dashboard.css");
        driver.manage().deleteAllCookies();
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** The path and query of the page shown, without the host. */
    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean has(String css) {
        return !all(css).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    String heading() {
        return text("h1");
    }

    String pageText() {
        return find("body").getText();
    }

    void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    void select(String css, String value) {
        find(css + " option[value='" + value + "']").click();
    }

    /** Clicks a link or a submit button and waits for the page it leads to. */
    void click(String css) {
        WebElement page = find("html");
        find(css).click();
        waitUntilReplaced(page);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs a script that navigates (submits a form) and waits for the page it leads to. */
    void navigatingScript(String js, Object... args) {
        WebElement page = find("html");
        script(js, args);
        waitUntilReplaced(page);
    }

    /**
     * Waits until the page that {@code html} belongs to has been replaced. Chromium sometimes answers a question about
     * a node of a page being torn down with "Node with given id does not belong to the document" instead of a stale
     * element reference (seen in CI); either means the page is gone.
     */
    private void waitUntilReplaced(WebElement html) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            try {
                html.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** The session and CSRF cookies as a {@code Cookie} header, for a download fetched outside the browser. */
    String cookieHeader() {
        return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    String base() {
        return base;
    }

    /** A PNG of the whole page (the window grows to the page's height for the shot). */
    byte[] screenshot() {
        int h = Math.min(MAX_SHOT_HEIGHT, Math.max(HEIGHT, find("html").getSize().getHeight()));
        driver.manage().window().setSize(new Dimension(WIDTH, h));
        try {
            return driver.getScreenshotAs(OutputType.BYTES);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }
}
