package org.mlregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mlregistry.examples.catalog.LabCatalog;
import org.mlregistry.examples.catalog.LabPart;
import org.mlregistry.schema.TestDatabase;
import org.mlregistry.testing.database.PostgresServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The lab book in a real browser: the runner writes it from a fresh database on the embedded
 * PostgreSQL, Debian's headless Chromium opens every page, and the assertions read the live DOM.
 * Chromium and its driver are required (.ci/run installs them): without them the test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabBookBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Screenshots for people to look at, in the module's target folder. */
    private static final Path SCREENSHOTS = Path.of("target");
    private static final String SHAPES = "rect, path, ellipse, circle, polygon, polyline, line";

    @TempDir
    static Path book;
    @TempDir
    static Path profile;

    private ChromeDriver browser;
    private String runnerOutput;
    private final Map<Path, Set<String>> elementIds = new HashMap<>();

    @BeforeAll
    void writeTheBookAndStartTheBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("LabBookBrowserTest needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        PostgresServer server = TestDatabase.server();
        DataSource fresh = TestDatabase.freshDatabase();
        String url = server.jdbcUrl().replaceFirst("/postgres(\\?|$)",
                "/" + ((PGSimpleDataSource) fresh).getDatabaseName() + "$1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new LabRunner(RunnerOptions.parse("--jdbc-url", url, "--user", server.user(), "--password",
                server.password(), "--html", book.toString()), new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        runnerOutput = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("runner exit code").isZero();

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--allow-file-access-from-files", "--window-size=1280,1400", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theBookHoldsEveryStatementOfBothLabsWithItsSectionsChartsAndWorkingLinks() throws IOException {
        Set<String> expected = new LinkedHashSet<>();
        LabCatalog.all().forEach(example -> expected.addAll(example.ids()));
        assertThat(expected).as("statement ids in the catalog").hasSize(181);
        assertThat(runnerOutput).contains("-- lab book: " + book.resolve("index.html").toAbsolutePath().normalize());

        Path index = book.resolve("index.html");
        open(index);
        assertThat(texts("table.index a.id")).as("ids on the index").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(texts("table.index .status")).as("statuses on the index").hasSize(LabCatalog.all().size())
                .allMatch(status -> List.of("same rows as the lab's SQL", "same effect as the lab's SQL",
                        "differs, see note", "runs as a dedicated test").contains(status));
        screenshot("lab-book-index.png");
        filterKeepsOnlyMatchingRows();

        Set<String> onPartPages = new HashSet<>();
        int charts = 0;
        for (LabPart part : LabPart.values()) {
            Path page = book.resolve(part.prefix() + ".html");
            if (!Files.exists(page)) {
                continue;
            }
            open(page);
            List<String> anchors = texts("article.statement > span.anchor", "id");
            assertThat(anchors).as("ids on " + page.getFileName()).allMatch(id -> id.startsWith(part.prefix() + "."));
            onPartPages.addAll(anchors);
            for (WebElement statement : browser.findElements(By.cssSelector("article.statement"))) {
                everySectionIsThere(statement);
            }
            charts += chartsAreDrawn(page);
            if (part == LabPart.L1_P8) {
                screenshot("lab-book-part.png");
            }
        }
        assertThat(onPartPages).as("ids on the part pages").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(charts).as("charts drawn").isPositive()
                .isEqualTo(Integer.parseInt(textOf(index, "#count-charts")));
        everyLocalLinkResolves();
    }

    private void filterKeepsOnlyMatchingRows() {
        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("L2.P5");
        List<String> visible = ((List<?>) js("return Array.from(document.querySelectorAll('tr.entry'))"
                + ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.querySelector('a.id').textContent)"))
                .stream().map(String::valueOf).toList();
        assertThat(visible).isNotEmpty().allMatch(id -> id.startsWith("L2.P5."));
        filter.clear();
        filter.sendKeys(" ");
    }

    private static void everySectionIsThere(WebElement statement) {
        String ids = statement.getAttribute("data-ids");
        for (String section : List.of(".lab-sql pre code", ".java pre code", ".rendered-sql pre code")) {
            List<WebElement> code = statement.findElements(By.cssSelector(section));
            assertThat(code).as(ids + ": " + section).hasSize(1);
            assertThat(code.get(0).getAttribute("textContent")).as(ids + ": " + section + " text").isNotBlank();
            assertThat(code.get(0).getAttribute("class")).as(ids + ": " + section + " highlighted").contains("hljs");
        }
        assertThat(statement.findElements(By.cssSelector(".result table.rows"))).as(ids + ": result table").hasSize(1);
        assertThat(statement.findElement(By.cssSelector(".result .count")).getText()).as(ids + ": row count").matches("\\(\\d+ rows?.*\\)");
    }

    /** Each chart is an SVG with at least one shape per data point and text (axes, labels); returns how many. */
    private int chartsAreDrawn(Path page) {
        List<WebElement> figures = browser.findElements(By.cssSelector("figure.chart"));
        for (WebElement figure : figures) {
            int points = Integer.parseInt(figure.getAttribute("data-points"));
            WebElement svg = figure.findElement(By.cssSelector("svg"));
            assertThat(points).as(page + ": data points").isGreaterThanOrEqualTo(2);
            assertThat(svg.findElements(By.cssSelector(SHAPES)).size()).as(page + ": shapes").isGreaterThanOrEqualTo(points);
            assertThat(svg.findElements(By.cssSelector("text")).size()).as(page + ": labels").isGreaterThan(2);
            assertThat(svg.getRect().getWidth()).as(page + ": drawn width").isGreaterThan(200);
        }
        return figures.size();
    }

    /** Every href and src of every page visited names a file of the book and, with a #, an element of it. */
    private void everyLocalLinkResolves() {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<Path, List<String>> page : links.entrySet()) {
            for (String link : page.getValue()) {
                if (link.matches("^[a-z]+:.*")) {
                    broken.add(page.getKey().getFileName() + ": " + link + " (not a file of the book)");
                    continue;
                }
                int hash = link.indexOf('#');
                String file = hash < 0 ? link : link.substring(0, hash);
                Path target = file.isEmpty() ? page.getKey() : page.getKey().getParent().resolve(file).normalize();
                if (!Files.isRegularFile(target)) {
                    broken.add(page.getKey().getFileName() + ": " + link + " (no such file)");
                } else if (hash >= 0 && !idsOf(target).contains(link.substring(hash + 1))) {
                    broken.add(page.getKey().getFileName() + ": " + link + " (no such anchor)");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(links.values().stream().mapToInt(List::size).sum()).as("links checked").isGreaterThan(2 * 181);
    }

    private final Map<Path, List<String>> links = new HashMap<>();

    /** Opens a page, records its links and element ids, and requires a console without errors. */
    private void open(Path page) {
        browser.get(page.toUri().toString());
        links.put(page, texts("a[href], link[href], script[src]", "href|src"));
        elementIds.put(page, new HashSet<>(texts("[id]", "id")));
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("console errors on " + page.getFileName()).isEmpty();
    }

    private Set<String> idsOf(Path page) {
        if (!elementIds.containsKey(page)) {
            open(page);
        }
        return elementIds.get(page);
    }

    private String textOf(Path page, String selector) {
        open(page);
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    /** The text of the matching elements, or the attribute named (the first of a|b present), as written in the page. */
    private List<String> texts(String selector, String... attribute) {
        String read = attribute.length == 0 ? "e.textContent.trim()"
                : "(" + String.join(" || ", List.of(attribute[0].split("\\|")).stream().map(a -> "e.getAttribute('" + a + "')").toList()) + ")";
        return ((List<?>) js("return Array.from(document.querySelectorAll(arguments[0])).map(e => " + read + ")", selector))
                .stream().map(String::valueOf).toList();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
