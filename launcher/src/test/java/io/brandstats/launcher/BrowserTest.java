package io.brandstats.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.node.DemoData;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
 * without auto-refresh, so it changes only when a test asks it to.
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

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
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
    return api.get("/stats/summary?from=" + today.minusDays(days - 1) + "&to=" + today).json();
  }

  private static BigDecimal revenueOf(JsonObject summary) {
    return new BigDecimal(summary.getJsonObject("totals").getValue("revenue").toString());
  }

  /**
   * Has the page show its figures (show), waits until its revenue is the API's for the last N days, and
   * answers that summary. Should the UTC day change meanwhile, the page may have counted either day: it is
   * asked to refresh and checked again.
   */
  private static JsonObject showingLast(int days, Runnable show) {
    show.run();
    while (true) {
      LocalDate day = today();
      JsonObject summary = summaryOfLast(days, day);
      waiting().until(d -> !today().equals(day) || revenueShown(revenueOf(summary)));
      if (today().equals(day)) {
        return summary;
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

  @Test
  @Order(1)
  @DisplayName("the dashboard loads with charts drawn and KPIs equal to what the API answers")
  void dashboardShowsTheApiNumbers() throws Exception {
    JsonObject summary = showingLast(30, () -> browser.get(dashboard));
    assertThat(revenueOf(summary)).isPositive();

    JsonObject totals = summary.getJsonObject("totals");
    assertThat(browser.findElement(By.cssSelector("#kpi-orders .value")).getAttribute("data-raw"))
      .isEqualTo(String.valueOf(totals.getLong("orders")));
    assertThat(browser.findElement(By.cssSelector("#kpi-units .value")).getAttribute("data-raw"))
      .isEqualTo(String.valueOf(totals.getLong("units")));
    assertThat(browser.findElement(By.cssSelector("#kpi-revenue .value")).getText()).contains("€");

    for (String chart : List.of("series-chart", "top-brands-chart", "top-products-chart", "top-stores-chart")) {
      Object points = ((JavascriptExecutor) browser).executeScript(
        "const c = document.getElementById(arguments[0]); const chart = Chart.getChart(c);"
          + "return c.width > 0 && c.height > 0 && chart ? chart.data.datasets[0].data.length : 0;", chart);
      assertThat(((Number) points).intValue()).as(chart + " data points").isPositive();
    }
    assertThat(browser.findElement(By.id("degraded-banner")).isDisplayed()).isFalse();
    screenshot("dashboard");
  }

  @Test
  @Order(2)
  @DisplayName("choosing another window shows that window's numbers")
  void windowSelectorChangesTheNumbers() throws Exception {
    BigDecimal week = revenueOf(summaryOfLast(7, today()));
    assertThat(week).isNotEqualByComparingTo(shownRevenue());

    showingLast(7, () -> new Select(browser.findElement(By.id("window-select"))).selectByValue("7"));

    screenshot("dashboard-7-days");
  }

  @Test
  @Order(3)
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
  @Order(4)
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
