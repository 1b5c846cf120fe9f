/**
 * Test kit for applications using saas-stack: {@link io.saasstack.test.AutoConfigureSaasStack}
 * captures events, mails and uploads, mints tokens for the configured auth provider and,
 * optionally, points every provider at a WireMock server with ready stubs.
 */
@NullMarked
package io.saasstack.test;

import org.jspecify.annotations.NullMarked;
