package io.saasstack.mail.template;

import java.util.Locale;
import java.util.Map;

import io.saasstack.mail.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MailTemplates}.
 */
class MailTemplatesTests {

	private final MailTemplates templates = new MailTemplates(engine(resolver(false)), "mail/", Locale.UK);

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void rendersHtmlTextTwinAndSubjectFromTitle() {
		Email email = this.templates.render("welcome", Map.of("name", "Ada & Co", "trialDays", 14))
			.to("ada@example.com")
			.build();
		assertThat(email.subject()).isEqualTo("Welcome to Acme, Ada & Co");
		assertThat(email.html()).contains("<title>Welcome to Acme, Ada &amp; Co</title>")
			.contains("<p>Hello <span>Ada &amp; Co</span>,</p>")
			.contains("<p>Your trial lasts <b>14</b> days.</p>")
			.doesNotContain("th:");
		assertThat(email.text()).isEqualTo("Hello Ada & Co,\nYour trial lasts 14 days.\n");
		assertThat(email.to()).containsExactly("ada@example.com");
		assertThat(email.from()).isNull();
	}

	@Test
	void modelDrivesBothBodies() {
		Email email = this.templates.render("welcome", Map.of("name", "Grace", "trialDays", 0)).build();
		assertThat(email.html()).contains("<span>Grace</span>").doesNotContain("trial");
		assertThat(email.text()).isEqualTo("Hello Grace,\n\n");
	}

	@Test
	void subjectCanBeOverridden() {
		Email email = this.templates.render("welcome", Map.of("name", "Ada", "trialDays", 14))
			.subject("Your account is ready")
			.build();
		assertThat(email.subject()).isEqualTo("Your account is ready");
		assertThat(email.html()).contains("<title>Welcome to Acme, Ada</title>");
	}

	@Test
	void templateWithoutTextTwinOrTitleLeavesTextAndSubjectUnset() {
		Email email = this.templates.render("receipt", Map.of("amount", "€12.00")).build();
		assertThat(email.html()).contains("<p>Paid €12.00</p>");
		assertThat(email.text()).isNull();
		assertThat(email.subject()).isNull();
	}

	@Test
	void rendersInTheGivenLocale() {
		Email email = this.templates.render("receipt", Map.of("amount", "12"), Locale.FRANCE).build();
		assertThat(email.html()).contains("<p>fr_FR</p>");
	}

	@Test
	void rendersInTheDefaultLocale() {
		Email email = this.templates.render("receipt", Map.of("amount", "12")).build();
		assertThat(email.html()).contains("<p>en_GB</p>");
	}

	@Test
	void withoutDefaultLocaleRendersInSpringsCurrentLocale() {
		LocaleContextHolder.setLocale(Locale.GERMANY);
		MailTemplates templates = new MailTemplates(engine(resolver(false)), "mail/", null);
		Email email = templates.render("receipt", Map.of("amount", "12")).build();
		assertThat(email.html()).contains("<p>de_DE</p>");
	}

	@Test
	void missingTemplateFailsNamingTheTemplateAndWhereItWasLookedFor() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.templates.render("goodbye", Map.of()))
			.withMessage("Mail template 'goodbye' not found: Thymeleaf template 'mail/goodbye' was looked for "
					+ "at templates/mail/goodbye.html");
	}

	@Test
	void missingTemplateWithResolversThatCheckExistenceFails() {
		MailTemplates templates = new MailTemplates(engine(resolver(true)), "mail/", Locale.UK);
		assertThatIllegalArgumentException().isThrownBy(() -> templates.render("goodbye", Map.of()))
			.withMessage("Mail template 'goodbye' not found: Thymeleaf template 'mail/goodbye' was looked for "
					+ "by any resolver of the template engine");
	}

	@Test
	void resolversThatCheckExistenceFindTheTextTwin() {
		MailTemplates templates = new MailTemplates(engine(resolver(true)), "mail/", Locale.UK);
		Email email = templates.render("welcome", Map.of("name", "Ada", "trialDays", 1)).build();
		assertThat(email.text()).isEqualTo("Hello Ada,\nYour trial lasts 1 days.\n");
		assertThat(templates.render("receipt", Map.of("amount", "1")).build().text()).isNull();
	}

	@Test
	void prefixSelectsTheFolder() {
		MailTemplates templates = new MailTemplates(engine(resolver(false)), "", Locale.UK);
		assertThat(templates.render("mail/receipt", Map.of("amount", "3")).build().html()).contains("Paid 3");
		assertThatIllegalArgumentException().isThrownBy(() -> templates.render("receipt", Map.of()))
			.withMessageContaining("at templates/receipt.html");
	}

	@Test
	void titleIsTakenFromTheHeadOnly() {
		assertThat(MailTemplates.title("<html><head></head><body><svg><title>Logo</title></svg></body></html>"))
			.isNull();
		assertThat(MailTemplates.title("<html><body><svg><title>Logo</title></svg></body></html>")).isEqualTo("Logo");
		assertThat(MailTemplates.title("<HEAD><TITLE lang=\"en\">\n  Your   invoice\n  &#39;42&#39; </TITLE></HEAD>"))
			.isEqualTo("Your invoice '42'");
		assertThat(MailTemplates.title("<head><title> </title></head>")).isNull();
		assertThat(MailTemplates.title("<head><titles>x</titles></head>")).isNull();
	}

	private static TemplateEngine engine(ClassLoaderTemplateResolver resolver) {
		TemplateEngine engine = new TemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

	@Test
	void refusesNamesThatAreNotTemplateNames() {
		for (String name : new String[] { "../secrets", "mail/../../application", "/etc/passwd", "classpath:x",
				"welcome/", "a//b", "..", "~{welcome}", "welcome::frag", "wel come", "x".repeat(201) }) {
			assertThatIllegalArgumentException().as(name)
				.isThrownBy(() -> this.templates.render(name, Map.of()))
				.withMessageStartingWith("Invalid mail template name (")
				.withMessageNotContaining("passwd");
		}
		assertThat(this.templates.render("welcome", Map.of("name", "Ada")).to("a@example.com").build().html())
			.contains("Ada");
	}

	@Test
	void keepsABoundedNumberOfExistenceAnswers() {
		MailTemplates templates = new MailTemplates(engine(resolver(false)), "mail/", Locale.UK);
		for (int i = 0; i < MailTemplates.MAX_CACHED_NAMES + 500; i++) {
			String name = "missing-" + i;
			assertThatIllegalArgumentException().isThrownBy(() -> templates.render(name, Map.of()));
		}
		assertThat(templates.cachedNames()).isEqualTo(MailTemplates.MAX_CACHED_NAMES);
	}

	private static ClassLoaderTemplateResolver resolver(boolean checkExistence) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(checkExistence);
		return resolver;
	}

}
