package io.tributary.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through its chromedriver, headless, for the console's browser tests. Nothing is
 * downloaded: when either binary is missing the tests are skipped with a message saying what to install (CI
 * installs both). Screenshots go to {@code target/screenshots/} for a person to look at.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final ChromeDriver driver;
    private final String base;

    private HeadlessChromium(ChromeDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts a browser for the console at {@code port}, or skips the test when Chromium is not installed. */
    public static HeadlessChromium start(int port) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.err.println("\n*** SKIPPING BROWSER TESTS: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed; "
                    + "install them with: apt-get install -y chromium chromium-driver ***\n");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Files.createTempDirectory("tributary-chromium-");
        // The background-networking flags keep Chromium from calling home, which this network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1600", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(driver, port);
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Fills in and submits the login form on the current page as {@link ConsoleAdmin#USERNAME}. */
    public void logIn(String password) {
        type("#username", ConsoleAdmin.USERNAME);
        type("#password", password);
        clickAndLoad("form button[type=submit]");
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public boolean exists(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Replaces the text of the input with id {@code id}. */
    public void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    public void click(String css) {
        find(css).click();
    }

    /**
     * Clicks something that loads a new page (a submit button, a link) and waits until the old page is gone: the
     * click returns before the browser has even started the navigation, so a lookup right after it may still see
     * the old page.
     */
    public void clickAndLoad(String css) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> gone(oldPage)
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * True once {@code element}'s page has been replaced. While the browser swaps documents, asking about the old
     * node can fail with other errors than "stale" (Chromium: "Node ... does not belong to the document"); those
     * mean "not yet", and the wait asks again.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            return false;
        }
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    /** Waits up to {@code timeout} for an element to appear, reloading the page between tries when asked. */
    public WebElement await(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Saves a PNG of the page as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
