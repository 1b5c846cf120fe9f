/**
 * Spring Security wiring of saas-stack tokens, for servlet and reactive applications.
 */
@NullMarked
package io.saasstack.auth.security;

import org.jspecify.annotations.NullMarked;
