package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.node.DemoData;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages as a person sees them, in the system's headless Chromium (Debian's chromium and
 * chromium-driver; nothing downloads a browser). The node has demo data; its stats service reads brand
 * names through a second node that the last test stops. Screenshots go to target/screenshots/.
 *
 * <p>The dashboard's windows end today (UTC) by the browser's clock: each check compares the page with the
 * API's answer for the same day, and asks the page again should midnight pass in between. The page is opened
 * without auto-refresh (so it changes only when a test asks it to), but for the test of live figures. Each check
 * of figures asks the API with the same parameters as the page, so the checks hold whichever statistics API the
 * node has: one that narrows by every filter, or an older one that ignores some (the page then says so).
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("In a real browser: the dashboard with demo data, and Swagger UI on the local contract")
class BrowserTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static RemoteOwners nodes;
  private static Api api;
  private static WebDriver browser;
  private static String dashboard;
  private static String base;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    nodes = new RemoteOwners("browser", List.of("brand"));
    base = nodes.nodeA.baseUrl();
    dashboard = base + "/dashboard/?refresh=off";
    api = new Api(vertx, nodes.nodeA);
    assertThat(new DemoData(nodes.nodeA.brandstats(), 7, 60).fill(false)).isTrue();

    ChromeOptions options = new ChromeOptions()
      .setBinary("/usr/bin/chromium")
      .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService driver = new ChromeDriverService.Builder()
      .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (nodes != null) {
        nodes.close();
      }
    }
  }

  /** Reads from the page, looking its elements up again when the page re-rendered one while it was read. */
  private static <T> T fresh(java.util.function.Supplier<T> read) {
    return waiting().until(d -> read.get());
  }

  /** Waits up to 20 s; an element the page re-rendered while it was read (stale) is looked up again. */
  private static WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private static void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /** The summary the dashboard asks for when it shows the last N days on that day. */
  private static JsonObject summaryOfLast(int days, LocalDate today) {
    return summaryOfLast(days, today, "");
  }

  /** The same with more of the view's parameters (filters, comparison), e.g. "&brandId=3". */
  private static JsonObject summaryOfLast(int days, LocalDate today, String more) {
    return api.get("/stats/summary?from=" + today.minusDays(days - 1) + "&to=" + today + more).json();
  }

  private static BigDecimal revenueOf(JsonObject summary) {
    return new BigDecimal(summary.getJsonObject("totals").getValue("revenue").toString());
  }

  /**
   * Has the page show its figures (show), waits until its revenue is the API's for the last N days, and
   * answers that summary. Should the UTC day change meanwhile, the page may have counted either day; and a sale
   * posted just before (by an earlier test) is counted by the statistics within about a second, so the page may
   * have asked before that and the test after, or the reverse. Either way the page is asked to refresh and both
   * are read again.
   */
  private static JsonObject showingLast(int days, Runnable show) {
    return showingLast(days, "", show);
  }

  private static JsonObject showingLast(int days, String more, Runnable show) {
    show.run();
    for (int attempt = 1; ; attempt++) {
      LocalDate day = today();
      JsonObject summary = summaryOfLast(days, day, more);
      WebDriverWait wait = attempt < 4 ? new WebDriverWait(browser, Duration.ofSeconds(5)) : waiting();
      try {
        wait.ignoring(StaleElementReferenceException.class)
          .until(d -> !today().equals(day) || revenueShown(revenueOf(summary)));
        if (today().equals(day)) {
          return summary;
        }
      } catch (TimeoutException e) {
        if (attempt >= 4) {
          throw e;
        }
      }
      browser.findElement(By.id("refresh-now")).click();
    }
  }

  private static boolean revenueShown(BigDecimal expected) {
    String raw = browser.findElement(By.cssSelector("#kpi-revenue .value")).getAttribute("data-raw");
    return raw != null && !raw.isEmpty() && new BigDecimal(raw).compareTo(expected) == 0;
  }

  private static BigDecimal shownRevenue() {
    return new BigDecimal(browser.findElement(By.cssSelector("#kpi-revenue .value")).getAttribute("data-raw"));
  }

  @Test
  @Order(0)
  @DisplayName("the demo data lies in the past: no sale of today (UTC) or later")
  void demoDataInThePast() {
    JsonObject ofToday = summaryOfLast(1, today()).getJsonObject("totals");
    assertThat(ofToday.getLong("orders")).isZero();
    assertThat(revenueOf(summaryOfLast(90, today()))).isPositive();
  }

  private static String kpi(String id) {
    return browser.findElement(By.cssSelector("#" + id + " .value")).getAttribute("data-raw");
  }

  /** The units and orders shown are the summary's (revenue is what showingLast waits for). */
  private static void kpisAre(JsonObject summary) {
    JsonObject totals = summary.getJsonObject("totals");
    assertThat(kpi("kpi-orders")).isEqualTo(String.valueOf(totals.getLong("orders")));
    assertThat(kpi("kpi-units")).isEqualTo(String.valueOf(totals.getLong("units")));
  }

  private static Object script(String js, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(js, args);
  }

  /** Console messages at error level since the last call (the log is read and emptied). */
  private static List<String> consoleErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
      .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
  }

  private static String address() {
    return (String) script("return location.search;");
  }

  private static HttpResponse<byte[]> gzipRequest(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Encoding", "gzip").build(),
      HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  @Order(1)
  @DisplayName("a cold load stays under 150 KB, draws every chart, shows the API's KPIs and logs no console error")
  void dashboardShowsTheApiNumbers() throws Exception {
    ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCache", Map.of());
    JsonObject summary = showingLast(30, () -> browser.get(dashboard));
    assertThat(revenueOf(summary)).isPositive();
    kpisAre(summary);
    assertThat(browser.findElement(By.cssSelector("#kpi-revenue .value")).getText()).contains("€");

    for (String chart : List.of("series-chart", "top-brands-chart", "top-products-chart", "top-stores-chart")) {
      waiting().until(d -> ((Number) script("const c = document.getElementById(arguments[0]); const chart = Chart.getChart(c);"
        + "return c.width > 0 && c.height > 0 && chart ? chart.data.datasets[0].data.length : 0;", chart)).intValue() > 0);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> load = (Map<String, Object>) script("const nav = performance.getEntriesByType('navigation')[0];"
      + "const res = performance.getEntriesByType('resource');"
      + "return { bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0), charts: performance.now() };");
    long bytes = ((Number) load.get("bytes")).longValue();
    System.out.printf("Dashboard cold load: %.1f KB transferred, charts drawn by %.0f ms%n", bytes / 1024.0,
      ((Number) load.get("charts")).doubleValue());
    assertThat(bytes).as("bytes transferred on a cold load").isLessThanOrEqualTo(150 * 1024);

    assertThat(browser.findElement(By.id("degraded-banner")).isDisplayed()).isFalse();
    assertThat(consoleErrors()).as("console errors").isEmpty();
    screenshot("dashboard");
  }

  @Test
  @Order(2)
  @DisplayName("choosing another window shows that window's numbers, and the address says so")
  void windowSelectorChangesTheNumbers() throws Exception {
    BigDecimal week = revenueOf(summaryOfLast(7, today()));
    assertThat(week).isNotEqualByComparingTo(shownRevenue());

    kpisAre(showingLast(7, () -> new Select(browser.findElement(By.id("window-select"))).selectByValue("7")));
    assertThat(address()).contains("window=7");
    screenshot("dashboard-7-days");
  }

  @Test
  @Order(3)
  @DisplayName("the measure and a brand chosen drive every tile: rankings by that measure, KPIs equal to the API's for that brand")
  void controlsDriveEveryTile() throws Exception {
    JsonObject byUnits = api.get("/stats/top?dimension=brands&by=units&limit=10&from=" + today().minusDays(6) + "&to=" + today()).json();
    String firstByUnits = String.valueOf(byUnits.getJsonArray("items").getJsonObject(0).getLong("id"));
    new Select(browser.findElement(By.id("measure-select"))).selectByValue("units");
    waiting().until(d -> firstByUnits.equals(d.findElement(By.cssSelector("#top-brands tbody tr")).getAttribute("data-id")));
    assertThat(script("return Chart.getChart('top-brands-chart').data.datasets[0].label;")).isEqualTo("Units");
    assertThat(address()).contains("measure=units");

    Select brands = new Select(browser.findElement(By.id("brand-select")));
    waiting().until(d -> brands.getOptions().size() > 2);
    String brandId = brands.getOptions().get(2).getAttribute("value");
    String brandName = brands.getOptions().get(2).getText();
    kpisAre(showingLast(7, "&brandId=" + brandId, () -> brands.selectByValue(brandId)));
    assertThat(address()).contains("brandId=" + brandId);
    assertThat(fresh(() -> browser.findElement(By.id("chips")).getText())).contains("Brand: " + brandName);
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("series-title"), brandName));
    assertThat(consoleErrors()).as("console errors").isEmpty();
    screenshot("dashboard-brand-units");
  }

  @Test
  @Order(4)
  @DisplayName("clicking a row drills down to it (address, chip, KPIs equal to the API's), and back returns to the view before")
  void drillDownAndBack() throws Exception {
    JsonObject all = showingLast(30, () -> browser.get(dashboard));
    By firstStore = By.cssSelector("#top-stores tbody tr[data-id]");
    waiting().until(ExpectedConditions.elementToBeClickable(firstStore));
    String storeId = fresh(() -> browser.findElement(firstStore).getAttribute("data-id"));
    By thatStore = By.cssSelector("#top-stores tbody tr[data-id='" + storeId + "']");
    kpisAre(showingLast(30, "&storeId=" + storeId, () -> fresh(() -> {
      browser.findElement(thatStore).click();
      return true;
    })));
    assertThat(address()).contains("storeId=" + storeId);
    assertThat(browser.findElements(By.cssSelector("#chips .chip[data-filter=storeId]"))).hasSize(1);
    screenshot("dashboard-drill-down");

    browser.navigate().back();
    waiting().until(d -> d.findElements(By.cssSelector("#chips .chip")).isEmpty());
    kpisAre(showingLast(30, () -> { }));
    assertThat(revenueOf(all)).isPositive();
    assertThat(consoleErrors()).as("console errors").isEmpty();
  }

  @Test
  @Order(5)
  @DisplayName("an address loads the same view: window, measure, comparison and filters from the query string")
  void addressLoadsTheView() throws Exception {
    String category = api.get("/products?limit=1&status=active").json().getJsonArray("items").getJsonObject(0).getString("category");
    String view = "&window=90&measure=orders&compare=year&category=" + category;
    kpisAre(showingLast(90, "&compare=year&category=" + category, () -> browser.get(dashboard + view)));
    assertThat(new Select(browser.findElement(By.id("window-select"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("90");
    assertThat(new Select(browser.findElement(By.id("measure-select"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("orders");
    assertThat(new Select(browser.findElement(By.id("compare-select"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("year");
    assertThat(fresh(() -> browser.findElement(By.id("chips")).getText())).contains("Category: " + category);
    assertThat(consoleErrors()).as("console errors").isEmpty();
    screenshot("dashboard-from-address");
  }

  @Test
  @Order(6)
  @DisplayName("on a 390 px phone no KPI is cut, the page does not scroll sideways, and the filters fold away")
  void phone() throws Exception {
    ChromeDriver chrome = (ChromeDriver) browser;
    chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
      Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    try {
      showingLast(30, () -> browser.get(dashboard));
      waiting().until(d -> ((Number) script("return Chart.getChart('top-stores-chart') ? 1 : 0;")).intValue() == 1);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> kpis = (List<Map<String, Object>>) script("return [...document.querySelectorAll('.kpi .value')]"
        + ".map((v) => ({ text: v.textContent, title: v.title, scroll: v.scrollWidth, client: v.clientWidth }));");
      for (Map<String, Object> k : kpis) {
        assertThat(((Number) k.get("scroll")).intValue()).as("KPI " + k.get("text") + " fits").isLessThanOrEqualTo(((Number) k.get("client")).intValue());
        assertThat((String) k.get("title")).as("the full value is there").isNotBlank();
      }
      assertThat(((Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue())
        .as("horizontal page scroll").isLessThanOrEqualTo(0);
      assertThat(browser.findElement(By.id("controls")).isDisplayed()).as("filters folded").isFalse();
      screenshot("dashboard-phone");
      browser.findElement(By.id("filters-toggle")).click();
      assertThat(browser.findElement(By.id("controls")).isDisplayed()).as("filters unfolded").isTrue();
      screenshot("dashboard-phone-filters");
    } finally {
      chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  @Test
  @Order(7)
  @DisplayName("the JavaScript, the CSS and a large JSON answer come gzipped when the client accepts it")
  void compressed() throws Exception {
    for (String path : List.of("/dashboard/dashboard.js", "/dashboard/dashboard.css", "/dashboard/chart.umd.min.js",
      "/stats/top?dimension=stores&limit=100")) {
      HttpResponse<byte[]> answer = gzipRequest(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
    }
  }

  @Test
  @Order(8)
  @DisplayName("Swagger UI loads the local contract and a Try-it-out call succeeds")
  void swaggerTryItOut() throws Exception {
    browser.get(base + "/docs/");
    By operation = By.id("operations-brands-listBrands");
    waiting().until(ExpectedConditions.presenceOfElementLocated(operation));
    browser.findElement(operation).findElement(By.cssSelector(".opblock-summary")).click();
    // The page opens operations ready to try (tryItOutEnabled), so Execute is there at once.
    waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-brands-listBrands .execute"))).click();

    By served = By.cssSelector("#operations-brands-listBrands .live-responses-table");
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(served, "\"items\""));
    assertThat(browser.findElement(served).getText()).contains("200").doesNotContain("Failed to fetch");
    screenshot("swagger-try-it-out");
  }

  @Test
  @Order(9)
  @DisplayName("a sale posted now shows in the KPIs within 2 s, without reloading the page, equal to what the API then answers")
  void liveFigures() throws Exception {
    String following = base + "/dashboard/?window=7";
    showingLast(7, () -> browser.get(following));
    waiting().until(d -> List.of("live", "polling").contains(d.findElement(By.id("live-state")).getAttribute("data-state")));
    long orders = Long.parseLong(kpi("kpi-orders"));
    JsonObject product = api.get("/products?limit=1&status=active").json().getJsonArray("items").getJsonObject(0);
    JsonObject store = api.get("/stores?limit=1").json().getJsonArray("items").getJsonObject(0);
    Instant soldAt = Instant.now().minus(1, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
    LocalDate day = today();
    assertThat(api.post("/sales", new JsonObject().put("eventId", "browser-live-" + soldAt.toEpochMilli())
      .put("productId", product.getLong("id")).put("storeId", store.getLong("id")).put("quantity", 1)
      .put("soldAt", soldAt.toString())).status()).isEqualTo(200);
    long posted = System.nanoTime();
    new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(50))
      .until(d -> Long.parseLong(kpi("kpi-orders")) == orders + 1 || !today().equals(day));
    System.out.printf("A posted sale showed in the KPIs after %d ms (%s)%n", (System.nanoTime() - posted) / 1_000_000,
      browser.findElement(By.id("live-state")).getAttribute("data-state"));
    if (today().equals(day)) {
      // Statistics count a sale once the rollup worker has folded it (within about a second): the live figures
      // may show it first. The page must then agree with the statistics that count it.
      JsonObject counted = waiting().until(d -> {
        JsonObject summary = summaryOfLast(7, day);
        return summary.getJsonObject("totals").getLong("orders") == orders + 1 ? summary : null;
      });
      kpisAre(counted);
    }
    assertThat(consoleErrors()).as("console errors").isEmpty();
    screenshot("dashboard-live");
  }

  @Test
  @Order(10)
  @DisplayName("every request example of the contract (what Swagger UI prefills) succeeds on a demo installation")
  void requestExamplesSucceed() {
    for (ContractOperations.Operation operation : ContractOperations.load().all()) {
      if (operation.bodyExample() == null) {
        continue;
      }
      String path = operation.path().replace("{id}", "1");
      Api.Reply reply = api.send(operation.method(), path, MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json"), Buffer.buffer(String.valueOf(
          operation.bodyExample() instanceof JsonObject json ? json.encode() : operation.bodyExample())));
      assertThat(reply.status()).as(operation.operationId() + ": " + reply.bodyText()).isBetween(200, 201);
      if (operation.operationId().equals("ingestSales")) {
        assertThat(reply.json().getInteger("rejected")).as(reply.bodyText()).isZero();
      }
    }
  }

  @Test
  @Order(11)
  @DisplayName("when the brand service stops, the dashboard shows a banner naming it, and still shows the numbers")
  void degradedBanner() throws Exception {
    showingLast(30, () -> browser.get(dashboard));

    nodes.stopOwners();
    browser.navigate().refresh();

    By banner = By.id("degraded-banner");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(banner));
    assertThat(browser.findElement(banner).getText().toLowerCase()).contains("brand");
    assertThat(shownRevenue()).isPositive();
    screenshot("dashboard-degraded");
  }
}
