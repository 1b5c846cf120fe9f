package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.ReactiveUserDirectory;
import io.saasstack.auth.UserDirectory;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.clerk.ClerkOrganizations;
import io.saasstack.auth.clerk.ClerkUsers;
import io.saasstack.auth.clerk.ReactiveClerkOrganizations;
import io.saasstack.auth.supabase.SupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseUsers;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.health.SaasHealthCheck;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 7: the admin clients and their health exist for every provider whose keys are
 * set, whichever provider verifies tokens.
 */
class AuthAdminClientsAutoConfigurationTests {

	private static final String CLERK_SECRET = "saas.auth.clerk.secret-key=sk_test_admin0123456789";

	private static final String SUPABASE_URL = "saas.auth.supabase.url=https://abcdefghijklmnop.supabase.co";

	private static final String SUPABASE_SECRET = "saas.auth.supabase.secret-key=sb_secret_admin0123456789";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthHealthContributorAutoConfiguration.class));

	@Test
	void clerkVerifiesTokensAndSupabaseAdminKeysStillGiveSupabaseUsersAndHealth() {
		this.contextRunner
			.withPropertyValues("saas.auth.provider=clerk", "saas.auth.clerk.jwt-key=" + AuthTokens.pem(), SUPABASE_URL,
					SUPABASE_SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ClerkJwtDecoder.class)
					.doesNotHaveBean(SupabaseJwtDecoder.class)
					.hasSingleBean(SupabaseUsers.class)
					.doesNotHaveBean(ClerkUsers.class)
					.hasBean("supabaseHealthCheck")
					.doesNotHaveBean("clerkHealthCheck");
				assertThat(context.getBean(ReactiveUserDirectory.class)).isSameAs(context.getBean(SupabaseUsers.class));
				assertThat(context).hasSingleBean(UserDirectory.class);
			});
	}

	@Test
	void supabaseVerifiesTokensAndAClerkSecretKeyStillGivesClerkUsersAndHealth() {
		this.contextRunner.withPropertyValues("saas.auth.provider=supabase", SUPABASE_URL, CLERK_SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SupabaseJwtDecoder.class)
					.doesNotHaveBean(ClerkJwtDecoder.class)
					.hasSingleBean(ClerkUsers.class)
					.doesNotHaveBean(SupabaseUsers.class)
					.hasBean("clerkHealthCheck")
					.hasBean("supabaseHealthCheck");
				assertThat(context.getBean("clerkHealthCheck", SaasHealthCheck.class).name()).isEqualTo("clerk");
				assertThat(context.getBean(ReactiveUserDirectory.class)).isSameAs(context.getBean(ClerkUsers.class));
				assertThat(context).hasSingleBean(UserDirectory.class);
			});
	}

	@Test
	void withBothAdminKeysBothClientsExistAndTheDirectoryIsTheTokenProvidersOne() {
		this.contextRunner.withPropertyValues("saas.auth.provider=supabase", SUPABASE_URL, SUPABASE_SECRET, CLERK_SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("clerkUsers").hasBean("supabaseUsers")
					.hasBean("clerkHealthCheck")
					.hasBean("supabaseHealthCheck");
				assertThat(context.getBean(ReactiveUserDirectory.class)).isSameAs(context.getBean("supabaseUsers"));
				assertThat(context.getBean(UserDirectory.class).provider()).isEqualTo("supabase");
			});
		this.contextRunner.withPropertyValues("saas.auth.provider=clerk", SUPABASE_URL, SUPABASE_SECRET, CLERK_SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("clerkUsers").hasBean("supabaseUsers");
				assertThat(context.getBean(ReactiveUserDirectory.class)).isSameAs(context.getBean("clerkUsers"));
			});
	}

	@Test
	void aUserDirectoryOfYourOwnIsInjectedAndTheProviderClientsStay() {
		ReactiveUserDirectory own = Mockito.mock(ReactiveUserDirectory.class);
		this.contextRunner.withPropertyValues("saas.auth.provider=clerk", CLERK_SECRET, SUPABASE_URL, SUPABASE_SECRET)
			.withBean("ownDirectory", ReactiveUserDirectory.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ClerkUsers.class).hasSingleBean(SupabaseUsers.class);
				assertThat(context.getBean(ReactiveUserDirectory.class)).isSameAs(own);
			});
	}

	@Test
	void clerkOrganizationsComeWithTheClerkSecretKeyWhicheverProviderVerifiesTokens() {
		this.contextRunner.withPropertyValues("saas.auth.provider=supabase", SUPABASE_URL, CLERK_SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ReactiveClerkOrganizations.class)
					.hasSingleBean(ClerkOrganizations.class);
				assertThat(context.getBean(ClerkOrganizations.class).toString()).doesNotContain("sk_test_admin0123456789");
			});
		this.contextRunner.withPropertyValues("saas.auth.provider=supabase", SUPABASE_URL, SUPABASE_SECRET)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReactiveClerkOrganizations.class)
				.doesNotHaveBean(ClerkOrganizations.class));
	}

	@Test
	void yourOwnClerkOrganizationsAreUsed() {
		ReactiveClerkOrganizations own = Mockito.mock(ReactiveClerkOrganizations.class);
		this.contextRunner.withPropertyValues("saas.auth.provider=supabase", SUPABASE_URL, CLERK_SECRET)
			.withBean(ReactiveClerkOrganizations.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ReactiveClerkOrganizations.class);
				assertThat(context.getBean(ReactiveClerkOrganizations.class)).isSameAs(own);
				assertThat(context.getBean(ClerkOrganizations.class)).hasToString("ClerkOrganizations[" + own + "]");
			});
	}

	@Test
	void supabaseSecretKeyWithoutAUrlFailsStartupNamingTheUrl() {
		this.contextRunner.withPropertyValues("saas.auth.provider=clerk", CLERK_SECRET, SUPABASE_SECRET)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.supabase.url")
				.hasMessageNotContaining("sb_secret_admin0123456789"));
	}

}
