package io.saasstack.test;

import java.time.Duration;

import io.saasstack.events.EventTracker;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.media.local.LocalMediaStorage;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.util.ClassUtils;

/**
 * Before each test method of a test with {@link AutoConfigureSaasStack}: waits for events still
 * queued, then clears recorded events, captured mails and kept uploads, and resets the WireMock
 * request journal (stubs are kept). Only when the context is already loaded: a fresh context has
 * nothing to forget.
 */
class SaasStackTestExecutionListener extends AbstractTestExecutionListener {

	private static final String WIREMOCK_SERVER = "com.github.tomakehurst.wiremock.WireMockServer";

	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureSaasStack.class)
				|| !testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		// events tracked by the previous test may still be queued
		context.getBeanProvider(EventTracker.class).forEach((tracker) -> tracker.flush(FLUSH_TIMEOUT));
		context.getBeanProvider(RecordingLogSnagClient.class).forEach(RecordingLogSnagClient::clear);
		context.getBeanProvider(CapturingMailClient.class).forEach(CapturingMailClient::clear);
		context.getBeanProvider(LocalMediaStorage.class).forEach(LocalMediaStorage::clear);
		if (ClassUtils.isPresent(WIREMOCK_SERVER, getClass().getClassLoader())) {
			WireMockReset.reset(context);
		}
	}

	/** Kept apart so that WireMock is loaded only when present. */
	private static final class WireMockReset {

		static void reset(ApplicationContext context) {
			if (context.containsBean(SaasWireMock.BEAN_NAME)) {
				context.getBean(SaasWireMock.BEAN_NAME, com.github.tomakehurst.wiremock.WireMockServer.class)
					.resetRequests();
			}
		}

	}

}
