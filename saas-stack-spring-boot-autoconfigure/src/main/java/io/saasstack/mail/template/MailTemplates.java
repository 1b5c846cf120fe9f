package io.saasstack.mail.template;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.saasstack.mail.Email;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ITemplateResolver;
import org.thymeleaf.templateresolver.TemplateResolution;
import org.unbescape.html.HtmlEscape;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Renders mails from Thymeleaf templates. {@code render("welcome", model)} renders the template
 * {@code <prefix>welcome} in HTML mode (with Spring Boot's template resolver and the default
 * prefix {@code mail/}, that is {@code classpath:/templates/mail/welcome.html}) and, when it
 * exists, its plain-text twin {@code <prefix>welcome.txt} in TEXT mode. The subject is the
 * text of the HTML's {@code <title>}, so that it can use the model too:
 * <pre class="code">
 * &lt;title th:text="|Welcome to Acme, ${name}|"&gt;Welcome&lt;/title&gt;
 * </pre>
 * In the text twin, write values with {@code [(${name})]}: Thymeleaf's TEXT mode escapes
 * {@code [[${name}]]} as HTML ({@code &} becomes {@code &amp;amp;}), which is wrong in plain text.
 * The result is a builder: the caller adds recipients, may override the subject, and sends.
 * <pre class="code">
 * Email email = templates.render("welcome", Map.of("name", user.name()))
 *     .to(user.email())
 *     .build();
 * mailClient.send(email, "welcome-user/" + user.id());
 * </pre>
 *
 * @since 0.1.0
 */
public final class MailTemplates {

	private static final Pattern TITLE = Pattern.compile("<title(?:\\s[^>]*)?>(.*?)</title\\s*>",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern HEAD_END = Pattern.compile("</head\\s*>", Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	// segments of letters, digits, '_', '-' and inner dots, joined by '/': no "..", no absolute
	// path, no resource prefix such as "classpath:", no template expression
	private static final String SEGMENT = "[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*";

	private static final Pattern NAME = Pattern.compile(SEGMENT + "(?:/" + SEGMENT + ")*");

	private static final int MAX_NAME_LENGTH = 200;

	/** How many existence answers are kept: template names an application renders are few. */
	static final int MAX_CACHED_NAMES = 1024;

	private final ITemplateEngine engine;

	private final String prefix;

	private final @Nullable Locale defaultLocale;

	/** Whether a template exists, for resolutions the engine would cache too; bounded. */
	private final ConcurrentMap<String, Boolean> existence = new ConcurrentHashMap<>();

	/**
	 * @param engine the Thymeleaf engine, usually the application's
	 * @param prefix prepended to template names, for example {@code mail/}
	 * @param defaultLocale locale of {@link #render(String, Map)}, or null for Spring's current
	 * locale ({@link LocaleContextHolder#getLocale()}: the request's in a web request)
	 */
	public MailTemplates(ITemplateEngine engine, String prefix, @Nullable Locale defaultLocale) {
		Assert.notNull(engine, "engine must not be null");
		Assert.notNull(prefix, "prefix must not be null");
		this.engine = engine;
		this.prefix = prefix;
		this.defaultLocale = defaultLocale;
	}

	/**
	 * Renders a mail in the default locale.
	 * @param name template name without extension and prefix, for example {@code welcome}
	 * @param model the template variables
	 * @return a builder with html, the text twin when there is one, and the title as subject
	 * @throws IllegalArgumentException if the template does not exist
	 */
	public Email.Builder render(String name, Map<String, ?> model) {
		return render(name, model, (this.defaultLocale != null) ? this.defaultLocale : LocaleContextHolder.getLocale());
	}

	/**
	 * Renders a mail in the given locale (messages, number and date formats).
	 * @param name template name without extension and prefix, for example {@code welcome}
	 * @param model the template variables
	 * @param locale the locale of the recipient
	 * @return a builder with html, the text twin when there is one, and the title as subject
	 * @throws IllegalArgumentException if the name is not a template name or the template does not exist
	 */
	public Email.Builder render(String name, Map<String, ?> model, Locale locale) {
		Assert.hasText(name, "name must not be empty");
		checkName(name);
		Assert.notNull(model, "model must not be null");
		Assert.notNull(locale, "locale must not be null");
		String template = this.prefix + name;
		requireExisting(name, template);
		Context context = new Context(locale, new HashMap<String, Object>(model));
		String html = this.engine.process(new TemplateSpec(template, TemplateMode.HTML), context);
		String textTemplate = template + ".txt";
		String text = exists(textTemplate)
				? this.engine.process(new TemplateSpec(textTemplate, TemplateMode.TEXT), context) : null;
		return Email.builder().html(html).text(text).subject(title(html));
	}

	private static void checkName(String name) {
		if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid mail template name (" + Math.min(name.length(), 40)
					+ (name.length() > 40 ? "+" : "") + " characters): use letters, digits, '_', '-' and '.', "
					+ "with '/' between folders, at most " + MAX_NAME_LENGTH + " characters, for example 'welcome' "
					+ "or 'billing/invoice'");
		}
	}

	/** The number of existence answers kept, for tests. */
	int cachedNames() {
		return this.existence.size();
	}

	private void requireExisting(String name, String template) {
		if (exists(template)) {
			return;
		}
		TemplateResolution resolution = resolve(template);
		String where = (resolution != null) ? "at " + resolution.getTemplateResource().getDescription()
				: "by any resolver of the template engine";
		throw new IllegalArgumentException(
				"Mail template '" + name + "' not found: Thymeleaf template '" + template + "' was looked for " + where);
	}

	private boolean exists(String template) {
		Boolean known = this.existence.get(template);
		if (known != null) {
			return known;
		}
		TemplateResolution resolution = resolve(template);
		boolean exists = resolution != null && (resolution.isTemplateResourceExistenceVerified()
				|| resolution.getTemplateResource().exists());
		// names may come from user input: once full, answers are computed but no longer kept
		if (resolution != null && resolution.getValidity().isCacheable() && this.existence.size() < MAX_CACHED_NAMES) {
			this.existence.put(template, exists);
		}
		return exists;
	}

	// As the engine does: the first resolver that answers resolves the template, even when a
	// resolver that does not check existence answers with a resource that does not exist.
	private @Nullable TemplateResolution resolve(String template) {
		IEngineConfiguration configuration = this.engine.getConfiguration();
		for (ITemplateResolver resolver : configuration.getTemplateResolvers()) {
			TemplateResolution resolution = resolver.resolveTemplate(configuration, null, template, null);
			if (resolution != null) {
				return resolution;
			}
		}
		return null;
	}

	/** The text of the first {@code <title>} of the head, whitespace collapsed, or null. */
	static @Nullable String title(String html) {
		Matcher headEnd = HEAD_END.matcher(html);
		Matcher title = TITLE.matcher(html);
		if (headEnd.find()) {
			title.region(0, headEnd.start());
		}
		if (!title.find()) {
			return null;
		}
		String text = WHITESPACE.matcher(HtmlEscape.unescapeHtml(title.group(1))).replaceAll(" ").strip();
		return StringUtils.hasText(text) ? text : null;
	}

	@Override
	public String toString() {
		return "MailTemplates[prefix=" + this.prefix + "]";
	}

}
