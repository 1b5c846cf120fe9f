package io.saasstack.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Prepares an application's {@code @SpringBootTest} for saas-stack. Properties added before the
 * context starts (they win over {@code application.properties}):
 * <ul>
 * <li>events are recorded ({@code saas.events.recording}: a {@code RecordingLogSnagClient}
 * bean), mails captured ({@code saas.mail.capture.enabled}: {@code CapturingMailClient}) and
 * uploads kept in memory ({@code saas.media.capture.enabled}: {@code LocalMediaStorage}); all
 * three are cleared before each test method;</li>
 * <li>a {@link SaasTestTokens} bean mints tokens the application accepts: shaped for the
 * configured Clerk or Supabase project, whose verifier then trusts the kit's key (no network),
 * or local development tokens when no provider is configured.</li>
 * </ul>
 * With {@link #wireMock()}, nothing is captured: every provider's base URL points to one WireMock
 * server per context, with placeholder credentials where none are set and ready stubs answering
 * as the providers do; the {@code WireMockServer} bean serves {@code verify(...)}, and its
 * request journal is reset before each test method (stubs are kept).
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureSaasStack {

	/**
	 * Whether to use the real HTTP clients against a WireMock server with ready stubs instead of
	 * capturing events, mails and uploads. Needs {@code org.wiremock:wiremock-standalone}.
	 * @return whether to point the providers at WireMock
	 */
	boolean wireMock() default false;

}
