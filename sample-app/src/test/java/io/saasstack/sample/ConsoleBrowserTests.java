package io.saasstack.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.saasstack.console.ConsoleWebhookLog;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.mail.Attachment;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.mail.template.MailTemplates;
import io.saasstack.media.local.LocalMediaStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local console in a real headless Chromium, driven through the system's chromedriver
 * ({@code .ci/ensure-chromium} installs both; Selenium never downloads anything): the sample in
 * its {@code dev} profile sends a mail, tracks events, takes an upload and a webhook, and each
 * appears in the open console without a reload (a marker set on the page at the start is still
 * there at the end of each test). One browser for the class; a screenshot of each
 * page goes to {@code target/console-screenshots/} (and to {@code docs/images/} with
 * {@code -Dsaas.docs.update=true}); any error in the browser's console fails the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Path DOCS_IMAGES = Path.of("..", "docs", "images");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private MailClient mailClient;

	@Autowired
	private MailTemplates mailTemplates;

	@Autowired
	private EventTracker eventTracker;

	@Autowired
	private CapturingMailClient capturedMails;

	@Autowired
	private LocalMediaStorage keptUploads;

	@Autowired
	private ConsoleWebhookLog webhookLog;

	private WebDriver browser;

	private Path userDataDir;

	/** The token the console's form minted (test 3), used for the upload (test 4). */
	private String token;

	@BeforeAll
	void startBrowser() throws IOException {
		// the context may be shared with other tests of the sample: start from empty stand-ins
		this.capturedMails.clear();
		this.keptUploads.clear();
		this.webhookLog.clear();
		String chromium = System.getenv().getOrDefault("SAAS_CHROMIUM", "/usr/bin/chromium");
		String chromedriver = System.getenv().getOrDefault("SAAS_CHROMEDRIVER", "/usr/bin/chromedriver");
		assertThat(new File(chromium).canExecute()).as("Chromium at " + chromium + " (install it with: bash .ci/ensure-chromium)").isTrue();
		assertThat(new File(chromedriver).canExecute()).as("chromedriver at " + chromedriver + " (install it with: bash .ci/ensure-chromium)").isTrue();
		// never Selenium Manager: the driver and the browser are given
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver);
		this.userDataDir = Files.createTempDirectory("console-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + this.userDataDir);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
		this.browser.get(base() + "/#mails");
		waitUntil("the console shows its Mails page", () -> !this.browser.findElements(By.tagName("h1")).isEmpty());
		// gone if the page ever reloads: every item must arrive through the page's own updates
		((JavascriptExecutor) this.browser).executeScript("window.consoleTestMarker = 'loaded once';");
	}

	@AfterAll
	void stopBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.userDataDir != null) {
			org.springframework.util.FileSystemUtils.deleteRecursively(this.userDataDir);
		}
	}

	@Test
	@Order(1)
	void aMailAppearsAndOpensWithItsHtmlSandboxedItsTextAndItsAttachment() throws Exception {
		assertThat(this.browser.getCurrentUrl()).endsWith("/saas/console/#mails");
		this.mailClient.send(this.mailTemplates.render("welcome", Map.of("name", "Grace"))
			.to("grace@example.com")
			.tag("category", "welcome")
			.attach(Attachment.of("terms.txt", "Photo Board terms, version 3\n".getBytes(StandardCharsets.UTF_8)))
			.build(), "browser-test/welcome-grace");
		WebElement row = waitFor(By.cssSelector(".mail-row[data-id]"));
		assertThat(row.getText()).contains("Welcome to Photo Board, Grace").contains("grace@example.com")
			.contains("browser-test/welcome-grace").contains("category=welcome");
		screenshot("mails");

		row.click();
		WebElement frame = waitFor(By.id("mail-html"));
		assertThat(frame.getDomAttribute("sandbox")).isEmpty();
		waitUntil("the resend JSON is shown", () -> this.browser.findElement(By.id("mail-resend")).getText().contains("\"to\""));
		this.browser.switchTo().frame(frame);
		waitUntil("the mail's HTML renders in the iframe",
				() -> this.browser.findElement(By.tagName("body")).getText().contains("Hi Grace"));
		this.browser.switchTo().defaultContent();
		assertThat(this.browser.findElement(By.id("mail-text")).getText()).contains("Grace");
		WebElement attachment = this.browser.findElement(By.cssSelector("#mail-attachments a.attachment"));
		assertThat(attachment.getText()).isEqualTo("terms.txt");
		assertThat(attachment.getDomAttribute("download")).isEqualTo("terms.txt");
		HttpResponse<byte[]> download = get(attachment.getDomProperty("href"));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("Photo Board terms, version 3\n");
		assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("attachment;").contains("terms.txt"));
		assertThat(this.browser.findElement(By.id("mail-resend")).getText()).contains("\"filename\": \"terms.txt\"")
			.contains("\"subject\": \"Welcome to Photo Board, Grace\"");
		screenshot("mail");
		assertNoBrowserErrors();
	}

	@Test
	@Order(2)
	void eventsAppearAndFilterByChannel() throws IOException {
		this.browser.findElement(By.cssSelector("#nav a[data-section=events]")).click();
		waitFor(By.tagName("h1"));
		this.eventTracker.track(LogEvent.builder("Album Created").channel("albums").icon("📁").userId("user_grace")
			.tag("photos", 12).build());
		this.eventTracker.track(LogEvent.builder("Invite Sent").channel("team").icon("✉️").userId("user_grace")
			.description("to alan@example.com").build());
		// the timeline may hold events of other tests sharing this context: wait for these two
		waitUntil("both events are shown", () -> !this.browser.findElements(By.id("event-list")).isEmpty()
				&& this.browser.findElement(By.id("event-list")).getText().contains("Invite Sent")
				&& this.browser.findElement(By.id("event-list")).getText().contains("Album Created"));
		assertThat(this.browser.findElement(By.id("event-list")).getText()).contains("#albums").contains("#team")
			.contains("photos=12");
		screenshot("events");
		new Select(this.browser.findElement(By.id("filter-channel"))).selectByValue("team");
		waitUntil("only the team channel is shown", () -> {
			List<WebElement> rows = this.browser.findElements(By.cssSelector(".event-row"));
			return rows.size() == 1 && rows.get(0).getText().contains("Invite Sent");
		});
		new Select(this.browser.findElement(By.id("filter-channel"))).selectByValue("");
		assertNoBrowserErrors();
	}

	@Test
	@Order(3)
	void theTokenFormMintsATokenTheApplicationAccepts() throws Exception {
		this.browser.findElement(By.cssSelector("#nav a[data-section=tokens]")).click();
		WebElement user = waitFor(By.id("token-user"));
		user.clear();
		user.sendKeys("user_grace");
		this.browser.findElement(By.id("token-email")).sendKeys("grace@example.com");
		this.browser.findElement(By.id("token-org")).sendKeys("org_photo");
		this.browser.findElement(By.id("token-role")).sendKeys("org:admin");
		this.browser.findElement(By.id("token-permissions")).sendKeys("org:photos:read, org:photos:write");
		this.browser.findElement(By.id("token-mint")).click();
		WebElement value = waitFor(By.id("token-value"));
		this.token = value.getText();
		assertThat(this.browser.findElement(By.id("token-claims")).getText()).contains("\"sub\": \"user_grace\"")
			.contains("\"email\": \"grace@example.com\"")
			.contains("\"id\": \"org_photo\"");
		assertThat(this.browser.findElement(By.id("token-curl")).getText())
			.startsWith("curl -s " + origin() + "/ -H \"Authorization: Bearer ey");
		HttpResponse<String> me = this.http.send(HttpRequest.newBuilder(URI.create(origin() + "/api/me"))
			.header("Authorization", "Bearer " + this.token)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"id\":\"user_grace\"");
		screenshot("tokens");
		assertNoBrowserErrors();
	}

	@Test
	@Order(4)
	void anUploadAppearsWithItsThumbnailAndRenderedTransformations() throws Exception {
		assertThat(this.token).as("the token of the previous test").isNotNull();
		this.browser.findElement(By.cssSelector("#nav a[data-section=uploads]")).click();
		waitFor(By.tagName("h1"));
		String boundary = "console-browser-test";
		byte[] photo = Files.readAllBytes(Path.of("photos", "mountain.jpg"));
		byte[] body = multipart(boundary, photo);
		HttpResponse<String> uploaded = this.http.send(HttpRequest.newBuilder(URI.create(origin() + "/api/photos"))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(uploaded.statusCode()).isEqualTo(201);
		WebElement thumbnail = waitFor(By.cssSelector(".upload-card img.thumb"));
		waitUntil("the thumbnail loads", () -> naturalWidth(thumbnail) > 0);
		WebElement card = this.browser.findElement(By.cssSelector(".upload-card"));
		assertThat(card.getText()).contains("KiB").contains("https://res.cloudinary.com/demo/image/upload/");
		screenshot("uploads");
		card.click();
		WebElement fill = waitFor(By.cssSelector(".sample[data-key=fill] img"));
		waitUntil("the fill renders from the kept bytes", () -> naturalWidth(fill) == 400);
		WebElement auto = this.browser.findElement(By.cssSelector(".sample[data-key=auto] img"));
		waitUntil("f_auto,q_auto renders from the kept bytes", () -> naturalWidth(auto) > 0);
		assertThat(this.browser.findElement(By.cssSelector(".sample[data-key=face]")).getText()).contains("g_face")
			.contains("not rendered locally");
		screenshot("upload");
		assertNoBrowserErrors();
	}

	@Test
	@Order(5)
	void aSignedWebhookIsLogged() throws Exception {
		this.browser.findElement(By.cssSelector("#nav a[data-section=webhooks]")).click();
		waitFor(By.tagName("h1"));
		HttpResponse<String> signUp = this.http.send(HttpRequest.newBuilder(URI.create(origin() + "/dev/sign-up"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("user=user_alan&email=alan@example.com&name=Alan"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signUp.statusCode()).isEqualTo(200);
		HttpResponse<String> forged = this.http.send(HttpRequest.newBuilder(URI.create(origin() + "/webhooks/clerk"))
			.header("Content-Type", "application/json")
			.header("svix-id", "msg_forged")
			.header("svix-timestamp", Long.toString(System.currentTimeMillis() / 1000))
			.header("svix-signature", "v1,Zm9yZ2Vk")
			.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"user.created\",\"data\":{}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(401);
		waitUntil("both webhooks are logged", () -> this.browser.findElements(By.cssSelector(".webhook-row")).size() == 2);
		List<WebElement> rows = this.browser.findElements(By.cssSelector(".webhook-row"));
		assertThat(rows.get(0).getText()).contains("clerk").contains("refused");
		assertThat(rows.get(1).getText()).contains("clerk").contains("user.created").contains("verified")
			.contains("published");
		screenshot("webhooks");
		assertNoBrowserErrors();
	}

	@Test
	@Order(6)
	void everyPageFitsAPhoneScreen() throws Exception {
		this.browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		try {
			for (String section : List.of("mails", "events", "uploads", "tokens", "webhooks")) {
				this.browser.findElement(By.cssSelector("#nav a[data-section=" + section + "]")).click();
				waitUntil("the " + section + " page shows", () -> this.browser.findElement(By.cssSelector("#nav a.active"))
					.getDomAttribute("data-section").equals(section) && !this.browser.findElements(By.tagName("h1")).isEmpty());
				Object overflow = ((JavascriptExecutor) this.browser).executeScript(
						"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
				assertThat(((Number) overflow).longValue()).as("how far the %s page scrolls sideways on a phone", section)
					.isLessThanOrEqualTo(0);
			}
			this.browser.findElement(By.cssSelector("#nav a[data-section=mails]")).click();
			waitFor(By.cssSelector(".mail-row[data-id]"));
			screenshot("phone");
		}
		finally {
			this.browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		}
		assertNoBrowserErrors();
	}

	private String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	private String base() {
		return origin() + "/saas/console";
	}

	private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private long naturalWidth(WebElement image) {
		Object width = ((JavascriptExecutor) this.browser)
			.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", image);
		return ((Number) width).longValue();
	}

	private WebElement waitFor(By locator) {
		return new WebDriverWait(this.browser, WAIT).withMessage(() -> "waiting for " + locator)
			.until((driver) -> driver.findElements(locator).stream().findFirst().orElse(null));
	}

	private void waitUntil(String what, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(this.browser, WAIT).withMessage(() -> "waiting until " + what)
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until((driver) -> condition.getAsBoolean());
	}

	private void screenshot(String page) throws IOException {
		Path file = SCREENSHOTS.resolve("console-" + page + ".png");
		Files.write(file, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
		if (Boolean.getBoolean("saas.docs.update")) {
			Files.createDirectories(DOCS_IMAGES);
			Files.copy(file, DOCS_IMAGES.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private void assertNoBrowserErrors() {
		assertThat(((JavascriptExecutor) this.browser).executeScript("return window.consoleTestMarker;"))
			.as("the console was never reloaded").isEqualTo("loaded once");
		// reading the log empties it: each test sees only its own entries
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : this.browser.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
				errors.add(entry.getLevel() + " " + entry.getMessage());
			}
		}
		assertThat(errors).as("errors and warnings in the browser's console").isEmpty();
	}

	private static byte[] multipart(String boundary, byte[] photo) throws IOException {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSummit\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mountain.jpg\"\r\n"
				+ "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.write(photo);
		out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
