package io.saasstack.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.local.LocalMediaStorage;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The local console: answers every request below its path, for the servlet
 * ({@link ConsoleMvcRoutes}) and the reactive ({@link ConsoleFluxRoutes}) routes alike. The page
 * is {@code <path>/}; the JSON endpoints are below {@code <path>/api/} (see
 * {@code docs/console.md}). A section whose area runs on a real provider shows nothing and says
 * so: the console only reads what the local stand-ins kept, through their own storage.
 * <pre class="code">
 * LocalConsole console = LocalConsole.builder("/saas/console").mails(capturingMailClient).build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class LocalConsole {

	private final String path;

	private final ConsoleAssets assets = new ConsoleAssets();

	private final @Nullable MailsSection mails;

	private final @Nullable EventsSection events;

	private final @Nullable UploadsSection uploads;

	private final @Nullable TokensSection tokens;

	private final ConsoleWebhookLog webhooks;

	private final List<String> webhookPaths;

	private final Map<String, String> realProviders;

	private LocalConsole(Builder builder) {
		this.path = builder.path;
		this.mails = (builder.mails != null) ? new MailsSection(builder.mails) : null;
		this.events = (builder.events != null) ? new EventsSection(builder.events) : null;
		this.uploads = (builder.uploads != null) ? new UploadsSection(builder.uploads, builder.urls) : null;
		this.tokens = (builder.tokens != null) ? new TokensSection(builder.tokens) : null;
		this.webhooks = builder.webhooks;
		this.webhookPaths = List.copyOf(builder.webhookPaths);
		this.realProviders = Map.copyOf(builder.realProviders);
	}

	/**
	 * Starts a console served at the given path.
	 * @param path where the console is served, such as {@code /saas/console}
	 */
	public static Builder builder(String path) {
		return new Builder(path);
	}

	/** Where the console is served: starts with a slash, never ends with one. */
	public String path() {
		return this.path;
	}

	/** Whether at least one area runs on its local stand-in. */
	public boolean hasLocalSection() {
		return this.mails != null || this.events != null || this.uploads != null || this.tokens != null;
	}

	/**
	 * Answers a request.
	 * @param request the request, its path below the console's
	 * @return the response
	 */
	public ConsoleResponse handle(ConsoleRequest request) {
		Assert.notNull(request, "request must not be null");
		String relative = request.path();
		if (relative.isEmpty()) {
			return ConsoleResponse.redirect(this.path.substring(this.path.lastIndexOf('/') + 1) + "/");
		}
		List<String> segments = new ArrayList<>(Arrays.asList(relative.substring(1).split("/", -1)));
		segments.removeIf(String::isEmpty);
		if (segments.isEmpty()) {
			return this.assets.get("index.html");
		}
		if (!segments.get(0).equals("api")) {
			ConsoleResponse asset = (segments.size() == 1 && !segments.get(0).equals("index.html"))
					? this.assets.get(segments.get(0)) : null;
			return (asset != null && request.method().equals("GET")) ? asset : ConsoleResponse.notFound();
		}
		if (segments.size() < 2) {
			return ConsoleResponse.notFound();
		}
		String section = segments.get(1);
		List<String> rest = segments.subList(2, segments.size());
		if (!request.method().equals("GET") && !section.equals("tokens")) {
			return ConsoleResponse.error(405, "Only GET");
		}
		return switch (section) {
			case "status" -> ConsoleResponse.json(status());
			case "mails" -> (this.mails != null) ? this.mails.handle(rest) : off("mails");
			case "events" -> (this.events != null && rest.isEmpty()) ? this.events.handle(request) : off("events");
			case "uploads" -> (this.uploads != null) ? this.uploads.handle(rest, request) : off("uploads");
			case "tokens" -> (this.tokens != null && rest.isEmpty()) ? this.tokens.handle(request) : off("tokens");
			case "webhooks" -> rest.isEmpty() ? ConsoleResponse.json(this.webhooks.newestFirst()) : ConsoleResponse.notFound();
			default -> ConsoleResponse.notFound();
		};
	}

	private ConsoleResponse off(String section) {
		return ConsoleResponse.error(404, note(section));
	}

	private Map<String, Object> status() {
		Map<String, Object> sections = new LinkedHashMap<>();
		sections.put("mails", section("mails", this.mails != null));
		sections.put("events", section("events", this.events != null));
		sections.put("uploads", section("uploads", this.uploads != null));
		sections.put("tokens", section("tokens", this.tokens != null));
		Map<String, Object> webhooks = new LinkedHashMap<>();
		webhooks.put("local", true);
		webhooks.put("endpoints", this.webhookPaths);
		webhooks.put("note", this.webhookPaths.isEmpty() ? "No webhook endpoint is configured (set a provider's "
				+ "webhook secret, see saas.webhooks.*)" : "Every request to " + String.join(", ", this.webhookPaths));
		sections.put("webhooks", webhooks);
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("path", this.path);
		status.put("sections", sections);
		return status;
	}

	private Map<String, Object> section(String name, boolean local) {
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("local", local);
		section.put("provider", local ? "local" : this.realProviders.getOrDefault(name, "none"));
		section.put("note", local ? "Kept by the local stand-in" : note(name));
		return section;
	}

	private String note(String section) {
		String provider = this.realProviders.get(section);
		if (section.equals("tokens")) {
			return "Local tokens are off: " + ((provider != null) ? "the identity provider " + provider
					+ " is configured, use its tokens" : "set saas.auth.local-tokens.enabled=true");
		}
		return "This area runs on " + ((provider != null) ? provider : "a real provider")
				+ ": nothing is kept locally, see the provider's dashboard";
	}

	@Override
	public String toString() {
		return "LocalConsole[" + this.path + "]";
	}

	/**
	 * Builder of a {@link LocalConsole}: each area given its local stand-in is shown, the others
	 * say which provider they run on.
	 */
	public static final class Builder {

		private final String path;

		private @Nullable CapturingMailClient mails;

		private @Nullable Supplier<List<LogSnagRequest>> events;

		private @Nullable LocalMediaStorage uploads;

		private @Nullable MediaUrls urls;

		private @Nullable LocalTokenIssuer tokens;

		private ConsoleWebhookLog webhooks = new ConsoleWebhookLog(1);

		private List<String> webhookPaths = List.of();

		private final Map<String, String> realProviders = new LinkedHashMap<>();

		private Builder(String path) {
			Assert.isTrue(path != null && path.startsWith("/") && !path.endsWith("/") && !path.contains("//"),
					"path must start with '/' and not end with one, as /saas/console");
			this.path = path;
		}

		/** The captured mails. */
		public Builder mails(CapturingMailClient mails) {
			this.mails = mails;
			return this;
		}

		/** The kept LogSnag requests, oldest first. */
		public Builder events(Supplier<List<LogSnagRequest>> events) {
			this.events = events;
			return this;
		}

		/**
		 * The kept uploads.
		 * @param urls the URLs the provider would serve them at, or null when none is configured
		 */
		public Builder uploads(LocalMediaStorage uploads, @Nullable MediaUrls urls) {
			this.uploads = uploads;
			this.urls = urls;
			return this;
		}

		/** The issuer of local tokens, for the token form. */
		public Builder tokens(LocalTokenIssuer tokens) {
			this.tokens = tokens;
			return this;
		}

		/**
		 * The log of received webhooks.
		 * @param paths the paths of the webhook endpoints
		 */
		public Builder webhooks(ConsoleWebhookLog log, List<String> paths) {
			this.webhooks = log;
			this.webhookPaths = paths;
			return this;
		}

		/**
		 * Names the provider an area runs on, for its section's note.
		 * @param section {@code mails}, {@code events}, {@code uploads} or {@code tokens}
		 */
		public Builder realProvider(String section, String provider) {
			this.realProviders.put(section, provider);
			return this;
		}

		public LocalConsole build() {
			return new LocalConsole(this);
		}

	}

}
