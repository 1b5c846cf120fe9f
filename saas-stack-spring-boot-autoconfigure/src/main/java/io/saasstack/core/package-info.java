/**
 * The shared HTTP core used by every saas-stack provider client: one client built on Boot's
 * {@code WebClient.Builder}, one error model, one retry policy, one observation per call.
 */
@NullMarked
package io.saasstack.core;

import org.jspecify.annotations.NullMarked;
