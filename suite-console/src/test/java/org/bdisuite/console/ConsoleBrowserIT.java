package org.bdisuite.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The six console scenarios of the operator in a real browser (Debian's headless Chromium through Selenium)
 * against the packaged services; each main page is saved as a screenshot to docs/images/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ConsoleSuite suite;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void startSuiteAndBrowser() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser) {
            String missing = "console browser tests: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (apt-get install chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(missing + "; CI must run them");
            }
            System.err.println("!!!!! SKIPPED " + missing + " !!!!!");
            Assumptions.abort(missing);
        }
        suite = ConsoleSuite.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        // htmx swaps a polled fragment (an execution's status, the overview's running executions) while a wait reads
        // it: an element found just before a swap is stale, and the wait reads it again.
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void signInSeeTheOverviewSignOutAndAWrongPasswordIsRefusedWithoutAPrompt() {
        driver.get(suite.url("/console/jobs"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
        signInAs(ConsoleSuite.ADMIN, "not-the-password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).contains("wrong");
        assertNoBrowserPrompt();
        screenshot("login");

        signInAs(ConsoleSuite.ADMIN, ConsoleSuite.PASSWORD);
        // The sign-in returns to the page first asked for; wait for that navigation to end before opening another,
        // or it may land after it (seen in CI: the overview's wait read the Jobs page).
        wait.until(ExpectedConditions.urlContains("/console/jobs"));
        driver.get(suite.url("/console"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "open transaction"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "due today"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        screenshot("overview");

        signOut();
        assertThat(driver.findElement(By.id("main")).getText()).contains("You are signed out");
        driver.get(suite.url("/console"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    @Test
    @Order(2)
    void thePipelineJobsRunAFailureShowsItsCauseARestartCompletesAndTheChangedReceiverOptionIsUsed()
            throws IOException {
        signInAs(ConsoleSuite.ADMIN, ConsoleSuite.PASSWORD);
        // Scenario 4: a receiver option changed on Manage Configurations is what the next transaction uses.
        Path inbox = suite.work.resolve("console-inbox");
        setReceiverBaseFolder(inbox.toString());
        driver.get(suite.url("/console/receiver"));
        assertThat(driver.findElement(By.id("receiver-options")).getText()).contains(inbox.toString());
        // The transporter's destination signs in with a user the receiver does not know: the job fails before any
        // receiver transaction begins, so its restart, after the destination is corrected, sends everything.
        setDestination("receiver", "console-nobody", "not-the-password-1");

        runJob("Diff_Fnd_ExtractorJob", "COMPLETED");
        runJob("Diff_Fnd_DownloaderAndTransporterJob", "FAILED");
        assertThat(driver.findElement(By.id("failure-cause")).getText()).isNotBlank();
        screenshot("execution-failed");
        String failedPage = driver.getCurrentUrl();
        retryTheFailedDataSet(failedPage.replaceAll(".*/executions/(\\d+).*", "$1"));

        setDestination("receiver", ConsoleSuite.ADMIN, ConsoleSuite.PASSWORD);
        screenshot("manage-configurations");
        driver.get(failedPage);
        driver.findElement(By.id("restart")).click();
        awaitExecution("COMPLETED");
        try (Stream<Path> files = Files.walk(inbox)) {
            assertThat(files.filter(Files::isRegularFile).count()).isPositive();
        }

        runJob("Diff_Fnd_ImporterJob", "COMPLETED");
        driver.get(suite.url("/console/jobs"));
        screenshot("jobs");
        driver.get(suite.url("/console/receiver"));
        assertThat(driver.findElement(By.id("main")).getText()).contains("Recently completed");
        screenshot("receiver");
        signOut();
    }

    @Test
    @Order(3)
    void anExporterCreatesAScheduleThroughTheFormRunsItNowAndEditsAndCancelsIt() throws Exception {
        signInAs("console-exporter", ConsoleSuite.PASSWORD);
        driver.get(suite.url("/console"));
        wait.until(ExpectedConditions.urlContains("/console/exporter/schedules"));
        driver.findElement(By.id("new-schedule")).click();
        driver.findElement(By.id("description")).sendKeys("Console appointments");
        new Select(driver.findElement(By.id("dataSource"))).selectByValue("sampleAppointments");
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-table")));
        assertThat(preview.findElements(By.cssSelector("thead th"))).isNotEmpty();
        driver.findElement(By.id("recipients")).sendKeys("Ops <ops@example.org>");
        driver.findElement(By.id("description")).click(); // the change event of the recipients
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fire-times time")));
        screenshot("schedule-form");
        driver.findElement(By.id("save-schedule")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-now")));

        driver.findElement(By.id("run-now")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(suite.mail.waitForIncomingEmail(30_000, 1)).isTrue();
        assertThat(suite.mail.getReceivedMessages()[0].getSubject()).isEqualTo("Console appointments");
        assertThat(driver.findElement(By.id("main")).getText()).doesNotContain("No audit events yet");
        screenshot("schedule");

        driver.findElement(By.id("edit")).click();
        WebElement description = driver.findElement(By.id("description"));
        description.clear();
        description.sendKeys("Console appointments, edited");
        driver.findElement(By.id("save-schedule")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Console appointments, edited"));

        driver.findElement(By.id("cancel")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("schedule-state"), "CANCELLED"));
        driver.get(suite.url("/console/exporter/schedules"));
        screenshot("schedules");
        signOut();
    }

    @Test
    @Order(4)
    void aServicesFileJobReachesOneHundredPercentAndAPartDownloads() throws Exception {
        ingestServices();
        signInAs(ConsoleSuite.ADMIN, ConsoleSuite.PASSWORD);
        driver.get(suite.url("/console/exporter/services"));
        LocalDateTime to = LocalDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        setValue(By.id("from"), to.minusDays(2).toString());
        setValue(By.id("to"), to.toString());
        new Select(driver.findElement(By.id("events"))).selectByValue("completed");
        new Select(driver.findElement(By.id("state"))).selectByValue("active");
        assertThat(driver.findElement(By.id("filter-problem")).isDisplayed()).isTrue();
        new Select(driver.findElement(By.id("state"))).selectByValue("any");
        new Select(driver.findElement(By.id("events"))).selectByValue("any");
        driver.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-table")));
        screenshot("services-export");

        driver.findElement(By.id("start-file-job")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("file-job-state"), "SUCCEEDED"));
        assertThat(driver.findElement(By.id("file-job-bar")).getAttribute("value"))
                .isEqualTo("100");
        screenshot("services-file-job");
        String part = driver.findElement(By.cssSelector("#file-job-parts a")).getAttribute("href");
        HttpResponse<String> download = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(part))
                                .header("Cookie", cookies())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).contains("console-customer");
        signOut();
    }

    @Test
    @Order(5)
    void aMonitorSeesNoButtonsAndAPostWithoutTheCsrfTokenIsRefused() {
        signInAs("console-monitor", ConsoleSuite.PASSWORD);
        driver.get(suite.url("/console/jobs"));
        assertThat(driver.findElements(By.cssSelector("form[action='/console/jobs/start']")))
                .isEmpty();
        driver.findElement(By.cssSelector("#executions tbody a")).click();
        assertThat(driver.findElements(By.cssSelector(".actions button"))).isEmpty();
        driver.get(suite.url("/console/settings"));
        assertThat(driver.findElements(By.cssSelector("main button"))).isEmpty();
        signOut();

        signInAs(ConsoleSuite.ADMIN, ConsoleSuite.PASSWORD);
        driver.get(suite.url("/console/jobs"));
        Object status = ((JavascriptExecutor) driver)
                .executeAsyncScript("var done = arguments[0];"
                        + "fetch('/console/jobs/start', {method: 'POST', headers:"
                        + " {'Content-Type': 'application/x-www-form-urlencoded'},"
                        + " body: 'jobName=Diff_Fnd_ExtractorJob'}).then(function (r) {"
                        + " r.text().then(function (t) { done(r.status + ' ' + t); }); });");
        assertThat(String.valueOf(status)).startsWith("403 ").contains("csrf-token-missing");
        signOut();
    }

    /** Scenario 7: a phone's width (390 px): the navigation and the main tables are usable, the page never scrolls sideways. */
    @Test
    @Order(7)
    void thePagesAreUsableAtAPhonesWidth() {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        try {
            signInAs(ConsoleSuite.ADMIN, ConsoleSuite.PASSWORD);
            for (String page : List.of(
                    "/console",
                    "/console/jobs",
                    "/console/data-sets",
                    "/console/receiver",
                    "/console/settings",
                    "/console/exporter/schedules",
                    "/console/exporter/services")) {
                driver.get(suite.url(page));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
                long viewport = ((Number) chrome.executeScript("return window.innerWidth;")).longValue();
                long body = ((Number) chrome.executeScript(
                                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);"))
                        .longValue();
                assertThat(body).as("page width of " + page + " at 390 px").isLessThanOrEqualTo(viewport);
                for (WebElement link : driver.findElements(By.cssSelector("header.top nav a"))) {
                    assertThat(link.isDisplayed())
                            .as(link.getText() + " on " + page)
                            .isTrue();
                    assertThat(link.getRect().getX() + link.getRect().getWidth())
                            .as(link.getText() + " inside the screen on " + page)
                            .isLessThanOrEqualTo((int) viewport);
                }
                for (WebElement table : driver.findElements(By.cssSelector("main .table-wrap"))) {
                    assertThat(table.getRect().getWidth())
                            .as("a table of " + page)
                            .isLessThanOrEqualTo((int) viewport);
                }
            }
            driver.get(suite.url("/console/jobs"));
            screenshot("phone-jobs");
            // The navigation works by touch at this width: the link to Manage Configurations opens it.
            driver.findElement(By.linkText("Manage Configurations")).click();
            wait.until(ExpectedConditions.urlContains("/console/settings"));
            signOut();
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    private static void signInAs(String user, String password) {
        if (!driver.getCurrentUrl().contains("/console/login")) {
            driver.get(suite.url("/console/login"));
        }
        WebElement name = driver.findElement(By.id("j_username"));
        name.clear();
        name.sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        WebElement submit = driver.findElement(By.cssSelector("form button[type=submit]"));
        submit.click();
        // The sign-in's answer (the page first asked for, or the login page with its error) must have loaded before
        // the test opens another page, or that navigation may land after it (seen in CI under load).
        wait.until(pageReplaced(submit));
    }

    /**
     * True once the element's page has been replaced. Selenium's {@code stalenessOf} fails at once when Chrome answers
     * "Node with given id does not belong to the document", which it does while the old page is being torn down (seen in
     * CI); that answer here means "not yet", and the next poll sees the element stale.
     */
    private static ExpectedCondition<Boolean> pageReplaced(WebElement element) {
        return browser -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException replaced) {
                return true;
            } catch (WebDriverException tornDown) {
                if (String.valueOf(tornDown.getMessage()).contains("does not belong to the document")) {
                    return false;
                }
                throw tornDown;
            }
        };
    }

    private static void signOut() {
        driver.findElement(By.cssSelector(".signout button")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    private static void assertNoBrowserPrompt() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("The browser showed a prompt");
        } catch (NoAlertPresentException expected) {
            assertThat(driver.getPageSource()).doesNotContain("Authentication required");
        }
    }

    private static void setReceiverBaseFolder(String folder) {
        driver.get(suite.url("/console/settings"));
        WebElement module = driver.findElement(By.id("new-module"));
        module.sendKeys("Diff_Fnd");
        driver.findElement(By.id("new-interface")).sendKeys("Diff");
        driver.findElement(By.id("new-folder")).sendKeys(folder);
        new Select(driver.findElement(By.id("new-merge"))).selectByValue("MERGE_TO_PARTITION_LEVEL");
        module.submit();
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).contains("Diff_Fnd/Diff");
    }

    /** Saves the destination's user and password on Manage Configurations (its URL stays as it is). */
    private static void setDestination(String name, String user, String password) {
        driver.get(suite.url("/console/settings"));
        WebElement username = driver.findElement(By.id("de-user-" + name));
        username.clear();
        username.sendKeys(user);
        driver.findElement(By.id("de-password-" + name)).sendKeys(password);
        driver.findElement(By.id("de-save-" + name)).click();
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).contains("Destination " + name + " saved");
        assertThat(driver.getPageSource()).doesNotContain(password);
    }

    /**
     * The Data sets page shows the outbound set the transporter failed on as FAILED, with its cause and execution;
     * an administrator retries it there and the page shows it PENDING again (the restart then sends it).
     */
    private static void retryTheFailedDataSet(String failedExecution) {
        driver.get(suite.url("/console/data-sets"));
        WebElement state =
                driver.findElement(By.cssSelector("#outbound-sets ~ .table-wrap [data-data-set-state='FAILED']"));
        String key = state.getAttribute("id").substring("state-".length());
        assertThat(state.getText()).contains("FAILED", "execution " + failedExecution);
        assertThat(driver.findElement(By.id("cause-" + key)).getText()).isNotBlank();
        screenshot("data-sets");
        driver.findElement(By.id("retry-" + key)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("retried");
        assertThat(driver.findElement(By.id("state-" + key)).getAttribute("data-data-set-state"))
                .isEqualTo("PENDING");
        assertThat(driver.findElements(By.id("retry-" + key))).isEmpty();
    }

    private static void runJob(String job, String expectedStatus) {
        driver.get(suite.url("/console/jobs"));
        driver.findElement(By.id("start-" + job)).click();
        awaitExecution(expectedStatus);
    }

    /** Waits on an execution's page, which refreshes itself, until the execution ends with the status. */
    private static void awaitExecution(String expectedStatus) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("execution-status")));
        wait.until(driver -> {
            String status = driver.findElement(By.id("execution-status")).getText();
            return List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status) ? status : null;
        });
        assertThat(driver.findElement(By.id("execution-status")).getText()).isEqualTo(expectedStatus);
    }

    private static void setValue(By field, String value) {
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
                        driver.findElement(field),
                        value);
    }

    private static String cookies() {
        return driver.manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Three services through the exporter's ingest API, one of them completed. */
    private static void ingestServices() throws Exception {
        String now = java.time.OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        for (int i = 1; i <= 3; i++) {
            String body = "{\"type\":\"callback\",\"customerId\":\"console-customer-" + i + "\",\"content\":{\"n\":" + i
                    + "},\"startTime\":\"" + now + "\"}";
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(suite.services
                                            .get("exporter-service")
                                            .uri()
                                            .resolve("/exporter/services"))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString(
                                                                    (ConsoleSuite.ADMIN + ":" + ConsoleSuite.PASSWORD)
                                                                            .getBytes(StandardCharsets.UTF_8)))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        }
    }

    /** Saves the page as docs/images/console-NAME.png (the README shows them). */
    private static void screenshot(String name) {
        try {
            Path images = Path.of(System.getProperty("suite.root", "..")).resolve("docs/images");
            Files.createDirectories(images);
            Files.write(
                    images.resolve("console-" + name + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
