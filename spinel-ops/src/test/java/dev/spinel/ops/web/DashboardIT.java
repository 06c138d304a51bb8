package dev.spinel.ops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.WatchTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver) against a
 * real 6-node cluster: it loads without console errors, shows every node, and its figures are
 * the API's. A screenshot is left in target/ for people to look at.
 */
class DashboardIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path temp;

    private static ChromeDriver chromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        if (!present) {
            System.err.println("\n*** SKIPPING the dashboard browser test: chromium or chromedriver is missing\n");
        }
        Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void theDashboardShowsEveryNodeOfAClusterWithTheApisFigures() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", 3, 1, null));
            try (Monitor monitor = new Monitor(WatchTarget.ofProject(fixture.dir), Duration.ofSeconds(1),
                    Optional.empty(), Clock.systemUTC());
                 ConsoleServer server = new ConsoleServer(monitor, Optional.empty()).start("127.0.0.1", 0)) {
                monitor.start();
                ConsoleHttp http = new ConsoleHttp(server.port(), null);
                await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/api/health").status() == 200);
                ChromeDriver browser = chromium();
                try {
                    browser.get("http://127.0.0.1:" + server.port() + "/");
                    await().atMost(Duration.ofSeconds(20)).until(() ->
                            browser.findElements(By.cssSelector("#nodes tbody tr")).size() == 6
                                    && browser.findElements(By.cssSelector("#slot-legend li")).size() == 3
                                    && browser.findElement(By.tagName("body")).getDomAttribute("data-refreshed") != null);

                    assertThat(browser.findElement(By.id("status")).getDomAttribute("data-status")).isEqualTo("healthy");
                    JsonNode cluster = http.get("/api/cluster").json();
                    Map<String, Integer> apiSlots = new HashMap<>();
                    Map<String, String> apiRoles = new HashMap<>();
                    cluster.get("nodes").forEach(n -> {
                        apiRoles.put(n.get("name").asText(), n.get("role").asText());
                        if (n.get("slot_count").asInt() > 0) {
                            apiSlots.put(n.get("name").asText(), n.get("slot_count").asInt());
                        }
                    });
                    Map<String, Integer> pageSlots = new HashMap<>();
                    for (WebElement owner : browser.findElements(By.cssSelector("#slot-legend li"))) {
                        pageSlots.put(owner.getDomAttribute("data-owner"),
                                Integer.parseInt(owner.getDomAttribute("data-slots")));
                    }
                    assertThat(pageSlots).isEqualTo(apiSlots);
                    assertThat(pageSlots.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(16384);
                    for (WebElement row : browser.findElements(By.cssSelector("#nodes tbody tr"))) {
                        String name = row.getDomAttribute("data-node");
                        assertThat(row.findElement(By.cssSelector("[data-field=role]")).getText())
                                .as(name).isEqualTo(apiRoles.get(name));
                    }
                    JsonNode stats = http.get("/api/stats").json();
                    for (JsonNode node : stats.get("nodes")) {
                        String keysOnPage = browser.findElement(By.cssSelector("tr[data-node='" + node.get("name").asText()
                                + "'] [data-field=keys]")).getText();
                        assertThat(keysOnPage).isEqualTo(node.get("keys").asText());
                    }
                    assertThat(browser.findElements(By.cssSelector("#topology g[data-node]"))).hasSize(6);

                    Path screenshot = Path.of("target", "dashboard-cluster.png");
                    Files.createDirectories(screenshot.getParent());
                    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
                    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                    assertThat(errors).as("browser console errors").isEmpty();
                } finally {
                    browser.quit();
                }
            }
        }
    }
}
