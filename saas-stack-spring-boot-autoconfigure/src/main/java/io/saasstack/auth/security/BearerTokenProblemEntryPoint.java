package io.saasstack.auth.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Spring Security's {@link BearerTokenAuthenticationEntryPoint} (status and
 * {@code WWW-Authenticate}) with an RFC 9457 problem body that says the same thing, for clients
 * that read bodies rather than headers.
 *
 * @since 0.1.0
 */
public final class BearerTokenProblemEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint delegate = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		this.delegate.commence(request, response, failure);
		if (!response.isCommitted()) {
			byte[] body = TokenProblem.body(response.getStatus(), failure, request.getRequestURI());
			response.setContentType(TokenProblem.CONTENT_TYPE);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}
	}

}
