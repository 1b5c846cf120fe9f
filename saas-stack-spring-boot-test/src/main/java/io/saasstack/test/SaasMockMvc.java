package io.saasstack.test;

import io.saasstack.auth.local.LocalToken;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.Assert;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * MockMvc requests carrying a token of the {@link SaasTestTokens} bean:
 * {@code mvc.perform(get("/me").with(SaasMockMvc.user("user_1")))}.
 *
 * @since 0.1.0
 */
public final class SaasMockMvc {

	private SaasMockMvc() {
	}

	/** Adds {@code Authorization: Bearer <token>} for the given user. */
	public static RequestPostProcessor user(String userId) {
		Assert.hasText(userId, "userId must not be empty");
		return user(LocalToken.user(userId).build());
	}

	/** Adds {@code Authorization: Bearer <token>} with a token of the given content. */
	public static RequestPostProcessor user(LocalToken token) {
		Assert.notNull(token, "token must not be null");
		return (request) -> {
			WebApplicationContext context = WebApplicationContextUtils
				.getRequiredWebApplicationContext(request.getServletContext());
			String bearer = context.getBean(SaasTestTokens.class).bearer(token);
			request.removeHeader(HttpHeaders.AUTHORIZATION);
			request.addHeader(HttpHeaders.AUTHORIZATION, bearer);
			return request;
		};
	}

}
