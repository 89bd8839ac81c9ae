package dev.slipway.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (.ci/run installs both; nothing is downloaded).
 * The flags keep Chromium off the network it cannot reach here (background services, updates, sync).
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    Browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("/usr/bin/chromedriver"))).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    private static String executable(String path) {
        if (!new File(path).canExecute()) {
            throw new IllegalStateException(path + " is missing: apt-get install -y chromium chromium-driver");
        }
        return path;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    void type(String css, String text) {
        fresh(() -> {
            WebElement element = find(css);
            element.clear();
            element.sendKeys(text);
            return null;
        });
    }

    void click(String css) {
        fresh(() -> {
            find(css).click();
            return null;
        });
    }

    void clickText(String text) {
        driver.findElement(By.xpath("//*[self::a or self::button][normalize-space()='" + text + "']")).click();
    }

    String text(String css) {
        return fresh(() -> find(css).getText());
    }

    /**
     * Runs an action on freshly found elements, again when the page replaced them meanwhile (a form's redirect or an
     * htmx swap that lands between finding an element and using it).
     */
    private static <T> T fresh(java.util.function.Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Waits for a condition on the page, such as htmx having swapped in a finished job. */
    void await(Duration timeout, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // htmx swapped the region
                .until(condition::apply);
    }

    /** Waits for a form's redirect to land; when it does not, says which page the browser shows instead. */
    void awaitUrlEndingWith(String suffix) {
        try {
            await(Duration.ofSeconds(15), driver -> driver.getCurrentUrl().endsWith(suffix));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected a page ending with " + suffix + " but the browser shows "
                    + driver.getCurrentUrl() + ":\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The page at desktop (1280 px) and phone (390 px) width, as {@code <name>-1280.png} and {@code <name>-390.png},
     * after checking its layout at both widths (see {@link #LAYOUT_PROBLEMS}).
     */
    void screenshots(String name) throws IOException {
        resize(1280, 900);
        assertLayoutHolds(name + " at 1280 px");
        screenshot(name + "-1280");
        resize(390, 844);
        assertLayoutHolds(name + " at 390 px");
        screenshot(name + "-390");
        resize(1280, 900);
    }

    /**
     * Lists what a person would call a broken layout: a page wider than the window (a phone scrolls sideways), and
     * a text box squeezed narrower than its shortest word (capped at ten characters, so a long URL may still wrap),
     * as a grid column starved by its neighbour does.
     */
    private static final String LAYOUT_PROBLEMS = """
            const problems = [];
            const root = document.documentElement;
            if (root.scrollWidth > window.innerWidth + 1) {
              problems.push('the page is ' + root.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
            }
            const canvas = document.createElement('canvas').getContext('2d');
            for (const box of document.querySelectorAll('main dd, main td, main th, main p, main li, main h1, main h2')) {
              const text = box.innerText.trim();
              if (!text || box.offsetParent === null) continue;
              const style = getComputedStyle(box);
              canvas.font = style.font;
              const words = text.split(/\s+/).filter(w => w.length > 1);
              if (!words.length) continue;
              const shortest = Math.min(...words.map(w => canvas.measureText(w).width),
                  canvas.measureText('nnnnnnnnnn').width);
              const inner = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
              if (inner + 1 < shortest) {
                problems.push(box.tagName.toLowerCase() + ' "' + text.slice(0, 40) + '" is ' + Math.round(inner)
                    + ' px wide, its shortest word needs ' + Math.round(shortest));
              }
            }
            return problems;""";

    void assertLayoutHolds(String where) {
        Object problems = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(LAYOUT_PROBLEMS);
        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) problems).as("layout of " + where).isEmpty();
    }

    void select(String css, String visibleText) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByVisibleText(visibleText);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
