package io.saasstack.docs.reactive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.saasstack.auth.SaasUser;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthReactiveSecurityAutoConfiguration;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.mail.local.CapturedEmail;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import io.saasstack.media.local.LocalMediaStorage;
import io.saasstack.media.local.LocalUpload;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * The README's reactive example is the code of {@link ReactiveReadmeExample}, character for
 * character, and it works as the README says: open and protected paths, the {@code SaasUser}, an
 * upload from a {@code FilePart}, a tracked {@code Mono} firing once per subscription, and the
 * reactive mail client, on the local stand-ins.
 */
class ReactiveReadmeExampleTests {

	private static final Path README = Path.of("../README.md");

	private static final Path EXAMPLE = Path
		.of("src/test/java/io/saasstack/docs/reactive/ReactiveReadmeExample.java");

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, AopAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				AuthAutoConfiguration.class, AuthReactiveSecurityAutoConfiguration.class, EventsAutoConfiguration.class,
				MailAutoConfiguration.class, MediaAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(ApiSecurity.class, Albums.class, PhotoController.class)
		.withPropertyValues("saas.auth.local-tokens.enabled=true", "saas.events.recording=true",
				"saas.mail.default-from=photos@example.com");

	@Test
	void readmeShowsTheExampleAsItIsCompiled() throws IOException {
		String source = Files.readString(EXAMPLE);
		String example = source.substring(source.indexOf("// tag::readme[]\n") + "// tag::readme[]\n".length(),
				source.indexOf("// end::readme[]"));
		assertThat(javaBlocks(Files.readString(README))).contains(example);
	}

	@Test
	void openPathsAnswerWithoutATokenAndTheOthersWantOne() {
		this.contextRunner.run((context) -> {
			WebTestClient client = client(context);
			client.get().uri("/public/ping").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("pong");
			client.get()
				.uri("/me")
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).startsWith("Bearer"));
			client.get()
				.uri("/me")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(context))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("user_ada ada@example.com");
		});
	}

	@Test
	void aTokenlessPostGets401NotACsrf403() {
		this.contextRunner.run((context) -> client(context).post()
			.uri("/albums/a1/share")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).startsWith("Bearer")));
	}

	@Test
	void uploadsAFilePartAsItArrives() {
		this.contextRunner.run((context) -> {
			byte[] photo = new byte[300_000];
			for (int i = 0; i < photo.length; i++) {
				photo[i] = (byte) (i * 31);
			}
			MultipartBodyBuilder body = new MultipartBodyBuilder();
			body.part("file", new ByteArrayResource(photo) {

				@Override
				public String getFilename() {
					return "offsite.jpg";
				}

			}).contentType(MediaType.IMAGE_JPEG);
			client(context).post()
				.uri("/photos")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(context))
				.body(BodyInserters.fromMultipartData(body.build()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.id")
				.isEqualTo("photos/user_ada/offsite.jpg");
			LocalUpload upload = context.getBean(LocalMediaStorage.class).get("photos/user_ada/offsite.jpg").orElseThrow();
			assertThat(upload.folder()).isEqualTo("photos/user_ada");
			assertThat(upload.content()).isEqualTo(photo);
		});
	}

	@Test
	void sharingSendsOneMailAndTracksOneEventPerSubscription() {
		this.contextRunner.run((context) -> {
			client(context).post()
				.uri("/albums/a1/share")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(context))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("https://photos.example.com/albums/a1");
			List<CapturedEmail> mails = context.getBean(CapturingMailClient.class).captured();
			assertThat(mails).singleElement().satisfies((mail) -> {
				assertThat(mail.idempotencyKey()).isEqualTo("album-shared/a1/user_ada");
				assertThat(mail.email().to()).containsExactly("ada@example.com");
				assertThat(mail.email().text()).isEqualTo("https://photos.example.com/albums/a1");
			});
			// as the README warns: one Mono subscribed twice fires its event twice
			SaasUser ada = new SaasUser("local", "user_ada", null, "ada@example.com", null, null, Map.of(), Map.of(),
					null, null, Map.of());
			Mono<String> shared = context.getBean(Albums.class).share(ada, "a2");
			shared.block(Duration.ofSeconds(5));
			shared.block(Duration.ofSeconds(5));
			assertThat(context.getBean(EventTracker.class).flush(Duration.ofSeconds(5))).isTrue();
			RecordingLogSnagClient recorder = context.getBean(RecordingLogSnagClient.class);
			assertThat(recorder.awaitRequests(3, Duration.ofSeconds(5))).isTrue();
			List<String> events = new ArrayList<>();
			for (LogEvent event : recorder.events()) {
				events.add(event.channel() + " " + event.event() + " " + event.userId() + " " + event.tags());
			}
			assertThat(events).containsExactly("albums Album Shared user_ada {album=a1}",
					"albums Album Shared user_ada {album=a2}", "albums Album Shared user_ada {album=a2}");
		});
	}

	private static WebTestClient client(AssertableReactiveWebApplicationContext context) {
		return WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build();
	}

	private static String token(AssertableReactiveWebApplicationContext context) {
		return context.getBean(LocalTokenIssuer.class)
			.issue(LocalToken.user("user_ada").email("ada@example.com").build());
	}

	private static List<String> javaBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?ms)^```java\n(.*?)^```$").matcher(markdown);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

}
